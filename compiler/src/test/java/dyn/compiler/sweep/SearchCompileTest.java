package dyn.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Derived;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.SearchSpec;
import dyn.compiler.plan.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code sweep s = carbs(…)}: the compiled search, its listing, and the errors of its space. */
class SearchCompileTest {
  private static final List<String> BASE = List.of(
      "import models", "import datasets",
      "param lr = 0.1", "param width = 4", "param p = 0.5", "param seed = 0",
      "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
      "model net = two_layer(d = 2, width = width, out = 1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 5)",
      "observe loss");

  private static String[] script(String... tail) {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of(tail));
    return lines.toArray(new String[0]);
  }

  private static List<Diagnostic> errors(String... tail) {
    Compilation c = TestScripts.compile(Map.of(), script(tail));
    assertFalse(c.plan().isPresent());
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  @Test
  void compilesTheSpaceAndOptions() {
    SweepSpec s = TestScripts.plan(script(
        "sweep s = carbs(lr = log(1e-4, 1), width = log_int(2.5, 64), p = logit(0.01, 0.99),",
        "  seed = int(0, 9), maximize = acc, cost = work, budget = 30, max_cost = 1e4, seed = 7,",
        "  radius = 0.5) {",
        "  acc = 0 - final(gd.loss)",
        "  work = width * 5",
        "}",
        "let w = frontier(s.width)")).sweep().orElseThrow();
    SearchSpec x = s.search().orElseThrow();
    assertEquals(List.of("lr", "width", "p", "seed"), s.params());
    assertTrue(s.points().isEmpty());
    assertEquals(new SearchSpec.Param("lr", SearchSpec.Scale.LOG, false, 1e-4, 1, 0.1), x.params().get(0));
    // Integer ends are the whole numbers inside the range; the script's width 4 is the start.
    assertEquals(new SearchSpec.Param("width", SearchSpec.Scale.LOG, true, 3, 64, 4), x.params().get(1));
    assertEquals(SearchSpec.Scale.LOGIT, x.params().get(2).scale());
    assertEquals(new SearchSpec.Param("seed", SearchSpec.Scale.LINEAR, true, 0, 9, 0), x.params().get(3));
    assertEquals("acc", x.objective());
    assertTrue(x.maximize());
    assertEquals(Optional.of("work"), x.cost());
    assertEquals(30, x.budget());
    assertEquals(1e4, x.costBudget());
    assertEquals(7, x.seed());
    assertEquals(0.5, x.radius());
    assertEquals(new Derived.Frontier("w", s.derived().get(0).origin(), "width"), s.derived().get(0));
  }

  @Test
  void startsInTheMiddleWhenTheScriptValueIsOutside() {
    SearchSpec x = TestScripts.plan(script(
        "sweep s = carbs(lr = log(1e-6, 1e-2), minimize = loss, budget = 5) {",
        "  loss = final(gd.loss)",
        "}")).sweep().orElseThrow().search().orElseThrow();
    assertEquals(1e-4, x.params().get(0).center(), 1e-18);
    assertFalse(x.maximize());
    assertEquals(Optional.empty(), x.cost());
  }

  @Test
  void planListsTheSearchSpace() {
    String[] lines = script(
        "sweep s = carbs(lr = log(1e-4, 1), width = log_int(2, 64), minimize = loss, budget = 20) {",
        "  loss = final(gd.loss)",
        "}");
    String text = PlanPrinter.print(TestScripts.plan(lines));
    assertTrue(text.contains("carbs search over lr, width; minimize loss; cost = wall time (seconds); budget 20 points;"), text);
    assertTrue(text.contains("  param lr: log from 0.0001 to 1, starting at 0.1\n"), text);
    assertTrue(text.contains("  param width: log integer from 2 to 64, starting at 4\n"), text);
    String json = PlanJson.write(TestScripts.plan(lines));
    assertTrue(json.replaceAll("\\s+", " ").contains("\"search\": { \"method\": \"carbs\", \"objective\": \"loss\", \"goal\": \"minimize\""), json);
  }

  @Test
  void badInputIsReportedWithCarets() {
    List<Diagnostic> e = errors(
        "sweep s = carbs(lr = log(1, 1), width = int(5.2, 5.8), p = logit(0, 1), minimize = los,",
        "  budget = 0, radius = -1, sed = 3, lrr = log(1, 2)) {",
        "  loss = final(gd.loss)",
        "}");
    List<String> messages = e.stream().map(Diagnostic::message).toList();
    assertTrue(messages.contains("the range of `lr` is empty: the low end 1 is not below the high end 1"), messages.toString());
    assertTrue(messages.contains("the range of `width` holds no whole number"), messages.toString());
    assertTrue(messages.contains("`logit` searches values strictly between 0 and 1; got 0 to 1"), messages.toString());
    assertTrue(messages.contains("unknown metric `los`"), messages.toString());
    assertTrue(messages.contains("the budget (a number of points) must be a whole number ≥ 1, got 0"), messages.toString());
    assertTrue(messages.contains("the search radius must be a positive number, got -1"), messages.toString());
    assertTrue(messages.contains("unknown search option `sed`"), messages.toString());
    assertTrue(messages.contains("unknown param `lrr`"), messages.toString());
    Diagnostic los = e.get(messages.indexOf("unknown metric `los`"));
    assertEquals(Optional.of("did you mean `loss`?"), los.hint());
  }

  @Test
  void needsAnObjectiveAndABudget() {
    List<String> m = errors("sweep s = carbs(lr = log(1e-3, 1)) {", "  loss = final(gd.loss)", "}")
        .stream().map(Diagnostic::message).toList();
    assertEquals(List.of("`carbs(…)` needs what to optimize: `minimize = METRIC` or `maximize = METRIC`",
        "`carbs(…)` needs a budget: `budget = N` points, `max_cost = C` in units of the cost, or both"), m);
  }

  @Test
  void frontierNeedsASearch() {
    List<String> m = errors("sweep s = grid(lr = [0.1, 0.2]) {", "  loss = final(gd.loss)", "}",
        "let f = frontier(s.lr)").stream().map(Diagnostic::message).toList();
    assertEquals(List.of("`frontier` reads the cost–performance frontier of a search, and `s` is a grid"), m);
  }

  @Test
  void unknownSpaceSuggestsCarbs() {
    Diagnostic d = errors("sweep s = crabs(lr = log(1e-3, 1)) {", "  loss = final(gd.loss)", "}").get(0);
    assertEquals("unknown sweep space `crabs`", d.message());
    assertEquals(Optional.of("did you mean `carbs`?"), d.hint());
  }
}
