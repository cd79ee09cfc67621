package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcripts through the UI-free session. The numbers come from theory: with whitened inputs
 * the mse loss of a linear net is ½‖T − W2W1‖²_F, so a teacher with singular values 3 and 1 and
 * a small init starts at ½(9 + 1) = 5 and gradient flow drives it to 0 (mode s reaches s/2 near
 * t ≈ ln(s/u0)/(2s), u0 ~ scale², i.e. t ≈ 7 for s = 1 at scale 1e-3, well before t = 12).
 */
class ReplSessionTest {
  static final Path STDLIB = Path.of(System.getProperty("dyn.root", "..")).resolve("stdlib");

  @TempDir Path out;

  private ReplSession session() {
    return new ReplSession(STDLIB, out, false);
  }

  private static String output(ReplResult r) {
    assertInstanceOf(ReplResult.Output.class, r, () -> "expected output, got " + r);
    return ((ReplResult.Output) r).text();
  }

  private static String diagnostics(ReplResult r) {
    assertInstanceOf(ReplResult.Diagnostics.class, r, () -> "expected diagnostics, got " + r);
    return ((ReplResult.Diagnostics) r).rendered();
  }

  private static void define(ReplSession s) {
    assertEquals("", output(s.submit("import models\nimport datasets")));
    assertEquals("defined data teacher\n", output(s.submit(
        "data teacher = linear_teacher(d = 4, out = 4, n = 100, singular_values = [3, 1], seed = 0)")));
    assertEquals("defined model net\n", output(s.submit(
        "model net = two_layer(d = 4, width = 4, out = 4, scale = 1e-3, seed = 1)")));
  }

  @Test
  void dataThenModelThenTrainThenReport() {
    ReplSession s = session();
    define(s);
    String trained = output(s.submit("train gf = flow(net, teacher, until = 12)"));
    Matcher m = Pattern.compile("^gf: loss (\\S+) at t = 12 \\(\\d+ steps, \\S+ s\\)\\n$").matcher(trained);
    assertTrue(m.find(), trained);
    assertTrue(Double.parseDouble(m.group(1)) < 1e-3, trained);

    String table = output(s.submit("report table(gf.loss)"));
    String[] rows = table.strip().split("\n");
    assertEquals(List.of("t", "gf.loss"), List.of(rows[0].strip().split("\\s+")));
    String[] first = rows[1].strip().split("\\s+");
    assertEquals(0.0, Double.parseDouble(first[0]));
    assertEquals(5.0, Double.parseDouble(first[1]), 1e-3);
    // The report ran with its chunk; a later chunk does not print it again.
    assertFalse(output(s.submit("param unused = 1")).contains("gf.loss"));

    String check = output(s.submit("check final(gf.loss) < 1e-3"));
    assertTrue(check.startsWith("check final(gf.loss) < 1e-3: PASS"), check);

    String shown = output(s.submit(":show gf"));
    assertTrue(shown.startsWith("train gf = flow(net, teacher, until = 12)\n"), shown);
    // `param unused` changed the module, so :plot reruns the trains before plotting.
    String plot = output(s.submit(":plot gf.loss"));
    assertTrue(plot.startsWith("  * gf.loss  5 → "), plot);
    assertTrue(Pattern.compile("\n *5 ┤\\*").matcher(plot).find(), "the loss starts at the top of the scale: " + plot);
    assertTrue(output(s.submit(":show gf")).contains("gf.loss = "), "final values after the run");
  }

  @Test
  void errorsAreRenderedAndDoNotEndTheSession() {
    ReplSession s = session();
    define(s);
    String d = diagnostics(s.submit("model bad = two_layr(d = 4)"));
    assertTrue(d.startsWith("<repl>:1:13: error: unknown model `two_layr`\n"), d);
    assertTrue(d.contains("did you mean `two_layer`?"), d);
    assertTrue(d.endsWith("1 error\n"), d);
    // Nothing of the bad chunk was kept, and the session goes on.
    assertFalse(s.moduleText().contains("bad"));
    assertTrue(diagnostics(s.submit(":show bad")).contains("nothing named `bad`"));
    assertEquals("defined param p\n", output(s.submit("param p = 2")));
  }

  @Test
  void aTrainThatDivergesIsDroppedAndTheNextOneRuns() {
    ReplSession s = session();
    define(s);
    String d = diagnostics(s.submit("train big = descent(net, teacher, lr = 50, steps = 100)"));
    assertTrue(d.contains("diverged"), d);
    // It stayed in the session before, and every later chunk ran it again and failed.
    assertFalse(s.moduleText().contains("big"), s.moduleText());
    String ok = output(s.submit("train ok = descent(net, teacher, lr = 0.01, steps = 10)"));
    assertTrue(ok.startsWith("ok: loss "), ok);
    assertTrue(output(s.submit("report table(ok.loss)")).contains("ok.loss"));
  }

  @Test
  void errorLinesCountFromTheChunk() {
    ReplSession s = session();
    define(s);
    String d = diagnostics(s.submit("param ok = 1\nmodel m2 = nosuch(d = 4)"));
    assertTrue(d.startsWith("<repl>:2:12: error:"), d);
  }

  @Test
  void saveWritesTheSessionAsAScriptThatCompiles() throws java.io.IOException {
    ReplSession s = session();
    assertTrue(diagnostics(s.submit(":save " + out.resolve("empty.dyn"))).contains("nothing defined yet"));
    define(s);
    Path file = out.resolve("study.dyn");
    assertEquals("saved 4 statements to " + file + "\n", output(s.submit(":save " + file)));
    assertEquals(s.moduleText(), java.nio.file.Files.readString(file));
    assertTrue(dyn.compiler.Compiler.compile(dyn.compiler.source.Source.read(file),
        new dyn.compiler.Compiler.Options(java.util.Map.of(), STDLIB)).ok());
    // Saving again to the file this session wrote replaces it.
    s.submit("param extra = 2");
    assertEquals("saved 5 statements to " + file + "\n", output(s.submit(":save " + file)));
    assertTrue(java.nio.file.Files.readString(file).endsWith("param extra = 2\n"));
    // A file the session did not write is kept.
    Path other = out.resolve("mine.dyn");
    java.nio.file.Files.writeString(other, "# my notes\n");
    assertTrue(diagnostics(s.submit(":save " + other)).contains("exists; this session did not write it"));
    assertEquals("# my notes\n", java.nio.file.Files.readString(other));
  }

  @Test
  void redeclarationReplaces() {
    ReplSession s = session();
    s.submit("param a = 1");
    s.submit("param b = 3");
    s.submit("param a = 2");
    assertEquals("param a = 2\nparam b = 3\n", s.moduleText());
    assertEquals("param a = 2\n", output(s.submit(":show a")));
  }

  @Test
  void openBracketAsksForMore() {
    ReplSession s = session();
    s.submit("import datasets");
    String first = "data teacher = linear_teacher(d = 4, out = 4, n = 100,\n";
    assertTrue(s.isIncomplete(first));
    assertInstanceOf(ReplResult.Incomplete.class, s.submit(first));
    assertEquals("defined data teacher\n", output(s.submit(first + "  singular_values = [3, 1])\n")));
    assertFalse(s.isIncomplete("param x = )"), "an extra closer is an error, not unfinished input");
  }

  @Test
  void completionOffersKeywordsStdlibAndDeclaredNames() {
    ReplSession s = session();
    define(s);
    assertTrue(s.complete("tr", 2).contains("train"));
    assertTrue(s.complete("model m = two_", 14).contains("two_layer"));
    assertTrue(s.complete("data d = linear_t", 17).contains("linear_teacher"));
    assertTrue(s.complete("train gf = flow(n", 17).contains("net"));
    assertTrue(s.complete("train gf = flow(net, tea", 24).contains("teacher"));
    assertEquals(List.of(":plan", ":plot"), s.complete(":pl", 3));
    assertTrue(s.complete("report table(gf.lo", 18).contains("gf.loss"));
    assertFalse(s.complete("tr", 2).contains("param"), "candidates share the typed prefix");
  }

  @Test
  void commandsPlanResetQuitAndPrefixes() {
    ReplSession s = session();
    assertEquals("nothing defined yet\n", output(s.submit(":plan")));
    define(s);
    ReplResult plan = s.submit(":pla");
    assertInstanceOf(ReplResult.PlanShown.class, plan);
    assertTrue(((ReplResult.PlanShown) plan).text().contains("data teacher"));
    assertTrue(diagnostics(s.submit(":p")).contains("ambiguous command `:p` (:plan, :plot)"));
    assertTrue(diagnostics(s.submit(":fly")).contains("unknown command `:fly`"));
    assertTrue(output(s.submit(":help")).contains(":load FILE"));
    assertEquals("session cleared\n", output(s.submit(":reset")));
    assertEquals("", s.moduleText());
    assertInstanceOf(ReplResult.Quit.class, s.submit(":q"));
    assertInstanceOf(ReplResult.Quit.class, s.submit(":quit"));
  }

  @Test
  void loadAddsAFilesStatements() {
    ReplSession s = session();
    Path file = STDLIB.getParent().resolve("examples/saddle_linear.dyn");
    String loaded = output(s.submit(":load " + file));
    // Its checks ran with the load, and pass (the example's golden says so).
    assertTrue(loaded.contains("check final(gf.loss) < 1e-6: PASS"), loaded);
    assertTrue(s.moduleText().contains("train gd = descent"));
    assertTrue(diagnostics(s.submit(":load no/such.dyn")).contains("no such file"));
  }

  @Test
  void plotNumbersComponentsFromZeroAndDrawsTheLossAsAStaircase() {
    ReplSession s = session();
    define(s);
    s.submit("observe loss, singular_values at log(0.01, 12, 60)");
    s.submit("train gf = flow(net, teacher, until = 12)");
    // Four singular values (d = out = 4), numbered 0 … 3 as in tables and CSV headers.
    String svs = output(s.submit(":plot gf.singular_values"));
    assertTrue(svs.contains("gf.singular_values[0]") && svs.contains("gf.singular_values[3]"), svs);
    assertFalse(svs.contains("gf.singular_values[4]"), svs);
    // The loss: 5 at the start, a plateau at ½·1² = 0.5 once mode 3 is learnt, then towards 0
    // (see the class comment): marks on many rows, not one sparkline row, and a log time axis.
    String loss = output(s.submit(":plot gf.loss"));
    String[] rows = loss.split("\n");
    long rowsWithMarks = java.util.Arrays.stream(rows).filter(r -> r.matches(".*[┤│].*\\*.*")).count();
    assertTrue(rowsWithMarks >= 6, loss);
    assertTrue(loss.contains("t (log axis)"), loss);
    assertTrue(loss.contains("0.01") && loss.contains("10"), "decades of the time axis are labelled: " + loss);
  }

  @Test
  void aStaircaseHasItsRiserInTheColumnOfTheDrop() {
    // t = 0.01 … 100 on a log axis of 60 columns: column c is at t = 10^(-2 + 4c/59), so t = 1
    // falls between columns 29 (t = 0.96) and 30 (t = 1.08). The value drops from 1 to 0.01 at
    // t = 1: columns 0-29 are on the top row, 30-59 on the bottom row, and column 30 also holds
    // the riser, rows 1-10.
    double[] t = {0.01, 0.1, 1, 10, 100};
    double[] v = {1, 1, 0.01, 0.01, 0.01};
    String plot = TextPlot.render(List.of(new TextPlot.Line("gd.loss", t, v)));
    String[] lines = plot.split("\n");
    // lines[0] is the legend, then 12 rows of plot, each after the value labels' margin and "┤"/"│".
    int start = lines[1].indexOf('┤') + 1;
    for (int r = 0; r < TextPlot.HEIGHT; r++) {
      String row = lines[1 + r].substring(start);
      String want = r == 0 ? "*".repeat(30) + (" ") : r == TextPlot.HEIGHT - 1 ? " ".repeat(30) + "*".repeat(30) : " ".repeat(30) + "*";
      assertEquals(want.stripTrailing(), row, "row " + r + " of\n" + plot);
    }
    assertTrue(lines[1].strip().startsWith("1 ┤"), plot);
    assertTrue(lines[TextPlot.HEIGHT].strip().startsWith("0.01 ┤"), plot);
    assertTrue(lines[TextPlot.HEIGHT + 2].strip().startsWith("0.01") && lines[TextPlot.HEIGHT + 2].strip().endsWith("100"), plot);
    assertEquals(0.01, TextPlot.heldAt(new TextPlot.Line("x", t, v), 5.0), "between grid times the last value holds");
  }

  @Test
  void observeSaysWhatItChanged() {
    ReplSession s = session();
    define(s);
    assertEquals("observe: no train yet; it applies to the trains defined later\n",
        output(s.submit("observe loss at log(0.01, 12, 20)")));
    s.submit("train gf = flow(net, teacher, until = 12)");
    // The train recorded loss on the grid above (20 times plus t = 0); the new line adds
    // singular_values on its own grid, and each keeps its own.
    String changed = output(s.submit("observe singular_values at linear(1, 12, 12)"));
    assertEquals("gf now records loss at 21 times, t = 0, 0.01 … 12; singular_values at 13 times,"
        + " t = 0, 1 … 12 (added singular_values; was 21 times, t = 0, 0.01 … 12)\n", changed);
    String both = output(s.submit("observe loss, singular_values at linear(1, 12, 12)"));
    // 12 is on both grids: 21 + 12 − 1 loss times.
    assertEquals("gf now records loss at 32 times, t = 0, 0.01 … 12; singular_values at 13 times,"
        + " t = 0, 1 … 12 (was loss at 21 times, t = 0, 0.01 … 12; singular_values at 13 times,"
        + " t = 0, 1 … 12)\n", both);
    String same = output(s.submit("observe loss at log(0.01, 12, 20)"));
    assertEquals("observe: no change, every train already records that\n", same, same);
  }

  /** The summary, :show and :plot read each series on its own grid. */
  @Test
  void aSeriesOnItsOwnGridEndsWhereItsGridEnds() {
    ReplSession s = session();
    define(s);
    s.submit("observe loss at linear(0, 6, 3)");
    s.submit("observe param_norm at linear(0, 12, 5)");
    String trained = output(s.submit("train gf = flow(net, teacher, until = 12)"));
    assertTrue(trained.matches("gf: loss \\S+ at t = 6 \\(.*\n"), trained);
    String shown = output(s.submit(":show gf"));
    assertTrue(shown.contains("  final values at t = 12:\n"), shown);
    assertTrue(Pattern.compile("    gf\\.loss = \\S+ \\(at t = 6\\)\n").matcher(shown).find(), shown);
    assertTrue(Pattern.compile("    gf\\.param_norm = \\S+\n").matcher(shown).find(), shown);
    String plot = output(s.submit(":plot gf.loss"));
    // The time axis ends at the loss's last time, 6, not the train's 12.
    assertTrue(plot.strip().split("\n")[plot.strip().split("\n").length - 2].strip().endsWith("6"),
        plot);
  }

  @Test
  void completionAfterATrainOffersOnlyWhatItsModelCanRecord() {
    ReplSession s = session();
    define(s);
    s.submit("model relu_net = two_layer(d = 4, width = 4, out = 4, act = relu, scale = 1e-3, seed = 1)");
    s.submit("observe loss at log(0.01, 1, 5)");
    s.submit("train lin = flow(net, teacher, until = 1)");
    s.submit("train nonlin = flow(relu_net, teacher, until = 1)");
    // net is linear in x: singular_values; relu_net is not. Neither's data has a test split.
    // Everything a train records but test_loss/test_accuracy (no test split); no prediction series.
    // escape_alignment: net is bias-free and homogeneous of degree 2 in θ.
    assertEquals(List.of("lin.accuracy", "lin.coherence", "lin.effective_rank",
        "lin.escape_alignment", "lin.fourier_power", "lin.kernel_alignment", "lin.kernel_distance", "lin.layer_norms", "lin.layer_singular_values", "lin.loss", "lin.m_coherence", "lin.nc1",
        "lin.neuron_norms", "lin.ntk_eigenvalues", "lin.param_norm", "lin.sharpness",
        "lin.singular_values").stream().sorted().toList(),
        s.complete("report table(lin.", 17));
    assertFalse(s.complete("report table(nonlin.", 20).contains("nonlin.singular_values"));
    assertTrue(s.complete("report table(nonlin.", 20).contains("nonlin.neuron_norms"));
    assertFalse(s.complete(":plot lin.", 10).contains("lin.test_loss"));
  }
}
