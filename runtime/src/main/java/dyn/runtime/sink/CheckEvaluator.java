package dyn.runtime.sink;

import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.SeriesRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluates a check's expression over recorded series. FINAL/AT/MIN/MAX read the first
 * component of a vector series; the diffs compare all components at the times both series share.
 * AT interpolates linearly in t. A check that cannot be evaluated (a series that was not recorded,
 * a time outside the recorded range, no shared times) fails with the reason.
 */
public final class CheckEvaluator {
  private final Function<SeriesRef, Optional<Series>> lookup;

  /** @param lookup finds a recorded series, empty when it was not recorded */
  public CheckEvaluator(Function<SeriesRef, Optional<Series>> lookup) {
    this.lookup = lookup;
  }

  /** Why a check expression has no value. */
  public static final class CheckError extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckError(String message) {
      super(message);
    }
  }

  /** Evaluates a check step into its verdict. */
  public Verdict evaluate(CheckStep step) {
    CheckExpr c = step.condition();
    try {
      if (!(c instanceof CheckExpr.Compare)) {
        throw new CheckError("a check needs a comparison at its top");
      }
      CheckExpr.Compare cmp = (CheckExpr.Compare) c;
      double left = value(cmp.left());
      double right = value(cmp.right());
      // Show the side that reads data; `1e-6 > final(gf.loss)` shows the final loss too.
      double shown = cmp.left() instanceof CheckExpr.Number && !(cmp.right() instanceof CheckExpr.Number) ? right : left;
      return new Verdict(step.id(), step.text(), compare(cmp.op(), left, right), shown, Optional.empty());
    } catch (CheckError e) {
      return new Verdict(step.id(), step.text(), false, Double.NaN, Optional.of(e.getMessage()));
    }
  }

  /** True when {@code left op right} holds; NaN never satisfies a comparison. */
  static boolean compare(String op, double left, double right) throws CheckError {
    switch (op) {
      case "<": return left < right;
      case "<=": return left <= right;
      case ">": return left > right;
      case ">=": return left >= right;
      default: throw new CheckError("unknown comparison `" + op + "`");
    }
  }

  /** The value of a scalar (non-comparison) expression. */
  public double value(CheckExpr e) throws CheckError {
    if (e instanceof CheckExpr.Number) return ((CheckExpr.Number) e).value();
    if (e instanceof CheckExpr.Arith) {
      CheckExpr.Arith a = (CheckExpr.Arith) e;
      double l = value(a.left());
      double r = value(a.right());
      switch (a.op()) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return l / r;
        default: throw new CheckError("unknown operator `" + a.op() + "`");
      }
    }
    if (e instanceof CheckExpr.SeriesFn) return seriesFn((CheckExpr.SeriesFn) e);
    throw new CheckError("a comparison can only be at the top of a check");
  }

  private double seriesFn(CheckExpr.SeriesFn f) throws CheckError {
    Series s = series(f, 0);
    switch (f.fn()) {
      case FINAL:
        return s.value(s.times().size() - 1, 0);
      case AT:
        if (f.args().isEmpty()) throw new CheckError("at() needs a time");
        return at(s, f.args().get(0));
      case MIN: {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.times().size(); i++) m = Math.min(m, s.value(i, 0));
        return m;
      }
      case MAX: {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.times().size(); i++) m = Math.max(m, s.value(i, 0));
        return m;
      }
      case MAX_REL_DIFF:
        return maxDiff(s, series(f, 1), true);
      case MAX_ABS_DIFF:
        return maxDiff(s, series(f, 1), false);
      case MONOTONE:
        return monotone(s) ? 1 : 0;
      default:
        throw new CheckError("unknown function " + f.fn());
    }
  }

  private Series series(CheckExpr.SeriesFn f, int k) throws CheckError {
    if (f.series().size() <= k) throw new CheckError(f.fn().name().toLowerCase() + "() needs " + (k + 1) + " series");
    SeriesRef ref = f.series().get(k);
    Optional<Series> s = lookup.apply(ref);
    if (s.isEmpty() || s.get().times().isEmpty()) throw new CheckError(ref.label() + " was not recorded");
    return s.get();
  }

  /**
   * True when the first component never rises by more than 1e-9 of its first value: rounding at a
   * converged loss is not an increase, a catapult or an oscillation is. NaN is never monotone.
   */
  static boolean monotone(Series s) {
    int n = s.times().size();
    double slack = 1e-9 * Math.abs(s.value(0, 0));
    for (int i = 0; i < n; i++) {
      double v = s.value(i, 0);
      if (!Double.isFinite(v)) return false;
      if (i > 0 && v > s.value(i - 1, 0) + slack) return false;
    }
    return true;
  }

  /** Linear interpolation of the first component at time t. */
  static double at(Series s, double t) throws CheckError {
    List<Double> ts = s.times();
    int last = ts.size() - 1;
    if (t < ts.get(0) || t > ts.get(last)) {
      throw new CheckError("at(" + s.label() + ", " + Num.format(t) + "): t is outside the recorded range ["
          + Num.format(ts.get(0)) + ", " + Num.format(ts.get(last)) + "]");
    }
    for (int i = 0; i < last; i++) {
      double t0 = ts.get(i);
      double t1 = ts.get(i + 1);
      if (t == t0) return s.value(i, 0);
      if (t < t1) {
        double w = (t - t0) / (t1 - t0);
        return (1 - w) * s.value(i, 0) + w * s.value(i + 1, 0);
      }
    }
    return s.value(last, 0);
  }

  /** max over shared times and components of |a − b| (or |a − b| / |b|). */
  static double maxDiff(Series a, Series b, boolean relative) throws CheckError {
    Map<Double, Integer> bRow = new HashMap<>();
    for (int i = 0; i < b.times().size(); i++) bRow.put(b.times().get(i), i);
    int width = Math.min(a.width(), b.width());
    double max = 0;
    boolean shared = false;
    for (int i = 0; i < a.times().size(); i++) {
      Integer j = bRow.get(a.times().get(i));
      if (j == null) continue;
      shared = true;
      for (int k = 0; k < width; k++) {
        double x = a.value(i, k);
        double y = b.value(j, k);
        double d = Math.abs(x - y);
        if (relative) d = d == 0 ? 0 : d / Math.abs(y);
        // NaN must not hide in Math.max's comparison: a NaN anywhere makes the result NaN.
        max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
        if (Double.isNaN(max)) return max;
      }
    }
    if (!shared) throw new CheckError(a.label() + " and " + b.label() + " share no recorded times");
    return max;
  }
}
