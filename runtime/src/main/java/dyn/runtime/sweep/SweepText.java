package dyn.runtime.sweep;

import dyn.runtime.sink.Num;

/** How sweep values are written to task lists, overrides and results: short and round-trippable. */
public final class SweepText {
  private SweepText() {}

  /** The shortest form that parses back to exactly {@code v}: {@code 0.1}, {@code 250}, {@code 1e-6}. */
  public static String num(double v) {
    String s = RECENT.get(v);
    if (s == null) {
      s = Num.exact(v);
      if (RECENT.size() >= 4096) RECENT.clear();
      RECENT.put(v, s);
    }
    return s;
  }

  /**
   * Texts already made. A grid repeats each axis value once per point of the other axes (13 γ and
   * 57 lr for eta_gamma's 741 points), and each point's value is written several times (key,
   * task list, overrides, log), while {@link Num#exact} searches for the shortest digits with
   * BigDecimal: ~6,000 searches were about half of the task list's 0.7 s of CPU before a sweep.
   * Keyed by the double's value (boxed {@code Double} equality is bitwise, so -0 and 0 differ).
   */
  private static final java.util.Map<Double, String> RECENT = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code gamma=0.1 lr=0.3}: a point's values, in the map's order. */
  public static String assignments(java.util.Map<String, Double> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach((name, v) -> sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(num(v)));
    return sb.toString();
  }

  /** Task numbers (ascending) as ranges: {@code 0–56, 114–170}. */
  public static String ranges(java.util.List<Integer> tasks) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < tasks.size()) {
      int j = i;
      while (j + 1 < tasks.size() && tasks.get(j + 1) == tasks.get(j) + 1) j++;
      if (sb.length() > 0) sb.append(", ");
      sb.append(tasks.get(i));
      if (j > i) sb.append('–').append(tasks.get(j));
      i = j + 1;
    }
    return sb.toString();
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
