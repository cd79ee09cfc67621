package dyn.runtime.model;

import dyn.runtime.backend.Matrix;
import java.util.ArrayList;
import java.util.List;

/** A model's parameter values θ, one matrix per {@code ParamSpec}, in declaration order. */
public record Parameters(List<Matrix> values) {
  public Parameters {
    values = List.copyOf(values);
  }

  /** A deep copy, so training never mutates θ(0). */
  public Parameters copy() {
    List<Matrix> c = new ArrayList<>();
    for (Matrix m : values) c.add(m.copy());
    return new Parameters(c);
  }
}
