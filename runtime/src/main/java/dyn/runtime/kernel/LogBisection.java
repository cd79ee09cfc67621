package dyn.runtime.kernel;

import java.util.function.DoubleUnaryOperator;

/**
 * The root of a decreasing function of a positive variable, by bisection on its logarithm. The
 * eigenframework's equations are monotone in κ (and γ) but span many decades, where Newton-type
 * solvers started from a guess (the public code's {@code fsolve}) can leave the valid branch;
 * bisection on log κ cannot.
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
    // Bisect in log(x − lo): the variable spans decades above lo.
    for (int i = 0; i < 200; i++) {
      double m = lo + Math.sqrt((a - lo) * (b - lo));
      if (!(m > a && m < b)) m = (a + b) / 2;
      if (m <= a || m >= b) break;
      if (f.applyAsDouble(m) > 0) a = m;
      else b = m;
      if ((b - a) <= 1e-15 * (b - lo)) break;
    }
    return (a + b) / 2;
  }
}
