package dyn.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Observation grids: times at which a train records its observables; t = 0 always comes first. */
public final class Grid {
  private Grid() {}

  /** The most times a grid may have, as a sweep may have at most this many points. */
  public static final int MAX_POINTS = 1_000_000;

  /** {@code [0] + points} geometric times from t0 to t1 inclusive (t0 > 0, t1 > t0, points ≥ 2). */
  public static List<Double> log(double t0, double t1, int points) {
    List<Double> t = new ArrayList<>();
    t.add(0.0);
    double ratio = Math.log(t1 / t0);
    for (int k = 0; k < points; k++) {
      // The end points are set exactly so that t1 = until is recorded without rounding error.
      double v = k == 0 ? t0 : k == points - 1 ? t1 : t0 * Math.exp(ratio * k / (points - 1));
      t.add(v);
    }
    return t;
  }

  /** {@code points} evenly spaced times from t0 to t1 inclusive, preceded by 0 when t0 > 0. */
  public static List<Double> linear(double t0, double t1, int points) {
    List<Double> t = new ArrayList<>();
    if (t0 > 0) t.add(0.0);
    for (int k = 0; k < points; k++) {
      t.add(k == points - 1 ? t1 : t0 + (t1 - t0) * k / (points - 1));
    }
    return t;
  }

  /** The sorted union of grids (exact duplicates collapse). */
  public static List<Double> union(List<List<Double>> grids) {
    TreeSet<Double> all = new TreeSet<>();
    grids.forEach(all::addAll);
    return new ArrayList<>(all);
  }
}
