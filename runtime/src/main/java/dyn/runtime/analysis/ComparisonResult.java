package dyn.runtime.analysis;

/**
 * What one {@code compare} statement measured: the matched jumps of a staircase, or the
 * point-by-point errors of a trajectory. Sinks switch on the kind to lay out its table.
 */
public sealed interface ComparisonResult
    permits StaircaseComparison.Result, TrajectoryComparison.Result {
  /** True when the prediction agreed within the tolerances. */
  boolean passed();
}
