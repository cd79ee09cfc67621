package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON report carries each compare's table and verdict; `agf(…)` cost options reach the plan.
 * The whitened diagonal network has closed forms (reference D3): τ_i = ln(1/(√2α))/β*_i with
 * β* = (3, 1.5), and levels ½Σ_{j>k} β*_j².
 */
class AgfReportTest {
  @TempDir Path dir;

  private static final String SCRIPT = String.join("\n",
      "import models", "import datasets",
      "param alpha = 1e-4",
      "dataset two_sparse(d, n, seed = 0) {", "  let beta = [3, 1.5]",
      "  x = whiten(normal(d, n))", "  y = beta' @ x", "  teacher = beta'", "}",
      "data teacher = two_sparse(d = 2, n = 100)",
      "model net = diagonal(d = 2, scale = alpha, seed = 1)",
      "train gf = flow(net, teacher, until = 20, rtol = 1e-8)",
      "observe loss at log(0.01, 20, 200)",
      "predict agf1 = agf(net, teacher, step = 1e-3, until = 20, cost = \"lbfgs\", cost_tol = 1e-10,"
          + " cost_steps = 500)",
      "compare c1 = staircase(gf.loss, agf1, time_rtol = 0.2, level_rtol = 0.05)",
      "report json(\"r.json\")", "");

  private int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return Main.run(args, ps, ps);
  }

  @Test
  void jsonReportHoldsTheComparisonTable() throws Exception {
    Path script = dir.resolve("s.dyn");
    Files.writeString(script, SCRIPT);
    assertEquals(0, run("run", script.toString(), "--out", dir.toString()));
    String json = Files.readString(dir.resolve("r.json"));
    assertTrue(json.contains("\"compares\""), json);
    assertTrue(json.contains("\"compare\" : \"c1\""), json);
    assertTrue(json.contains("\"verdict\" : \"compare c1: PASS"), json);
    List<Double> times = numbers(json, "predicted_time");
    List<Double> levels = numbers(json, "predicted_level");
    assertEquals(2, times.size(), json);
    assertEquals(2, numbers(json, "measured_time").size(), "both jumps measured: " + json);
    assertTrue(json.contains("\"inconclusive\" : false"), json);
    // Each measured time lies in its bracket of grid times, and the resolution is the farther
    // end's distance from it relative to τ: log(0.01, 20, 200) is 3.9% apart.
    List<Double> measured = numbers(json, "measured_time");
    List<Double> from = numbers(json, "measured_from");
    List<Double> to = numbers(json, "measured_to");
    List<Double> resolution = numbers(json, "time_resolution");
    for (int k = 0; k < 2; k++) {
      assertTrue(from.get(k) < measured.get(k) && measured.get(k) <= to.get(k), json);
      assertEquals(Math.pow(2000, 1 / 199.0), to.get(k) / from.get(k), 1e-9, "adjacent grid times");
      assertEquals(Math.max(measured.get(k) - from.get(k), to.get(k) - measured.get(k)) / times.get(k),
          resolution.get(k), 1e-12);
    }
    double c0 = Math.log(1 / (Math.sqrt(2) * 1e-4));
    double[] beta = {3, 1.5};
    double[] level = {0.5 * 1.5 * 1.5, 0};
    for (int k = 0; k < 2; k++) {
      ExampleCsv.assertClose(c0 / beta[k], times.get(k), 1e-3, 0, "τ_" + (k + 1));
      ExampleCsv.assertClose(level[k], levels.get(k), 1e-6, 1e-9, "ℓ_" + (k + 1));
    }
  }

  private static List<Double> numbers(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\" : ([-0-9.eE+]+)").matcher(json);
    List<Double> out = new ArrayList<>();
    while (m.find()) out.add(Double.parseDouble(m.group(1)));
    return out;
  }

  /**
   * The same study on 30 log-spaced times (30% apart) against time_rtol = 0.1: GF's jumps are a
   * few percent off AGF's here (within 0.2 on 200 points, and 5% for this α in agf_alpha), so
   * every jump's bracket spans errors either side of 10%. The compile warning names the grid
   * that would do, and on it the verdict is a PASS.
   */
  @Test
  void aGridTooCoarseForTheToleranceWarnsAndLeavesTheVerdictOpen() throws Exception {
    Path script = dir.resolve("coarse.dyn");
    String coarse = SCRIPT.replace("log(0.01, 20, 200)", "log(0.01, 20, 30)")
        .replace("time_rtol = 0.2", "time_rtol = 0.1");
    Files.writeString(script, coarse);
    CliRun r = CliRun.of("run", script.toString(), "--out", dir.toString());
    assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("compare c1: INCONCLUSIVE, decided by the grid (2 jumps, max time error "),
        r.out());
    assertTrue(r.err().contains("coarse.dyn:15:14: warning: `gf.loss` is recorded at times 30% apart,"
        + " more than time_rtol/2 = 5%"), r.err());
    assertTrue(r.err().contains("`observe loss for gf at log(0.01, 20, 157)`"), r.err());
    Files.writeString(script, coarse.replace("log(0.01, 20, 30)", "log(0.01, 20, 157)"));
    CliRun fine = CliRun.of("run", script.toString(), "--out", dir.toString());
    assertEquals(ExitCodes.OK, fine.code(), fine.out() + fine.err());
    assertTrue(fine.out().contains("compare c1: PASS (2 jumps"), fine.out());
    assertFalse(fine.err().contains("warning"), fine.err());
  }

  @Test
  void badCostOptionsAreCheckErrors() throws Exception {
    Path script = dir.resolve("bad.dyn");
    Files.writeString(script, SCRIPT.replace("cost = \"lbfgs\"", "cost = \"lbgfs\"")
        .replace("cost_steps = 500", "cost_steps = 0.5"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertTrue(Main.run(new String[] {"check", script.toString()}, ps, ps) != 0);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("unknown cost-phase solver `lbgfs`"), text);
    assertTrue(text.contains("did you mean `lbfgs`?"), text);
    assertTrue(text.contains("`cost_steps` must be a whole number ≥ 1"), text);
  }
}
