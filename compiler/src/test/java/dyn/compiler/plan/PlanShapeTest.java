package dyn.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans compiled at different values of a param have equal shapes exactly when the param reaches
 * only real numbers (a learning rate, a graph constant γ) or seeds, not a width or a step count.
 */
class PlanShapeTest {
  private static final String[] SCRIPT = {
      "import datasets",
      "param gamma = 1",
      "param lr = 0.1",
      "param seed = 0",
      "param steps = 50",
      "param width = 8",
      "model scaled_linear(d, width, out, gamma) {",
      "  param W1: [width, d] ~ normal(0, 1 / d)",
      "  param W2: [out, width] ~ constant(0)",
      "  return W2 @ W1 @ x / gamma",
      "}",
      "data teacher = linear_teacher(d = 4, out = 1, n = 16, singular_values = [1], seed = seed)",
      "model net = scaled_linear(d = 4, width = width, out = 1, gamma = gamma, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = steps)",
      "observe loss at linear(0, steps * lr, 11)",
  };

  private static Plan at(Map<String, String> values) {
    Compilation c = TestScripts.compile(values, SCRIPT);
    assertTrue(c.ok(), () -> TestScripts.show(c.diagnostics()));
    return c.plan().get();
  }

  private static Object shape(Map<String, String> values) {
    return PlanShape.of(at(values));
  }

  /** The points of a sweep over gamma, lr and one more param (every point overrides all three). */
  private static Map<String, String> point(String gamma, String lr, String name, String value) {
    return Map.of("gamma", gamma, "lr", lr, name, value);
  }

  @Test
  void numbersOnlyKeepTheShape() {
    Object base = shape(point("1", "0.1", "width", "8"));
    Object other = shape(point("37.5", "0.003", "width", "8"));
    // lr reaches the dynamics, the grid's times and `until`; γ a graph constant.
    assertTrue(base.equals(other), "γ and lr change numbers only");
    assertEquals(base.hashCode(), other.hashCode());
    // The plans themselves differ: the shape is not just the plan's equality.
    assertNotEquals(at(point("1", "0.1", "width", "8")), at(point("37.5", "0.1", "width", "8")));
  }

  @Test
  void widthsAndStepCountsChangeIt() {
    assertFalse(shape(point("1", "0.1", "width", "8")).equals(shape(point("1", "0.1", "width", "9"))),
        "a width is a shape");
    assertFalse(shape(point("1", "0.1", "steps", "50")).equals(shape(point("1", "0.1", "steps", "51"))),
        "a step count is a loop bound");
  }

  @Test
  void seedsAreNotStructure() {
    // The seed reaches the data's streams and the init seed (seed + 1): other draws, same shapes.
    assertNotEquals(at(point("1", "0.1", "seed", "0")), at(point("1", "0.1", "seed", "1")));
    assertTrue(shape(point("1", "0.1", "seed", "0")).equals(shape(point("1", "0.1", "seed", "1"))));
  }
}
