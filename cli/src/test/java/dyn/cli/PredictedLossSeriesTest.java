package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agf1.loss}, an AGF prediction's loss staircase, is a series like {@code gf.loss}. On the
 * whitened diagonal network the prediction has closed forms (reference D3): jumps at
 * τ_k = ln(1/(√2α))/β*_k and levels ℓ_k = ½Σ_{j>k} β*_j², so with β* = (3, 1.5) the staircase is
 * 5.625 before τ_1, 1.125 from τ_1 to τ_2, and 0 after.
 */
class PredictedLossSeriesTest {
  @TempDir Path dir;

  private static final double ALPHA = 1e-4;
  private static final double[] BETA = {3, 1.5};

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
      "report csv(\"p.csv\", gf.loss, agf1.loss)",
      "report plot(\"p.svg\", gf.loss, agf1.loss)",
      "report json(\"p.json\", agf1.loss)",
      "check final(agf1.loss) < 1e-6",
      "check at(agf1.loss, 1) > 5",
      "");

  private String out;

  private int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = Main.run(args, ps, ps);
    out = sink.toString(StandardCharsets.UTF_8);
    return code;
  }

  /** The closed-form staircase at time t. */
  private static double level(double t) {
    double c0 = Math.log(1 / (Math.sqrt(2) * ALPHA));
    double l = 0;
    for (double b : BETA) if (t < c0 / b) l += 0.5 * b * b;
    return l;
  }

  @Test
  void staircaseIsThePredictedLevelsAtThePredictedTimes() throws Exception {
    Path script = dir.resolve("s.dyn");
    Files.writeString(script, SCRIPT);
    assertEquals(0, run("run", script.toString(), "--out", dir.toString()), out);
    assertTrue(out.contains("check final(agf1.loss) < 1e-6: PASS"), out);
    ExampleCsv csv = ExampleCsv.read(dir.resolve("p.csv"));
    assertEquals(java.util.List.of("t", "gf.loss", "agf1.loss"), csv.header());
    double c0 = Math.log(1 / (Math.sqrt(2) * ALPHA));
    Set<Double> gfTimes = new HashSet<>();
    int checked = 0;
    boolean[] riser = new boolean[BETA.length];
    for (int r = 0; r < csv.rows(); r++) {
      double t = csv.get(r, "t");
      double gf = csv.get(r, "gf.loss");
      double agf = csv.get(r, "agf1.loss");
      if (!Double.isNaN(gf) && t > 0) {
        assertTrue(!Double.isNaN(agf), "the staircase is sampled on the train's grid, t = " + t);
        gfTimes.add(t);
      }
      if (Double.isNaN(agf)) continue;
      for (int k = 0; k < BETA.length; k++) {
        // The generic engine's τ_k is within 1e-3 of the closed form (AgfClosedFormTest).
        // The grid's extra point, not a train time: the jump itself.
        if (Math.abs(t - c0 / BETA[k]) < 1e-3 * c0 / BETA[k] && Double.isNaN(gf)) riser[k] = true;
      }
      boolean nearJump = false;
      for (double b : BETA) nearJump |= Math.abs(t - c0 / b) < 1e-3 * c0 / b;
      if (nearJump) continue;
      ExampleCsv.assertClose(level(t), agf, 1e-6, 1e-9, "predicted loss at t = " + t);
      checked++;
    }
    assertEquals(200, gfTimes.size(), "every positive gf time is a row of agf1.loss");
    assertTrue(checked >= 200, "checked " + checked);
    for (int k = 0; k < BETA.length; k++) {
      assertTrue(riser[k], "the grid holds the predicted jump τ_" + (k + 1) + " = " + c0 / BETA[k]);
    }
    String svg = Files.readString(dir.resolve("p.svg"));
    assertTrue(svg.contains("lines: gf.loss, agf1.loss"), "legend names both lines");
    String json = Files.readString(dir.resolve("p.json"));
    assertTrue(json.contains("\"agf1\""), json);
  }

  @Test
  void aPredictionHasOnlyItsLoss() throws Exception {
    Path script = dir.resolve("bad.dyn");
    Files.writeString(script, SCRIPT.replace("report csv(\"p.csv\", gf.loss, agf1.loss)",
        "report csv(\"p.csv\", agf1.neuron_norms)"));
    assertEquals(2, run("check", script.toString()), out);
    assertTrue(out.contains("prediction `agf1` has one series, its predicted loss staircase"), out);
  }

  @Test
  void aStaircaseComparesAMeasuredCurve() throws Exception {
    Path script = dir.resolve("bad.dyn");
    Files.writeString(script, SCRIPT
        + "compare c = staircase(agf1.loss, agf1, time_rtol = 0.2, level_rtol = 0.05)\n");
    assertEquals(2, run("check", script.toString()), out);
    assertTrue(out.contains("`agf1.loss` is itself predicted"), out);
  }
}
