package dyn.cli.repl;

import dyn.runtime.sink.LogTicks;
import dyn.runtime.sink.Num;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plots series as text, so {@code :plot} works in any terminal and needs no plotting library: a
 * grid of {@link #HEIGHT} rows by {@link #WIDTH} columns, one mark per series, the value axis on
 * the left and the time axis below with its ticks labelled. A loss that drops in steps shows as a
 * staircase, its plateaus as rows and its drops as columns of marks, where one sparkline row had
 * only eight heights for many decades.
 *
 * <p>Values positive throughout are drawn on a log scale (losses span many decades), times on a
 * log axis when the positive grid times span two decades or more (observation grids are usually
 * {@code log(…)}); t = 0 is then left out, as in {@code report plot}. Between grid times a series
 * holds its last value, so each column shows what was recorded last by its time.
 */
final class TextPlot {
  private TextPlot() {}

  /** Plot columns. */
  static final int WIDTH = 60;
  /** Plot rows. */
  static final int HEIGHT = 12;
  private static final char[] MARKS = {'*', 'o', '+', 'x', '#', '@', '%', '&'};

  /** One series: its label, grid times and values. */
  record Line(String label, double[] times, double[] values) {}

  static String render(List<Line> lines) {
    boolean logY = true;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double tMin = Double.POSITIVE_INFINITY;
    double tPos = Double.POSITIVE_INFINITY;
    double tMax = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (double v : l.values) {
        if (!Double.isFinite(v)) continue;
        if (v <= 0) logY = false;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (double t : l.times) {
        if (!Double.isFinite(t)) continue;
        tMin = Math.min(tMin, t);
        tMax = Math.max(tMax, t);
        if (t > 0) tPos = Math.min(tPos, t);
      }
    }
    if (lines.isEmpty() || lo > hi || tMin > tMax) return "nothing to plot\n";
    boolean logT = tPos < Double.POSITIVE_INFINITY && tMax / tPos >= 100;
    Axis time = new Axis(logT ? tPos : tMin, tMax, logT);
    Axis value = new Axis(lo, hi, logY);

    char[][] grid = new char[HEIGHT][WIDTH];
    for (char[] row : grid) Arrays.fill(row, ' ');
    for (int i = 0; i < lines.size(); i++) draw(grid, lines.get(i), MARKS[i % MARKS.length], time, value);

    StringBuilder sb = new StringBuilder();
    int labelWidth = 0;
    for (Line l : lines) labelWidth = Math.max(labelWidth, l.label.length());
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      sb.append("  ").append(MARKS[i % MARKS.length]).append(' ').append(l.label)
          .append(" ".repeat(labelWidth - l.label.length()));
      if (l.values.length > 0) {
        sb.append("  ").append(Num.format(l.values[0], 3)).append(" → ").append(Num.format(l.values[l.values.length - 1], 3));
      }
      sb.append('\n');
    }
    // The value axis: top, middle and bottom rows labelled.
    String[] rowLabels = new String[HEIGHT];
    rowLabels[0] = Num.format(value.at(1), 3);
    rowLabels[HEIGHT / 2] = Num.format(value.at(1 - (HEIGHT / 2) / (HEIGHT - 1.0)), 3);
    rowLabels[HEIGHT - 1] = Num.format(value.at(0), 3);
    int margin = 0;
    for (String s : rowLabels) if (s != null) margin = Math.max(margin, s.length());
    for (int r = 0; r < HEIGHT; r++) {
      String label = rowLabels[r] == null ? "" : rowLabels[r];
      sb.append(" ".repeat(margin - label.length())).append(label).append(rowLabels[r] == null ? " │" : " ┤");
      sb.append(new String(grid[r]).stripTrailing()).append('\n');
    }
    // The time axis: a tick mark under each labelled time, its label centred below it.
    char[] axis = new char[WIDTH];
    Arrays.fill(axis, '─');
    char[] labels = new char[WIDTH + 12];
    Arrays.fill(labels, ' ');
    int free = 0;
    for (double tick : time.ticks()) {
      int c = time.column(tick);
      axis[c] = '┬';
      String text = time.label(tick);
      int start = Math.max(free, c - text.length() / 2);
      if (start + text.length() > labels.length) continue;
      text.getChars(0, text.length(), labels, start);
      free = start + text.length() + 1;
    }
    sb.append(" ".repeat(margin)).append(" └").append(axis).append('\n');
    sb.append(" ".repeat(margin + 2)).append(new String(labels).stripTrailing()).append('\n');
    sb.append(" ".repeat(margin + 2)).append("t").append(logT ? " (log axis)" : "")
        .append("; values on a ").append(logY ? "log" : "linear").append(" scale\n");
    return sb.toString();
  }

  /** Marks one series: in each column the value held at the column's time, joined by drops. */
  private static void draw(char[][] grid, Line l, char mark, Axis time, Axis value) {
    int previous = -1;
    for (int c = 0; c < WIDTH; c++) {
      double v = heldAt(l, time.at(c / (WIDTH - 1.0)));
      if (!Double.isFinite(v) || (value.log && v <= 0)) {
        previous = -1;
        continue;
      }
      int row = value.row(v);
      grid[row][c] = mark;
      // A drop (or rise) of several rows between columns: a riser, so the staircase is closed.
      if (previous >= 0) {
        for (int r = Math.min(previous, row) + 1; r < Math.max(previous, row); r++) grid[r][c] = mark;
      }
      previous = row;
    }
  }

  /** The value recorded last at or before {@code t}; NaN before the first grid time. */
  static double heldAt(Line l, double t) {
    double v = Double.NaN;
    for (int i = 0; i < l.times.length && l.times[i] <= t * (1 + 1e-12) + 1e-300; i++) v = l.values[i];
    return v;
  }

  /** One axis: a range, linear or logarithmic. */
  private static final class Axis {
    final double a;
    final double b;
    final boolean log;
    /** Which log ticks are labelled and how, as in figures; null on a linear axis. */
    final LogTicks logTicks;

    Axis(double lo, double hi, boolean log) {
      this.log = log;
      this.a = log ? Math.log10(lo) : lo;
      this.b = log ? Math.log10(hi) : hi;
      this.logTicks = log ? new LogTicks(lo, hi) : null;
    }

    /** The value at fraction {@code f} of the way from the low end. */
    double at(double f) {
      double x = a + f * (b - a);
      return log ? Math.pow(10, x) : x;
    }

    double fraction(double v) {
      double x = log ? Math.log10(v) : v;
      return b > a ? (x - a) / (b - a) : 0.5;
    }

    int column(double t) {
      return (int) Math.max(0, Math.min(WIDTH - 1, Math.round(fraction(t) * (WIDTH - 1))));
    }

    /** Row 0 at the top (the highest value). */
    int row(double v) {
      return (int) Math.max(0, Math.min(HEIGHT - 1, Math.round((1 - fraction(v)) * (HEIGHT - 1))));
    }

    /** Labelled times: log ticks as a figure labels them, else the two ends and the middle. */
    List<Double> ticks() {
      if (log) return logTicks.labelled();
      List<Double> out = new ArrayList<>();
      for (double f : new double[] {0, 0.5, 1}) out.add(at(f));
      return out;
    }

    String label(double v) {
      return log ? logTicks.label(v) : Num.format(v, 3);
    }
  }
}
