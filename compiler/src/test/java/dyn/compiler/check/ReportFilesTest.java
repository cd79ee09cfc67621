package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Report file names are checked together: two reports of one file kept only the second's bytes
 * (and the manifest listed the file twice), `manifest.json` was overwritten by the manifest, and
 * `.` or a file inside another report's file failed only at run time, with exit 3.
 */
class ReportFilesTest {
  private static final String[] STUDY = {
      "import models", "import datasets",
      "data t = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1], seed = 0)",
      "model net = two_layer(d = 2, width = 2, out = 1, seed = 1)",
      "train gd = descent(net, t, lr = 0.1, steps = 3)"};

  private static List<Diagnostic> errors(String... reports) {
    List<String> lines = new ArrayList<>(List.of(STUDY));
    lines.addAll(List.of(reports));
    Compilation c = TestScripts.compile(lines.toArray(new String[0]));
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  private static Diagnostic only(String... reports) {
    List<Diagnostic> e = errors(reports);
    assertEquals(1, e.size(), TestScripts.show(e));
    return e.get(0);
  }

  @Test
  void twoReportsOfOneFileIsAnErrorAtTheSecond() {
    Diagnostic d = only("report csv(\"a.csv\")", "report json(\"./a.csv\")");
    assertEquals("report file `a.csv` is also written by the report at line 6", d.message());
    assertEquals(7, d.where().line());
    assertEquals(13, d.where().column());
    Diagnostic p = only("report params(\"p.npz\", gd)", "report csv(\"p.npz\")");
    assertTrue(p.message().startsWith("report file `p.npz` is also written"), p.message());
  }

  @Test
  void dynsOwnFilesAreNotReportNames() {
    assertEquals("`manifest.json` in the output folder (or a sweep point's) is dyn's own, so a report cannot use that name",
        only("report csv(\"manifest.json\")").message());
    assertTrue(only("report json(\"result.json\")").message().startsWith("`result.json`"));
  }

  @Test
  void aNameIsAFileOrAFolderNotBoth() {
    assertEquals("report file `a.csv/b.csv` would be inside `a.csv`, a file written by the report at line 6",
        only("report csv(\"a.csv\")", "report csv(\"a.csv/b.csv\")").message());
    assertEquals("report file `d` is a folder of `d/x.csv` written by the report at line 6",
        only("report csv(\"d/x.csv\")", "report csv(\"d\")").message());
    assertTrue(errors("report csv(\"d/x.csv\")", "report json(\"d/y.json\")").isEmpty(), "two files in one folder");
  }

  @Test
  void aNameMustEndInAFile() {
    assertEquals("report file `.` names a folder, not a file", only("report csv(\".\")").message());
    assertEquals("report file `sub/.` names a folder, not a file", only("report csv(\"sub/.\")").message());
    assertEquals("report file `sub/` names a folder, not a file", only("report csv(\"sub/\")").message());
    assertEquals("report file name contains a control character (a newline or tab?)",
        only("report csv(\"a\\nb.csv\")").message());
  }

  @Test
  void aSweepsGatheredReportsStayOutOfItsFolder() {
    List<Diagnostic> e = errors("param seed = 0", "sweep s = grid(seed = [0, 1]) {", "  loss = final(gd.loss)", "}",
        "report csv(\"sweep-s/tasks.tsv\", s)", "report csv(\"x.csv\", s)", "report json(\"x.csv\", s)",
        "report csv(\"tasks.tsv\", s)");
    // Gathered reports go into the output folder, beside sweep-s/ (the points, task list and
    // manifest): a report inside it overwrote the task list or a point's result.json.
    assertEquals(2, e.size(), TestScripts.show(e));
    assertEquals("`sweep-s` in the output folder (the sweep's points, task list and manifest) is dyn's own,"
        + " so a report cannot write inside it", e.get(0).message());
    assertFalse(e.get(1).message().isEmpty());
    assertTrue(e.get(1).message().startsWith("report file `x.csv` is also written"), e.get(1).message());
  }

  @Test
  void aCsvOfSweepResultsHoldsTablesOnTheSameKeysOrFits() {
    String[] sweep = {"param gamma = 1", "param lr = 0.1", "sweep s = grid(gamma = [1, 2], lr = [0.1, 0.2]) {",
        "  g = gamma", "  l = lr", "}", "let a = max(s.g, over = lr)", "let b = max(s.l, over = gamma)",
        "let f = fit_power(a)"};
    List<String> lines = new ArrayList<>(List.of(sweep));
    lines.add("report csv(\"x.csv\", a, b)");
    List<Diagnostic> keys = errors(lines.toArray(new String[0]));
    assertEquals(1, keys.size(), TestScripts.show(keys));
    assertEquals("a `csv` puts tables side by side on the same keys, but `a` is indexed by gamma and `b` by lr",
        keys.get(0).message());
    lines.set(lines.size() - 1, "report csv(\"x.csv\", a, f)");
    assertEquals("a `csv` holds tables or fits, not both: `f` is a fit and `a` a table",
        only(lines.toArray(new String[0])).message());
    lines.set(lines.size() - 1, "report json(\"x.json\", f, f)");
    assertEquals("`f` is listed twice", only(lines.toArray(new String[0])).message());
    lines.set(lines.size() - 1, "report csv(\"x.csv\", a, s.g)");
    assertTrue(errors(lines.toArray(new String[0])).size() == 1, "s.g is indexed by gamma and lr");
    lines.set(lines.size() - 1, "report table(a, b)");
    assertTrue(errors(lines.toArray(new String[0])).isEmpty(), "a table prints them one after the other");
  }
}
