package dyn.runtime.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned terminal table: a {@code t} column, then one right-aligned column per series
 * component ({@code gf.loss}, {@code gf.singular_values[1]}). Series on different time grids are
 * merged on the union of their times, with blanks where a series has no value.
 */
public final class TableSink {
  private TableSink() {}

  /** The table as text, one line per row, each ending in a newline; no trailing spaces. */
  public static String render(List<Series> series) {
    Grid grid = new Grid(series);
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[grid.headers.size() + 1];
    header[0] = "t";
    for (int c = 0; c < grid.headers.size(); c++) header[c + 1] = grid.headers.get(c);
    lines.add(header);
    for (int r = 0; r < grid.times.size(); r++) {
      String[] line = new String[header.length];
      line[0] = Num.format(grid.times.get(r));
      for (int c = 0; c < grid.headers.size(); c++) {
        Double v = grid.cells[r][c];
        line[c + 1] = v == null ? "" : Num.format(v);
      }
      lines.add(line);
    }
    return Columns.align(lines);
  }
}
