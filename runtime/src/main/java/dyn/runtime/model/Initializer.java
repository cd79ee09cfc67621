package dyn.runtime.model;

import dyn.compiler.plan.ModelStep;
import dyn.runtime.data.Dataset;

/** Draws θ(0) for a model step. */
public final class Initializer {
  private Initializer() {}

  /**
   * Draws the initial parameters.
   *
   * @param step the model step (spec and init rule)
   * @param alignedTo the dataset named by {@code step.init().alignedTo()}, or null when unused
   */
  public static Parameters draw(ModelStep step, Dataset alignedTo) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
