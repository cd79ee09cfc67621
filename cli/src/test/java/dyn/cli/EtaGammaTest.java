package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/eta_gamma.dyn against reference G1: the largest stable learning rate scales as γ² for
 * γ ≪ 1 and as γ^{2/L} = γ for γ ≫ 1 (L = 2), exponents within ±25%. The slopes are refitted here
 * from the CSV by plain least squares, independently of dyn's PowerLawFit.
 */
class EtaGammaTest {
  @TempDir Path dir;

  @Test
  void optimalLearningRateExponents() throws IOException {
    ExampleCsv csv = ExampleCsv.run("examples/eta_gamma.dyn", dir, "eta_gamma.csv");
    assertEquals(List.of("gamma", "eta"), csv.header());
    List<double[]> small = new ArrayList<>();
    List<double[]> large = new ArrayList<>();
    for (double[] row : csv.values()) {
      assertTrue(row[1] > 0, "every γ has a stable learning rate on the grid");
      if (row[0] < 0.25) small.add(row);
      if (row[0] > 4) large.add(row);
    }
    assertEquals(5, small.size());
    assertEquals(5, large.size());
    double pSmall = slope(small);
    double pLarge = slope(large);
    assertTrue(Math.abs(pSmall - 2) <= 0.25 * 2, "η* ∝ γ^" + pSmall + " for small γ, theory γ²");
    assertTrue(Math.abs(pLarge - 1) <= 0.25 * 1, "η* ∝ γ^" + pLarge + " for large γ, theory γ^{2/L} = γ");
    // The edge of stability rises monotonically with γ across the whole range.
    for (int i = 1; i < csv.values().size(); i++) {
      assertTrue(csv.values().get(i)[1] >= csv.values().get(i - 1)[1]);
    }
    // The sweep's JSON spells numbers as the run's JSON and the CSV do (1e-5), not as Java does
    // (1.0E-5): the smallest η* on the grid is below 1e-3.
    String json = java.nio.file.Files.readString(dir.resolve("eta_gamma.json"));
    assertTrue(json.contains("e-") && !json.contains("E-") && !json.contains(".0e"), json);
  }

  private static double slope(List<double[]> rows) {
    double mx = 0;
    double my = 0;
    for (double[] r : rows) {
      mx += Math.log10(r[0]) / rows.size();
      my += Math.log10(r[1]) / rows.size();
    }
    double sxy = 0;
    double sxx = 0;
    for (double[] r : rows) {
      sxy += (Math.log10(r[0]) - mx) * (Math.log10(r[1]) - my);
      sxx += (Math.log10(r[0]) - mx) * (Math.log10(r[0]) - mx);
    }
    return sxy / sxx;
  }
}
