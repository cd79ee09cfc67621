package dyn.runtime.sink;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The colour key beside a heatmap: a vertical bar from the lowest colour to the highest, labelled
 * at round values in black, with a caption naming the value, and a grey swatch "diverged" when
 * some cells have no finite value. XChart's own key drew its two labels with the gradient's paint
 * in SVG (yellow on white), labelled only the ends, and had no entry for the grey cells.
 *
 * <p>For log values (the heatmap colours log10 of the value) the labels are the values themselves
 * at whole decades, {@code 10⁻³⁰ … 1}, so the key reads in the quantity's own units.
 */
final class ColourBar {
  /** Width of the strip right of the heatmap that the key takes. */
  static final int WIDTH = 130;
  private static final int BAR_WIDTH = 22;
  private static final int BAR_HEIGHT = 240;
  private static final int STRIPS = 120;
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  /** A labelled value on the bar. */
  record Tick(double value, String label) {}

  private final Color[] stops;
  private final double min;
  private final double max;
  private final boolean log;
  private final String caption;
  private final Color missing;

  /**
   * @param stops the colours from {@code min} to {@code max}, evenly spaced
   * @param log true when the coloured values are log10 of the quantity
   * @param caption what the colour is ({@code loss})
   * @param missing the colour of cells with no finite value, or null when there are none
   */
  ColourBar(Color[] stops, double min, double max, boolean log, String caption, Color missing) {
    this.stops = stops.clone();
    this.min = min;
    this.max = max;
    this.log = log;
    this.caption = caption;
    this.missing = missing;
  }

  /** The colour of {@code value}: linear between the stops, clamped at the ends (as XChart colours cells). */
  static Color colour(Color[] stops, double min, double max, double value) {
    double ratio = max > min ? (value - min) / (max - min) : 0;
    if (ratio <= 0) return stops[0];
    if (ratio >= 1) return stops[stops.length - 1];
    double index = ratio * (stops.length - 1);
    int i = (int) index;
    double f = index - i;
    Color a = stops[i];
    Color b = stops[i + 1];
    return new Color((int) (a.getRed() + f * (b.getRed() - a.getRed())),
        (int) (a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) (a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /**
   * The labelled values: multiples of a round step (1, 2 or 5 times a power of ten; whole numbers
   * for log values) in [min, max], at most seven of them.
   */
  List<Tick> ticks() {
    List<Tick> out = new ArrayList<>();
    if (!(max > min)) {
      out.add(new Tick(min, label(min)));
      return out;
    }
    double step = step(min, max, log);
    for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + 1e-9 * step; k++) {
      double v = k * step + 0.0;
      out.add(new Tick(v, label(v)));
    }
    return out;
  }

  /** The smallest round step that puts at most seven labels on [min, max]. */
  static double step(double min, double max, boolean whole) {
    double unit = Math.pow(10, Math.floor(Math.log10((max - min) / 7)));
    for (double scale = unit; ; scale *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        double step = m * scale;
        if (whole && step < 1) continue;
        long count = (long) Math.floor(max / step + 1e-9) - (long) Math.ceil(min / step - 1e-9) + 1;
        if (count <= 7) return step;
      }
    }
  }

  private String label(double v) {
    if (!log) return Num.format(v, 3);
    long e = Math.round(v);
    if (Math.abs(v - e) > 1e-9) return Num.format(Math.pow(10, v), 3);
    return e == 0 ? "1" : LogTicks.power((int) e);
  }

  /** Draws the key in the strip from {@code x0} to {@code x0 + WIDTH}, centred on {@code middle}. */
  void paint(Graphics2D g, double x0, double middle) {
    double top = middle - BAR_HEIGHT / 2.0;
    double x = x0 + 14;
    Canvas.text(g, caption, FONT, Color.BLACK, x, top - 12);
    // Thin solid strips rather than a gradient paint: vectors in SVG, and no paint left behind.
    double h = (double) BAR_HEIGHT / STRIPS;
    for (int i = 0; i < STRIPS; i++) {
      double v = max - (i + 0.5) / STRIPS * (max - min);
      g.setPaint(colour(stops, min, max, v));
      g.fill(new Rectangle2D.Double(x, top + i * h, BAR_WIDTH, h + 0.5));
    }
    g.setPaint(Color.DARK_GRAY);
    g.draw(new Rectangle2D.Double(x, top, BAR_WIDTH, BAR_HEIGHT));
    for (Tick t : ticks()) {
      double y = max > min ? top + (max - t.value()) / (max - min) * BAR_HEIGHT : top + BAR_HEIGHT / 2.0;
      g.draw(new Line2D.Double(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y));
      Canvas.text(g, t.label(), FONT, Color.BLACK, x + BAR_WIDTH + 7, y + 5);
    }
    if (missing != null) {
      double y = top + BAR_HEIGHT + 22;
      g.setPaint(missing);
      g.fill(new Rectangle2D.Double(x, y, BAR_WIDTH, 14));
      g.setPaint(Color.DARK_GRAY);
      g.draw(new Rectangle2D.Double(x, y, BAR_WIDTH, 14));
      Canvas.text(g, "diverged", FONT, Color.BLACK, x + BAR_WIDTH + 7, y + 12);
    }
  }
}
