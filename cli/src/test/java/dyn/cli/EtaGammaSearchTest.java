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
 * examples/eta_gamma_search.dyn: CARBS finds η*(γ) of eta_gamma.dyn's setting with at most 15% of
 * the grid's 741 points, and the frontier's slopes recover theory's γ² (small γ) and γ¹ (large γ)
 * within ±0.3. The slopes are refitted here from the frontier CSV by plain least squares, not by
 * dyn's PowerLawFit; the point count is read from the search's points.csv. The large-γ side is
 * fitted over γ > 10, as the example does: between 4 and 10 the search's frontier stays far below
 * the edge (lr/γ 0.13 … 0.23 against the grid's 0.72 … 0.80) and tilts the slope up (1.43). Every
 * frontier point is a stable run, so theory's rich bound η* ≤ γ/s (s = 1: a minimum's sharpness is
 * at least 2s/γ) caps it.
 */
class EtaGammaSearchTest {
  @TempDir Path dir;

  @Test
  void frontierRecoversBothExponentsWithFewPoints() throws IOException {
    ExampleCsv eta = ExampleCsv.run("examples/eta_gamma_search.dyn", dir, "eta_search.csv");
    assertEquals(List.of("cost", "eta"), eta.header());
    // One line per point after the header (diverged points hold "nan", so not parsed as numbers).
    int n = java.nio.file.Files.readAllLines(dir.resolve("sweep-s/points.csv")).size() - 1;
    System.out.printf("eta_gamma_search: %d points = %.1f%% of the grid's 741%n", n, 100.0 * n / 741);
    assertTrue(n <= 0.15 * 741, n + " points is more than 15% of the grid");
    List<double[]> small = new ArrayList<>();
    List<double[]> large = new ArrayList<>();
    for (double[] row : eta.values()) {
      if (row[0] < 0.25) small.add(row);
      if (row[0] > 10) large.add(row);
      assertTrue(row[1] < row[0], "stable lr " + row[1] + " at γ = " + row[0] + " is above theory's edge γ/s = γ");
    }
    assertTrue(small.size() >= 3 && large.size() >= 3, "frontier points on each side: " + small.size() + ", " + large.size());
    double pSmall = slope(small);
    double pLarge = slope(large);
    System.out.printf("eta_gamma_search: small-γ exponent %.3f (theory 2), large-γ exponent %.3f (theory 1)%n", pSmall, pLarge);
    assertTrue(Math.abs(pSmall - 2) <= 0.3, "η* ∝ γ^" + pSmall + " for small γ, theory γ²");
    assertTrue(Math.abs(pLarge - 1) <= 0.3, "η* ∝ γ^" + pLarge + " for large γ, theory γ");
  }

  /** Least-squares slope of log10 y on log10 x. */
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
