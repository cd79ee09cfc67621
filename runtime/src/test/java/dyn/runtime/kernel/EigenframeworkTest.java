package dyn.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The eigenframework (reference.md §4.1) and random-feature risk (§4.2) against K1, K3 and K5.
 * Expected values: the reference's table, and to more digits an independent numpy/scipy
 * implementation (tools/kernels/eigenframework_reference.py: brentq on log κ; for RF brentq on
 * log γ above γ_n).
 */
class EigenframeworkTest {
  /** K1's task: 400 modes, λ_i ∝ i^−1.5 summing to 1, v_i ∝ 1/i with ‖v‖ = 1, ε² = 0.01. */
  static double[] lambda() {
    double[] l = new double[400];
    double s = 0;
    for (int i = 0; i < l.length; i++) s += l[i] = Math.pow(i + 1, -1.5);
    for (int i = 0; i < l.length; i++) l[i] /= s;
    return l;
  }

  static double[] target() {
    double[] v = new double[400];
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = 1.0 / (i + 1);
      s += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) v[i] /= Math.sqrt(s);
    return v;
  }

  @Test
  void k1Ridgeless() {
    Eigenframework.Result r = Eigenframework.solve(lambda(), target(), 0.01, 50, 0);
    // reference K1: κ = 2.919e-3, E0 = 1.712, test 0.0463, ΣL = 50; numpy: 0.002918869935,
    // 1.712339388, 0.04627395.
    assertEquals(0.002918869935, r.kappa(), 1e-9 * 0.0029);
    assertEquals(1.712339388, r.e0(), 1e-8);
    assertEquals(0.04627395, r.testMse(), 1e-7);
    assertEquals(0, r.trainMse());
    double sum = 0;
    for (double l : r.learnabilities()) sum += l;
    assertEquals(50, sum, 1e-9, "conservation law ΣL_i = n at δ = 0");
  }

  @Test
  void k1WithRidge() {
    Eigenframework.Result r = Eigenframework.solve(lambda(), target(), 0.01, 50, 0.01);
    assertEquals(0.04630293935, r.testMse(), 1e-9); // reference 0.0463
    assertEquals(0.0001750629816, r.trainMse(), 1e-12); // reference 1.8e-4
    Eigenframework.Result big = Eigenframework.solve(lambda(), target(), 0.01, 200, 1e-3);
    assertEquals(2.445896167, big.e0(), 1e-8); // reference 2.446
    assertEquals(0.02887770288, big.testMse(), 1e-9); // reference 0.0289
    assertEquals(1.845365934e-05, big.trainMse(), 1e-12); // reference 2e-5
    double sum = 0;
    for (double l : big.learnabilities()) sum += l;
    assertEquals(200 - 1e-3 / big.kappa(), sum, 1e-8, "ΣL_i = n − δ/κ");
  }

  @Test
  void k3RandomFeatureRiskAgainstK() {
    // Reference K3 (n = 100, δ = 1e-3) with the spike at k = n; numpy to 1e-10.
    double[][] expected = {{25, 0.1430457062}, {50, 0.1135869269}, {100, 0.1715059946},
        {200, 0.05974275549}, {400, 0.04149866377}, {1600, 0.03369215346}, {6400, 0.03217938832}};
    for (double[] e : expected) {
      RandomFeatureRisk.Result r = RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, e[0], 1e-3);
      assertEquals(e[1], r.testMse(), 1e-8, "k = " + e[0]);
    }
    // k → ∞ recovers KRR: 0.0317 (numpy 0.03170514889).
    RandomFeatureRisk.Result huge = RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, 1e9, 1e-3);
    double krr = Eigenframework.solve(lambda(), target(), 0.01, 100, 1e-3).testMse();
    assertEquals(0.03170514889, krr, 1e-9);
    assertEquals(krr, huge.testMse(), 1e-6);
  }

  @Test
  void k2SmallRidgeAndRidgelessBranches() {
    assertEquals(0.04216635977,
        RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, 400, 1e-5).testMse(), 1e-8);
    // δ = 0: k < n has κ = 0 and ΣL = k; k > n has κ = γ(1 − n/k) (reference §4.2).
    RandomFeatureRisk.Result under = RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, 50, 0);
    assertEquals(0, under.kappa());
    assertEquals(0.1151029961, under.testMse(), 1e-8);
    RandomFeatureRisk.Result over = RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, 400, 0);
    assertEquals(0.04217361709, over.testMse(), 1e-8);
    assertEquals(over.gamma() * (1 - 100.0 / 400), over.kappa(), 1e-15);
    assertTrue(Double.isInfinite(RandomFeatureRisk.solve(lambda(), target(), 0.01, 100, 100, 0).testMse()));
  }

  @Test
  void k5TemperedOverfittingE0ApproachesAlpha() {
    // Reference K5: λ_i = i^−α, ridgeless, n = 1000: E0 = 1.530, 2.003, 2.9985 (numpy with 2e5
    // modes: 1.529754, 2.003078, 2.998543).
    double[][] cases = {{1.5, 1.529754}, {2, 2.003078}, {3, 2.998543}};
    for (double[] c : cases) {
      double[] l = new double[200_000];
      for (int i = 0; i < l.length; i++) l[i] = Math.pow(i + 1, -c[0]);
      Eigenframework.Result r = Eigenframework.solve(l, new double[l.length], 1, 1000, 0);
      assertEquals(c[1], r.e0(), 2e-6, "α = " + c[0]);
    }
  }

  @Test
  void fewerModesThanSamplesInterpolatesExactly() {
    // Ridgeless, 3 modes, n = 10: κ = 0, every L_i = 1, E0 = n/(n − 3), test = E0·ε².
    Eigenframework.Result r = Eigenframework.solve(new double[] {3, 2, 1},
        new double[] {1, 1, 1}, 0.5, 10, 0);
    assertEquals(0, r.kappa());
    assertEquals(10.0 / 7 * 0.5, r.testMse(), 1e-15);
  }

  @Test
  void refusesBadInputs() {
    assertThrows(IllegalArgumentException.class,
        () -> Eigenframework.solve(new double[] {1, -1}, new double[] {1, 1}, 0, 10, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Eigenframework.solve(new double[] {1}, new double[] {1}, 0, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Eigenframework.solve(new double[] {1}, new double[] {1}, 0, 10, -1));
  }

  @Test
  void k4CostOfOverfittingIsBoundedByE0() {
    // Reference K4 (Zhou, Simon, Vardi & Srebro's agnostic bound, checked numerically there over
    // 300 random tasks, max C/E0(0) = 0.978): C(n) = R(δ = 0)/min_δ R(δ) ≤ E0(δ = 0), for any
    // target. Recipe of reference §10.7 with m = 300 modes; min over δ by a log grid refined
    // by golden section. Also the pure-noise case, where C = E0(0) exactly (derived there).
    java.util.Random r = new java.util.Random(4);
    double worst = 0;
    for (int trial = 0; trial < 60; trial++) {
      int m = 300;
      double a = 1.1 + 1.9 * r.nextDouble();
      double b = 1.5 * r.nextDouble();
      double[] lambda = new double[m];
      double[] v = new double[m];
      double power = 0;
      for (int i = 0; i < m; i++) {
        lambda[i] = Math.pow(i + 1, -a) * (0.5 + r.nextDouble());
        v[i] = r.nextGaussian() * Math.pow(i + 1, -b);
        power += v[i] * v[i];
      }
      java.util.Arrays.sort(lambda);
      for (int i = 0, j = m - 1; i < j; i++, j--) {
        double t = lambda[i];
        lambda[i] = lambda[j];
        lambda[j] = t;
      }
      double noise = r.nextDouble() * power;
      int n = 5 + r.nextInt(145);
      Eigenframework.Result ridgeless = Eigenframework.solve(lambda, v, noise, n, 0);
      double best = bestRisk(lambda, v, noise, n);
      double c = ridgeless.testMse() / best;
      assertTrue(c >= 1 - 1e-9, "C ≥ 1 by definition, got " + c);
      assertTrue(c <= ridgeless.e0() * (1 + 1e-9), "trial " + trial + ": C = " + c + " > E0 = "
          + ridgeless.e0());
      worst = Math.max(worst, c / ridgeless.e0());
    }
    assertTrue(worst > 0.5, "the bound should be nearly tight somewhere, max C/E0 = " + worst);
  }

  /** min over δ ≥ 0 of the KRR test risk: a log grid over 1e-8…1e4, then golden section. */
  private static double bestRisk(double[] lambda, double[] v, double noise, int n) {
    double best = Eigenframework.solve(lambda, v, noise, n, 0).testMse();
    double bestLog = -8;
    for (double u = -8; u <= 4; u += 0.25) {
      double risk = Eigenframework.solve(lambda, v, noise, n, Math.pow(10, u)).testMse();
      if (risk < best) {
        best = risk;
        bestLog = u;
      }
    }
    double lo = bestLog - 0.25;
    double hi = bestLog + 0.25;
    double g = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 60; i++) {
      double x1 = hi - g * (hi - lo);
      double x2 = lo + g * (hi - lo);
      double r1 = Eigenframework.solve(lambda, v, noise, n, Math.pow(10, x1)).testMse();
      double r2 = Eigenframework.solve(lambda, v, noise, n, Math.pow(10, x2)).testMse();
      best = Math.min(best, Math.min(r1, r2));
      if (r1 < r2) hi = x2;
      else lo = x1;
    }
    return best;
  }

  @Test
  void pureNoiseCostOfOverfittingIsE0() {
    // Reference §4.3 [derived]: for a zero target R(δ) = E0(δ)·ε², minimised as δ → ∞ at ε², so
    // C = E0(0).
    double[] lambda = EigenframeworkTest.lambda();
    double[] zero = new double[lambda.length];
    Eigenframework.Result r0 = Eigenframework.solve(lambda, zero, 0.3, 50, 0);
    Eigenframework.Result big = Eigenframework.solve(lambda, zero, 0.3, 50, 1e12);
    assertEquals(0.3, big.testMse(), 1e-9);
    assertEquals(r0.e0(), r0.testMse() / big.testMse(), 1e-8);
  }

  /**
   * The safeguarded Newton solve for κ against the bracketing regula falsi it replaced
   * (LogBisection, an independent method on the same equation), and its residual, over spectra
   * that push it: ridgeless with more modes than samples, a tiny and a huge ridge, n near the
   * number of modes, zero modes, unsorted order.
   */
  @Test
  void newtonKappaAgreesWithTheBracketingSolve() {
    double[] sorted = lambda();
    double[] shuffled = sorted.clone();
    java.util.Random r = new java.util.Random(7);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    double[] withZeros = java.util.Arrays.copyOf(sorted, 500); // 100 zero modes
    for (double[] spectrum : new double[][] {sorted, shuffled, withZeros}) {
      for (double n : new double[] {1, 50, 399}) {
        for (double ridge : new double[] {0, 1e-12, 1e-4, 1, 1e4}) {
          double start = Math.max(ridge / n, Eigenframework.nth(spectrum, (int) Math.floor(n)));
          double guess = start > 0 ? start : 1e-8;
          double newton = Eigenframework.kappa(spectrum, n, ridge, guess);
          double bracket = LogBisection.root(
              k -> Eigenframework.sumLearn(spectrum, k) + ridge / k - n, 0, guess);
          String where = "n = " + n + ", ridge = " + ridge;
          assertEquals(bracket, newton, 1e-10 * bracket, where);
          double g = Eigenframework.sumLearn(spectrum, newton) + ridge / newton - n;
          assertEquals(0, g, 1e-9 * n, where);
        }
      }
    }
  }

  /** The k-th largest eigenvalue, whichever order the spectrum comes in. */
  @Test
  void nthLargestInAnyOrder() {
    double[] desc = {5, 4, 4, 2, 1};
    double[] asc = {1, 2, 4, 4, 5};
    double[] mixed = {4, 1, 5, 2, 4};
    for (int k = 0; k < 5; k++) {
      assertEquals(desc[k], Eigenframework.nth(desc, k));
      assertEquals(desc[k], Eigenframework.nth(asc, k));
      assertEquals(desc[k], Eigenframework.nth(mixed, k));
    }
    assertEquals(0, Eigenframework.nth(desc, 5));
  }
}
