package dyn.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dyn.runtime.backend.cuda.CudaDevice;
import dyn.runtime.backend.cuda.CudaUnavailable;
import org.junit.jupiter.api.Test;

/** Backend selection: cpu, cuda and auto, on a machine with a GPU and on one without. */
class BackendsTest {
  // auto on a study large enough for a GPU: AutoBackendTest (cli), which compiles real scripts.
  @Test
  void cpuIsTheCpuEngineWithoutANote() throws CudaUnavailable {
    Backends.Choice c = Backends.select("cpu", null);
    assertEquals("cpu", c.name());
    assertSame(Engine.CPU, c.engine());
    assertNull(c.note());
  }

  @Test
  void unknownNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu", null));
    assertTrue(e.getMessage().contains("unknown backend `tpu` (expected cpu, auto or cuda)"), e.getMessage());
  }

  @Test
  void withoutAGpuCudaIsAnErrorNamingWhatIsMissing() throws CudaUnavailable {
    assumeFalse(CudaDevice.available(), "a GPU is present: the no-GPU path cannot be checked here");
    CudaUnavailable e = assertThrows(CudaUnavailable.class, () -> Backends.select("cuda", null));
    // This machine kind has no NVIDIA driver; elsewhere the message names the missing device.
    assertTrue(e.getMessage().contains("libcuda.so.1") || e.getMessage().contains("GPU")
        || e.getMessage().contains("device"), e.getMessage());
  }

  @Test
  void autoKeepsASmallStudyOnTheCpuWhateverTheMachine() throws CudaUnavailable {
    // ExecutorTest's plan trains a 1×1 model: far below the work from which a GPU pays.
    Backends.Choice auto = Backends.select("auto", ExecutorTest.plan());
    assertEquals("cpu", auto.name());
    assertSame(Engine.CPU, auto.engine());
    assertTrue(auto.note().startsWith("backend auto: using cpu (the largest training does 1 multiply–adds"), auto.note());
  }
}
