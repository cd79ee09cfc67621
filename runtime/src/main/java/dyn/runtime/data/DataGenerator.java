package dyn.runtime.data;

import dyn.compiler.plan.DataStep;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.graph.Program;
import java.util.ArrayList;
import java.util.List;

/** Generates a dataset by evaluating a {@link DataStep}'s graph once. */
public final class DataGenerator {
  private DataGenerator() {}

  /** Evaluates the step's graph and names its outputs. */
  public static Dataset generate(DataStep step) {
    Program program = Program.compileData(step.graph(), CpuBackend.INSTANCE);
    program.forward();
    List<Matrix> values = new ArrayList<>();
    for (int k = 0; k < step.outputs().size(); k++) {
      values.add(new Matrix(program.outputRows(k), program.outputCols(k), program.output(k).clone()));
    }
    return new Dataset(step.outputs(), values);
  }
}
