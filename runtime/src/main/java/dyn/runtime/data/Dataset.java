package dyn.runtime.data;

import dyn.runtime.backend.Matrix;
import java.util.List;
import java.util.Optional;

/**
 * A generated dataset: named matrices ({@code x}, {@code y}, optionally {@code x_test},
 * {@code y_test}, {@code teacher}; a paired dataset has {@code x2}, a second view of x, and may
 * lack y), samples as columns.
 */
public record Dataset(List<String> names, List<Matrix> values) {
  public Dataset {
    names = List.copyOf(names);
    values = List.copyOf(values);
  }

  /** The named matrix, if the dataset has it. */
  public Optional<Matrix> get(String name) {
    int i = names.indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(values.get(i));
  }
}
