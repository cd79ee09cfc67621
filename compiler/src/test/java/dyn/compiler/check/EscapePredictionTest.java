package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.TheoryStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code predict e = escape(…)}: the homogeneity check and its diagnostics. */
class EscapePredictionTest {
  private static final String DATA =
      "data t = linear_teacher(d = 4, out = 2, n = 20, singular_values = [2, 1])";

  private static Diagnostic onlyError(String... lines) {
    Compilation c = TestScripts.compile(lines);
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  @Test
  void aDeepReluNetHasTheDegreeOfItsDepth() {
    Compilation c = TestScripts.compile("import models", "import datasets", DATA,
        "model net = mlp(d = 4, widths = [5, 5, 5], out = 2, scale = 1e-3)",
        "predict e = escape(net, t, restarts = 3)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    TheoryStep.Escape e = c.plan().orElseThrow().steps().stream()
        .filter(s -> s instanceof TheoryStep).map(s -> (TheoryStep.Escape) ((TheoryStep) s).theory())
        .findFirst().orElseThrow();
    assertEquals(4, e.degree());
    assertEquals(3, e.restarts());
  }

  @Test
  void aBiasAfterTheFirstLayerIsRefusedAtTheModelArgument() {
    String call = "predict e = escape(net, t)";
    Diagnostic d = onlyError("import datasets", DATA,
        "model biased(d) {", "  param W1: [3, d] ~ normal(0, 1)", "  param b: [3] ~ normal(0, 1)",
        "  param W2: [2, 3] ~ normal(0, 1)", "  param c: [2] ~ normal(0, 1)",
        "  return W2 @ relu(W1 @ x + b) + c", "}",
        "model net = biased(d = 4)", call);
    assertEquals(11, d.where().line());
    assertEquals(call.indexOf("net") + 1, d.where().column());
    assertTrue(d.message().contains("adds a term of degree 1 in θ to one of degree 2"),
        d.message());
    assertTrue(d.hint().orElseThrow().contains("bias-free"));
  }

  @Test
  void tanhAndLinearModelsAreNotSaddlesOfThisKind() {
    Diagnostic tanh = onlyError("import models", "import datasets", DATA,
        "model net = mlp(d = 4, widths = [5], out = 2, act = tanh)",
        "predict e = escape(net, t)");
    assertTrue(tanh.message().contains("`tanh` is not positively homogeneous"), tanh.message());
    Diagnostic linear = onlyError("import datasets", DATA,
        "model lin(d) {", "  param W: [2, d] ~ normal(0, 1)", "  return W @ x", "}",
        "model net = lin(d = 4)", "predict e = escape(net, t)");
    assertTrue(linear.message().contains("degree 1"), linear.message());
  }

  @Test
  void zeroRestartsIsACountError() {
    Diagnostic d = onlyError("import models", "import datasets", DATA,
        "model net = mlp(d = 4, widths = [5, 5], out = 2)",
        "predict e = escape(net, t, restarts = 0)");
    assertTrue(d.message().contains("`restarts` must be a whole number ≥ 1"), d.message());
  }
}
