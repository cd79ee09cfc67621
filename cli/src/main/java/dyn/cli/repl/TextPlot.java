package dyn.cli.repl;

import dyn.runtime.sink.Num;
import java.util.List;

/**
 * Plots series as text, one sparkline each, so {@code :plot} works in any terminal and needs no
 * plotting library. Losses span many decades, so a series that is positive throughout is drawn on
 * a log scale; all lines share one scale so they can be compared by eye.
 */
final class TextPlot {
  private TextPlot() {}

  private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
  private static final int MAX_WIDTH = 64;

  /** One series: its label, grid times and values. */
  record Line(String label, double[] times, double[] values) {}

  static String render(List<Line> lines) {
    boolean log = true;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (double v : l.values) {
        if (!Double.isFinite(v)) continue;
        if (v <= 0) log = false;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    int labelWidth = 0;
    for (Line l : lines) labelWidth = Math.max(labelWidth, l.label.length());
    StringBuilder sb = new StringBuilder();
    if (lines.isEmpty() || lo > hi) return "nothing to plot\n";
    sb.append(log ? "log scale" : "linear scale").append(", ").append(Num.format(lo, 3)).append(" (▁) to ")
        .append(Num.format(hi, 3)).append(" (█)");
    Line first = lines.get(0);
    if (first.times.length > 0) {
      sb.append(", t = ").append(Num.format(first.times[0], 3)).append(" … ")
          .append(Num.format(first.times[first.times.length - 1], 3)).append(" (one mark per grid point");
      sb.append(first.values.length > MAX_WIDTH ? ", resampled)" : ")");
    }
    sb.append('\n');
    for (Line l : lines) {
      sb.append("  ").append(l.label).append(" ".repeat(labelWidth - l.label.length() + 2));
      sb.append(sparkline(l.values, lo, hi, log));
      if (l.values.length > 0) {
        sb.append("  ").append(Num.format(l.values[0], 3)).append(" → ").append(Num.format(l.values[l.values.length - 1], 3));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** One mark per point (or per resampled point when there are more than fit). */
  static String sparkline(double[] values, double lo, double hi, boolean log) {
    int n = Math.min(values.length, MAX_WIDTH);
    StringBuilder sb = new StringBuilder();
    double a = log ? Math.log10(lo) : lo;
    double b = log ? Math.log10(hi) : hi;
    for (int i = 0; i < n; i++) {
      int idx = values.length <= MAX_WIDTH ? i : (int) Math.round(i * (values.length - 1.0) / (n - 1.0));
      double v = values[idx];
      if (!Double.isFinite(v)) {
        sb.append('?');
        continue;
      }
      double x = log ? Math.log10(v) : v;
      double frac = b > a ? (x - a) / (b - a) : 0.5;
      sb.append(BARS[(int) Math.max(0, Math.min(BARS.length - 1, Math.round(frac * (BARS.length - 1))))]);
    }
    return sb.toString();
  }
}
