package dyn.runtime.sink;

import java.nio.file.Path;

/**
 * What a run says when it cannot draw a figure because the Java runtime cannot render one: a
 * runtime linked without the java.desktop module, or one whose font library does not load (a
 * server image without harfbuzz or fontconfig). The JVM reports both as linkage errors, which
 * are not a bug in dyn and must not end the run as one: the figure's report fails, named, and
 * every other result is still printed and written. No AWT type is referred to here, so this
 * class loads where the figure's classes cannot.
 */
public final class Figures {
  private Figures() {}

  /** The help line for {@link #cannotDraw}. */
  public static final String HELP = "figures need the JDK's java.desktop module and the system's "
      + "font libraries (fontconfig, freetype, harfbuzz): install them or run on a full JDK; "
      + "the run's other results do not depend on them";

  /** The failure of one figure's report (its help line apart: {@link #HELP}). */
  public static String cannotDraw(Path file, LinkageError e) {
    return "cannot draw " + file + ": this Java runtime cannot render figures ("
        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
  }

  /** The failure and its help on one line, for the sweep's and the search's failure lists. */
  public static String cannotDrawLine(Path file, LinkageError e) {
    return cannotDraw(file, e) + "; " + HELP;
  }

  /**
   * A figure with nothing to show: every value is NaN, or not positive on a log axis. Written, it
   * was an empty frame (a plot) or one made-up cell (a heatmap) with exit 0; its report fails
   * instead, naming why.
   */
  public static final class NothingToDraw extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public NothingToDraw(String message) {
      super(message);
    }
  }

  /** The help line for {@link NothingToDraw}. */
  public static final String NOTHING_HELP = "check the values (a table or csv report shows them);"
      + " on log axes only positive values can be drawn: use x = linear or y = linear";
}
