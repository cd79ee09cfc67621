package dyn.runtime.sink;

import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.SeriesRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates a check's expression over recorded series. A value is a vector: FINAL/AT/MIN/MAX/
 * MONOTONE give one value per component of a vector series (or of the component picked with
 * {@code gf.singular_values[k]}), the diffs one number over all components at the times both
 * series share, and arithmetic works component by component (a single number is used with
 * every component). A comparison holds only when it holds for every component: before, a vector
 * silently meant its component 0, so {@code final(gf.singular_values) > 4.99} passed with
 * values 5, 3, 2, 1. AT interpolates linearly in t. A check that cannot be evaluated (a series
 * that was not recorded, a time outside the recorded range, no shared times, a component that
 * does not exist, sides of different widths) fails with the reason.
 */
public final class CheckEvaluator {
  private final Function<SeriesRef, Optional<Series>> lookup;
  /** Train steps stopped on bad numbers (a sweep point's diverged trains): none for a run's checks. */
  private final Set<Integer> stopped;

  /** @param lookup finds a recorded series, empty when it was not recorded */
  public CheckEvaluator(Function<SeriesRef, Optional<Series>> lookup) {
    this(lookup, Set.of());
  }

  /**
   * An evaluator for a run some of whose trains stopped on bad numbers (a diverged sweep point):
   * {@code monotone} of such a train's series is 0, since its loss blew up or became NaN; any
   * other function of it has no value.
   *
   * @param stopped the train step ids that stopped
   */
  public CheckEvaluator(Function<SeriesRef, Optional<Series>> lookup, Set<Integer> stopped) {
    this.lookup = lookup;
    this.stopped = Set.copyOf(stopped);
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
      double[] left = values(cmp.left());
      double[] right = values(cmp.right());
      int width = width(left, right);
      // A comparison over no components would pass vacuously: say so instead.
      if (width == 0) throw new CheckError("the series has no components to compare");
      // Show the side that reads data; `1e-6 > final(gf.loss)` shows the final loss too.
      boolean showRight = cmp.left() instanceof CheckExpr.Number && !(cmp.right() instanceof CheckExpr.Number);
      double[] shown = showRight ? right : left;
      int failing = 0;
      int worst = 0;
      double worstMargin = Double.POSITIVE_INFINITY;
      for (int k = 0; k < width; k++) {
        double l = component(left, k);
        double r = component(right, k);
        if (!holds(cmp.op(), l, r)) failing++;
        double margin = margin(cmp.op(), l, r);
        if (margin < worstMargin || k == 0) {
          worstMargin = margin;
          worst = k;
        }
      }
      double[] expanded = new double[width];
      for (int k = 0; k < width; k++) expanded[k] = component(shown, k);
      return new Verdict(step.id(), step.text(), failing == 0, expanded, worst, failing, Optional.empty());
    } catch (CheckError e) {
      return new Verdict(step.id(), step.text(), false, Double.NaN, Optional.of(e.getMessage()));
    }
  }

  /** The common width of two sides: equal, or one side a single number used with every component. */
  private static int width(double[] a, double[] b) throws CheckError {
    if (a.length == b.length || b.length == 1) return a.length;
    if (a.length == 1) return b.length;
    throw new CheckError("the sides have " + a.length + " and " + b.length
        + " components; compare a vector with a number, or pick components with [k]");
  }

  private static double component(double[] v, int k) {
    return v.length == 1 ? v[0] : v[k];
  }

  /**
   * True when {@code left op right} holds. A value that is not finite never satisfies a
   * comparison: NaN compares false anyway, and an infinity is an overflow or a division by zero
   * (a diverged loss times a factor, 1/0), not a number a check meant; `check 1 / z > 1` passed
   * with value inf before.
   */
  public static boolean holds(String op, double left, double right) {
    if (!Double.isFinite(left) || !Double.isFinite(right)) return false;
    switch (op) {
      case "<": return left < right;
      case "<=": return left <= right;
      case ">": return left > right;
      case ">=": return left >= right;
      default: throw new IllegalArgumentException("unknown comparison `" + op + "`");
    }
  }

  /**
   * By how much {@code left op right} holds (negative: fails by that much); a side that is not
   * finite is the worst margin of all, so the verdict shows that component.
   */
  public static double margin(String op, double left, double right) {
    if (!Double.isFinite(left) || !Double.isFinite(right)) return Double.NEGATIVE_INFINITY;
    return op.startsWith("<") ? right - left : left - right;
  }

  /**
   * The value of a scalar (non-comparison) expression, such as a sweep metric: an expression
   * with several components is an error naming them (the compiler rejects the ones it can see).
   */
  public double value(CheckExpr e) throws CheckError {
    double[] v = values(e);
    if (v.length != 1) {
      throw new CheckError("this has " + v.length + " components, one number is needed: pick one with [k]");
    }
    return v[0];
  }

  /** The value of a (non-comparison) expression, one entry per component. */
  public double[] values(CheckExpr e) throws CheckError {
    if (e instanceof CheckExpr.Number) return new double[] {((CheckExpr.Number) e).value()};
    if (e instanceof CheckExpr.Arith) {
      CheckExpr.Arith a = (CheckExpr.Arith) e;
      double[] l = values(a.left());
      double[] r = values(a.right());
      double[] out = new double[width(l, r)];
      for (int k = 0; k < out.length; k++) out[k] = arith(a.op(), component(l, k), component(r, k));
      return out;
    }
    if (e instanceof CheckExpr.SeriesFn) return seriesFn((CheckExpr.SeriesFn) e);
    if (e instanceof CheckExpr.Apply) {
      CheckExpr.Apply a = (CheckExpr.Apply) e;
      double[] v = values(a.arg()).clone();
      for (int k = 0; k < v.length; k++) v[k] = dyn.compiler.check.ScalarMath.apply(a.fn(), v[k]);
      return v;
    }
    throw new CheckError("a comparison can only be at the top of a check");
  }

  private static double arith(char op, double l, double r) throws CheckError {
    switch (op) {
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return l / r;
      default: throw new CheckError("unknown operator `" + op + "`");
    }
  }

  private double[] seriesFn(CheckExpr.SeriesFn f) throws CheckError {
    if (!f.series().isEmpty() && stopped.contains(f.series().get(0).train())) {
      if (f.fn() == CheckExpr.Fn.MONOTONE) return new double[] {0};
      throw new CheckError(f.series().get(0).trainName() + " diverged");
    }
    Series s = series(f, 0);
    int[] cols = columns(f, 0, s);
    switch (f.fn()) {
      case MAX_REL_DIFF:
      case MAX_ABS_DIFF: {
        Series b = series(f, 1);
        return new double[] {maxDiff(s, cols, b, columns(f, 1, b), f.fn() == CheckExpr.Fn.MAX_REL_DIFF)};
      }
      default:
        break;
    }
    if (f.fn() == CheckExpr.Fn.AT && f.args().isEmpty()) throw new CheckError("at() needs a time");
    double[] out = new double[cols.length];
    for (int j = 0; j < cols.length; j++) out[j] = perComponent(f, s, cols[j]);
    return out;
  }

  /** FINAL, AT, MIN, MAX or MONOTONE of component k. */
  private static double perComponent(CheckExpr.SeriesFn f, Series s, int k) throws CheckError {
    int n = s.times().size();
    switch (f.fn()) {
      case FINAL:
        return s.value(n - 1, k);
      case AT:
        return at(s, k, f.args().get(0));
      case MIN: {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.min(m, s.value(i, k));
        return m;
      }
      case MAX: {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, s.value(i, k));
        return m;
      }
      case MONOTONE:
        return monotone(s, k) ? 1 : 0;
      default:
        throw new CheckError("unknown function " + f.fn());
    }
  }

  /** The components series k of {@code f} reads: the one picked with [c], or all of them. */
  private static int[] columns(CheckExpr.SeriesFn f, int k, Series s) throws CheckError {
    int c = f.components().get(k);
    int width = s.width();
    if (c == CheckExpr.SeriesFn.ALL) {
      int[] all = new int[width];
      for (int j = 0; j < width; j++) all[j] = j;
      return all;
    }
    if (c >= width) {
      throw new CheckError(s.label() + " has " + width + " component" + (width == 1 ? "" : "s")
          + " (0 … " + (width - 1) + "); " + f.label(k) + " does not exist");
    }
    return new int[] {c};
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
    return monotone(s, 0);
  }

  /**
   * {@link #monotone(Series)} of component k. A full-batch descent's loss whose step loop
   * watched it answers for every step, records or not ({@link Series#monotoneEveryStep}).
   */
  static boolean monotone(Series s, int k) {
    if (s.monotoneEveryStep() != null) return s.monotoneEveryStep();
    int n = s.times().size();
    for (int i = 0; i < n; i++) {
      double v = s.value(i, k);
      if (!Double.isFinite(v)) return false;
      if (i > 0 && CheckExpr.rises(s.value(i - 1, k), v, s.value(0, k))) return false;
    }
    return true;
  }

  /** Linear interpolation of the first component at time t. */
  static double at(Series s, double t) throws CheckError {
    return at(s, 0, t);
  }

  /** Linear interpolation of component k at time t. */
  static double at(Series s, int k, double t) throws CheckError {
    List<Double> ts = s.times();
    int last = ts.size() - 1;
    if (t < ts.get(0) || t > ts.get(last)) {
      throw new CheckError("at(" + s.label() + ", " + Num.format(t) + "): t is outside the recorded range ["
          + Num.format(ts.get(0)) + ", " + Num.format(ts.get(last)) + "]");
    }
    for (int i = 0; i < last; i++) {
      double t0 = ts.get(i);
      double t1 = ts.get(i + 1);
      if (t == t0) return s.value(i, k);
      if (t < t1) {
        double w = (t - t0) / (t1 - t0);
        return (1 - w) * s.value(i, k) + w * s.value(i + 1, k);
      }
    }
    return s.value(last, k);
  }

  /**
   * max over shared times and components of |a − b| (or |a − b| / |b|); at least one shared time
   * after t = 0, as for {@code compare … trajectory}.
   */
  static double maxDiff(Series a, Series b, boolean relative) throws CheckError {
    int width = Math.min(a.width(), b.width());
    int[] cols = new int[width];
    for (int k = 0; k < width; k++) cols[k] = k;
    return maxDiff(a, cols, b, cols, relative);
  }

  /**
   * max over shared times and paired components (aCols[j] with bCols[j]; the shorter list
   * decides, and one picked component is paired with every component of the other side).
   */
  static double maxDiff(Series a, int[] aCols, Series b, int[] bCols, boolean relative) throws CheckError {
    Map<Double, Integer> bRow = new HashMap<>();
    for (int i = 0; i < b.times().size(); i++) bRow.put(b.times().get(i), i);
    int width = aCols.length == 1 || bCols.length == 1 ? Math.max(aCols.length, bCols.length)
        : Math.min(aCols.length, bCols.length);
    double max = 0;
    boolean shared = false;
    for (int i = 0; i < a.times().size(); i++) {
      Integer j = bRow.get(a.times().get(i));
      if (j == null) continue;
      // t = 0 alone compares nothing learned: two trains of one model start from the same θ(0).
      shared |= a.times().get(i) != 0;
      for (int k = 0; k < width; k++) {
        double x = a.value(i, aCols[aCols.length == 1 ? 0 : k]);
        double y = b.value(j, bCols[bCols.length == 1 ? 0 : k]);
        double d = Math.abs(x - y);
        if (relative) d = d == 0 ? 0 : d / Math.abs(y);
        // NaN must not hide in Math.max's comparison: a NaN anywhere makes the result NaN.
        max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
        if (Double.isNaN(max)) return max;
      }
    }
    if (!shared) throw new CheckError(a.label() + " and " + b.label() + " share no recorded times after t = 0");
    return max;
  }
}
