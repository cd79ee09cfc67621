package dyn.runtime.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A measured loss staircase matched against a predicted one (reference.md C0.5).
 *
 * <p>Jump k is measured as the first t at which the loss falls below the arithmetic midpoint
 * (ℓ_{k−1} + ℓ_k)/2 of the PREDICTED levels ({@link Staircase#jumpTimes}). Plateau k is the
 * stretch between measured jumps k and k+1 (the last one runs to the end of the recording); its
 * measured level is the loss at the plateau's geometric middle √(t_k t_{k+1}), where the curve is
 * flattest on a log time axis. The measured feature of jump k is the neuron whose norm grew most
 * (absolute increase) from the middle of plateau k−1 (t = 0 for the first jump) to the middle of
 * plateau k. A predicted level below 0.1% of ℓ_0 counts as zero (the loss is fitted): its error
 * is the measured level as a fraction of the predicted drop to it, since an error relative to 0
 * means nothing.
 */
public final class StaircaseComparison {
  private StaircaseComparison() {}

  /** Floor, relative to ℓ_0, under which a level counts as zero for its relative error. */
  public static final double ZERO_LEVEL = 1e-3;

  /**
   * One matched jump; NaN / −1 where not measured. The loss was recorded only at grid times, so
   * the crossing is known only to lie in [measuredFrom, measuredTo], the grid times that bracket
   * it ({@link Staircase#bracket}); measuredTime is the interpolation inside that bracket.
   */
  public record Row(int jump, double predictedTime, double measuredTime, double timeError,
      double predictedLevel, double measuredLevel, double levelError, int predictedFeature,
      int measuredFeature, double measuredFrom, double measuredTo) {
    public boolean measured() {
      return !Double.isNaN(measuredTime);
    }

    /**
     * How far the true time error can be from {@link #timeError} for all the grid knows:
     * max(t − t_from, t_to − t)/τ, in the same units as the time error (NaN when not measured).
     */
    public double resolution() {
      return Math.max(measuredTime - measuredFrom, measuredTo - measuredTime) / predictedTime;
    }

    /** The smallest time error any crossing inside the bracket would have. */
    public double minTimeError() {
      double off = predictedTime < measuredFrom ? measuredFrom - predictedTime
          : predictedTime > measuredTo ? predictedTime - measuredTo : 0;
      return off / predictedTime;
    }

    /** The largest time error any crossing inside the bracket would have. */
    public double maxTimeError() {
      return Math.max(Math.abs(measuredFrom - predictedTime), Math.abs(measuredTo - predictedTime))
          / predictedTime;
    }
  }

  /**
   * The comparison.
   *
   * @param rows one per predicted jump, in order
   * @param passed every jump measured and within both tolerances, wherever in its grid bracket
   *     the crossing happened
   * @param maxTimeError the largest relative time error over measured jumps
   * @param maxLevelError the largest relative level error over measured jumps
   * @param problem why it failed beyond the tolerances (unmeasured jumps, no jumps), or empty
   * @param inconclusive it did not pass, but nothing measured a failure either (see
   *     {@link ComparisonResult#inconclusive})
   * @param deciding when the grid decides the verdict (a jump's time error is within the
   *     tolerance for one crossing time inside its grid bracket and beyond it for another), the
   *     jump that does (the widest such); else null
   * @param horizon the prediction's time limit (infinite when it predicted every jump)
   * @param recorded the last recorded time
   */
  public record Result(List<Row> rows, boolean passed, double maxTimeError, double maxLevelError,
      String problem, boolean inconclusive, Row deciding, double horizon, double recorded)
      implements ComparisonResult {
    public Result {
      rows = List.copyOf(rows);
    }

    /** The widest {@link Row#resolution} over measured jumps, 0 when none was measured. */
    public double maxResolution() {
      double out = 0;
      for (Row r : rows) if (r.measured()) out = Math.max(out, r.resolution());
      return out;
    }

    /**
     * Whether the recording runs on past the prediction's horizon, so jumps after it were not
     * compared (a PASS then covers only t ≤ horizon, which the verdict says).
     */
    public boolean outrunsPrediction(double timeRtol) {
      return Double.isFinite(horizon) && recorded > horizon * (1 + timeRtol);
    }

    /** True when only the grid's placement decides between PASS and FAIL. */
    public boolean decidedByGrid() {
      return deciding != null;
    }
  }

  /**
   * @param times increasing grid times
   * @param loss the loss at each grid time
   * @param norms per grid time the neuron norms, or null when not recorded
   * @param jumpTimes predicted τ_1 ≤ τ_2 ≤ …
   * @param levels predicted ℓ_0, ℓ_1, … (one more than the jumps)
   * @param features the neuron predicted to activate at each jump
   */
  public static Result compare(double[] times, double[] loss, double[][] norms, double[] jumpTimes,
      double[] levels, int[] features, double timeRtol, double levelRtol, Staircase.Axis axis) {
    return compare(times, loss, norms, jumpTimes, levels, features, timeRtol, levelRtol, axis,
        Double.POSITIVE_INFINITY);
  }

  /**
   * As above, with the prediction's horizon: when AGF stopped at its time limit, it predicts the
   * last level only up to that time (after it, later jumps it did not compute may follow), so
   * the last plateau is measured on [t_last, min(horizon, end of recording)].
   */
  public static Result compare(double[] times, double[] loss, double[][] norms, double[] jumpTimes,
      double[] levels, int[] features, double timeRtol, double levelRtol, Staircase.Axis axis,
      double horizon) {
    return compare(times, loss, times, norms, jumpTimes, levels, features, timeRtol, levelRtol,
        axis, horizon);
  }

  /**
   * As above, with the neuron norms on their own times {@code normTimes} (a script may observe
   * them on another grid than the loss).
   */
  public static Result compare(double[] times, double[] loss, double[] normTimes,
      double[][] norms, double[] jumpTimes, double[] levels, int[] features, double timeRtol,
      double levelRtol, Staircase.Axis axis, double horizon) {
    int m = jumpTimes.length;
    double[] measured = Staircase.jumpTimes(times, loss, levels, axis);
    double recorded = times[times.length - 1];
    double end = Math.min(recorded, horizon);
    double zero = ZERO_LEVEL * levels[0];
    List<Row> rows = new ArrayList<>();
    double maxT = 0;
    double maxL = 0;
    int unmeasured = 0;
    int firstUnmeasured = -1;
    double previousMiddle = times[0];
    for (int k = 0; k < m; k++) {
      double t = measured[k];
      if (Double.isNaN(t)) {
        unmeasured++;
        if (firstUnmeasured < 0) firstUnmeasured = k;
        rows.add(new Row(k + 1, jumpTimes[k], t, Double.NaN, levels[k + 1], Double.NaN, Double.NaN,
            features[k], -1, Double.NaN, Double.NaN));
        continue;
      }
      double[] bracket = Staircase.bracket(times, loss, 0.5 * (levels[k] + levels[k + 1]));
      double next = k + 1 < m && !Double.isNaN(measured[k + 1]) ? measured[k + 1]
          : Math.max(t, end);
      double middle = t > 0 && next > t ? Math.sqrt(t * next) : 0.5 * (t + next);
      double level = at(times, loss, middle, axis);
      double timeErr = Math.abs(t - jumpTimes[k]) / jumpTimes[k];
      // A zero level's error is a fraction of the drop to it (the part of the jump that did not
      // happen): as a fraction of ℓ_0, a plateau of 0.07 after a predicted drop of 1.1 to 0 was
      // a 3% error and passed.
      double levelErr = Math.abs(level - levels[k + 1])
          / (levels[k + 1] < zero ? Math.max(levels[k] - levels[k + 1], zero) : levels[k + 1]);
      int feature = norms == null || norms.length == 0 ? -1
          : grewMost(normTimes, norms, previousMiddle, middle, axis);
      rows.add(new Row(k + 1, jumpTimes[k], t, timeErr, levels[k + 1], level, levelErr,
          features[k], feature, bracket[0], bracket[1]));
      maxT = Math.max(maxT, timeErr);
      maxL = Math.max(maxL, levelErr);
      previousMiddle = middle;
    }
    String problem = "";
    if (m == 0) {
      problem = "the prediction has no jumps";
    } else if (unmeasured > 0) {
      problem = unmeasured + " of " + m + " predicted jumps never measured (jump "
          + (firstUnmeasured + 1) + ": the loss never fell below "
          + dyn.runtime.sink.Num.format(0.5 * (levels[firstUnmeasured] + levels[firstUnmeasured + 1]))
          + " by t = " + dyn.runtime.sink.Num.format(recorded) + ")";
    }
    // A failure is measured when a level is off, a jump is off wherever in its grid bracket it
    // crossed, or a jump was missed although the recording ran past its predicted time (with the
    // time tolerance); otherwise nothing tested it.
    boolean failed = maxL > levelRtol;
    for (int k = 0; k < m; k++) {
      Row r = rows.get(k);
      if (r.measured() && r.minTimeError() > timeRtol) failed = true;
      if (!r.measured() && jumpTimes[k] * (1 + timeRtol) <= recorded) failed = true;
    }
    // A jump whose bracket reaches past the tolerance on one side and inside it on the other
    // passes or fails by where the grid happened to fall, not by the dynamics.
    Row deciding = null;
    for (Row r : rows) {
      if (r.measured() && r.minTimeError() <= timeRtol && r.maxTimeError() > timeRtol
          && (deciding == null || r.maxTimeError() > deciding.maxTimeError())) {
        deciding = r;
      }
    }
    boolean passed = problem.isEmpty() && !failed && deciding == null;
    // Only when nothing else leaves it open: a recording that ended before a jump was due is
    // inconclusive for that reason, whatever the grid did to the others.
    if (failed || !problem.isEmpty()) deciding = null;
    return new Result(rows, passed, maxT, maxL, problem, !passed && !failed, deciding, horizon,
        recorded);
  }

  /** The series interpolated at t between its bracketing grid points (clamped to the grid). */
  static double at(double[] times, double[] v, double t, Staircase.Axis axis) {
    if (t <= times[0]) return v[0];
    for (int g = 1; g < times.length; g++) {
      if (times[g] < t) continue;
      double t0 = times[g - 1];
      double w = axis == Staircase.Axis.LOG && t0 > 0
          ? Math.log(t / t0) / Math.log(times[g] / t0) : (t - t0) / (times[g] - t0);
      return v[g - 1] + w * (v[g] - v[g - 1]);
    }
    return v[v.length - 1];
  }

  private static int grewMost(double[] times, double[][] norms, double from, double to,
      Staircase.Axis axis) {
    int width = norms[0].length;
    int best = -1;
    double bestGain = Double.NEGATIVE_INFINITY;
    double[] column = new double[times.length];
    for (int i = 0; i < width; i++) {
      for (int g = 0; g < times.length; g++) column[g] = norms[g][i];
      double gain = at(times, column, to, axis) - at(times, column, from, axis);
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    return best;
  }
}
