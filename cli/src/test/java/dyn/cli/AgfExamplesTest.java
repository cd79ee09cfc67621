package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AGF examples checked against theory: predicted times and levels against the closed forms of
 * reference.md §1.4 (computed here, not read from dyn), measured gradient-flow times against the
 * exact logistic midpoint crossing, the order of acquisition, and the shrinking of AGF's error
 * with the init scale. Numbers are read from the compare tables that {@code dyn run} prints.
 */
class AgfExamplesTest {
  private static final Path ROOT =
      Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();

  @TempDir Path out;

  /** One parsed row of a compare table. */
  private record Row(double predictedTime, double measuredTime, double timeError,
      double predictedLevel, double measuredLevel, String featurePredicted, String featureMeasured) {}

  /** The compare tables by name, and the verdict lines. */
  private record Printed(Map<String, List<Row>> tables, Map<String, String> verdicts) {}

  private Printed run(String script) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", ROOT.resolve(script).toString(), "--out", out.toString()},
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String text = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, () -> text + stderr.toString(StandardCharsets.UTF_8));
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    Map<String, String> verdicts = new LinkedHashMap<>();
    List<Row> current = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("compare ") && line.contains(" against ")) {
        current = new ArrayList<>();
        tables.put(line.substring(8, line.indexOf(':')), current);
      } else if (line.startsWith("compare ")) {
        verdicts.put(line.substring(8, line.indexOf(':')), line);
      } else if (current != null && line.matches("\\s+\\d+\\s.*")) {
        String[] c = line.trim().split("\\s{2,}");
        // c[4] is the grid column, ±x%.
        current.add(new Row(num(c[1]), num(c[2]), num(c[3].replace("%", "")) / 100, num(c[5]),
            num(c[6]), c[7], c[8]));
      }
    }
    return new Printed(tables, verdicts);
  }

  private static double num(String s) {
    return s.equals("-") ? Double.NaN : Double.parseDouble(s);
  }

  private static void close(double expected, double actual, double rtol, String what) {
    assertTrue(Math.abs(expected - actual) <= rtol * Math.abs(expected),
        what + ": expected " + expected + " but dyn printed " + actual);
  }

  /** The exact GF time at which coordinate β's loss ½(β − p)² falls to β²/4 from u = v = α. */
  private static double flowMidpoint(double beta, double alpha) {
    return (Math.log(Math.sqrt(2) - 1) + Math.log(beta / (alpha * alpha) - 1)) / (2 * beta);
  }

  @Test
  void diagonalNetworkMatchesTheClosedFormsAndGradientFlow() {
    Printed p = run("examples/agf_diagonal.dyn");
    double alpha = 1e-4;
    double[] beta = {3, 1.5, 0.75};
    double[] levels = {0.5 * (1.5 * 1.5 + 0.75 * 0.75), 0.5 * 0.75 * 0.75, 0};
    for (String name : List.of("c_gf", "c_gd")) {
      List<Row> rows = p.tables().get(name);
      assertEquals(3, rows.size(), name);
      for (int k = 0; k < 3; k++) {
        Row r = rows.get(k);
        close(Math.log(1 / (Math.sqrt(2) * alpha)) / beta[k], r.predictedTime(), 1e-4, "τ_" + (k + 1));
        assertEquals(levels[k], r.predictedLevel(), 1e-6 * levels[0] + 1e-12, "ℓ_" + (k + 1));
        assertEquals("neuron " + k, r.featurePredicted(), "AGF acquires in decreasing β*");
        assertEquals("neuron " + k, r.featureMeasured(), name + " acquires in decreasing β*");
        assertTrue(r.timeError() <= 1 / Math.log(1 / alpha), name + " jump " + (k + 1));
        close(levels[k] == 0 ? 1 : levels[k], levels[k] == 0 ? 1 + r.measuredLevel() : r.measuredLevel(),
            0.01, name + " plateau " + (k + 1));
      }
      assertTrue(p.verdicts().get(name).contains(": PASS ("), p.verdicts().get(name));
    }
    for (int k = 0; k < 3; k++) {
      close(flowMidpoint(beta[k], alpha), p.tables().get("c_gf").get(k).measuredTime(), 5e-3,
          "gradient flow's jump " + (k + 1));
    }
  }

  @Test
  void twoLayerLinearNetworkLearnsModesInOrderOfSingularValue() {
    Printed p = run("examples/agf_linear.dyn");
    double[] s = {6, 3, 1.5};
    double[] levels = {0.5 * (9 + 2.25), 0.5 * 2.25, 0};
    List<Row> rows = p.tables().get("c1");
    assertEquals(3, rows.size());
    double c = rows.get(0).predictedTime() * s[0];
    for (int k = 0; k < 3; k++) {
      Row r = rows.get(k);
      assertEquals(levels[k], r.predictedLevel(), 1e-6 * 23.625, "ℓ_" + (k + 1));
      // τ_k s_k = ln(1/‖θ_i(0)‖) varies only through the recruited neuron's random initial norm.
      close(c, r.predictedTime() * s[k], 0.05, "τ_" + (k + 1) + "·s_" + (k + 1));
      assertTrue(r.timeError() <= 1 / Math.log(1e6), "jump " + (k + 1));
    }
    // ‖θ_i(0)‖ ≈ √2·α up to the draw: ln(1/(√2·1e-6)) = 13.47.
    close(Math.log(1 / (Math.sqrt(2) * 1e-6)), c, 0.1, "ln(1/‖θ(0)‖)");
    assertTrue(p.verdicts().get("c1").contains(": PASS ("), p.verdicts().get("c1"));
  }

  @Test
  void agfErrorShrinksWithTheInitScale() {
    Printed p = run("examples/agf_alpha.dyn");
    double previousTime = Double.POSITIVE_INFINITY;
    double previousLevel = Double.POSITIVE_INFINITY;
    for (int e : new int[] {2, 4, 6, 8}) {
      List<Row> rows = p.tables().get("c" + e);
      double worstTime = rows.stream().mapToDouble(Row::timeError).max().orElseThrow();
      double worstLevel = 0;
      for (Row r : rows.subList(0, 2)) {
        worstLevel = Math.max(worstLevel, Math.abs(r.measuredLevel() - r.predictedLevel()) / r.predictedLevel());
      }
      assertTrue(worstTime < previousTime, "time error at α = 1e-" + e + ": " + worstTime);
      assertTrue(worstLevel < previousLevel, "level error at α = 1e-" + e + ": " + worstLevel);
      assertTrue(worstTime <= 1 / Math.log(Math.pow(10, e)), "1/ln(1/α) bound at α = 1e-" + e);
      assertTrue(p.verdicts().get("c" + e).contains(": PASS ("), p.verdicts().get("c" + e));
      previousTime = worstTime;
      previousLevel = worstLevel;
    }
  }
}
