package dyn.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The C0.5 matching on a hand-made two-step curve whose answers are known by construction. */
class StaircaseComparisonTest {
  /** L = 4 until t = 1, 1 until t = 3, 0.25 afterwards, on a grid of spacing 0.01. */
  private static double[][] steps(double end) {
    int n = (int) Math.round(end / 0.01) + 1;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = g * 0.01;
      l[g] = t[g] < 1 ? 4 : t[g] < 3 ? 1 : 0.25;
    }
    return new double[][] {t, l};
  }

  /** Neuron 1 grows at the first jump, neuron 0 at the second. */
  private static double[][] norms(double[] t) {
    double[][] out = new double[t.length][2];
    for (int g = 0; g < t.length; g++) {
      out[g][1] = t[g] < 1 ? 0 : 1;
      out[g][0] = t[g] < 3 ? 0 : 1;
    }
    return out;
  }

  @Test
  void matchesTimesLevelsAndFeatures() {
    double[][] c = steps(6);
    StaircaseComparison.Result r = StaircaseComparison.compare(c[0], c[1], norms(c[0]),
        new double[] {1.1, 3}, new double[] {4, 1, 0.25}, new int[] {1, 0}, 0.1, 0.01,
        Staircase.Axis.LINEAR);
    // The loss first sits below the midpoints 2.5 and 0.625 at t = 1 and t = 3 (interpolated
    // within one grid spacing).
    assertEquals(1.0, r.rows().get(0).measuredTime(), 0.01);
    assertEquals(3.0, r.rows().get(1).measuredTime(), 0.01);
    assertEquals(0.1 / 1.1, r.rows().get(0).timeError(), 0.01);
    assertEquals(1, r.rows().get(0).measuredLevel(), 1e-12);
    assertEquals(0.25, r.rows().get(1).measuredLevel(), 1e-12);
    assertEquals(1, r.rows().get(0).measuredFeature());
    assertEquals(0, r.rows().get(1).measuredFeature());
    assertTrue(r.passed());
  }

  @Test
  void aJumpNeverReachedFailsWithItsReason() {
    double[][] c = steps(2);
    StaircaseComparison.Result r = StaircaseComparison.compare(c[0], c[1], null,
        new double[] {1, 3}, new double[] {4, 1, 0.25}, new int[] {1, 0}, 0.1, 0.1,
        Staircase.Axis.LINEAR);
    assertFalse(r.passed());
    assertTrue(Double.isNaN(r.rows().get(1).measuredTime()));
    assertEquals(-1, r.rows().get(0).measuredFeature());
    assertTrue(r.problem().startsWith("1 of 2 predicted jumps never measured (jump 2"), r.problem());
  }

  @Test
  void timeErrorBeyondToleranceFails() {
    double[][] c = steps(6);
    StaircaseComparison.Result r = StaircaseComparison.compare(c[0], c[1], null,
        new double[] {1.5, 3}, new double[] {4, 1, 0.25}, new int[] {1, 0}, 0.1, 0.1,
        Staircase.Axis.LINEAR);
    assertFalse(r.passed());
    assertEquals(0.5 / 1.5, r.maxTimeError(), 0.01);
  }

  @Test
  void aRecordingThatEndsBeforeTheJumpsTestsNothing() {
    // Recorded to t = 0.5; the jumps are predicted at 1 and 3: a FAIL, but not a measured one, so
    // it cannot be the failure `expect = fail` declares.
    double[][] c = steps(0.5);
    StaircaseComparison.Result r = StaircaseComparison.compare(c[0], c[1], null,
        new double[] {1, 3}, new double[] {4, 1, 0.25}, new int[] {1, 0}, 0.1, 0.1,
        Staircase.Axis.LINEAR);
    assertFalse(r.passed());
    assertTrue(r.inconclusive());
    // Recorded to t = 2 with the loss still at 4 when a jump was due at 1: a measured failure.
    double[] t = new double[201];
    double[] flat = new double[201];
    for (int g = 0; g < t.length; g++) {
      t[g] = g * 0.01;
      flat[g] = 4;
    }
    StaircaseComparison.Result missed = StaircaseComparison.compare(t, flat, null,
        new double[] {1, 3}, new double[] {4, 1, 0.25}, new int[] {1, 0}, 0.1, 0.1,
        Staircase.Axis.LINEAR);
    assertFalse(missed.passed());
    assertFalse(missed.inconclusive());
    assertFalse(StaircaseComparison.compare(c[0], c[1], null, new double[] {0.2}, new double[] {4, 1},
        new int[] {0}, 0.1, 0.1, Staircase.Axis.LINEAR).inconclusive(), "a jump due at 0.2 and missed by t = 0.5 is a measured failure");
  }
}
