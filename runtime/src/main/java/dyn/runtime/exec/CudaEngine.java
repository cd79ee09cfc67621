package dyn.runtime.exec;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.cuda.CudaProgram;
import dyn.runtime.backend.cuda.CudaUnavailable;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.Ticker;
import dyn.runtime.dynamics.Trainer;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;

/**
 * The numerics with training on the GPU. Datasets and θ(0) are drawn on the CPU from the same
 * counter-based streams and uploaded, so a seed gives the CPU backend's numbers by construction;
 * each train step's objective (forward, loss seed, reverse mode) runs device-resident in a
 * {@link CudaProgram}. Observables, AGF predictions and analyses stay on the CPU.
 */
final class CudaEngine implements Engine {
  /** Device programs; a device that vanished after the probe surfaces as a step failure. */
  static final ProgramFactory PROGRAMS =
      (graph, shapes, inputRows, n) -> {
        try {
          return CudaProgram.compile(graph, shapes, inputRows, n);
        } catch (CudaUnavailable e) {
          throw new IllegalStateException("the cuda backend is unavailable: " + e.getMessage(), e);
        }
      };

  @Override
  public Dataset generate(DataStep step) {
    return DataGenerator.generate(step);
  }

  @Override
  public Parameters draw(ModelStep step, Dataset alignedTo) {
    return Initializer.draw(step, alignedTo);
  }

  @Override
  public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data)
      throws TrainingFailure {
    return Trainer.train(step, model, theta0, data, PROGRAMS);
  }

  @Override
  public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
      Ticker ticker) throws TrainingFailure {
    return Trainer.train(step, model, theta0, data, PROGRAMS, ticker);
  }
}
