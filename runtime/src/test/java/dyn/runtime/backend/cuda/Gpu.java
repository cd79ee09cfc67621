package dyn.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU tests' gate: on a machine without a usable GPU they are skipped, loudly (a line on
 * stderr and the JUnit skip reason say what is missing), so CI stays green and nobody mistakes a
 * skip for a pass.
 */
final class Gpu {
  private Gpu() {}

  private static String missing;
  private static boolean probed;
  private static final java.util.Set<String> announced = new java.util.HashSet<>();

  /** Why the GPU cannot be used, or null when it can. */
  static synchronized String missing() {
    if (!probed) {
      probed = true;
      try {
        CudaDevice d = CudaDevice.open();
        System.err.println("GPU tests run on " + d.describe());
      } catch (CudaUnavailable e) {
        missing = e.getMessage();
      }
    }
    return missing;
  }

  /** Skips the calling test when there is no GPU, saying so once per kind of test. */
  static void require(String what) {
    String why = missing();
    boolean first;
    synchronized (Gpu.class) {
      first = announced.add(what);
    }
    if (why != null && first) {
      System.err.println("SKIPPED (no GPU): " + what + " — " + why
          + "; CPU/GPU parity is NOT verified on this machine (tools/gpu/run-parity.sh)");
    }
    // On the GPU machine (tools/gpu/run-parity.sh) a missing GPU is a failure, not a skip.
    if (why != null && Boolean.getBoolean("dyn.gpu.required")) {
      fail("dyn.gpu.required is set but the GPU cannot be used: " + why);
    }
    assumeTrue(why == null, "no GPU: " + why + " — " + what + " not verified here");
  }
}
