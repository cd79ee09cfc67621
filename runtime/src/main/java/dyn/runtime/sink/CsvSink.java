package dyn.runtime.sink;

import java.util.List;

/**
 * CSV: a header {@code t,gf.loss,…} and one row per time of the union grid, values in their
 * exact round-trip form, empty fields where a series has no value at that time.
 */
public final class CsvSink {
  private CsvSink() {}

  /** The CSV text (LF line ends). */
  public static String render(List<Series> series) {
    Grid grid = new Grid(series);
    StringBuilder sb = new StringBuilder("t");
    for (String h : grid.headers) sb.append(',').append(h);
    sb.append('\n');
    for (int r = 0; r < grid.times.size(); r++) {
      sb.append(Num.exact(grid.times.get(r)));
      for (Double v : grid.cells[r]) {
        sb.append(',');
        if (v != null) sb.append(Num.exact(v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
