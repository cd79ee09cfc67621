package dyn.runtime.graph;

/**
 * Starts compiling the fused kernels as the JVM starts, before the front end parses the script:
 * the ./dyn launcher names the runtime jar as a Java agent for {@code dyn run}. The JIT needs
 * some 0.3 s of a spare core to compile vector-API code; started here, that overlaps with
 * parsing and planning instead of with the first training steps.
 */
public final class WarmUpAgent {
  private WarmUpAgent() {}

  /** The agent entry point. */
  public static void premain(String args) {
    Program.warmUpFusedPath();
  }
}
