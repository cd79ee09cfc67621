package dyn.runtime.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * A power law y = C·x^p fitted by least squares of ln y on ln x. The exponent's confidence
 * interval is p ± t_{(1+level)/2, n−2}·se(p), with se from the residuals (the usual regression
 * interval, which assumes independent, equal-variance errors in ln y). Points with a non-finite or
 * non-positive x or y cannot be on a log–log line and are left out (n counts the points used).
 *
 * @param exponent p
 * @param stderr the standard error of p (NaN for fewer than 3 points)
 * @param lo the lower end of p's interval (NaN for fewer than 3 points)
 * @param hi the upper end
 * @param prefactor C
 * @param r2 the coefficient of determination in log–log (NaN for fewer than 3 points)
 * @param n the number of points used
 * @param level the interval's confidence level
 */
public record PowerLawFit(double exponent, double stderr, double lo, double hi, double prefactor,
    double r2, int n, double level) {

  /** Fits y = C x^p through the usable points (at least 2, else every field but n is NaN). */
  public static PowerLawFit fit(double[] x, double[] y, double level) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && x[i] > 0 && y[i] > 0) {
        pts.add(new double[] {Math.log(x[i]), Math.log(y[i])});
      }
    }
    int n = pts.size();
    if (n < 2) return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, level);
    double mx = 0;
    double my = 0;
    for (double[] p : pts) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (double[] p : pts) {
      sxx += (p[0] - mx) * (p[0] - mx);
      sxy += (p[0] - mx) * (p[1] - my);
      syy += (p[1] - my) * (p[1] - my);
    }
    if (sxx == 0) return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, level);
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double sse = 0;
    for (double[] p : pts) {
      double r = p[1] - (intercept + slope * p[0]);
      sse += r * r;
    }
    // Two points lie on a line whatever they are: r² says nothing then (NaN, like the interval),
    // and `check fit.r2 > 0.99` passed on any two points.
    double r2 = n < 3 ? Double.NaN : syy == 0 ? 1 : 1 - sse / syy;
    double se = Double.NaN;
    double lo = Double.NaN;
    double hi = Double.NaN;
    if (n > 2) {
      se = Math.sqrt(sse / (n - 2) / sxx);
      double t = StudentT.quantile(0.5 + level / 2, n - 2);
      lo = slope - t * se;
      hi = slope + t * se;
    }
    return new PowerLawFit(slope, se, lo, hi, Math.exp(intercept), r2, n, level);
  }

  /** A field by its script name ({@code exponent}, {@code exponent_lo}, …). */
  public double field(String name) {
    switch (name) {
      case "exponent": return exponent;
      case "exponent_lo": return lo;
      case "exponent_hi": return hi;
      case "stderr": return stderr;
      case "prefactor": return prefactor;
      case "r2": return r2;
      case "n": return n;
      default: throw new IllegalArgumentException("no fit field " + name);
    }
  }
}
