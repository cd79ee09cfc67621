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
 * Here each precision p = 1, 2, … is tried, and the first decimal of p digits that reads back
 * wins; among the candidates of that length the correctly rounded one is tried first, then the
 * neighbours below and above (needed at powers of two, where the interval of decimals that read
 * back is lopsided). Locale-free by construction (BigDecimal, no Formatter).
 */
public final class NumberText {
  private NumberText() {}

  /** Plain notation for decimal exponents in [-4, 15): 0.0003, 250000, 123.5; else 1e-6, 1e15. */
  private static final int PLAIN_MIN = -4;
  private static final int PLAIN_MAX = 15;

  /** The shortest text that reads back to {@code v}; {@code nan}, {@code inf}, {@code -inf}. */
  public static String shortest(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p <= 17; p++) {
      for (RoundingMode mode : MODES) {
        BigDecimal r = exact.round(new MathContext(p, mode));
        if (Double.parseDouble(r.toString()) == v) return layout(r);
      }
    }
    // 17 significant digits always read back; this line is never reached.
    return layout(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static final RoundingMode[] MODES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

  /** {@code 0.0003}, {@code 1e-6}, {@code 2.5e20}, {@code -12.75}. */
  private static String layout(BigDecimal r) {
    BigDecimal d = r.stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= PLAIN_MIN && exponent < PLAIN_MAX) return d.toPlainString();
    String digits = d.unscaledValue().abs().toString();
    String sign = d.signum() < 0 ? "-" : "";
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + exponent;
  }
}
