package dyn.runtime.data;

import dyn.compiler.plan.DataStep;

/** Generates a dataset by evaluating a {@link DataStep}'s graph once. */
public final class DataGenerator {
  private DataGenerator() {}

  /** Evaluates the step's graph and names its outputs. */
  public static Dataset generate(DataStep step) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
