package dyn.runtime.graph;

/**
 * Starts compiling the fused kernels as the JVM starts, before the front end parses the script:
 * the ./dyn launcher names the runtime jar as a Java agent for {@code dyn run}. The JIT needs
 * some 0.3 s of a spare core to compile vector-API code; started here, that overlaps with
 * parsing and planning instead of with the first training steps.
 */
public final class WarmUpAgent {
  private WarmUpAgent() {}

  /**
   * The agent entry point. {@code args} lists, comma-separated, "float32" when the launcher saw
   * the script mention float32 and "kernels" when it saw an eigenframework prediction. float32
   * runs warm up the single-precision kernels instead, since on a 2-core machine warming both at
   * once delays both. Only a head start either way: the executor starts each
   * warm-up its plan needs (a float32 script that also trains in float64 warms that later).
   */
  public static void premain(String args) {
    java.util.List<String> wants = args == null ? java.util.List.of()
        : java.util.Arrays.asList(args.split(","));
    if (wants.contains("float32")) {
      Program.warmUpFloat32Path();
    } else {
      Program.warmUpFusedPath();
    }
    // "kernels": the script predicts an eigenframework, whose loops compile in a few ms of a
    // spare core (KernelWarmUp).
    if (wants.contains("kernels")) dyn.runtime.kernel.KernelWarmUp.start();
  }
}
