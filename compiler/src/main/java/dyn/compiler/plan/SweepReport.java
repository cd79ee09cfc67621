package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * A report of sweep results: an aligned table on stdout, a CSV or JSON file, or a heatmap of a
 * table indexed by two params.
 *
 * @param items the sweep's name (every metric), {@code s.metric}, derived names, in order
 * @param path the file, relative to the output folder; empty for TABLE
 * @param heatmap present exactly for HEATMAP
 */
public record SweepReport(Origin origin, Kind kind, List<String> items, String path,
    Optional<Heatmap> heatmap) {
  public SweepReport {
    items = List.copyOf(items);
    if ((kind == Kind.HEATMAP) != heatmap.isPresent()) {
      throw new IllegalArgumentException("a heatmap spec goes with a HEATMAP report only");
    }
  }

  /** Report kinds. */
  public enum Kind {
    TABLE,
    CSV,
    JSON,
    HEATMAP
  }

  /**
   * How a heatmap looks. Cells are coloured by the value (log scale when {@code logValues});
   * NaN cells (diverged points) are drawn in a separate colour.
   *
   * @param x the param along the horizontal axis
   * @param y the param along the vertical axis
   */
  public record Heatmap(String x, String y, String title, boolean logValues, String xLabel,
      String yLabel) {}
}
