package dyn.runtime.sweep;

import dyn.runtime.sink.Num;

/** How sweep values are written to task lists, overrides and results: short and round-trippable. */
public final class SweepText {
  private SweepText() {}

  /**
   * The shortest {@link Num#format(double, int)} form that parses back to exactly {@code v}:
   * {@code 0.1}, {@code 3.16227766016838e-2}, {@code 1e-4}.
   */
  public static String num(double v) {
    if (!Double.isFinite(v)) return Num.exact(v);
    // Whole numbers up to a million read better plainly (10, 250) than as 1e1, 2.5e2.
    int exponent = v == 0 ? 0 : (int) Math.floor(Math.log10(Math.abs(v)));
    int plain = exponent >= 0 && exponent < 6 ? exponent + 1 : 1;
    for (int digits = 1; digits <= 17; digits++) {
      String s = Num.format(v, Math.max(digits, plain));
      if (Double.parseDouble(s) == v) return s;
    }
    return Double.toString(v);
  }

  /** Parses {@link #num} output, including {@code nan}, {@code inf} and {@code -inf}. */
  public static double parse(String s) {
    switch (s.trim()) {
      case "nan": return Double.NaN;
      case "inf": return Double.POSITIVE_INFINITY;
      case "-inf": return Double.NEGATIVE_INFINITY;
      default: return Double.parseDouble(s.trim());
    }
  }
}
