package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AGF on the reference's deterministic 2-D diagonal example D1 (shared/science/reference.md §1.4
 * and table D1): X = chol(R Λ Rᵀ) with R the rotation by 150° and Λ = diag(1, 25), β* = (−0.2, 2),
 * u = √2·α, v = 0, α = 1e-6. The closed-form AGF jumps at 2.667, 8.292 and 47.765 with levels
 * 2.311099 → 1.114650 → 0.07 → 0: at the second jump coordinate 0 flips sign and returns to
 * dormant, and it comes back at the third. Before, no neuron ever returned: the default cost
 * phase overshot straight to β* (level 0 at jump 2, no third jump), and the staircase compare
 * against GD, which sits at 0.07 from t ≈ 8.6 to 47, still passed.
 */
class AgfCollapseTest {
  @TempDir Path dir;

  @Test
  void aNeuronDrivenThroughZeroReturnsToDormantAndComesBack() throws IOException {
    double th = Math.toRadians(150);
    double c = Math.cos(th);
    double s = Math.sin(th);
    // A = R diag(1, 25) Rᵀ, then its Cholesky factor L (A = L Lᵀ); X = L, rows are samples.
    double a00 = c * c + 25 * s * s;
    double a01 = c * s - 25 * s * c;
    double a11 = s * s + 25 * c * c;
    double l00 = Math.sqrt(a00);
    double l10 = a01 / l00;
    double l11 = Math.sqrt(a11 - l10 * l10);
    double[][] x = {{l00, 0}, {l10, l11}};
    double[] beta = {-0.2, 2};
    StringBuilder xs = new StringBuilder();
    StringBuilder ys = new StringBuilder();
    for (double[] row : x) {
      xs.append(row[0]).append(',').append(row[1]).append('\n');
      ys.append(row[0] * beta[0] + row[1] * beta[1]).append('\n');
    }
    Files.writeString(dir.resolve("x.csv"), xs);
    Files.writeString(dir.resolve("y.csv"), ys);
    Path script = dir.resolve("d1.dyn");
    Files.writeString(script, String.join("\n",
        "param alpha = 1e-6",
        "dataset d1() {",
        "  x = load_csv(\"x.csv\")'",
        "  y = load_csv(\"y.csv\")'",
        "}",
        "model diag2(d) {",
        "  param u: [d] ~ constant(1.4142135623730951)",
        "  param v: [d] ~ constant(0)",
        "  neuron i < d: u[i], v[i]",
        "  return (u * v)' @ x",
        "}",
        "data task = d1()",
        "model net = diag2(d = 2, scale = alpha)",
        "train gd = descent(net, task, lr = 1e-2, until = 60)",
        "observe loss at log(0.1, 60, 200)",
        "predict a = agf(net, task, step = 1e-3, until = 60)",
        "compare c = staircase(gd.loss, a, time_rtol = 0.1, level_rtol = 0.05)",
        ""));
    CliRun r = CliRun.of("run", script.toString(), "--out", dir.resolve("out").toString(), "--verbose");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("predict a: neuron 0 returned to dormant at jump 2"), r.err());
    List<double[]> rows = new ArrayList<>();
    boolean in = false;
    for (String line : r.out().split("\n")) {
      if (line.startsWith("jump ")) {
        in = true;
        continue;
      }
      if (in && line.matches("\\s*\\d+\\s+.*")) {
        String[] f = line.trim().split("\\s+");
        rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[5])}); // f[4]: grid ±
      } else {
        in = false;
      }
    }
    assertEquals(3, rows.size(), r.out());
    // Jumps 1 and 2 are the closed form's to its printed digits.
    assertEquals(2.667, rows.get(0)[0], 1e-3);
    assertEquals(8.292, rows.get(1)[0], 1e-3);
    assertEquals(1.114650, rows.get(0)[1], 1e-5);
    assertEquals(0.07, rows.get(1)[1], 1e-5);
    // The third: the generic flow restarts the returned neuron from its direction at θ(0) owing
    // 2c of utility, which comes ln 2 / (2|g|) ≈ 0.5 before the closed form's symmetric
    // shrink-and-regrow (47.765): ~1%, an O(1/ln(1/α)) difference like AGF's own against GF.
    assertEquals(47.765, rows.get(2)[0], 0.015 * 47.765);
    assertTrue(rows.get(2)[1] < 1e-6, "level 0 after the third jump");
  }
}
