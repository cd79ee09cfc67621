package dyn.runtime.sink;

import dyn.compiler.plan.SweepReport;
import dyn.runtime.sweep.ResultTable;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws a table indexed by two swept params as a heatmap (SVG or PNG, with XChart): one cell per
 * point, x and y the two params in increasing order, colour the value (log10 of it by default,
 * since losses span decades). Cells with no finite value (diverged points) are left out and show
 * the grey background, so the edge of stability is visible at a glance.
 *
 * <p>Rendering is headless ({@link PlotSink} sets {@code java.awt.headless}).
 */
public final class HeatmapSink {
  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  /** Viridis at 9 stops: perceptually uniform and readable in grey. */
  private static final Color[] VIRIDIS = {
    new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B), new Color(0x2C728E),
    new Color(0x21918C), new Color(0x28AE80), new Color(0x5EC962), new Color(0xADDC30),
    new Color(0xFDE725)
  };

  private HeatmapSink() {}

  /** Grey: the background that cells with no finite value (diverged points) leave showing. */
  private static final Color NO_VALUE = new Color(0xBBBBBB);

  /** Writes the heatmap of a one-column table indexed by the spec's x and y params. */
  public static void write(OutputStream out, SweepReport.Heatmap spec, ResultTable table,
      PlotSink.Format format) throws IOException {
    HeatMapChart chart = chart(spec, table);
    ColourBar bar = colourBar(spec, table, chart);
    byte[] bytes = Canvas.render(format, PlotSink.WIDTH, PlotSink.HEIGHT, g -> {
      chart.paint(g, chart.getWidth(), chart.getHeight());
      bar.paint(g, chart.getWidth(), PlotSink.HEIGHT / 2.0);
    });
    if (format == PlotSink.Format.SVG) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int open = text.indexOf("<svg");
      int end = open < 0 ? -1 : text.indexOf('>', open);
      if (end >= 0) {
        String desc = "heatmap of " + table.columns().get(0) + (spec.logValues() ? " (log10)" : "")
            + "; x axis: " + spec.xLabel() + "; y axis: " + spec.yLabel() + "; grey cells: no finite value (diverged)";
        text = text.substring(0, end + 1) + "\n  <title>" + xml(spec.title().isEmpty() ? table.columns().get(0) : spec.title())
            + "</title>\n  <desc>" + xml(desc) + "</desc>" + text.substring(end + 1);
      }
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    out.write(bytes);
  }

  /** The key drawn right of the chart: the chart's colour range, and a swatch when cells are missing. */
  static ColourBar colourBar(SweepReport.Heatmap spec, ResultTable table, HeatMapChart chart) {
    HeatMapSeries s = chart.getHeatMapSeries();
    boolean anyMissing = false;
    for (ResultTable.Row r : table.rows()) {
      double v = r.value(0);
      if (!Double.isFinite(spec.logValues() ? (v > 0 ? Math.log10(v) : Double.NaN) : v)) anyMissing = true;
    }
    return new ColourBar(VIRIDIS, s.getMin(), s.getMax(), spec.logValues(), table.columns().get(0),
        anyMissing ? NO_VALUE : null);
  }

  static HeatMapChart chart(SweepReport.Heatmap spec, ResultTable table) throws Figures.NothingToDraw {
    int xi = table.keys().indexOf(spec.x());
    int yi = table.keys().indexOf(spec.y());
    if (xi < 0 || yi < 0) throw new IllegalArgumentException("the table is not indexed by " + spec.x() + " and " + spec.y());
    TreeSet<Double> xs = new TreeSet<>();
    TreeSet<Double> ys = new TreeSet<>();
    for (ResultTable.Row r : table.rows()) {
      xs.add(r.key(xi));
      ys.add(r.key(yi));
    }
    List<Double> xl = new ArrayList<>(xs);
    List<Double> yl = new ArrayList<>(ys);
    List<Number[]> cells = new ArrayList<>();
    for (ResultTable.Row r : table.rows()) {
      double v = r.value(0);
      if (spec.logValues()) v = v > 0 ? Math.log10(v) : Double.NaN;
      if (!Double.isFinite(v)) continue;
      cells.add(new Number[] {xl.indexOf(r.key(xi)), yl.indexOf(r.key(yi)), v});
    }
    // The themed constructor: the plain one leaves fonts and colours unset and paints nothing.
    // Narrower than the figure by the colour bar, which dyn draws itself (ColourBar).
    HeatMapChart chart = new HeatMapChart(PlotSink.WIDTH - ColourBar.WIDTH, PlotSink.HEIGHT, Styler.ChartTheme.XChart);
    String what = table.columns().get(0);
    chart.setTitle(spec.title().isEmpty() ? what : spec.title());
    chart.setXAxisTitle(spec.xLabel());
    chart.setYAxisTitle(spec.yLabel());
    List<String> xLabels = labels(xl);
    List<String> yLabels = labels(yl);
    if (cells.isEmpty()) {
      // XChart needs a cell; a made-up one drew a value no point had, under exit 0.
      throw new Figures.NothingToDraw("nothing to colour: no value of " + table.columns().get(0) + " is finite"
          + (spec.logValues() ? " and positive (the colours are log10)" : "") + ", every cell would be grey");
    }
    var series = chart.addSeries(what, xLabels, yLabels, cells);
    // XChart writes the legend's ends as raw doubles (-32.46463463701331): widen the colour
    // range to short round numbers instead (whole decades for log values).
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Number[] c : cells) {
      lo = Math.min(lo, c[2].doubleValue());
      hi = Math.max(hi, c[2].doubleValue());
    }
    series.setMin(roundDown(lo, spec.logValues()));
    series.setMax(roundUp(hi, spec.logValues()));
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(NO_VALUE);
    st.setChartFontColor(Color.BLACK);
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendVisible(false);
    st.setRangeColors(VIRIDIS);
    st.setShowValue(false);
    st.setDrawBorder(false);
    st.setHeatMapValueDecimalPattern("0.00");
    st.setPlotGridLinesVisible(false);
    st.setPlotContentSize(1);
    st.setXAxisLabelRotation(0);
    // XChart labels only every k-th category so that labels are ≥ the spacing hint apart; with
    // 57 columns that skipped every decade label but the first. labels() already leaves most
    // categories empty, so let XChart draw all of them.
    st.setXAxisTickMarkSpacingHint(1);
    st.setYAxisTickMarkSpacingHint(1);
    return chart;
  }

  /** A short round number ≤ v: a whole number for log values, else two significant digits. */
  static double roundDown(double v, boolean log) {
    if (v == 0 || !Double.isFinite(v)) return v;
    if (log) return Math.floor(v) + 0.0;
    double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 1);
    return Double.parseDouble(Num.format(Math.floor(v / unit) * unit, 2));
  }

  /** A short round number ≥ v: a whole number for log values, else two significant digits. */
  static double roundUp(double v, boolean log) {
    if (v == 0 || !Double.isFinite(v)) return v;
    if (log) return Math.ceil(v) + 0.0; // + 0.0: no "-0.0" in the legend
    double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 1);
    return Double.parseDouble(Num.format(Math.ceil(v / unit) * unit, 2));
  }

  /**
   * Tick labels: every value when there are few, else only about ten of them (whole decades when
   * the axis is geometric). Unlabelled ticks get empty labels: the axis is categorical
   * and keeps one (possibly empty) label per cell.
   */
  static List<String> labels(List<Double> values) {
    int n = values.size();
    List<String> out = new ArrayList<>();
    // An evenly spaced axis (a kernel's input index 1 … N) is labelled evenly, even though it
    // passes through 1 and 10.
    boolean even = n >= 3;
    for (int i = 2; i < n && even; i++) {
      double step = values.get(1) - values.get(0);
      even = Math.abs(values.get(i) - values.get(i - 1) - step) <= 1e-9 * Math.abs(step);
    }
    boolean decades = !even && values.stream().filter(v -> v > 0 && Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9).count() >= 2;
    int every = Math.max(1, (int) Math.ceil(n / 10.0));
    for (int i = 0; i < n; i++) {
      double v = values.get(i);
      boolean show = n <= 12 || (decades ? v > 0 && Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9 : i % every == 0);
      out.add(show ? tick(v) : "");
    }
    return out;
  }

  /**
   * A compact tick label: powers of ten as 0.01 … 100 near 1 and 10⁻⁵, 10³ beyond (one notation
   * per magnitude, never 0.0001 next to 10⁻⁵), other values with three significant digits.
   */
  static String tick(double v) {
    double k = v > 0 ? Math.log10(v) : Double.NaN;
    if (v > 0 && Math.abs(k - Math.rint(k)) < 1e-9) {
      int e = (int) Math.rint(k);
      if (e >= -2 && e <= 2) return Num.format(Math.pow(10, e), 3);
      return LogTicks.power(e);
    }
    return Num.format(v, 3);
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
