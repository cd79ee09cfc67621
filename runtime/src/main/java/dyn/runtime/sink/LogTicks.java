package dyn.runtime.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which ticks of a logarithmic axis get a label, and how the label reads. XChart puts a tick at
 * every m·10ᵉ (m = 1…9) and, by default, labels only the decades, so an axis spanning less than a
 * decade (a loss between 0.4 and 3) showed a single label, "1". Here:
 *
 * <ul>
 *   <li>an axis with at least two decades in its range labels the decades;
 *   <li>otherwise the ticks 1, 2 and 5 of each decade, and when that still gives fewer than three
 *       labels, every tick 1…9;
 *   <li>one notation per axis: plain numbers ({@code 0.2}, {@code 5}, {@code 100}) when every label
 *       lies in [10⁻³, 10⁴), else powers of ten with superscript exponents ({@code 10⁻¹⁰},
 *       {@code 2×10⁻⁵}), which read as a physicist writes them, unlike {@code 1E-10}.
 * </ul>
 */
public final class LogTicks {
  private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  /** Slack for m·10ᵉ computed in floating point (0.30000000000000004) and for range ends. */
  private static final double EPS = 1e-9;

  private final double lo;
  private final double hi;
  private final int[] mantissas;
  private final boolean plain;

  /** The labelling of an axis whose drawn values run from {@code lo} to {@code hi} (both > 0). */
  public LogTicks(double lo, double hi) {
    if (!(lo > 0) || !(hi >= lo)) throw new IllegalArgumentException("a log axis needs 0 < lo <= hi, got " + lo + ", " + hi);
    this.lo = lo;
    this.hi = hi;
    int[] chosen = {1};
    if (count(chosen) < 2) chosen = new int[] {1, 2, 5};
    if (count(chosen) < 3) chosen = new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
    this.mantissas = chosen;
    boolean allPlain = true;
    for (double v : labelled()) allPlain &= v >= 1e-3 * (1 - EPS) && v < 1e4;
    this.plain = allPlain;
  }

  /** The tick values that get a label, increasing. */
  public List<Double> labelled() {
    return ticks(mantissas);
  }

  /**
   * The label of a tick XChart asks about, "" for a tick left unlabelled. Pass as the axis's
   * tick-label formatting function, with the axis's decade-only labelling turned off.
   */
  public String label(double v) {
    // All values equal: XChart asks for one label, the value itself, which need not be a tick.
    if (hi <= lo * (1 + EPS)) return Num.format(v, 3);
    if (!(v > 0) || !inRange(v)) return "";
    int e = (int) Math.floor(Math.log10(v) + EPS);
    long m = Math.round(v / Math.pow(10, e));
    if (m == 10) {
      e++;
      m = 1;
    }
    if (Math.abs(v - m * Math.pow(10, e)) > 1e-6 * v || !chosen((int) m)) return "";
    if (plain) return Num.format(m * Math.pow(10, e), 3);
    return m == 1 ? power(e) : m + "×" + power(e);
  }

  /** {@link #label} as XChart's formatting function. */
  public Function<Double, String> formatter() {
    return this::label;
  }

  /** A power of ten with a superscript exponent: {@code 10⁻¹⁰}, {@code 10³}, {@code 10⁰}. */
  public static String power(int e) {
    StringBuilder sb = new StringBuilder("10");
    String digits = Integer.toString(Math.abs(e));
    if (e < 0) sb.append('⁻');
    for (char c : digits.toCharArray()) sb.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
    return sb.toString();
  }

  private boolean chosen(int m) {
    for (int c : mantissas) if (c == m) return true;
    return false;
  }

  private boolean inRange(double v) {
    return v >= lo * (1 - EPS) && v <= hi * (1 + EPS);
  }

  private int count(int[] ms) {
    return ticks(ms).size();
  }

  /** Every m·10ᵉ in range with m among {@code ms}, increasing. */
  private List<Double> ticks(int[] ms) {
    List<Double> out = new ArrayList<>();
    int first = (int) Math.floor(Math.log10(lo)) - 1;
    int last = (int) Math.ceil(Math.log10(hi)) + 1;
    for (int e = first; e <= last; e++) {
      for (int m : ms) {
        double v = m * Math.pow(10, e);
        if (inRange(v)) out.add(v);
      }
    }
    return out;
  }
}
