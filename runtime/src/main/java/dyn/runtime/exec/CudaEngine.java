package dyn.runtime.exec;

import dyn.runtime.backend.cuda.CudaProgram;
import dyn.runtime.backend.cuda.CudaUnavailable;
import dyn.runtime.graph.ProgramFactory;

/**
 * The numerics with training on the GPU. Datasets and θ(0) are drawn on the CPU from the same
 * counter-based streams and uploaded, so a seed gives the CPU backend's numbers by construction;
 * each train step's objective (forward, loss seed, reverse mode) runs device-resident in a
 * {@link CudaProgram}. Observables, AGF predictions and analyses stay on the CPU.
 */
final class CudaEngine {
  private CudaEngine() {}

  /** Device programs; a device that vanished after the probe surfaces as a step failure. */
  static final ProgramFactory PROGRAMS =
      (graph, shapes, inputRows, n) -> {
        try {
          return CudaProgram.compile(graph, shapes, inputRows, n);
        } catch (CudaUnavailable e) {
          throw new IllegalStateException("the cuda backend is unavailable: " + e.getMessage(), e);
        }
      };

  /** The engine: trains on the device, everything else as on the CPU. */
  static Engine create() {
    return Engine.on(PROGRAMS);
  }
}
