package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Observable;
import dyn.compiler.plan.PlotSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class PlotSinkTest {
  @TempDir Path dir;

  /** A grid starting at t = 0, as every observation grid does. */
  private static final double[] T = {0, 0.01, 0.1, 1, 10};

  private static List<Series> lossesAndSvs() {
    Series gf = Fixtures.scalar("gf", Observable.LOSS, T, new double[] {1, 0.9, 0.5, 0.1, 1e-4});
    Series gd = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {1, 0.95, 0.6, 0.2, 1e-3});
    double[][] sv = {{1e-3, 1e-3}, {2e-3, 1e-3}, {0.1, 2e-3}, {5, 0.5}, {5, 3}};
    Series svs = new Series("gf", Observable.SINGULAR_VALUES, Fixtures.boxed(T), sv);
    return List.of(gf, gd, svs);
  }

  private static PlotSpec spec() {
    return new PlotSpec("Saddle to saddle", true, true, "t (GF time)", "loss");
  }

  private static byte[] render(PlotSpec spec, List<Series> series, PlotSink.Format f)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PlotSink.write(out, spec, series, f);
    return out.toByteArray();
  }

  /** The text of the first element with that tag. */
  private static String text(Document doc, String tag) {
    NodeList all = doc.getElementsByTagName(tag);
    assertTrue(all.getLength() > 0, "no <" + tag + ">");
    return all.item(0).getTextContent();
  }

  @Test
  void svgIsXmlWithLegendAndAxisTitles() throws Exception {
    Path file = dir.resolve("loss.svg");
    AtomicFiles.write(file, o -> PlotSink.write(o, spec(), lossesAndSvs(), PlotSink.Format.of("loss.svg")));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(file.toFile());
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertEquals("800px", doc.getDocumentElement().getAttribute("width"));
    assertEquals("500px", doc.getDocumentElement().getAttribute("height"));
    // Glyphs are paths (XChart outlines text), so the words live in <title> and <desc>.
    assertTrue(doc.getElementsByTagName("path").getLength() > 20, "glyph and line paths");
    assertEquals("Saddle to saddle", text(doc, "title"));
    String text = text(doc, "desc");
    for (String want : List.of("gf.loss", "gd.loss", "gf.singular_values[0]",
        "gf.singular_values[1]", "x axis: t (GF time)", "y axis: loss")) {
      assertTrue(text.contains(want), "missing `" + want + "` in the SVG text:\n" + text);
    }
    assertEquals(List.of(), leftovers(), "no temporary file is left behind");
  }

  private List<Path> leftovers() throws IOException {
    List<Path> tmp = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(tmp::add);
    }
    return tmp;
  }

  @Test
  void pngHasTheSignatureAndSize() throws Exception {
    byte[] png = render(spec(), lossesAndSvs(), PlotSink.Format.of("loss.PNG"));
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    byte[] head = new byte[8];
    System.arraycopy(png, 0, head, 0, 8);
    assertArrayEquals(signature, head);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(800, img.getWidth());
    assertEquals(500, img.getHeight());
    // A white background: the corner pixel is pure white.
    assertEquals(0xFFFFFF, img.getRGB(0, 0) & 0xFFFFFF);
  }

  @Test
  void logAxesSkipTimeZeroAndNonPositiveValues() {
    Series s = Fixtures.scalar("gf", Observable.LOSS, T, new double[] {1, 0, -1, 0.1, 0.01});
    XYChart chart = PlotSink.chart(spec(), List.of(s));
    XYSeries line = chart.getSeries("gf.loss");
    // t = 0 (log x), value 0 and value -1 (log y) are dropped: t = 1 and t = 10 remain.
    assertArrayEquals(new double[] {1, 10}, line.getXData());
    assertArrayEquals(new double[] {0.1, 0.01}, line.getYData());
  }

  @Test
  void aPlotWithNothingDrawableFailsAndOnePointGetsAMarker() {
    // Loss exactly 0 everywhere on a log y axis: an empty frame was written with exit 0.
    Series zero = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {0, 0, 0, 0, 0});
    Figures.NothingToDraw e = org.junit.jupiter.api.Assertions.assertThrows(Figures.NothingToDraw.class,
        () -> PlotSink.write(java.io.OutputStream.nullOutputStream(), spec(), List.of(zero), PlotSink.Format.SVG));
    assertEquals("nothing to draw: no value of gd.loss is finite and positive on the log axes", e.getMessage());
    Series one = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {0, 1, 0, 0, 0});
    XYSeries point = PlotSink.chart(spec(), List.of(one)).getSeries("gd.loss");
    assertEquals(1, point.getXData().length, "only t = 0.01 (value 1) is drawable on log axes");
    org.junit.jupiter.api.Assertions.assertNotEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, point.getMarker());
  }

  @Test
  void linearAxesKeepTimeZero() {
    Series s = Fixtures.scalar("gf", Observable.LOSS, T, new double[] {1, 0, -1, 0.1, 0.01});
    XYChart chart = PlotSink.chart(new PlotSpec("", false, false, "t", ""), List.of(s));
    assertArrayEquals(T, chart.getSeries("gf.loss").getXData());
  }

  @Test
  void vectorSeriesGetOneLinePerComponent() {
    XYChart chart = PlotSink.chart(spec(), lossesAndSvs());
    assertEquals(List.of("gf.loss", "gd.loss", "gf.singular_values[0]", "gf.singular_values[1]"),
        chart.getSeriesCollection().stream().map(XYSeries::getName).toList());
  }

  @Test
  void twoWritesGiveIdenticalBytes() throws IOException {
    for (PlotSink.Format f : PlotSink.Format.values()) {
      byte[] a = render(spec(), lossesAndSvs(), f);
      byte[] b = render(spec(), lossesAndSvs(), f);
      assertTrue(a.length > 1000, f + " is suspiciously small: " + a.length + " bytes");
      assertArrayEquals(a, b, f + " bytes differ between two writes");
    }
  }

  @Test
  void logAxesLabelTicksThroughLogTicks() {
    // lossesAndSvs() spans 1e-4 … 5 on y (many decades): powers of ten with superscripts,
    // never XChart's 1E-4; x spans 0.01 … 10 and keeps plain labels.
    XYChart chart = PlotSink.chart(spec(), lossesAndSvs());
    assertTrue(!chart.getStyler().isYAxisLogarithmicDecadeOnly(), "LogTicks decides which ticks are labelled");
    assertEquals("10⁻⁴", chart.getStyler().getYAxisTickLabelsFormattingFunction().apply(1e-4));
    assertEquals("0.01", chart.getStyler().getXAxisTickLabelsFormattingFunction().apply(0.01));
    // Within one decade (0.13 … 1, as linear_transformer's loss) 0.2 and 0.5 are labelled too.
    Series few = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {1, 1, 0.56, 0.36, 0.13});
    XYChart shortAxis = PlotSink.chart(new PlotSpec("", false, true, "t", "loss"), List.of(few));
    assertEquals("0.5", shortAxis.getStyler().getYAxisTickLabelsFormattingFunction().apply(0.5));
    assertEquals("0.2", shortAxis.getStyler().getYAxisTickLabelsFormattingFunction().apply(0.2));
  }

  @Test
  void coincidingCurvesGetDistinctDashes() {
    // saddle_linear: gf.loss and gd.loss nearly coincide; colour alone hid one under the other.
    Series gf = Fixtures.scalar("gf", Observable.LOSS, T, new double[] {1, 0.9, 0.5, 0.1, 1e-4});
    Series gd = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {1, 0.9, 0.5, 0.1, 1e-4});
    XYChart chart = PlotSink.chart(spec(), List.of(gf, gd));
    float[] first = chart.getSeries("gf.loss").getLineStyle().getDashArray();
    float[] second = chart.getSeries("gd.loss").getLineStyle().getDashArray();
    assertEquals(null, first, "the first line is solid");
    assertTrue(second != null && second.length > 0, "the second line is dashed");
    // Four measured lines in turn: four different patterns; a staircase has one of its own.
    java.util.Set<String> patterns = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) patterns.add(java.util.Arrays.toString(PlotSink.stroke(i, false).getDashArray()));
    patterns.add(java.util.Arrays.toString(PlotSink.stroke(0, true).getDashArray()));
    assertEquals(5, patterns.size(), patterns.toString());
  }

  @Test
  void withoutYlabelTheAxisIsNamedAfterTheSeries() {
    PlotSpec noLabel = new PlotSpec("", true, true, "t", "");
    Series gd = Fixtures.scalar("gd", Observable.LOSS, T, new double[] {1, 0.9, 0.5, 0.1, 1e-4});
    Series gf = Fixtures.scalar("gf", Observable.LOSS, T, new double[] {1, 0.9, 0.5, 0.1, 1e-4});
    assertEquals("gd.loss", PlotSink.chart(noLabel, List.of(gd)).getYAxisTitle());
    assertEquals("loss", PlotSink.chart(noLabel, List.of(gf, gd)).getYAxisTitle());
    assertEquals("loss, singular_values", PlotSink.chart(noLabel, lossesAndSvs()).getYAxisTitle());
    assertEquals("loss", PlotSink.chart(spec(), List.of(gd)).getYAxisTitle(), "a given ylabel wins");
  }

  @Test
  void onlySvgAndPngAreFormats() {
    assertThrows(IllegalArgumentException.class, () -> PlotSink.Format.of("loss.pdf"));
  }
}
