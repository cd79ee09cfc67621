package dyn.runtime.sink;

import dyn.compiler.plan.PlotSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A search's metric against cost: every successful point as a grey dot, the observed Pareto
 * frontier as a highlighted step line through its points (the best metric at each cost holds until
 * the next frontier point). Axes are logarithmic where every drawn value is positive. Styled as
 * {@link PlotSink}'s figures.
 */
public final class FrontierPlot {
  private FrontierPlot() {}

  /**
   * @param cost every successful point's cost
   * @param metric every successful point's metric (aligned with cost)
   * @param frontierCost the frontier's costs, increasing
   * @param frontierMetric the frontier's metrics
   */
  public static void write(OutputStream out, String title, String metricName, String costName,
      double[] cost, double[] metric, double[] frontierCost, double[] frontierMetric,
      PlotSink.Format format) throws IOException {
    boolean xLog = allPositive(cost);
    boolean yLog = allPositive(metric);
    PlotSpec spec = new PlotSpec(title, xLog, yLog, costName, metricName);
    XYChart chart = new XYChart(PlotSink.WIDTH, PlotSink.HEIGHT);
    chart.setTitle(title);
    chart.setXAxisTitle(costName);
    chart.setYAxisTitle(metricName);
    PlotSink.style(chart, spec);
    if (cost.length > 0) {
      XYSeries all = chart.addSeries("all points", cost, metric);
      all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      all.setMarker(SeriesMarkers.CIRCLE);
      all.setMarkerColor(new Color(0x9E9E9E));
    }
    if (frontierCost.length > 0) {
      // A step line: each frontier value holds from its cost to the next frontier point's.
      int n = frontierCost.length;
      double[] x = new double[2 * n - 1];
      double[] y = new double[2 * n - 1];
      for (int i = 0; i < n; i++) {
        x[2 * i] = frontierCost[i];
        y[2 * i] = frontierMetric[i];
        if (i + 1 < n) {
          x[2 * i + 1] = frontierCost[i + 1];
          y[2 * i + 1] = frontierMetric[i];
        }
      }
      XYSeries front = chart.addSeries("Pareto frontier", x, y);
      front.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      front.setLineColor(new Color(0xD55E00));
      front.setLineStyle(new BasicStroke(2.5f));
      front.setMarker(SeriesMarkers.NONE);
      XYSeries pts = chart.addSeries("frontier points", frontierCost, frontierMetric);
      pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      pts.setMarker(SeriesMarkers.DIAMOND);
      pts.setMarkerColor(new Color(0xD55E00));
    }
    if (format == PlotSink.Format.SVG) {
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      out.write(PlotSink.describe(svg.toString(StandardCharsets.UTF_8), chart).getBytes(StandardCharsets.UTF_8));
    } else {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static boolean allPositive(double[] xs) {
    if (xs.length == 0) return false;
    for (double x : xs) if (!(x > 0)) return false;
    return true;
  }
}
