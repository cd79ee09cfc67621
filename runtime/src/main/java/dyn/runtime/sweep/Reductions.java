package dyn.runtime.sweep;

import dyn.compiler.plan.Derived;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reductions of a one-column table over an axis: the rows that agree on every other key form a
 * group, and each group becomes one row. NaN (a diverged point's loss, a value that could not be
 * computed) is handled as numpy does: MIN, MAX, MEAN and STD give NaN for a group that has one,
 * so a worst case over seeds is never quietly optimistic (`max(s.loss, over = seed)` skipped the
 * diverged seed and a check on it passed); NANMIN and NANMAX skip NaN, for the best over the
 * points that did not diverge; ARGMIN and ARGMAX skip it too (a diverged point is never the
 * best). A group of only NaN gives NaN. Ties go to the first row in grid order.
 */
public final class Reductions {
  private Reductions() {}

  /**
   * @param over the key params removed (an axis, or all params of a zip)
   * @param arg for ARGMIN/ARGMAX, the removed param whose value is the result
   */
  public static ResultTable reduce(ResultTable t, Derived.Reduction op, List<String> over, String arg,
      String name) {
    List<Integer> keep = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < t.keys().size(); i++) {
      if (!over.contains(t.keys().get(i))) {
        keep.add(i);
        keys.add(t.keys().get(i));
      }
    }
    int argIndex = t.keys().indexOf(arg);
    Map<List<Double>, List<ResultTable.Row>> groups = new LinkedHashMap<>();
    for (ResultTable.Row r : t.rows()) {
      List<Double> k = new ArrayList<>();
      for (int i : keep) k.add(r.key(i));
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    List<ResultTable.Row> out = new ArrayList<>();
    for (Map.Entry<List<Double>, List<ResultTable.Row>> g : groups.entrySet()) {
      double[] key = new double[keep.size()];
      for (int i = 0; i < key.length; i++) key[i] = g.getKey().get(i);
      double[] vs = new double[g.getValue().size()];
      double[] args = new double[vs.length];
      for (int i = 0; i < vs.length; i++) {
        vs[i] = g.getValue().get(i).value(0);
        args[i] = argIndex < 0 ? Double.NaN : g.getValue().get(i).key(argIndex);
      }
      out.add(new ResultTable.Row(key, new double[] {apply(op, vs, args)}));
    }
    return new ResultTable(keys, List.of(name), out);
  }

  /** One group's value. */
  static double apply(Derived.Reduction op, double[] vs, double[] args) {
    switch (op) {
      case MIN:
      case MAX:
        for (double v : vs) if (Double.isNaN(v)) return Double.NaN;
        return apply(op == Derived.Reduction.MIN ? Derived.Reduction.NANMIN : Derived.Reduction.NANMAX, vs, args);
      case NANMIN:
      case ARGMIN:
      case NANMAX:
      case ARGMAX: {
        boolean min = op == Derived.Reduction.NANMIN || op == Derived.Reduction.ARGMIN;
        int best = -1;
        for (int i = 0; i < vs.length; i++) {
          if (Double.isNaN(vs[i])) continue;
          if (best < 0 || (min ? vs[i] < vs[best] : vs[i] > vs[best])) best = i;
        }
        if (best < 0) return Double.NaN;
        return op == Derived.Reduction.NANMIN || op == Derived.Reduction.NANMAX ? vs[best] : args[best];
      }
      case MEAN: {
        double s = 0;
        for (double v : vs) s += v;
        return s / vs.length;
      }
      case STD: {
        // One value has no sample spread (numpy's std with ddof = 1 is NaN there): 0 made
        // `check sd < x` pass on a single seed.
        if (vs.length < 2) return Double.NaN;
        double m = apply(Derived.Reduction.MEAN, vs, args);
        double ss = 0;
        for (double v : vs) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (vs.length - 1));
      }
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }
}
