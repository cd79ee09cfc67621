package dyn.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Staircases built from logistic steps whose midpoints are known by construction. */
class StaircaseTest {
  private static final double[] LEVELS = {10, 4, 1, 0.25};
  private static final double[] MIDPOINTS = {2, 4, 8};

  /** ℓ_K + Σ_k (ℓ_{k−1} − ℓ_k) σ((m_k − t)/w): at t = m_k exactly halfway down step k. */
  private static double steps(double t, double width) {
    double l = LEVELS[LEVELS.length - 1];
    for (int k = 1; k < LEVELS.length; k++) {
      l += (LEVELS[k - 1] - LEVELS[k]) / (1 + Math.exp((t - MIDPOINTS[k - 1]) / width));
    }
    return l;
  }

  @Test
  void predictedLevelsGiveTheMidpointsOnALinearGrid() {
    int n = 1201;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = 12.0 * g / (n - 1);
      l[g] = steps(t[g], 0.1);
    }
    double[] jumps = Staircase.jumpTimes(t, l, LEVELS, Staircase.Axis.LINEAR);
    for (int k = 0; k < 3; k++) assertEquals(MIDPOINTS[k], jumps[k], 1e-4, "jump " + (k + 1));
  }

  @Test
  void logInterpolationOnALogGrid() {
    int n = 400;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = 0.01 * Math.pow(1e4, g / (double) (n - 1));
      l[g] = steps(t[g], 0.05);
    }
    double[] jumps = Staircase.jumpTimes(t, l, LEVELS, Staircase.Axis.LOG);
    // Grid spacing is 2.3% in t; the logistic is linear near its midpoint, so error ≪ spacing.
    for (int k = 0; k < 3; k++) assertEquals(MIDPOINTS[k], jumps[k], 2e-3 * MIDPOINTS[k]);
  }

  @Test
  void neverCrossedIsNaN() {
    double[] t = {0, 1, 2};
    double[] l = {10, 9, 8};
    assertTrue(Double.isNaN(Staircase.jumpTimes(t, l, new double[] {10, 0}, Staircase.Axis.LINEAR)[0]));
  }

  @Test
  void detectorFindsLevelsAndJumpsWithoutPrediction() {
    int n = 2401;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = 12.0 * g / (n - 1);
      l[g] = steps(t[g], 0.05);
    }
    Detected d = Staircase.detect(t, l, Staircase.Axis.LINEAR);
    assertEquals(LEVELS.length, d.levels().length, "plateaus");
    for (int k = 0; k < LEVELS.length; k++) assertEquals(LEVELS[k], d.levels()[k], 1e-3 * LEVELS[k]);
    for (int k = 0; k < 3; k++) assertEquals(MIDPOINTS[k], d.jumpTimes()[k], 1e-3);
  }

  @Test
  void detectorTreatsAFloorAsLevelZero() {
    // Exponential decays to 0 after each step: the last plateau exists only through the floor.
    int n = 3001;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = 15.0 * g / (n - 1);
      double tail = t[g] < 8 ? 0.25 : 0.25 * Math.exp(-20 * (t[g] - 8));
      l[g] = steps(t[g], 0.05) - 0.25 + tail;
    }
    Detected d = Staircase.detect(t, l, 0.05, 1e-12, 3, 0.05, Staircase.Axis.LINEAR);
    assertEquals(4, d.levels().length);
    assertEquals(0.0, d.levels()[3]);
    assertEquals(10.0, d.levels()[0], 1e-2);
    assertEquals(2.0, d.jumpTimes()[0], 1e-3);
    assertEquals(4.0, d.jumpTimes()[1], 1e-3);
  }
}
