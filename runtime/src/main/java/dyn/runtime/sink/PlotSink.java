package dyn.runtime.sink;

import dyn.compiler.plan.PlotSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws series against time as an 800×500 line figure, SVG or PNG, with XChart. One line per
 * series component: a vector series such as {@code gf.singular_values} gives one line per
 * component, labelled {@code gf.singular_values[0]}, … as in tables.
 *
 * <p>On a logarithmic axis, points that cannot be drawn are skipped: on a log time axis every
 * point at {@code t <= 0} (the grid's first point is usually t = 0), on a log value axis every
 * non-positive value. NaN and infinite values are skipped on any axis. A component left with no
 * point at all is left out of the figure (and of the legend); a series label given twice is drawn
 * once.
 *
 * <p>A predicted staircase ({@link Series#staircase()}, e.g. {@code agf1.loss}) is drawn as a
 * dashed step line, its risers at the predicted jump times, so it overlays the measured curves;
 * on a log value axis its levels below the lowest measured value are drawn at that value, so a
 * predicted final loss of 0 or 1e-20 does not stretch the axis.
 *
 * <p>XChart draws text as outlines, so in an SVG the visible labels are paths; a {@code <title>}
 * and {@code <desc>} carry the title, line labels and axis titles as text.
 *
 * <p>Rendering runs with {@code java.awt.headless=true}, set when this class loads (unless the
 * property was set before). The bytes depend only on the inputs and the fonts installed: two
 * writes of the same figure on one machine are identical.
 */
public final class PlotSink {
  static {
    // Before any AWT class loads: a run on a server has no display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Figure size in pixels. */
  public static final int WIDTH = 800;

  /** Figure size in pixels. */
  public static final int HEIGHT = 500;

  /** Colour-blind-friendly, print-distinct line colours (Okabe–Ito, then tab10 extras). */
  private static final Color[] COLORS = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
    new Color(0x8C564B), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x9467BD)
  };

  private PlotSink() {}

  /** Image formats, picked by the file extension. */
  public enum Format {
    SVG,
    PNG;

    /** The format of {@code loss.svg} / {@code loss.png} (any case). */
    public static Format of(String path) {
      String p = path.toLowerCase(Locale.ROOT);
      if (p.endsWith(".svg")) return SVG;
      if (p.endsWith(".png")) return PNG;
      throw new IllegalArgumentException("a plot is written as .svg or .png, not " + path);
    }
  }

  /** Writes the figure in the given format. */
  public static void write(OutputStream out, PlotSpec spec, List<Series> series, Format format)
      throws IOException {
    XYChart chart = chart(spec, series);
    if (chart.getSeriesCollection().isEmpty()) {
      List<String> names = new java.util.ArrayList<>();
      for (Series s : series) names.add(s.label());
      throw new Figures.NothingToDraw("nothing to draw: no value of " + String.join(", ", names) + " is finite"
          + (spec.xLog() || spec.yLog() ? " and positive on the log " + (spec.xLog() && spec.yLog() ? "axes"
              : spec.xLog() ? "t axis (t = 0 is left out)" : "y axis") : ""));
    }
    if (format == Format.SVG) {
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      out.write(describe(svg.toString(StandardCharsets.UTF_8), chart).getBytes(StandardCharsets.UTF_8));
    } else {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  /**
   * XChart draws every glyph as a path, so the SVG has no text a reader can search or a screen
   * reader can speak: add a {@code <title>} and a {@code <desc>} naming the title, the lines and
   * the axes right after the opening {@code <svg>} tag.
   */
  static String describe(String svg, XYChart chart) {
    int open = svg.indexOf("<svg");
    int end = open < 0 ? -1 : svg.indexOf('>', open);
    if (end < 0) throw new IllegalStateException("XChart wrote no <svg> element");
    List<String> lines = new ArrayList<>();
    chart.getSeriesCollection().forEach(x -> lines.add(x.getName()));
    String title = chart.getTitle().isEmpty() ? String.join(", ", lines) : chart.getTitle();
    String desc = "lines: " + String.join(", ", lines) + "; x axis: " + chart.getXAxisTitle()
        + "; y axis: " + chart.getYAxisTitle();
    return svg.substring(0, end + 1) + "\n  <title>" + xml(title) + "</title>\n  <desc>"
        + xml(desc) + "</desc>" + svg.substring(end + 1);
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The styled chart with one line per drawable component. */
  static XYChart chart(PlotSpec spec, List<Series> series) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(spec.title());
    chart.setXAxisTitle(spec.xLabel());
    chart.setYAxisTitle(spec.yLabel().isEmpty() ? defaultYLabel(series) : spec.yLabel());
    style(chart, spec);
    double floor = spec.yLog() ? measuredFloor(series) : Double.NEGATIVE_INFINITY;
    Set<String> drawn = new HashSet<>();
    int lines = 0;
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      List<String> labels = s.columnLabels();
      for (int k = 0; k < labels.size(); k++) {
        if (!drawn.add(labels.get(k))) continue;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < s.times().size(); i++) {
          double t = s.times().get(i);
          double v = s.value(i, k);
          if (!Double.isFinite(t) || !Double.isFinite(v)) continue;
          // A predicted last level of 0 (or a cost phase's 1e-20) would stretch a log axis
          // over decades no measurement reaches: the staircase drops to the axis floor instead.
          if (s.staircase() && v < floor) v = floor;
          if (spec.xLog() && t <= 0) continue;
          if (spec.yLog() && v <= 0) continue;
          // A staircase holds each value until the next time: a riser at t, not a slope into it.
          if (s.staircase() && !ys.isEmpty() && ys.get(ys.size() - 1) != v) {
            xs.add(t);
            ys.add(ys.get(ys.size() - 1));
          }
          xs.add(t);
          ys.add(v);
        }
        if (xs.isEmpty()) continue;
        XYSeries line = chart.addSeries(labels.get(k), toArray(xs), toArray(ys));
        // One point makes no line: a marker shows it.
        line.setMarker(xs.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        line.setLineColor(COLORS[lines % COLORS.length]);
        line.setLineStyle(stroke(lines, s.staircase()));
        lines++;
        xMin = Math.min(xMin, xs.get(0));
        xMax = Math.max(xMax, xs.get(xs.size() - 1));
        yMin = Math.min(yMin, ys.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
        yMax = Math.max(yMax, ys.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
      }
    }
    // XChart labels only the decades of a log axis, as 1E-10, and switches notation mid-axis:
    // LogTicks labels more ticks on a short axis and writes 10⁻¹⁰.
    if (spec.xLog() && lines > 0) {
      chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
      chart.getStyler().setXAxisTickLabelsFormattingFunction(new LogTicks(xMin, xMax).formatter());
    }
    if (spec.yLog() && lines > 0) {
      chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
      chart.getStyler().setYAxisTickLabelsFormattingFunction(new LogTicks(yMin, yMax).formatter());
    }
    return chart;
  }

  /** Dash patterns of measured lines, in turn: solid, dashed, dotted, dash-dot. */
  private static final float[][] DASHES = {null, {7f, 4f}, {1.5f, 3.5f}, {9f, 3.5f, 1.5f, 3.5f}};

  /** The long dashes of a predicted staircase, unlike any measured line's. */
  private static final float[] STAIRCASE_DASH = {14f, 6f};

  /**
   * The stroke of the {@code index}-th line drawn. Colour alone let two coinciding curves hide
   * each other (saddle_linear's gf.loss under gd.loss): each line also gets its own dash pattern,
   * so the one below shows through the gaps of the one above, and in print.
   */
  static BasicStroke stroke(int index, boolean staircase) {
    float[] dash = staircase ? STAIRCASE_DASH : DASHES[index % DASHES.length];
    if (dash == null) return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /**
   * The value axis's title when the script gives no {@code ylabel}: the one series' name
   * ({@code gf.loss}), else the observables' names ({@code loss}, {@code loss, singular_values}).
   */
  static String defaultYLabel(List<Series> series) {
    if (series.size() == 1) return series.get(0).label();
    Set<String> names = new LinkedHashSet<>();
    for (Series s : series) names.add(s.observable().scriptName());
    return String.join(", ", names);
  }

  /**
   * The smallest positive finite value of the measured (non-staircase) series, or -∞ when there
   * is none: the lowest a predicted staircase is drawn on a log value axis.
   */
  private static double measuredFloor(List<Series> series) {
    double floor = Double.POSITIVE_INFINITY;
    for (Series s : series) {
      if (s.staircase()) continue;
      for (double[] row : s.values()) {
        for (double v : row) if (v > 0 && Double.isFinite(v)) floor = Math.min(floor, v);
      }
    }
    return floor == Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : floor;
  }

  static void style(XYChart chart, PlotSpec spec) {
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.DARK_GRAY);
    st.setChartFontColor(Color.BLACK);
    st.setPlotGridLinesColor(new Color(0xDDDDDD));
    st.setPlotGridLinesStroke(new BasicStroke(1f));
    st.setChartTitleVisible(!spec.title().isEmpty());
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    // Outside the plot: staircases and growing modes fill every corner of it at some point.
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setLegendBackgroundColor(Color.WHITE);
    st.setXAxisLogarithmic(spec.xLog());
    st.setYAxisLogarithmic(spec.yLog());
    st.setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    st.setAntiAlias(true);
  }

  private static double[] toArray(List<Double> xs) {
    double[] a = new double[xs.size()];
    for (int i = 0; i < a.length; i++) a[i] = xs.get(i);
    return a;
  }
}
