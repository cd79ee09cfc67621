package dyn.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Derived;
import dyn.compiler.plan.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Axis generation, grid/zip nesting, reductions and the errors of sweep statements. */
class SweepCompileTest {
  private static final List<String> BASE = List.of(
      "import models", "import datasets",
      "param lr = 0.1", "param gamma = 1", "param seed = 0", "param a = 1", "param b = 2",
      "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
      "model net = two_layer(d = 2, width = 2, out = 1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 5)",
      "observe loss");

  private static String[] script(String... tail) {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of(tail));
    return lines.toArray(new String[0]);
  }

  private static SweepSpec spec(String... tail) {
    return TestScripts.plan(script(tail)).sweep().orElseThrow();
  }

  private static Diagnostic only(Map<String, String> overrides, String... tail) {
    Compilation c = TestScripts.compile(overrides, script(tail));
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    assertFalse(c.plan().isPresent());
    return errors.get(0);
  }

  private static void at(Diagnostic d, String line, String token, String message) {
    assertEquals(message, d.message(), TestScripts.show(d));
    assertEquals(BASE.size() + 1, d.where().line(), TestScripts.show(d));
    assertEquals(line.indexOf(token) + 1, d.where().column(), TestScripts.show(d));
  }

  private static List<Double> column(SweepSpec s, String param) {
    int i = s.params().indexOf(param);
    List<Double> out = new ArrayList<>();
    for (List<Double> p : s.points()) out.add(p.get(i));
    return out;
  }

  @Test
  void axisGenerators() {
    assertEquals(List.of(1.0, 2.0, 3.0), column(spec("sweep s = grid(a = linspace(1, 3, 3))"), "a"));
    // Whole decades are exact, as typed: 0.01, 0.1, 1 (not 0.1 × (1 + ε)).
    assertEquals(List.of(0.01, 0.1, 1.0, 10.0, 100.0), column(spec("sweep s = grid(a = logspace(0.01, 100, 5))"), "a"));
    List<Double> half = column(spec("sweep s = grid(a = logspace(1, 100, 3))"), "a");
    assertEquals(10.0, half.get(1), 0);
    List<Double> third = column(spec("sweep s = grid(a = logspace(1, 1000, 4))"), "a");
    assertEquals(List.of(1.0, 10.0, 100.0, 1000.0), third);
    List<Double> odd = column(spec("sweep s = grid(a = logspace(1, 10, 3))"), "a");
    assertEquals(Math.sqrt(10), odd.get(1), 1e-15 * Math.sqrt(10));
    assertEquals(List.of(0.0, 1.0, 2.0), column(spec("sweep s = grid(seed = seeds(3))"), "seed"));
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0), column(spec("sweep s = grid(a = range(4))"), "a"));
    assertEquals(List.of(2.0, 4.0), column(spec("sweep s = grid(a = range(2, 6, 2))"), "a"));
    assertEquals(List.of(5.0, 4.0), column(spec("sweep s = grid(a = range(5, 3, -1))"), "a"));
    assertEquals(List.of(0.5, 0.25), column(spec("sweep s = grid(a = [0.5, b / 8])"), "a"));
    assertEquals(List.of(7.0), column(spec("sweep s = grid(a = 7)"), "a"));
  }

  @Test
  void gridIsAProductWithTheFirstAxisSlowest() {
    SweepSpec s = spec("sweep s = grid(a = [1, 2], b = [10, 20, 30])");
    assertEquals(List.of("a", "b"), s.params());
    assertEquals(List.of(List.of(1.0, 10.0), List.of(1.0, 20.0), List.of(1.0, 30.0),
        List.of(2.0, 10.0), List.of(2.0, 20.0), List.of(2.0, 30.0)), s.points());
    assertEquals(List.of(List.of("a"), List.of("b")), s.groups());
  }

  @Test
  void zipPairsInsideAGridAndNestedGridsJoinTheProduct() {
    SweepSpec s = spec("sweep s = grid(seed = seeds(2), zip(a = [1, 2, 3], b = [4, 5, 6]))");
    assertEquals(List.of("seed", "a", "b"), s.params());
    assertEquals(6, s.points().size());
    assertEquals(List.of(0.0, 1.0, 4.0), s.points().get(0));
    assertEquals(List.of(0.0, 3.0, 6.0), s.points().get(2));
    assertEquals(List.of(1.0, 2.0, 5.0), s.points().get(4));
    assertEquals(List.of(List.of("seed"), List.of("a", "b")), s.groups());

    SweepSpec nested = spec("sweep s = grid(a = [1, 2], grid(b = [3, 4], lr = [0.1]))");
    assertEquals(List.of("a", "b", "lr"), nested.params());
    assertEquals(4, nested.points().size());
    assertEquals(List.of(2.0, 3.0, 0.1), nested.points().get(2));

    SweepSpec zipOnly = spec("sweep s = zip(a = [1, 2], b = [3, 4])");
    assertEquals(List.of(List.of(1.0, 3.0), List.of(2.0, 4.0)), zipOnly.points());
  }

  @Test
  void reductionsKnowTheirKeysAndAZipIsReducedWhole() {
    SweepSpec s = spec("sweep s = grid(lr = [0.1, 0.2], seed = seeds(2), zip(a = [1, 2], b = [3, 4])) {",
        "  loss = final(gd.loss)", "}",
        "let best = argmin(s.loss, over = lr)",
        "let m = mean(best, over = a)",
        "let by_lr = mean(s.loss, over = seed)",
        "let m2 = mean(by_lr, over = b)",
        "let f = fit_power(m2)");
    Derived.Reduce best = (Derived.Reduce) s.derived("best").orElseThrow();
    assertEquals(List.of("seed", "a", "b"), best.keys());
    Derived.Reduce m = (Derived.Reduce) s.derived("m").orElseThrow();
    assertEquals(List.of("a", "b"), m.over());
    assertEquals(List.of("seed"), m.keys());
    assertEquals("lr", ((Derived.PowerFit) s.derived("f").orElseThrow()).x());
  }

  @Test
  void fitRangesFromWhere() {
    SweepSpec s = spec("sweep s = grid(gamma = [0.1, 1, 10], lr = [0.1, 1]) {", "  loss = final(gd.loss)", "}",
        "let best = argmin(s.loss, over = lr)",
        "let lo = fit_power(best, where = gamma < 1)",
        "let mid = fit_power(best, x = gamma, where = gamma >= 0.1 and 10 >= gamma, level = 0.9)");
    Derived.PowerFit lo = (Derived.PowerFit) s.derived("lo").orElseThrow();
    assertTrue(lo.range().contains(0.5));
    assertFalse(lo.range().contains(1));
    Derived.PowerFit mid = (Derived.PowerFit) s.derived("mid").orElseThrow();
    assertTrue(mid.range().contains(0.1) && mid.range().contains(10));
    assertFalse(mid.range().contains(10.5));
    assertEquals(0.9, mid.level());
  }

  @Test
  void unknownParamHasACaretAndASuggestion() {
    String line = "sweep s = grid(lrr = [0.1, 0.2])";
    Diagnostic d = only(Map.of(), line);
    at(d, line, "lrr", "unknown param `lrr`");
    assertEquals("did you mean `lr`?", d.hint().orElseThrow());
  }

  @Test
  void emptyAxesAreErrors() {
    String line = "sweep s = grid(lr = [])";
    at(only(Map.of(), line), line, "[]", "the axis `lr` has no values");
    String range = "sweep s = grid(a = range(3, 3))";
    at(only(Map.of(), range), range, "range(", "the axis `a` has no values");
    String seeds = "sweep s = grid(seed = seeds(0))";
    at(only(Map.of(), seeds), seeds, "seeds(", "the axis `seed` has no values");
  }

  @Test
  void zipLengthsMustAgree() {
    String line = "sweep s = grid(zip(a = [1, 2], b = [1, 2, 3]))";
    at(only(Map.of(), line), line, "zip(", "the axes of a zip must have equal lengths (a: 2, b: 3)");
  }

  @Test
  void aSweptParamSetOnTheCommandLineIsAnError() {
    String line = "sweep s = grid(a = [1, 2], lr = [0.1, 0.2])";
    Diagnostic d = only(Map.of("lr", "0.3"), line);
    at(d, line, "lr =", "param `lr` is swept by `s` and also set on the command line");
    // Overriding a param that is not swept is fine, and applies to every point.
    assertTrue(TestScripts.compile(Map.of("b", "5"), script(line)).plan().isPresent());
  }

  @Test
  void otherSweepErrors() {
    String twice = "sweep s = grid(a = [1], zip(a = [2], b = [3]))";
    Diagnostic d = only(Map.of(), twice);
    assertEquals("param `a` is swept twice in one sweep", d.message());
    String log = "sweep s = grid(a = logspace(0, 1, 3))";
    at(only(Map.of(), log), log, "0,", "`logspace` spaces positive values geometrically; got 0");
    String fn = "sweep s = grid(a = logspapce(1, 10, 3))";
    Diagnostic f = only(Map.of(), fn);
    assertEquals("unknown axis function `logspapce`", f.message());
    assertEquals("did you mean `logspace`?", f.hint().orElseThrow());
    String metric = "sweep s = grid(a = [1]) {\n  loss = final(gd.loss)\n}";
    Diagnostic over = only(Map.of(), metric, "let best = argmin(s.loss, over = gamma)");
    assertEquals("`s.loss` has no axis `gamma`", over.message());
    assertEquals("unknown-axis", over.code());
    Diagnostic fit = only(Map.of(), "sweep s = grid(a = [1, 2], b = [1]) {\n  loss = final(gd.loss)\n}",
        "let f = fit_power(s.loss)");
    assertTrue(fit.message().startsWith("a power-law fit needs a table indexed by one param"), fit.message());
    Diagnostic let = only(Map.of(), "let x = 1");
    assertEquals("a top-level `let` derives a value from sweep results, and this script has no `sweep`", let.message());
  }

  @Test
  void checksOfSweepResultsReadFitFields() {
    SweepSpec s = spec("sweep s = grid(gamma = [0.1, 1, 10]) {", "  loss = final(gd.loss)", "}",
        "let f = fit_power(s.loss)", "check f.exponent > 1.5", "check f.r2 >= 0.9 * b / 2",
        "report table(s)", "report table(f)");
    assertEquals(2, s.checks().size());
    assertEquals("f.exponent > 1.5", s.checks().get(0).text());
  }

  @Test
  void checksOfSweepResultsReadTablesOverOneAxis() {
    SweepSpec s = spec("sweep s = grid(a = [1, 2], b = [1, 2]) {", "  loss = final(gd.loss)", "}",
        "let best = min(s.loss, over = b)", "let top = max(s.loss, over = b)",
        "check best < 1.5 * top", "check monotone(best) > 0.5");
    assertEquals(new dyn.compiler.plan.SweepExpr.Compare("<",
        new dyn.compiler.plan.SweepExpr.Table("best"),
        new dyn.compiler.plan.SweepExpr.Arith('*', new dyn.compiler.plan.SweepExpr.Number(1.5),
            new dyn.compiler.plan.SweepExpr.Table("top"))), s.checks().get(0).condition());
    assertEquals(new dyn.compiler.plan.SweepExpr.Monotone("best"),
        ((dyn.compiler.plan.SweepExpr.Compare) s.checks().get(1).condition()).left());
  }

  @Test
  void aCheckedTableMustHaveOneAxisAndTheSameAsTheOtherSide() {
    String sweep = "sweep s = grid(a = [1, 2], b = [1, 2]) {\n  loss = final(gd.loss)\n}";
    String line = "check monotone(s.loss) > 0.5";
    Diagnostic two = only(Map.of(), line, sweep);
    assertEquals("table `s.loss` has the axes a, b; a check compares a table over one axis,"
        + " component by component", two.message(), TestScripts.show(two));
    assertEquals(line.indexOf("s.loss") + 1, two.where().column());
    Diagnostic mixed = only(Map.of(), "check best < top", sweep,
        "let best = min(s.loss, over = b)", "let top = max(s.loss, over = a)");
    assertEquals("this check compares tables over different axes (a, b); component k of each"
        + " must be the same point", mixed.message(), TestScripts.show(mixed));
  }

  /**
   * A point's own compile carries the sweep's params, axes and metrics but neither its points nor
   * what is derived, reported and checked over all of them (those run from the sweep's plan);
   * the sweep's plan has all of it.
   */
  @Test
  void aPointsPlanCarriesTheMetricsButNotTheGrid() {
    String[] lines = script("sweep s = grid(lr = [0.1, 0.2, 0.3], zip(a = [1, 2], b = [3, 4])) {",
        "  loss = final(gd.loss)", "}",
        "let best = argmin(s.loss, over = lr)",
        "report table(best)");
    SweepSpec whole = TestScripts.plan(lines).sweep().orElseThrow();
    assertEquals(6, whole.points().size());
    assertEquals(1, whole.derived().size());
    assertEquals(1, whole.reports().size());
    Compilation point = dyn.compiler.Compiler.compile(
        dyn.compiler.source.Source.ofLines("test.dyn", lines),
        new dyn.compiler.Compiler.Options(Map.of(), TestScripts.stdlib())
            .atPoint(Map.of("lr", "0.2", "a", "2", "b", "4")));
    assertTrue(point.ok(), TestScripts.show(point.diagnostics()));
    SweepSpec mine = point.plan().get().sweep().orElseThrow();
    assertEquals(whole.params(), mine.params());
    assertEquals(whole.groups(), mine.groups());
    assertEquals(List.of("loss"), mine.metrics().stream().map(SweepSpec.Metric::name).toList());
    assertTrue(mine.points().isEmpty());
    assertTrue(mine.derived().isEmpty() && mine.reports().isEmpty() && mine.checks().isEmpty());
  }
}
