package dyn.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Derived;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Power-law fits, Student-t quantiles and reductions against closed forms and table values. */
class PowerLawFitTest {
  @Test
  void exactPowerLawsAreRecoveredExactly() {
    double[] x = {0.01, 0.03, 0.1, 0.3, 1};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 0.2 * x[i] * x[i];
    PowerLawFit f = PowerLawFit.fit(x, y, 0.95);
    assertEquals(2, f.exponent(), 1e-12);
    assertEquals(0.2, f.prefactor(), 1e-12);
    assertEquals(1, f.r2(), 1e-12);
    assertEquals(0, f.stderr(), 1e-12);
    assertEquals(5, f.n());
    // Non-positive and NaN values cannot lie on a log–log line: left out, counted out.
    PowerLawFit g = PowerLawFit.fit(new double[] {1, 2, 4, 8}, new double[] {3, Double.NaN, 3 * Math.pow(4, -0.5), 0}, 0.95);
    assertEquals(-0.5, g.exponent(), 1e-12);
    assertEquals(2, g.n());
    assertTrue(Double.isNaN(g.lo()), "two points give no interval");
    assertTrue(Double.isNaN(g.r2()), "and no r²: any two points lie on a line");
  }

  @Test
  void theIntervalOfAKnownResidualPatternMatchesTheTextbookFormula() {
    // ln y = 1.5 ln x + r with r = (1, -2, 0, 2, -1)·0.1: r sums to 0 and is orthogonal to
    // ln x = (-2, -1, 0, 1, 2), so the slope is exactly 1.5, Sxx = 10, SSE = 0.1, and
    // se = sqrt(SSE / 3 / Sxx) = sqrt(1/300); t(0.975, 3) = 3.182446305284263 (tables).
    double[] r = {0.1, -0.2, 0, 0.2, -0.1};
    double[] x = new double[5];
    double[] y = new double[5];
    for (int i = 0; i < 5; i++) {
      x[i] = Math.exp(i - 2);
      y[i] = Math.exp(1.5 * (i - 2) + r[i]);
    }
    PowerLawFit f = PowerLawFit.fit(x, y, 0.95);
    double se = Math.sqrt(1.0 / 300);
    assertEquals(1.5, f.exponent(), 1e-12);
    assertEquals(se, f.stderr(), 1e-12);
    assertEquals(1.5 - 3.182446305284263 * se, f.lo(), 1e-9);
    assertEquals(1.5 + 3.182446305284263 * se, f.hi(), 1e-9);
    assertEquals(1.0, f.prefactor(), 1e-12);
  }

  @Test
  void studentQuantilesMatchTables() {
    assertEquals(12.706204736174707, StudentT.quantile(0.975, 1), 1e-8);
    assertEquals(4.302652729749464, StudentT.quantile(0.975, 2), 1e-9);
    assertEquals(2.2281388519862744, StudentT.quantile(0.975, 10), 1e-9);
    assertEquals(1.6448536269514722, StudentT.quantile(0.95, 1e7), 1e-5);
    assertEquals(0.5, StudentT.cdf(0, 4), 1e-15);
    // t with 1 degree of freedom is Cauchy: P(T <= 1) = 3/4.
    assertEquals(0.75, StudentT.cdf(1, 1), 1e-12);
  }

  @Test
  void theNinetyFivePercentIntervalCoversTheTrueExponentAboutNinetyFivePercentOfTheTime() {
    Random rng = new Random(12345);
    int trials = 2000;
    int covered = 0;
    double[] x = {0.1, 0.2, 0.5, 1, 2, 5};
    for (int k = 0; k < trials; k++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = 3 * Math.pow(x[i], 0.7) * Math.exp(0.3 * rng.nextGaussian());
      PowerLawFit f = PowerLawFit.fit(x, y, 0.95);
      if (f.lo() <= 0.7 && 0.7 <= f.hi()) covered++;
    }
    // Binomial(2000, 0.95): sd ≈ 9.7 hits; ±4 sd.
    assertTrue(Math.abs(covered - 0.95 * trials) < 40, "covered " + covered + " of " + trials);
  }

  @Test
  void nanIsHandledAsNumpyDoes() {
    ResultTable t = new ResultTable(List.of("g", "lr"), List.of("loss"), List.of(
        row(1, 0.1, 5), row(1, 0.2, 2), row(1, 0.4, Double.NaN),
        row(2, 0.1, 4), row(2, 0.2, 4), row(2, 0.4, 3)));
    ResultTable best = Reductions.reduce(t, Derived.Reduction.ARGMIN, List.of("lr"), "lr", "best");
    assertEquals(List.of("g"), best.keys());
    assertEquals(0.2, best.rows().get(0).value(0));
    assertEquals(0.4, best.rows().get(1).value(0));
    // max over a group with a diverged point is NaN (a worst case is never quietly optimistic);
    // nanmax skips it, argmin/argmax never pick it.
    assertTrue(Double.isNaN(Reductions.reduce(t, Derived.Reduction.MAX, List.of("lr"), "lr", "m").rows().get(0).value(0)));
    assertTrue(Double.isNaN(Reductions.reduce(t, Derived.Reduction.MIN, List.of("lr"), "lr", "m").rows().get(0).value(0)));
    assertEquals(4.0, Reductions.reduce(t, Derived.Reduction.MAX, List.of("lr"), "lr", "m").rows().get(1).value(0));
    assertEquals(5.0, Reductions.reduce(t, Derived.Reduction.NANMAX, List.of("lr"), "lr", "m").rows().get(0).value(0));
    assertEquals(2.0, Reductions.reduce(t, Derived.Reduction.NANMIN, List.of("lr"), "lr", "m").rows().get(0).value(0));
    assertEquals(0.1, Reductions.reduce(t, Derived.Reduction.ARGMAX, List.of("lr"), "lr", "m").rows().get(1).value(0),
        "ties go to the first row in grid order");
    assertTrue(Double.isNaN(Reductions.reduce(t, Derived.Reduction.MEAN, List.of("lr"), "lr", "m").rows().get(0).value(0)));
    assertTrue(Double.isNaN(Reductions.apply(Derived.Reduction.STD, new double[] {3}, new double[] {0})),
        "one value has no sample spread");
    ResultTable overG = Reductions.reduce(t, Derived.Reduction.STD, List.of("g"), "g", "s");
    assertEquals(List.of("lr"), overG.keys());
    assertEquals(Math.sqrt(0.5), overG.rows().get(0).value(0), 1e-15);
  }

  private static ResultTable.Row row(double g, double lr, double v) {
    return new ResultTable.Row(new double[] {g, lr}, new double[] {v});
  }
}
