package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.PlotSpec;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code report plot(...)}: the plan it makes and its errors. */
class PlotReportTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])";
  private static final String NET = "model net = deep_linear(d = 6, width = 8, out = 6)";
  private static final String GF = "train gf = flow(net, teacher, until = 1)";
  private static final String GD = "train gd = descent(net, teacher, lr = 0.1, until = 1)";

  private static String[] script(String... tail) {
    List<String> lines = new java.util.ArrayList<>(List.of("import models", "import datasets",
        DATA, NET, GF, GD, "observe loss, singular_values"));
    lines.addAll(List.of(tail));
    return lines.toArray(new String[0]);
  }

  private static ReportStep plot(Plan p) {
    for (Step s : p.steps()) {
      if (s instanceof ReportStep) return (ReportStep) s;
    }
    throw new AssertionError("no report step");
  }

  private static Diagnostic only(String bad) {
    Compilation c = TestScripts.compile(script(bad));
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  private static void at(Diagnostic d, String line, String token, String message) {
    assertEquals(message, d.message());
    assertEquals(8, d.where().line(), TestScripts.show(d));
    assertEquals(line.indexOf(token) + 1, d.where().column(), TestScripts.show(d));
  }

  @Test
  void defaultsAreLogLogWithTimeOnX() {
    Plan p = TestScripts.plan(script("report plot(\"loss.svg\", gf.loss, gd.loss)"));
    ReportStep r = plot(p);
    assertEquals(ReportStep.Kind.PLOT, r.kind());
    assertEquals("loss.svg", r.path());
    assertEquals(List.of("gf.loss", "gd.loss"), r.series().stream().map(s -> s.label()).toList());
    assertEquals(Optional.of(new PlotSpec("", true, true, "t", "")), r.plot());
    assertEquals(List.of(2, 3), r.dependsOn()); // data 0, model 1, gf 2, gd 3
  }

  @Test
  void optionsAreRead() {
    Plan p = TestScripts.plan(script("report plot(\"sv.png\", gf.singular_values, title = \"SVs\","
        + " x = linear, y = log, xlabel = \"t (GF time)\", ylabel = \"σ\")"));
    ReportStep r = plot(p);
    assertEquals(Optional.of(new PlotSpec("SVs", false, true, "t (GF time)", "σ")), r.plot());
    assertEquals(List.of("gf.singular_values"), r.series().stream().map(s -> s.label()).toList());
    String listing = PlanPrinter.print(p);
    assertTrue(listing.contains("plot \"sv.png\" (linear-log, x \"t (GF time)\", y \"σ\", "
        + "title \"SVs\"): gf.singular_values"), listing);
    String json = PlanJson.write(p);
    assertTrue(json.contains("\"format\": \"plot\""), json);
    assertTrue(json.contains("\"x\": \"linear\""), json);
  }

  @Test
  void otherReportsHaveNoPlotSpec() {
    Plan p = TestScripts.plan(script("report table(gf.loss)"));
    assertEquals(Optional.empty(), plot(p).plot());
  }

  @Test
  void unknownSeriesSuggestsTheClosest() {
    String bad = "report plot(\"loss.svg\", gf.lsos)";
    Diagnostic d = only(bad);
    at(d, bad, "lsos", "unknown observable `lsos`");
    assertEquals(Optional.of("did you mean `loss`?"), d.hint());
  }

  @Test
  void unknownTrainIsReported() {
    String bad = "report plot(\"loss.svg\", gff.loss)";
    Diagnostic d = only(bad);
    at(d, bad, "gff", "unknown train `gff`");
  }

  @Test
  void extensionMustBeSvgOrPng() {
    String bad = "report plot(\"loss.pdf\", gf.loss)";
    Diagnostic d = only(bad);
    at(d, bad, "\"loss.pdf\"", "a plot is written as `.svg` or `.png`, not `loss.pdf`");
    assertEquals("\"loss.pdf\"".length(), d.where().length());
  }

  @Test
  void unknownAxisScaleSuggestsTheClosest() {
    String bad = "report plot(\"loss.svg\", gf.loss, y = lineer)";
    Diagnostic d = only(bad);
    at(d, bad, "lineer", "unknown axis scale `lineer`");
    assertEquals(Optional.of("did you mean `linear`?"), d.hint());
  }

  @Test
  void unknownOptionSuggestsTheClosest() {
    String bad = "report plot(\"loss.svg\", gf.loss, xlable = \"t\")";
    Diagnostic d = only(bad);
    at(d, bad, "xlable", "unknown plot option `xlable`");
    assertEquals(Optional.of("did you mean `xlabel`?"), d.hint());
  }

  @Test
  void aPlotNeedsASeries() {
    String bad = "report plot(\"loss.svg\")";
    Diagnostic d = only(bad);
    at(d, bad, "plot", "`plot` needs at least one series, e.g. `gf.loss`");
  }

  @Test
  void aPlotNeedsAFileNameFirst() {
    String bad = "report plot(gf.loss)";
    Diagnostic d = only(bad);
    at(d, bad, "gf.loss", "`plot` takes a file name first, e.g. `plot(\"loss.svg\", gf.loss)`");
  }
}
