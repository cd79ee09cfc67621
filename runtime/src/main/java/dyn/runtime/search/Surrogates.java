package dyn.runtime.search;

import java.util.Arrays;
import java.util.List;

/** The transforms CARBS fits its surrogates on (wave2.md §3.5). */
final class Surrogates {
  private Surrogates() {}

  /**
   * Outputs as normal scores Φ⁻¹((rank + ½)/n), tied outputs sharing their average rank: the GP
   * then sees a unit-scale, outlier-free target whatever the objective's units.
   */
  static double[] normalScores(List<Observation> obs) {
    int n = obs.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(obs.get(a).output(), obs.get(b).output()));
    double[] scores = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && obs.get(order[j + 1]).output() == obs.get(order[i]).output()) j++;
      double rank = (i + j) / 2.0;
      double z = Normal.quantile((rank + 0.5) / n);
      for (int k = i; k <= j; k++) scores[order[k]] = z;
      i = j + 1;
    }
    return scores;
  }

  /** log(cost) scaled linearly onto [−1, 1] over the observed costs (0 when they are all equal). */
  record LogCost(double lo, double hi) {
    static LogCost fit(List<Observation> obs) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Observation o : obs) {
        double l = StrictMath.log(Math.max(o.cost(), 1e-300));
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      }
      return new LogCost(lo, hi);
    }

    double apply(double cost) {
      double l = StrictMath.log(Math.max(cost, 1e-300));
      return hi > lo ? 2 * (l - lo) / (hi - lo) - 1 : 0;
    }
  }
}
