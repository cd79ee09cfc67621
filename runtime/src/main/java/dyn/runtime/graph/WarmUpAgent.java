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
   * The agent entry point. {@code args} is "float32" when the launcher saw the script mention
   * float32: those runs warm up the single-precision kernels instead, since on a 2-core machine
   * warming both at once delays both. Only a head start either way: the executor starts each
   * warm-up its plan needs (a float32 script that also trains in float64 warms that later).
   */
  public static void premain(String args) {
    if ("float32".equals(args)) {
      Program.warmUpFloat32Path();
    } else {
      Program.warmUpFusedPath();
    }
  }
}
