package dyn.runtime.kernel;

import java.util.function.DoubleUnaryOperator;

/**
 * The root of a decreasing function of a positive variable, by a bracketing solve (Illinois
 * regula falsi) on its logarithm. The
 * eigenframework's equations are monotone in κ (and γ) but span many decades, where Newton-type
 * solvers started from a guess (the public code's {@code fsolve}) can leave the valid branch;
 * a method that keeps a bracket on log κ cannot.
 */
final class LogBisection {
  private LogBisection() {}

  /**
   * The x > lo with f(x) = 0, for f decreasing on (lo, ∞), positive just above lo and negative
   * for large x. {@code lo = 0} searches all positive x.
   */
  static double root(DoubleUnaryOperator f, double lo, double guess) {
    double a = Math.max(guess, lo > 0 ? lo * 2 : Double.MIN_NORMAL);
    double b = a;
    // Bracket: walk down until f > 0 (never below lo), up until f < 0.
    int walks = 0;
    while (f.applyAsDouble(a) <= 0 && walks++ < 2100) {
      a = lo > 0 ? lo + (a - lo) / 2 : a / 2;
      if (a <= Double.MIN_NORMAL || (lo > 0 && a == lo)) return a;
    }
    walks = 0;
    while (f.applyAsDouble(b) >= 0 && walks++ < 2100) {
      b *= 2;
      if (Double.isInfinite(b)) return Double.POSITIVE_INFINITY;
    }
    // Regula falsi (Illinois) in u = ln(x − lo): the variable spans decades above lo. Each step
    // keeps a sign-changing bracket, as bisection does, but converges superlinearly; a step that
    // would not shrink the bracket enough falls back to its midpoint.
    double ua = Math.log(a - lo);
    double ub = Math.log(b - lo);
    double fa = f.applyAsDouble(a);
    double fb = f.applyAsDouble(b);
    int side = 0;
    for (int i = 0; i < 200 && ub - ua > 1e-15 * Math.max(1, Math.abs(ub)); i++) {
      double u = (ua * fb - ub * fa) / (fb - fa);
      if (!(u > ua && u < ub) || Double.isNaN(u)) u = (ua + ub) / 2;
      double fu = f.applyAsDouble(lo + Math.exp(u));
      if (fu == 0) return lo + Math.exp(u);
      if (fu > 0) {
        ua = u;
        fa = fu;
        if (side == 1) fb /= 2; // Illinois: the stale end's weight halves
        side = 1;
      } else {
        ub = u;
        fb = fu;
        if (side == -1) fa /= 2;
        side = -1;
      }
    }
    a = lo + Math.exp(ua);
    b = lo + Math.exp(ub);
    return (a + b) / 2;
  }
}
