package dyn.runtime.backend;

/**
 * A per-thread scratch array for kernels that need a temporary (a transposed operand). It only
 * grows, so a training loop allocates it once and then reuses it every step.
 */
final class Scratch {
  private static final ThreadLocal<double[][]> BUF = ThreadLocal.withInitial(() -> new double[1][0]);

  private Scratch() {}

  /** An array of at least {@code len} elements; its contents are garbage. */
  static double[] get(int len) {
    double[][] holder = BUF.get();
    if (holder[0].length < len) holder[0] = new double[len];
    return holder[0];
  }
}
