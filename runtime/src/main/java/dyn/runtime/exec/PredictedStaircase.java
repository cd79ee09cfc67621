package dyn.runtime.exec;

import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.agf.AgfResult;
import dyn.runtime.sink.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An AGF prediction's loss as a series, {@code agf1.loss}: ℓ(t) = ℓ_0 before the first predicted
 * jump and ℓ_k from τ_k until τ_{k+1} (right-continuous, so at τ_k itself the value is ℓ_k).
 *
 * <p>The grid is the union of every train's recorded times in (0, until] — so a table or CSV puts
 * predicted and measured losses on the same rows — plus the predicted jump times themselves, so a
 * step line drawn through the points has its risers exactly at τ_k. A plan with no train times
 * in range uses 200 log-spaced times over [until·1e-4, until].
 */
public final class PredictedStaircase {
  /** Log-grid size when no train records times. */
  static final int FALLBACK_POINTS = 200;

  private PredictedStaircase() {}

  /** The predicted loss staircase of {@code p}, whose AGF run gave {@code r}. */
  public static Series of(Plan plan, PredictStep p, AgfResult r) {
    double[] jumps = r.jumpTimes();
    double[] levels = r.levels();
    TreeSet<Double> grid = new TreeSet<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof TrainStep)) continue;
      for (double t : ((TrainStep) s).times()) if (t > 0 && t <= p.until()) grid.add(t);
    }
    if (grid.isEmpty()) {
      double lo = p.until() * 1e-4;
      for (int i = 0; i < FALLBACK_POINTS; i++) {
        grid.add(lo * Math.pow(p.until() / lo, i / (double) (FALLBACK_POINTS - 1)));
      }
    }
    for (double tau : jumps) if (tau > 0 && tau <= p.until()) grid.add(tau);
    List<Double> times = new ArrayList<>(grid);
    double[][] values = new double[times.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new double[] {levels[jumpsBy(jumps, times.get(i))]};
    }
    return new Series(p.name(), Observable.LOSS, times, values, true);
  }

  /** How many jumps happened by time t (τ_k ≤ t). */
  static int jumpsBy(double[] jumps, double t) {
    int k = 0;
    while (k < jumps.length && jumps[k] <= t) k++;
    return k;
  }
}
