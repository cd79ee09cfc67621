package dyn.runtime.exec;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.TrainStep;
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
 * The numerics the executor drives. The executor only sequences and reports; tests substitute a
 * hand-made engine to check scheduling, failures and sinks without the real numerics.
 */
public interface Engine {
  /** Generates a dataset. */
  Dataset generate(DataStep step);

  /** Draws θ(0); alignedTo is the dataset of {@code init.alignedTo()}, or null. */
  Parameters draw(ModelStep step, Dataset alignedTo);

  /** Trains from a copy of theta0. */
  Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data) throws TrainingFailure;

  /** Trains from a copy of theta0, reporting progress through the ticker; engines may ignore it. */
  default Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data, Ticker ticker)
      throws TrainingFailure {
    return train(step, model, theta0, data);
  }

  /** The CPU numerics of this build. */
  Engine CPU = on(ProgramFactory.CPU);

  /**
   * The engine whose trains compile their objective with {@code programs} (the CPU's, or a
   * device's). Datasets and θ(0) are always drawn on the CPU from the counter-based streams, so a
   * seed gives the same numbers whatever runs the trains.
   */
  static Engine on(ProgramFactory programs) {
    return new Engine() {
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
        return Trainer.train(step, model, theta0, data, programs);
      }

      @Override
      public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
          Ticker ticker) throws TrainingFailure {
        return Trainer.train(step, model, theta0, data, programs, ticker);
      }
    };
  }
}
