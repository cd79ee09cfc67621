package dyn.runtime.sink;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A white figure of a given size that several painters draw on, written as SVG or PNG: what a
 * figure needs when XChart draws only part of it (a heatmap beside dyn's own colour bar). The
 * SVG goes through VectorGraphics2D as XChart's own encoder does, so shapes stay vectors.
 */
final class Canvas {
  private Canvas() {}

  /** Paints the figure with {@code painter} and returns the file's bytes. */
  static byte[] render(PlotSink.Format format, int width, int height, Consumer<Graphics2D> painter) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format == PlotSink.Format.SVG) {
      VectorGraphics2D g = new VectorGraphics2D();
      paint(g, width, height, painter);
      new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
    } else {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      paint(g, width, height, painter);
      g.dispose();
      ImageIO.write(image, "png", out);
    }
    return out.toByteArray();
  }

  private static void paint(Graphics2D g, int width, int height, Consumer<Graphics2D> painter) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    painter.accept(g);
  }

  /** Writes {@code text} with its baseline starting at (x, y), as glyph outlines like XChart's text. */
  static void text(Graphics2D g, String text, Font font, Color colour, double x, double y) {
    TextLayout layout = new TextLayout(text, font,
        new FontRenderContext(null, true, false));
    // setPaint, not setColor: after a gradient some Graphics2D keep the gradient for setColor.
    g.setPaint(colour);
    g.fill(layout.getOutline(AffineTransform.getTranslateInstance(x, y)));
  }

  /** The advance width of {@code text} in {@code font}. */
  static double width(String text, Font font) {
    return new TextLayout(text, font, new FontRenderContext(null, true, false)).getAdvance();
  }
}
