package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.SweepReport;
import dyn.runtime.sweep.ResultTable;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

/** Readable heatmap axes and colour legend for wide sweeps (eta_gamma's 57 lr columns). */
class HeatmapSinkTest {
  /** logspace(1e-5, 1e3, 57): 7 steps per decade, so every 7th value is a power of ten. */
  private static List<Double> lrs() {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < 57; i++) v.add(Math.pow(10, -5 + 8.0 * i / 56));
    return v;
  }

  @Test
  void everyDecadeOfAWideLogAxisIsLabelledCompactly() {
    List<String> labels = HeatmapSink.labels(lrs());
    assertEquals(57, labels.size(), "one label per column");
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).isEmpty()) continue;
      shown.add(labels.get(i));
      assertEquals(0, i % 7, "a label at column " + i + " is not a decade");
    }
    assertEquals(List.of("1e-5", "1e-4", "1e-3", "0.01", "0.1", "1", "10", "100", "1e3"), shown);
  }

  @Test
  void theChartDrawsEveryCategoryLabelAndRoundsTheLegend() throws Exception {
    List<ResultTable.Row> rows = new ArrayList<>();
    double[] gammas = {0.01, 1, 100};
    for (double g : gammas) {
      for (double lr : lrs()) {
        // A loss spanning 1e-32.46 … 1e-0.301: the legend should read -33 … 0.
        double loss = Math.pow(10, -0.30103 - 32.16360 * (lr - 1e-5) / (1e3 - 1e-5));
        rows.add(new ResultTable.Row(new double[] {g, lr}, new double[] {loss}));
      }
    }
    ResultTable t = new ResultTable(List.of("gamma", "lr"), List.of("loss"), rows);
    SweepReport.Heatmap spec = new SweepReport.Heatmap("lr", "gamma", "final loss", true, "lr", "gamma");
    HeatMapChart chart = HeatmapSink.chart(spec, t);
    HeatMapSeries s = chart.getHeatMapSeries();
    assertEquals(-33.0, s.getMin());
    assertEquals(0.0, s.getMax());
    assertEquals("0.0", "" + s.getMax(), "no -0.0 in the legend");
    assertTrue(chart.getStyler().getXAxisTickMarkSpacingHint() <= 1);
    assertTrue(chart.getTitle().contains("log10 loss"), chart.getTitle());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    HeatmapSink.write(png, spec, t, PlotSink.Format.PNG);
    assertTrue(png.size() > 1000);
  }

  @Test
  void linearLegendEndsHaveTwoSignificantDigits() {
    assertEquals(0.12, HeatmapSink.roundDown(0.12345, false), 1e-15);
    assertEquals(0.13, HeatmapSink.roundUp(0.12345, false), 1e-15);
    assertEquals(-1300, HeatmapSink.roundDown(-1234.5, false), 1e-9);
    assertEquals(-1200, HeatmapSink.roundUp(-1234.5, false), 1e-9);
  }
}
