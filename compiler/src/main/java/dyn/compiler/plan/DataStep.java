package dyn.compiler.plan;

import java.util.List;

/**
 * Generate a dataset by evaluating a {@link Graph} of random primitives once.
 *
 * <p>The graph's outputs are named by {@code outputs}, in the same order; the names are drawn
 * from {@code x, y, x_test, y_test, teacher, x2} (x2: a second view of each sample of x, for
 * self-supervised losses; y may then be absent). {@code x} is d×n and {@code y} is c×n (samples are
 * columns). Random nodes carry their own stream ids, so no seed is needed here.
 */
public record DataStep(int id, String name, Origin origin, Graph graph, List<String> outputs)
    implements Step {
  public DataStep {
    outputs = List.copyOf(outputs);
    if (outputs.size() != graph.outputs().size()) {
      throw new IllegalArgumentException("output names and graph outputs differ in number");
    }
  }

  @Override
  public List<Integer> dependsOn() {
    return List.of();
  }

  /** Samples in the test split: the columns of {@code x_test}, 0 without one. */
  public int testSamples() {
    int k = output("x_test");
    return k < 0 ? 0 : graph.output(k).cols();
  }

  /** Index of a named output, or -1. */
  public int output(String outputName) {
    return outputs.indexOf(outputName);
  }
}
