package dyn.runtime.sweep;

import dyn.runtime.sink.Num;

/** How sweep values are written to task lists, overrides and results: short and round-trippable. */
public final class SweepText {
  private SweepText() {}

  /** The shortest form that parses back to exactly {@code v}: {@code 0.1}, {@code 250}, {@code 1e-6}. */
  public static String num(double v) {
    return Num.exact(v);
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
