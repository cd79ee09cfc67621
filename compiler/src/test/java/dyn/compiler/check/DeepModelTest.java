package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.ParamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mlp(d, widths = [...], out)}: a width list, {@code len} and vector indexing. */
class DeepModelTest {
  private static ModelSpec model(Compilation c) {
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    return c.plan().orElseThrow().steps().stream().filter(s -> s instanceof ModelStep)
        .map(s -> ((ModelStep) s).model()).findFirst().orElseThrow();
  }

  @Test
  void mlpHasOneLayerPerWidthWithTheListedShapes() {
    ModelSpec m = model(TestScripts.compile("import models",
        "model net = mlp(d = 5, widths = [7, 3, 4], out = 2)"));
    List<String> shapes = m.params().stream()
        .map(p -> p.name() + " " + p.rows() + "x" + p.cols()).toList();
    assertEquals(List.of("W1 7x5", "W[2] 3x7", "W[3] 4x3", "WL 2x4"), shapes);
    assertFalse(m.linearInX(), "relu by default");
    assertTrue(m.neurons().isEmpty(), "no neuron decomposition for a deep net");
    // Each tensor's unit-scale variance is 1/fan_in, as in two_layer.
    ParamSpec w3 = m.params().get(2);
    assertEquals(new ParamSpec.Distribution.Normal(0, 1.0 / 3), w3.init());
  }

  @Test
  void oneWidthIsATwoLayerNetwork() {
    ModelSpec m = model(TestScripts.compile("import models",
        "model net = mlp(d = 5, widths = [6], out = 1, act = linear)"));
    assertEquals(2, m.params().size());
    assertTrue(m.linearInX());
  }

  @Test
  void lenOfANumberIsATypeError() {
    Compilation c = TestScripts.compile("model m(d) {", "  param W: [len(d), d] ~ normal(0, 1)",
        "  return W @ x", "}", "import datasets",
        "data t = linear_teacher(d = 2, out = 2, n = 4, singular_values = [1])",
        "model net = m(d = 2)");
    assertFalse(c.ok());
    assertTrue(TestScripts.show(c.diagnostics()).contains("`len` takes a vector"),
        TestScripts.show(c.diagnostics()));
  }

  @Test
  void anIndexPastTheEndNamesTheRange() {
    Compilation c = TestScripts.compile("import models",
        "model m(d, ws) {", "  param W: [ws[2], d] ~ normal(0, 1)", "  return W @ x", "}",
        "model net = m(d = 2, ws = [3, 4])");
    assertFalse(c.ok());
    String shown = TestScripts.show(c.diagnostics());
    assertTrue(shown.contains("index 2 is outside a vector of 2 elements"), shown);
  }
}
