package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import dyn.compiler.source.Source;
import dyn.runtime.data.Dataset;
import dyn.runtime.exec.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classification data written in dyn, generated as {@code dyn run} generates it: the stdlib's
 * {@code gaussian_mixture} (means, labels, split, noise) and {@code corrupt} on one-hot columns.
 */
class ClassificationDataTest {
  private static Dataset generate(String... lines) {
    Compilation c = Compiler.compile(Source.ofLines("test.dyn", lines),
        new Compiler.Options(Map.of(), ExampleCsv.ROOT.resolve("stdlib")));
    Plan plan = c.plan().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    for (Step s : plan.steps()) {
      if (s instanceof DataStep) return Engine.CPU.generate((DataStep) s);
    }
    throw new AssertionError("no data step");
  }

  private static double[] get(Dataset d, String name) {
    return d.get(name).orElseThrow().data;
  }

  /**
   * Without noise every sample sits on its class mean (separation/√2)·e_c, in class order, with
   * the class index as label: by hand, √2 on coordinate c for separation 2.
   */
  @Test
  void gaussianMixtureWithoutNoiseIsItsClassMeans() {
    Dataset d = generate("import datasets", "data g = gaussian_mixture(classes = 3, d = 4, m = 2,"
        + " separation = 2, noise = 0, m_test = 1)");
    double r = Math.sqrt(2);
    assertArrayEquals(new double[] {
        r, r, 0, 0, 0, 0,
        0, 0, r, r, 0, 0,
        0, 0, 0, 0, r, r,
        0, 0, 0, 0, 0, 0}, get(d, "x"), 1e-15);
    assertArrayEquals(new double[] {0, 0, 1, 1, 2, 2}, get(d, "y"));
    assertArrayEquals(new double[] {r, 0, 0, 0, r, 0, 0, 0, r, 0, 0, 0}, get(d, "x_test"), 1e-15);
    assertArrayEquals(new double[] {0, 1, 2}, get(d, "y_test"));
  }

  /**
   * With noise σ = 0.5 and 500 samples per class: each class's sample mean lies within 0.1 of
   * its mean (the sample mean's spread per coordinate is σ/√500 = 0.022), so the means are
   * `separation` = 3 apart to within 0.2, and the residual variance per coordinate is σ² = 0.25
   * within 5% (its relative spread is √(2/(6·2000)) ≈ 1.3%).
   */
  @Test
  void gaussianMixtureNoiseIsIsotropicAroundMeansSeparationApart() {
    int classes = 4;
    int dim = 6;
    int m = 500;
    int n = classes * m;
    Dataset d = generate("import datasets", "data g = gaussian_mixture(classes = 4, d = 6,"
        + " m = 500, separation = 3, noise = 0.5, seed = 3)");
    double[] x = get(d, "x");
    double[] y = get(d, "y");
    double[][] mean = new double[classes][dim];
    for (int j = 0; j < n; j++) {
      assertEquals(j / m, (int) y[j]);
      for (int r = 0; r < dim; r++) mean[j / m][r] += x[r * n + j] / m;
    }
    double sumSq = 0;
    double s = 3 / Math.sqrt(2);
    for (int j = 0; j < n; j++) {
      for (int r = 0; r < dim; r++) {
        double e = x[r * n + j] - (r == j / m ? s : 0);
        sumSq += e * e;
      }
    }
    assertEquals(0.25, sumSq / (n * dim), 0.25 * 0.05);
    for (int a = 0; a < classes; a++) {
      for (int r = 0; r < dim; r++) assertEquals(r == a ? s : 0, mean[a][r], 0.1);
      for (int b = a + 1; b < classes; b++) {
        double dist = 0;
        for (int r = 0; r < dim; r++) dist += Math.pow(mean[a][r] - mean[b][r], 2);
        assertEquals(3, Math.sqrt(dist), 0.2);
      }
    }
  }

  /** corrupt on one-hot columns keeps them one-hot and changes exactly round(0.5·6) = 3. */
  @Test
  void corruptTakesOneHotColumns() {
    Dataset d = generate("dataset noisy(seed = 0) {", "  let k = range(3)'",
        "  let clean = relu(1 - abs(k - [0, 1, 2, 0, 1, 2]'))", "  x = ones(2, 6)",
        "  y = corrupt(clean, 0.5, 3)", "  y_test = clean", "  x_test = ones(2, 6)", "}",
        "data g = noisy(seed = 4)");
    double[] y = get(d, "y");
    double[] clean = get(d, "y_test");
    int changed = 0;
    for (int j = 0; j < 6; j++) {
      double sum = 0;
      boolean same = true;
      for (int c = 0; c < 3; c++) {
        double v = y[c * 6 + j];
        assertTrue(v == 0 || v == 1, "entry " + c + ", " + j + " = " + v);
        sum += v;
        same &= v == clean[c * 6 + j];
      }
      assertEquals(1, sum);
      if (!same) changed++;
    }
    assertEquals(3, changed);
  }

  /**
   * {@code xor_clusters} with its own defaults (flip = 0, m_test = 0) once failed to compile:
   * {@code ones(1, 0)} was refused although {@code normal(d, 0)} was not. Without noise the four
   * clusters sit at ±r e₀ (label +1) and ±r e₁ (label −1), m samples each, and there is no test
   * split.
   */
  @Test
  void xorClustersWithItsDefaultsHasNoTestSplitAndNoFlips() {
    Dataset d = generate("import datasets", "data c = xor_clusters(d = 2, m = 2, r = 2, sigma = 0)");
    assertArrayEquals(new double[] {2, 2, -2, -2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, -2, -2},
        get(d, "x"), 1e-15);
    assertArrayEquals(new double[] {1, 1, 1, 1, -1, -1, -1, -1}, get(d, "y"));
    assertEquals(0, d.get("x_test").map(t -> t.cols).orElse(0));
  }
}
