package dyn.compiler.syntax;

import java.util.Optional;

/**
 * A written number that float64 cannot hold: {@code 1e999} reads as inf and {@code 1e-400} as 0,
 * without a word, and what was reported later ("learning rate must be positive, got inf", "init
 * scale must be positive, got 0") did not name what was written. The same words for a literal in
 * a script and for a value on the command line.
 */
public final class NumberRange {
  private NumberRange() {}

  /** What is wrong with {@code text}, which parsed to {@code value}; empty when nothing is. */
  public static Optional<String> problem(String text, double value) {
    if (Double.isInfinite(value)) return Optional.of("`" + text + "` is beyond the range of a float64 number");
    if (value == 0 && nonzeroMantissa(text)) {
      return Optional.of("`" + text + "` is below the smallest float64 number and would read as 0");
    }
    return Optional.empty();
  }

  /** Whether a digit 1-9 comes before the exponent ({@code 1e-400}, not {@code 0.0e5}). */
  private static boolean nonzeroMantissa(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') return false;
      if (c >= '1' && c <= '9') return true;
    }
    return false;
  }

  /** The help line for {@link #problem}'s message. */
  public static String hint(double value) {
    return Double.isInfinite(value) ? "the largest float64 is about 1.8e308"
        : "the smallest positive float64 is about 4.9e-324; write 0 if 0 is meant";
  }
}
