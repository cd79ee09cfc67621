package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.TheoryStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code compare NAME = trajectory(SERIES, PREDICTION, rtol = …, expect = …)}: the step it plans,
 * its plan listing, and a positioned diagnostic for each way it can be wrong.
 */
class TrajectoryCompareTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 4, out = 1, n = 16, singular_values = [1])";
  private static final String NET = "model net = two_layer(d = 4, width = 8, out = 1, act = relu)";
  private static final String OTHER = "model other = two_layer(d = 4, width = 8, out = 1, act = relu)";
  private static final String TRAIN = "train gd = descent(net, teacher, lr = 0.1, steps = 10)";
  private static final String OBSERVE = "observe loss, param_norm for gd at linear(0, 1, 11)";
  private static final String LAZY = "predict lazy = linearized(net, teacher, lr = 0.1)";

  /** The script's lines: the shared set-up, then the given statements. */
  private static String[] script(String... more) {
    List<String> lines = new ArrayList<>(List.of("import models", "import datasets", DATA, NET,
        TRAIN, OBSERVE, LAZY));
    lines.addAll(List.of(more));
    return lines.toArray(new String[0]);
  }

  /** Line of the first statement after the shared set-up. */
  private static final int LINE = 8;

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
  void plansATrajectoryWithItsPredictedSeriesToleranceAndDeclaredVerdict() {
    Compilation c = TestScripts.compile(
        script("compare c = trajectory(gd.loss, lazy, rtol = 0.05, expect = fail)"));
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    Plan plan = c.plan().orElseThrow();
    CompareStep cmp = (CompareStep) plan.steps().get(plan.steps().size() - 1);
    TheoryStep lazy = (TheoryStep) plan.steps().get(cmp.predict());
    assertEquals("lazy", lazy.name());
    CompareStep.Trajectory m = (CompareStep.Trajectory) cmp.method();
    assertEquals("lazy.loss", m.predicted().label(), "the prediction's series named like gd's");
    assertEquals(0.05, m.rtol());
    assertEquals(CompareStep.Expect.FAIL, cmp.expect());
    assertEquals("gd.loss", cmp.series().label());
    String text = PlanPrinter.print(plan);
    assertTrue(text.contains("trajectory: gd.loss vs lazy.loss (step " + lazy.id()
        + "), rtol=0.05 at shared times, expect fail"), text);
    String json = PlanJson.write(plan);
    assertTrue(json.contains("\"method\": \"trajectory\""), json);
    assertTrue(json.contains("\"expect\": \"fail\""), json);
  }

  @Test
  void anExplicitPredictedSeriesAndTheDefaultVerdict() {
    Compilation c = TestScripts.compile(
        script("compare c = trajectory(gd.loss, lazy.loss, rtol = 0.1)"));
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    Plan plan = c.plan().orElseThrow();
    CompareStep cmp = (CompareStep) plan.steps().get(plan.steps().size() - 1);
    assertEquals(CompareStep.Expect.PASS, cmp.expect());
    assertEquals("lazy.loss", ((CompareStep.Trajectory) cmp.method()).predicted().label());
  }

  @Test
  void unknownMeasuredSeriesSuggestsARecordedOne() {
    String bad = "compare c = trajectory(gd.los, lazy, rtol = 0.05)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "los,");
    assertTrue(d.message().contains("`los`"), d.message());
    assertEquals(Optional.of("did you mean `loss`?"), d.hint());
  }

  @Test
  void aPredictionWithoutTheMeasuredSeriesNamesTheOnesItHas() {
    String bad = "compare c = trajectory(gd.param_norm, lazy, rtol = 0.05)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "lazy");
    assertEquals("not-predicted", d.code());
    assertEquals("prediction `lazy` has no series `param_norm` to compare with `gd.param_norm`;"
        + " it has `lazy.loss`", d.message());
  }

  @Test
  void anUnknownSeriesOfThePrediction() {
    String bad = "compare c = trajectory(gd.loss, lazy.test_los, rtol = 0.05)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "test_los");
    assertTrue(d.message().startsWith("prediction `lazy` (linearized (gradient descent)) has no"
        + " series `test_los`"), d.message());
  }

  @Test
  void rtolMustBePositive() {
    String bad = "compare c = trajectory(gd.loss, lazy, rtol = 0)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "0)");
    assertEquals("`rtol` must be positive, got 0", d.message());
  }

  @Test
  void rtolIsRequired() {
    String bad = "compare c = trajectory(gd.loss, lazy)";
    Diagnostic d = only(script(bad));
    assertEquals("missing argument `rtol` for `trajectory`", d.message());
  }

  @Test
  void aMisspelledVerdictSuggestsOne() {
    String bad = "compare c = trajectory(gd.loss, lazy, rtol = 0.05, expect = fial)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "fial");
    assertEquals(Optional.of("did you mean `fail`?"), d.hint());
  }

  @Test
  void aStaircaseAgainstAKernelPredictionPointsToTrajectory() {
    String bad = "compare c = staircase(gd.loss, lazy)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "lazy");
    assertEquals("not-a-staircase", d.code());
    assertTrue(d.hint().orElseThrow().contains("trajectory(gd.loss, lazy, rtol = 0.05)"),
        d.hint().toString());
  }

  @Test
  void aKernelWithoutATimeAxisIsRefused() {
    String bad = "compare c = trajectory(gd.loss, k.eigenvalues, rtol = 0.05)";
    Diagnostic d = only(script("predict k = ntk(net, teacher)", bad));
    at(d, LINE + 1, bad, "k.eigenvalues");
    assertEquals("not-over-time", d.code());
  }

  @Test
  void aPredictedSeriesIsNotAMeasurement() {
    String bad = "compare c = trajectory(lazy.loss, lazy, rtol = 0.05)";
    Diagnostic d = only(script(bad));
    at(d, LINE, bad, "lazy.loss");
    assertEquals("not-a-measurement", d.code());
  }

  @Test
  void seriesThatShareNoTimesAfterTheStartAreRefused() {
    // `other` is trained on a grid of its own, so its prediction is sampled there alone.
    String bad = "compare c = trajectory(gd.loss, far, rtol = 0.05)";
    Diagnostic d = only(script(OTHER,
        "train far_gd = descent(other, teacher, lr = 0.05, steps = 10)",
        "observe loss for far_gd at linear(0, 0.05, 2)",
        "predict far = linearized(other, teacher, lr = 0.05)", bad));
    at(d, LINE + 4, bad, "far,");
    assertEquals("no-shared-times", d.code());
  }
}
