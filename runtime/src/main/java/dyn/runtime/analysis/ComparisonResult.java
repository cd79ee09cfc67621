package dyn.runtime.analysis;

/**
 * What one {@code compare} statement measured: the matched jumps of a staircase, or the
 * point-by-point errors of a trajectory. Sinks switch on the kind to lay out its table.
 */
public sealed interface ComparisonResult
    permits StaircaseComparison.Result, TrajectoryComparison.Result {
  /** True when the prediction agreed within the tolerances. */
  boolean passed();

  /**
   * True when it failed without the measurement having tested the prediction: no predicted jump,
   * or the recording ended before a predicted jump was due. Such a FAIL does not satisfy
   * {@code expect = fail}, which declares a disagreement that was measured.
   */
  default boolean inconclusive() {
    return false;
  }
}
