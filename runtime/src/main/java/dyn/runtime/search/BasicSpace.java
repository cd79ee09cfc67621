package dyn.runtime.search;

import dyn.compiler.plan.SearchSpec;
import java.util.List;

/**
 * The search's "basic space" (wave2.md §3.1): each param mapped so that one unit is a comparable
 * step (a decade for log params), where the surrogates and the search distribution live. Integer
 * params are rounded in value space, and their bounds widened by 0.1 so the end values stay valid.
 */
final class BasicSpace {
  private final List<SearchSpec.Param> params;
  private final double[] lo;
  private final double[] hi;

  BasicSpace(List<SearchSpec.Param> params) {
    this.params = List.copyOf(params);
    int d = params.size();
    lo = new double[d];
    hi = new double[d];
    for (int i = 0; i < d; i++) {
      SearchSpec.Param p = params.get(i);
      double widen = p.integer() ? 0.1 : 0;
      lo[i] = toBasic(i, p.lo() - widen);
      hi[i] = toBasic(i, p.hi() + widen);
      if (p.scale() == SearchSpec.Scale.LOG && p.lo() - widen <= 0) lo[i] = toBasic(i, p.lo());
      if (p.scale() == SearchSpec.Scale.LOGIT) {
        // Widening must not leave (0, 1), where the logit is undefined.
        if (!(p.lo() - widen > 0)) lo[i] = toBasic(i, p.lo());
        if (!(p.hi() + widen < 1)) hi[i] = toBasic(i, p.hi());
      }
    }
  }

  int dim() {
    return params.size();
  }

  double toBasic(int i, double v) {
    SearchSpec.Param p = params.get(i);
    switch (p.scale()) {
      case LOG: return StrictMath.log10(v);
      case LOGIT: return StrictMath.log10(v / (1 - v));
      default: return v / linearScale(p);
    }
  }

  double fromBasic(int i, double b) {
    SearchSpec.Param p = params.get(i);
    double v;
    switch (p.scale()) {
      case LOG: v = StrictMath.pow(10, b); break;
      case LOGIT: v = 1 / (StrictMath.pow(10, -b) + 1); break;
      default: v = b * linearScale(p); break;
    }
    return p.integer() ? Math.rint(v) : v;
  }

  private static double linearScale(SearchSpec.Param p) {
    return (p.hi() - p.lo()) / 2;
  }

  double[] toBasic(double[] values) {
    double[] b = new double[values.length];
    for (int i = 0; i < b.length; i++) b[i] = toBasic(i, values[i]);
    return b;
  }

  /** Param values; integers rounded, ends clamped into the declared range. */
  double[] fromBasic(double[] b) {
    double[] v = new double[b.length];
    for (int i = 0; i < v.length; i++) {
      SearchSpec.Param p = params.get(i);
      v[i] = Math.min(p.hi(), Math.max(p.lo(), fromBasic(i, b[i])));
    }
    return v;
  }

  /** The point rounded as its values will be (integers), back in basic space. */
  double[] round(double[] b) {
    return toBasic(fromBasic(b));
  }

  /** Strictly inside the (widened) bounds in every coordinate, as CARBS requires. */
  boolean inside(double[] b) {
    for (int i = 0; i < b.length; i++) if (!(b[i] > lo[i] && b[i] < hi[i])) return false;
    return true;
  }

  /** The search centre in basic space. */
  double[] center() {
    double[] c = new double[params.size()];
    for (int i = 0; i < c.length; i++) c[i] = toBasic(i, params.get(i).center());
    return c;
  }

  /** The lower bound of coordinate i in basic space. */
  double lo(int i) {
    return lo[i];
  }

  double hi(int i) {
    return hi[i];
  }
}
