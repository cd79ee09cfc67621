package dyn.runtime.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A measured series against a predicted one, point by point at the times both have: the relative
 * error |measured − predicted| / |predicted| at each (0 where both are 0), the worst of them, and
 * PASS when that worst error is at most rtol. The ratio is {@code max_rel_diff(measured,
 * predicted)}'s, so a check and a comparison of the same pair agree. No interpolation: a time one
 * side lacks is skipped, so a grid point never counts as agreement it was not measured at.
 */
public final class TrajectoryComparison {
  private TrajectoryComparison() {}

  /** One shared time. */
  public record Row(double time, double predicted, double measured, double error) {}

  /**
   * @param rows every shared time, in the measured series' order
   * @param worst index into rows of the largest error (the first NaN, if any)
   * @param rtol the tolerance
   */
  public record Result(List<Row> rows, int worst, double rtol) implements ComparisonResult {
    public Result {
      rows = List.copyOf(rows);
    }

    /** The largest relative error (NaN when some point is NaN). */
    public double maxError() {
      return rows.isEmpty() ? Double.NaN : rows.get(worst).error();
    }

    /** PASS needs at least one shared time and every error finite and ≤ rtol. */
    @Override
    public boolean passed() {
      return !rows.isEmpty() && maxError() <= rtol;
    }
  }

  /**
   * @param times the measured series' times
   * @param measured its values
   * @param predictedTimes the prediction's times
   * @param predicted its values
   * @param rtol the tolerance
   */
  public static Result compare(double[] times, double[] measured, double[] predictedTimes,
      double[] predicted, double rtol) {
    Map<Double, Integer> at = new HashMap<>();
    for (int j = 0; j < predictedTimes.length; j++) at.put(predictedTimes[j], j);
    List<Row> rows = new ArrayList<>();
    int worst = 0;
    for (int i = 0; i < times.length; i++) {
      Integer j = at.get(times[i]);
      if (j == null) continue;
      double p = predicted[j];
      double d = Math.abs(measured[i] - p);
      double e = d == 0 ? 0 : d / Math.abs(p);
      rows.add(new Row(times[i], p, measured[i], e));
      double w = rows.get(worst).error();
      // NaN beats every number: a NaN point is the worst one, and fails the comparison.
      if (!Double.isNaN(w) && (Double.isNaN(e) || e > w)) worst = rows.size() - 1;
    }
    return new Result(rows, worst, rtol);
  }
}
