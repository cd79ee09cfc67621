package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;

/** Runs one train step: gradient flow, gradient descent or SGD, recording on the grid. */
public final class Trainer {
  private Trainer() {}

  /**
   * Trains from a copy of theta0 and records the step's observables at its grid times.
   *
   * @throws TrainingFailure on NaN, divergence or an integrator failure
   */
  public static Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data)
      throws TrainingFailure {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
