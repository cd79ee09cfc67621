package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.PredictStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The errors of {@code predict} and {@code compare} statements, and the steps they plan. */
class AgfErrorTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])";
  private static final String NET = "model net = two_layer(d = 6, width = 8, out = 6, scale = 1e-4)";
  private static final String TRAIN = "train gf = flow(net, teacher, until = 10)";

  private static Diagnostic only(String... lines) {
    Compilation c = TestScripts.compile(lines);
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  private static void at(Diagnostic d, int line, String lineText, String token) {
    assertEquals(line, d.where().line(), TestScripts.show(d));
    assertEquals(lineText.indexOf(token) + 1, d.where().column(), TestScripts.show(d));
  }

  @Test
  void predictOnAModelWithoutNeuronsPointsAtTheModelArgument() {
    String deep = "model deep = deep_linear(d = 6, width = 8, out = 6, scale = 1e-4)";
    String bad = "predict p = agf(deep, teacher)";
    Diagnostic d = only("import models", "import datasets", DATA, deep, bad);
    at(d, 5, bad, "deep,");
    assertEquals("no-neurons", d.code());
    assertTrue(d.message().startsWith("AGF needs a neuron decomposition f(x) = Σ_i f_i(x; θ_i)"),
        d.message());
    assertTrue(d.message().contains("`deep_linear`"), d.message());
    assertTrue(d.hint().orElseThrow().contains("neuron i <"), d.hint().toString());
  }

  @Test
  void aStaircaseOfAnotherModelOrDataIsAWarning() {
    // AGF of `net` on `teacher` against a train of `net2` (another init scale): it passed silently.
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET,
        "model net2 = two_layer(d = 6, width = 8, out = 6, scale = 1.2e-4)",
        "train gf = flow(net2, teacher, until = 10)", "observe loss at log(0.01, 10, 150)",
        "predict agf1 = agf(net, teacher)", "compare c = staircase(gf.loss, agf1)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    List<Diagnostic> w = c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    assertEquals(1, w.size(), TestScripts.show(c.diagnostics()));
    assertEquals("train `gf` uses model `net2`, not the model `agf1` predicts", w.get(0).message());
    assertEquals(9, w.get(0).where().line());
    // (On a grid times ≤ time_rtol/2 = 5% apart, so that no grid warning joins it.)
    Compilation same = TestScripts.compile("import models", "import datasets", DATA, NET, TRAIN,
        "observe loss at log(0.01, 10, 150)",
        "predict agf1 = agf(net, teacher)", "compare c = staircase(gf.loss, agf1)");
    assertTrue(same.diagnostics().isEmpty(), TestScripts.show(same.diagnostics()));
  }

  @Test
  void unknownArgumentSuggestsTheClosestKey() {
    String bad = "predict p = agf(net, teacher, setp = 1e-3)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, bad);
    at(d, 5, bad, "setp");
    assertEquals("unknown argument `setp`", d.message());
    assertEquals(Optional.of("did you mean `step`?"), d.hint());
  }

  @Test
  void compareOfAnUnrecordedSeries() {
    String bad = "compare c = staircase(gf.test_loss, p)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, TRAIN,
        "observe loss", "predict p = agf(net, teacher)", bad);
    at(d, 8, bad, "test_loss");
    // Why it cannot, and no did-you-mean: `loss` compiled and compared another quantity.
    assertEquals("train `gf` does not record `test_loss`: `test_loss` needs a test split, but data"
        + " `teacher` of train `gf` has none", d.message());
    assertTrue(d.hint().isEmpty(), d.hint().toString());
  }

  @Test
  void compareNeedsALossSeries() {
    String bad = "compare c = staircase(gf.param_norm, p)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, TRAIN,
        "observe loss, param_norm", "predict p = agf(net, teacher)", bad);
    at(d, 8, bad, "gf.param_norm");
    assertEquals("not-a-loss", d.code());
  }

  @Test
  void compareOfAnUnknownPredictionSuggestsOne() {
    String bad = "compare c = staircase(gf.loss, agf2)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, TRAIN, "observe loss",
        "predict agf1 = agf(net, teacher)", bad);
    at(d, 8, bad, "agf2");
    assertEquals("unknown prediction `agf2`", d.message());
    assertEquals(Optional.of("did you mean `agf1`?"), d.hint());
  }

  @Test
  void negativeToleranceIsRejected() {
    String bad = "compare c = staircase(gf.loss, p, time_rtol = -0.1)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, TRAIN, "observe loss",
        "predict p = agf(net, teacher)", bad);
    at(d, 8, bad, "-0.1");
    assertEquals("`time_rtol` must be positive, got -0.1", d.message());
  }

  @Test
  void plansPredictThenCompareWithTheirSettingsAndALogAxis() {
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET, TRAIN,
        "observe loss, neuron_norms at log(0.01, 10, 30)",
        "predict p = agf(net, teacher, step = 1e-2, rounds = 4, until = 8)",
        "compare c = staircase(gf.loss, p, time_rtol = 0.2, level_rtol = 0.01)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    var steps = c.plan().orElseThrow().steps();
    PredictStep p = (PredictStep) steps.get(steps.size() - 2);
    assertEquals(1e-2, p.step());
    assertEquals(4, p.rounds());
    assertEquals(8, p.until());
    CompareStep cmp = (CompareStep) steps.get(steps.size() - 1);
    assertEquals(p.id(), cmp.predict());
    CompareStep.Staircase m = (CompareStep.Staircase) cmp.method();
    assertEquals(0.2, m.timeRtol());
    assertEquals(0.01, m.levelRtol());
    assertEquals(CompareStep.Axis.LOG, m.axis());
    assertTrue(m.neuronNorms().isPresent());
    assertEquals(CompareStep.Expect.PASS, cmp.expect());
    assertEquals("compare c", cmp.label());
  }
}
