package dyn.runtime.sink;

import dyn.compiler.plan.NumberText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting shared by every sink, independent of the default locale. */
public final class Num {
  private Num() {}

  /**
   * C's {@code %.6g} without trailing zeros and with a short exponent: {@code 0.25},
   * {@code 3.2e-9}, {@code 1.5e7}. Locale-free by construction (BigDecimal, no Formatter).
   */
  public static String format(double v) {
    return format(v, 6);
  }

  /** Like {@link #format(double)} with the given number of significant digits. */
  public static String format(double v, int digits) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= digits) {
      return rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * A round-trip exact form for params, files meant for further analysis and anything that must
   * read back: the shortest such text ({@link NumberText#shortest}), {@code 0.0003}, {@code 1e-6}.
   */
  public static String exact(double v) {
    return NumberText.shortest(v);
  }
}
