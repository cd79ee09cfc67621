package dyn.runtime.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Point-by-point comparison at shared times; expected errors worked out by hand below. */
class TrajectoryComparisonTest {
  @Test
  void comparesOnlyAtSharedTimesAndFindsTheWorst() {
    // Measured at 0, 1, 2, 3; predicted at 0, 2, 3, 4: shared 0, 2, 3.
    // Errors |m − p|/|p|: t=0 |1−1|/1 = 0, t=2 |0.55−0.5|/0.5 = 0.1, t=3 |0.2−0.25|/0.25 = 0.2.
    TrajectoryComparison.Result r = TrajectoryComparison.compare(
        new double[] {0, 1, 2, 3}, new double[] {1, 0.7, 0.55, 0.2},
        new double[] {0, 2, 3, 4}, new double[] {1, 0.5, 0.25, 0.1}, 0.15);
    assertEquals(3, r.rows().size());
    assertEquals(2, r.rows().get(1).time());
    assertEquals(0.1, r.rows().get(1).error(), 1e-15);
    assertEquals(2, r.worst());
    assertEquals(0.2, r.maxError(), 1e-15);
    assertFalse(r.passed(), "0.2 > rtol 0.15");
    TrajectoryComparison.Result loose = TrajectoryComparison.compare(
        new double[] {0, 1, 2, 3}, new double[] {1, 0.7, 0.55, 0.2},
        new double[] {0, 2, 3, 4}, new double[] {1, 0.5, 0.25, 0.1}, 0.25);
    assertTrue(loose.passed(), "0.2 ≤ rtol 0.25");
  }

  @Test
  void aNanPointIsTheWorstAndFails() {
    TrajectoryComparison.Result r = TrajectoryComparison.compare(new double[] {1, 2, 3},
        new double[] {1, Double.NaN, 5}, new double[] {1, 2, 3}, new double[] {1, 1, 1}, 10);
    assertEquals(1, r.worst());
    assertTrue(Double.isNaN(r.maxError()));
    assertFalse(r.passed());
  }

  @Test
  void aNonzeroMeasurementAgainstAZeroPredictionFails() {
    TrajectoryComparison.Result r = TrajectoryComparison.compare(new double[] {1},
        new double[] {1e-3}, new double[] {1}, new double[] {0}, 1e6);
    assertEquals(Double.POSITIVE_INFINITY, r.maxError());
    assertFalse(r.passed());
  }

  @Test
  void noSharedTimesIsNoPass() {
    TrajectoryComparison.Result r = TrajectoryComparison.compare(new double[] {1},
        new double[] {1}, new double[] {2}, new double[] {1}, 1);
    assertTrue(r.rows().isEmpty());
    assertFalse(r.passed());
  }
}
