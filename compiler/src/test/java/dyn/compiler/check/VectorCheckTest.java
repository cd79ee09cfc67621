package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `gf.singular_values[k]` picks one component of a vector series in a check or metric. */
class VectorCheckTest {
  private static final List<String> BASE = List.of("import models", "import datasets",
      "data teacher = linear_teacher(d = 4, out = 4, n = 20, singular_values = [3, 2], seed = 0)",
      "model net = two_layer(d = 4, width = 4, out = 4, act = linear, scale = 1e-2, seed = 1)",
      "train gf = flow(net, teacher, until = 2)",
      "observe loss, singular_values at log(0.01, 2, 5)");

  private static String[] script(String... tail) {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of(tail));
    return lines.toArray(new String[0]);
  }

  private static Diagnostic only(String... tail) {
    Compilation c = TestScripts.compile(script(tail));
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  @Test
  void aPickedComponentReachesThePlanAndItsListings() {
    Plan plan = TestScripts.plan(script("check final(gf.singular_values[1]) > 1.9",
        "check final(gf.singular_values) < 3.1"));
    List<CheckStep> checks = plan.steps().stream().filter(s -> s instanceof CheckStep)
        .map(s -> (CheckStep) s).toList();
    CheckExpr.SeriesFn picked = (CheckExpr.SeriesFn) ((CheckExpr.Compare) checks.get(0).condition()).left();
    assertEquals(List.of(1), picked.components());
    CheckExpr.SeriesFn whole = (CheckExpr.SeriesFn) ((CheckExpr.Compare) checks.get(1).condition()).left();
    assertEquals(List.of(CheckExpr.SeriesFn.ALL), whole.components());
    String listing = PlanPrinter.print(plan);
    assertTrue(listing.contains("final(gf.singular_values[1]) > 1.9"), listing);
    String json = PlanJson.write(plan);
    assertTrue(json.contains("\"components\": [1]"), json);
  }

  @Test
  void aScalarSeriesHasNoComponents() {
    Diagnostic d = only("check final(gf.loss[0]) < 1");
    assertEquals("`gf.loss` is one number per time; it has no components", d.message());
    assertEquals(Optional.of("write `gf.loss`"), d.hint());
  }

  @Test
  void aComponentIsAWholeNumber() {
    Diagnostic d = only("check final(gf.singular_values[1.5]) < 1");
    assertEquals("a component index is a whole number ≥ 0, not 1.5", d.message());
    assertFalse(only("check final(gf.singular_values[0, 1]) < 1").message().isEmpty());
  }

  @Test
  void aMetricOfAWholeVectorAsksForAComponent() {
    Diagnostic d = only("param seed = 0", "sweep s = grid(seed = seeds(2)) {", "  top = final(gf.singular_values)", "}");
    assertEquals("a metric is one number per point, and `gf.singular_values` has one value per component",
        d.message());
    assertEquals(Optional.of("pick one, e.g. `final(gf.singular_values[0])`"), d.hint());
    TestScripts.plan(script("param seed = 0", "sweep s = grid(seed = seeds(2)) {",
        "  top = final(gf.singular_values[0])", "}"));
  }
}
