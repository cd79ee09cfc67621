package dyn.runtime.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Staircase measurements on a recorded loss curve L(t) (reference.md C0.5).
 *
 * <p>Given plateau levels ℓ_0 &gt; ℓ_1 &gt; …, the measured time of jump k (k ≥ 1) is the first t
 * with L(t) &lt; (ℓ_{k−1} + ℓ_k)/2, the arithmetic midpoint. Between the two grid points that
 * bracket the crossing, t is interpolated linearly in L against t ({@link Axis#LINEAR}) or
 * against ln t ({@link Axis#LOG}, for log-spaced grids; a bracket starting at t = 0 falls back to
 * linear).
 */
public final class Staircase {
  private Staircase() {}

  /** The time coordinate in which a crossing is interpolated between grid points. */
  public enum Axis {
    LINEAR,
    LOG
  }

  /**
   * Measured jump times for predicted levels: result[k−1] is jump k, NaN where the curve never
   * falls below the midpoint.
   *
   * @param times increasing grid times
   * @param loss L at each grid time
   * @param levels predicted plateau levels ℓ_0 &gt; ℓ_1 &gt; …
   */
  public static double[] jumpTimes(double[] times, double[] loss, double[] levels, Axis axis) {
    if (times.length != loss.length) {
      throw new IllegalArgumentException(times.length + " times but " + loss.length + " losses");
    }
    double[] out = new double[Math.max(0, levels.length - 1)];
    for (int k = 1; k < levels.length; k++) {
      out[k - 1] = crossing(times, loss, 0.5 * (levels[k - 1] + levels[k]), axis);
    }
    return out;
  }

  /** The first t at which L(t) &lt; threshold, interpolated; NaN when never. */
  public static double crossing(double[] times, double[] loss, double threshold, Axis axis) {
    int g = firstBelow(loss, threshold);
    if (g < 0) return Double.NaN;
    if (g == 0) return times[0];
    double a = loss[g - 1];
    double b = loss[g];
    double w = (a - threshold) / (a - b);
    double t0 = times[g - 1];
    double t1 = times[g];
    if (axis == Axis.LOG && t0 > 0) return Math.exp(Math.log(t0) + w * (Math.log(t1) - Math.log(t0)));
    return t0 + w * (t1 - t0);
  }

  /** The first grid index g with L(t_g) &lt; threshold, or −1 (a NaN loss is never below). */
  private static int firstBelow(double[] loss, double threshold) {
    for (int g = 0; g < loss.length; g++) if (loss[g] < threshold) return g;
    return -1;
  }

  /**
   * The two grid times between which the loss first falls below the threshold: {t_{g−1}, t_g}
   * for the first grid point g with L(t_g) &lt; threshold, or null when it never does. The
   * recording says nothing about the curve between grid points, so this bracket, not the
   * interpolated {@link #crossing}, is what the grid knows of the crossing time: the
   * interpolation lands near the bracket's middle whenever the jump is sharper than the grid,
   * wherever in the bracket it happened. A curve already below at the first grid point
   * crossed somewhere in [0, t_0] (or exactly at t_0 = 0).
   */
  public static double[] bracket(double[] times, double[] loss, double threshold) {
    int g = firstBelow(loss, threshold);
    if (g < 0) return null;
    return g == 0 ? new double[] {0, times[0]} : new double[] {times[g - 1], times[g]};
  }

  /**
   * Finds plateaus and jumps without a prediction. A segment between consecutive grid points is
   * flat when |Δ ln L / Δ ln t| &lt; slopeTol (a segment starting at t = 0 spans infinite ln t and
   * so is flat); a grid point is on a plateau when every segment touching it is flat, or when
   * L ≤ floor (losses that decay to zero have no flat stretch in ln L, so a floor stands for the
   * level 0). Runs of at least minPoints plateau points are plateaus, with the run's median as
   * level; runs whose levels differ by less than mergeRatio (relative) are merged, so a slow
   * drift is not reported as a step. Jump times are then measured at the arithmetic midpoints
   * of consecutive levels, as {@link #jumpTimes} does.
   */
  public static Detected detect(
      double[] times, double[] loss, double slopeTol, double floor, int minPoints,
      double mergeRatio, Axis axis) {
    int n = loss.length;
    boolean[] flatSeg = new boolean[Math.max(0, n - 1)];
    for (int g = 0; g + 1 < n; g++) {
      if (loss[g] <= floor && loss[g + 1] <= floor) {
        flatSeg[g] = true;
      } else if (loss[g] <= 0 || loss[g + 1] <= 0) {
        flatSeg[g] = false;
      } else if (times[g] <= 0) {
        flatSeg[g] = true;
      } else {
        double s = (Math.log(loss[g + 1]) - Math.log(loss[g])) / (Math.log(times[g + 1]) - Math.log(times[g]));
        flatSeg[g] = Math.abs(s) < slopeTol;
      }
    }
    List<double[]> runs = new ArrayList<>(); // {level, start, end}
    int g = 0;
    while (g < n) {
      if (!onPlateau(g, n, flatSeg, loss, floor)) {
        g++;
        continue;
      }
      int start = g;
      while (g < n && onPlateau(g, n, flatSeg, loss, floor)) g++;
      if (g - start < minPoints) continue;
      double[] seg = Arrays.copyOfRange(loss, start, g);
      Arrays.sort(seg);
      double level = seg[0] <= floor ? 0.0 : seg[seg.length / 2];
      if (!runs.isEmpty()) {
        double[] last = runs.get(runs.size() - 1);
        if (Math.abs(last[0] - level) <= mergeRatio * Math.max(last[0], level)) {
          last[2] = times[g - 1];
          continue;
        }
      }
      runs.add(new double[] {level, times[start], times[g - 1]});
    }
    double[] levels = new double[runs.size()];
    double[] starts = new double[runs.size()];
    double[] ends = new double[runs.size()];
    for (int k = 0; k < runs.size(); k++) {
      levels[k] = runs.get(k)[0];
      starts[k] = runs.get(k)[1];
      ends[k] = runs.get(k)[2];
    }
    return new Detected(levels, jumpTimes(times, loss, levels, axis), starts, ends);
  }

  /** {@link #detect} with slope tolerance 0.05, floor 0, 3 points and merge ratio 0.05. */
  public static Detected detect(double[] times, double[] loss, Axis axis) {
    return detect(times, loss, 0.05, 0.0, 3, 0.05, axis);
  }

  private static boolean onPlateau(int g, int n, boolean[] flatSeg, double[] loss, double floor) {
    if (loss[g] <= floor) return true;
    boolean left = g == 0 || flatSeg[g - 1];
    boolean right = g == n - 1 || flatSeg[g];
    return left && right;
  }
}
