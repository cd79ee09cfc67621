package dyn.compiler.check;

import dyn.compiler.plan.Observable;

/**
 * Whether a train's empirical NTK fits in memory: the runtime holds the (n·c)×P Jacobian and a
 * few (n·c)×(n·c) kernels at once (see the runtime's JacobianKernel), so a script asking for
 * more is refused with the sizes, before anything runs.
 */
final class EmpiricalKernelSize {
  /** The most entries one Java array (one kernel or Jacobian) can hold. */
  static final double MAX_ENTRIES = Integer.MAX_VALUE - 8;

  private EmpiricalKernelSize() {}

  /** The reason {@code obs} cannot be recorded for train t, or null when it can. */
  static String refusal(Observable obs, Trains.TrainInfo t, long heapBytes) {
    long rows = (long) t.data().result().samples() * t.model().spec().outputDim();
    long params = t.model().spec().parameterCount();
    double jacobian = (double) rows * params;
    double kernel = (double) rows * rows;
    double bytes = 8 * (jacobian + 4 * kernel);
    if (jacobian <= MAX_ENTRIES && kernel <= MAX_ENTRIES && bytes <= heapBytes / 2.0) return null;
    return "`" + obs.scriptName() + "` needs the empirical NTK of model `"
        + t.model().step().name() + "` on the " + t.data().result().samples()
        + " inputs of train `" + t.name() + "`: a " + rows + "×" + params + " Jacobian and "
        + rows + "×" + rows + " kernels, " + String.format(java.util.Locale.ROOT, "%.1f",
            bytes / (1L << 30)) + " GiB, which is too large to hold (use fewer samples)";
  }
}
