package dyn.compiler.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one way dyn writes a number that must read back exactly: the shortest decimal that parses
 * to the same double ({@code 3e-4 * 1} is {@code 0.0003}, not {@code 0.00029999999999999997};
 * {@code 0.1 + 0.2} is {@code 0.30000000000000004}, because nothing shorter reads back).
 *
 * <p>Why not {@link Double#toString}: before JDK 19 it is not always shortest
 * ({@code 1e23} prints as {@code 9.999999999999999E22}), and dyn runs on JDK 17. Why not
 * {@code %.17g}: it prints the binary value's noise ({@code 9.9999999999999995e-7} for 1e-6).
 *
 * <p>How: {@code Double.toString} gives a decimal a of n digits that reads back, so the shortest
 * has at most n digits; whether some p-digit decimal reads back is monotone in p (pad it with a
 * zero), so p is found by bisection. At each p the candidates are a rounded to p digits (half
 * even, down and up). Rounding a instead of the exact binary value cannot miss a p-digit decimal
 * that reads back: if one lies between v and a, rounding a towards v lands in [v, a], inside the
 * interval of decimals that read back to v; if none does, a and v have the same neighbours.
 * Locale-free by construction (BigDecimal, no Formatter).
 */
public final class NumberText {
  private NumberText() {}

  /** Plain notation for decimal exponents in [-4, 15): 0.0003, 250000, 123.5; else 1e-6, 1e15. */
  private static final int PLAIN_MIN = -4;
  private static final int PLAIN_MAX = 15;

  private static final RoundingMode[] MODES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

  /** The shortest text that reads back to {@code v}; {@code nan}, {@code inf}, {@code -inf}. */
  public static String shortest(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    double a = Math.abs(v);
    BigDecimal approx = new BigDecimal(Double.toString(a));
    BigDecimal best = approx.stripTrailingZeros();
    int lo = 1;
    int hi = best.precision();
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      BigDecimal c = readsBack(approx, mid, a);
      if (c != null) {
        best = c;
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return (v < 0 ? "-" : "") + layout(best);
  }

  /** A p-digit rounding of {@code approx} that parses to {@code v}, or null. */
  private static BigDecimal readsBack(BigDecimal approx, int p, double v) {
    for (RoundingMode mode : MODES) {
      BigDecimal r = approx.round(new MathContext(p, mode));
      if (Double.parseDouble(r.toString()) == v) return r;
    }
    return null;
  }

  /** {@code 0.0003}, {@code 1e-6}, {@code 2.5e20}, {@code 12.75} (positive). */
  private static String layout(BigDecimal r) {
    BigDecimal d = r.stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= PLAIN_MIN && exponent < PLAIN_MAX) return d.toPlainString();
    String digits = d.unscaledValue().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + exponent;
  }
}
