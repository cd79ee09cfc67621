package dyn.runtime.sweep;

/**
 * Quantiles of Student's t distribution, for confidence intervals of fitted exponents. The CDF is
 * written with the regularized incomplete beta function (continued fraction, Lentz's method); the
 * quantile is found by bisection, which is plenty for the few calls a fit makes.
 */
public final class StudentT {
  private StudentT() {}

  /** P(T ≤ t) for T with {@code dof} degrees of freedom. */
  public static double cdf(double t, double dof) {
    double x = dof / (dof + t * t);
    double tail = 0.5 * incompleteBeta(x, dof / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /** The t with P(T ≤ t) = p, 0 < p < 1. */
  public static double quantile(double p, double dof) {
    if (!(p > 0 && p < 1) || !(dof > 0)) return Double.NaN;
    double lo = -1;
    double hi = 1;
    while (cdf(lo, dof) > p) lo *= 2;
    while (cdf(hi, dof) < p) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid, dof) < p) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  /** The regularized incomplete beta function I_x(a, b). */
  static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
    if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * fraction(x, a, b) / a;
    return 1 - Math.exp(lnFront) * fraction(1 - x, b, a) / b;
  }

  private static double fraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
      num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) break;
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 digits. */
  static double lnGamma(double x) {
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
    final double[] c = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    x -= 1;
    double s = c[0];
    for (int i = 1; i < 9; i++) s += c[i] / (x + i);
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
  }
}
