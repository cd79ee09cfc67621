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
    assertEquals(List.of("10⁻⁵", "10⁻⁴", "10⁻³", "0.01", "0.1", "1", "10", "100", "10³"), shown);
  }

  @Test
  void anEvenlySpacedIndexAxisIsLabelledEvenlyNotByDecades() {
    // A kernel heatmap's input index 1 … 40 passes through 1 and 10, but is no log axis.
    List<Double> index = new ArrayList<>();
    for (int i = 1; i <= 40; i++) index.add((double) i);
    List<String> shown = new ArrayList<>();
    for (String l : HeatmapSink.labels(index)) {
      if (!l.isEmpty()) shown.add(l);
    }
    assertEquals(List.of("1", "5", "9", "13", "17", "21", "25", "29", "33", "37"), shown);
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
    assertEquals("final loss", chart.getTitle());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    HeatmapSink.write(png, spec, t, PlotSink.Format.PNG);
    assertTrue(png.size() > 1000);
  }

  @Test
  void aHeatmapWithoutOneFiniteCellFailsInsteadOfInventingOne() {
    // All NaN, or all 0 under log colours: one made-up cell was drawn at (0, 0) with value 1.
    List<ResultTable.Row> rows = new ArrayList<>();
    for (double g : new double[] {1, 2}) {
      for (double lr : new double[] {0.1, 0.2}) rows.add(new ResultTable.Row(new double[] {g, lr}, new double[] {0}));
    }
    ResultTable zeros = new ResultTable(List.of("gamma", "lr"), List.of("zero"), rows);
    SweepReport.Heatmap spec = new SweepReport.Heatmap("lr", "gamma", "", true, "lr", "gamma");
    Figures.NothingToDraw e = org.junit.jupiter.api.Assertions.assertThrows(Figures.NothingToDraw.class,
        () -> HeatmapSink.write(new ByteArrayOutputStream(), spec, zeros, PlotSink.Format.SVG));
    assertEquals("nothing to colour: no value of zero is finite and positive (the colours are log10),"
        + " every cell would be grey", e.getMessage());
  }

  /** gamma × lr with log10 loss from -33 to 0; the cells with lr > 1 have no value (diverged). */
  private static ResultTable sweep(boolean withDiverged) {
    List<ResultTable.Row> rows = new ArrayList<>();
    for (double g : new double[] {0.01, 1, 100}) {
      for (double lr : lrs()) {
        double loss = withDiverged && lr > 1 ? Double.NaN : Math.pow(10, -33 * (1 - Math.log10(lr * 1e5) / 8));
        rows.add(new ResultTable.Row(new double[] {g, lr}, new double[] {loss}));
      }
    }
    return new ResultTable(List.of("gamma", "lr"), List.of("loss"), rows);
  }

  private static final SweepReport.Heatmap SPEC = new SweepReport.Heatmap("lr", "gamma", "", true, "lr", "gamma");

  @Test
  void theColourBarIsLabelledInTheQuantitysUnitsAtRoundValues() throws Exception {
    ResultTable t = sweep(false);
    ColourBar bar = HeatmapSink.colourBar(SPEC, t, HeatmapSink.chart(SPEC, t));
    // log10 loss spans -33 … 0: steps of 1 and 2 decades give 34 and 17 labels, 5 gives
    // -30, -25, …, 0: seven, the most allowed.
    assertEquals(List.of("10⁻³⁰", "10⁻²⁵", "10⁻²⁰", "10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "1"),
        bar.ticks().stream().map(ColourBar.Tick::label).toList());
    assertEquals(5.0, ColourBar.step(-33, 0, true));
    assertEquals(1.0, ColourBar.step(-2.5, 0.2, true), "log values: whole decades even on a short bar");
    // Linear values: 0 … 1.3 gets steps of 0.2 (0.1 would give 14 labels) written plainly.
    ColourBar linear = new ColourBar(new java.awt.Color[] {java.awt.Color.BLACK, java.awt.Color.WHITE}, 0, 1.3, false, "acc", null);
    assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"), linear.ticks().stream().map(ColourBar.Tick::label).toList());
  }

  @Test
  void theSvgKeyIsVectorTextNotAGradientPaintedImage() throws Exception {
    // XChart drew the key's labels with the gradient still set: embedded yellow images in SVG.
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    HeatmapSink.write(svg, SPEC, sweep(true), PlotSink.Format.SVG);
    String text = svg.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!text.contains("<image"), "no raster image in the SVG");
    assertTrue(text.contains("fill:rgb(0,0,0)"), "black glyph outlines");
  }

  @Test
  void divergedCellsGetAGreySwatchInTheKey() throws Exception {
    // The swatch sits 22 px below the bar (bar height 240, centred at y = 250), 14 px from the
    // key's left edge at x = 800 - 130: its centre is (670 + 14 + 11, 250 + 120 + 22 + 7).
    int x = PlotSink.WIDTH - ColourBar.WIDTH + 14 + 11;
    int y = PlotSink.HEIGHT / 2 + 120 + 22 + 7;
    assertEquals(0xBBBBBB, pixel(sweep(true), x, y), "grey swatch when cells diverged");
    assertEquals(0xFFFFFF, pixel(sweep(false), x, y), "no swatch when every cell has a value");
  }

  private static int pixel(ResultTable t, int x, int y) throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    HeatmapSink.write(png, SPEC, t, PlotSink.Format.PNG);
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.toByteArray()));
    assertEquals(PlotSink.WIDTH, img.getWidth());
    return img.getRGB(x, y) & 0xFFFFFF;
  }

  @Test
  void linearLegendEndsHaveTwoSignificantDigits() throws Exception {
    assertEquals(0.12, HeatmapSink.roundDown(0.12345, false), 1e-15);
    assertEquals(0.13, HeatmapSink.roundUp(0.12345, false), 1e-15);
    assertEquals(-1300, HeatmapSink.roundDown(-1234.5, false), 1e-9);
    assertEquals(-1200, HeatmapSink.roundUp(-1234.5, false), 1e-9);
  }
}
