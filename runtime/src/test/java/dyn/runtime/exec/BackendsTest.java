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
  @Test
  void cpuIsTheCpuEngineWithoutANote() throws CudaUnavailable {
    Backends.Choice c = Backends.select("cpu");
    assertEquals("cpu", c.name());
    assertSame(Engine.CPU, c.engine());
    assertNull(c.note());
  }

  @Test
  void unknownNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu"));
    assertTrue(e.getMessage().contains("unknown backend `tpu` (expected cpu, auto or cuda)"), e.getMessage());
  }

  @Test
  void withoutAGpuCudaIsAnErrorNamingWhatIsMissingAndAutoIsCpu() throws CudaUnavailable {
    assumeFalse(CudaDevice.available(), "a GPU is present: the no-GPU path cannot be checked here");
    CudaUnavailable e = assertThrows(CudaUnavailable.class, () -> Backends.select("cuda"));
    // This machine kind has no NVIDIA driver; elsewhere the message names the missing device.
    assertTrue(e.getMessage().contains("libcuda.so.1") || e.getMessage().contains("GPU")
        || e.getMessage().contains("device"), e.getMessage());
    Backends.Choice auto = Backends.select("auto");
    assertEquals("cpu", auto.name());
    assertSame(Engine.CPU, auto.engine());
    assertTrue(auto.note().startsWith("backend auto: using cpu (no usable GPU: "), auto.note());
    assertTrue(auto.note().contains(e.getMessage()), auto.note());
  }

  @Test
  void withAGpuAutoPicksCudaAndSaysWhichDevice() throws CudaUnavailable {
    assumeTrue(CudaDevice.available(), "no GPU: auto → cuda is not checked here");
    Backends.Choice auto = Backends.select("auto");
    assertEquals("cuda", auto.name());
    assertEquals(1, auto.threads());
    assertTrue(auto.note().startsWith("backend auto: using cuda ("), auto.note());
  }
}
