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

  /**
   * The table as text, one line per row, each ending in a newline; no trailing spaces. A series
   * with NaN values gets a line under the table saying where: a NaN observable (coherence or a
   * kernel alignment at a zero init is 0/0) otherwise sat in the table without a word.
   */
  public static String render(List<Series> series) {
    StringBuilder notes = new StringBuilder();
    for (Series s : series) {
      int nan = 0;
      double first = Double.NaN;
      for (int i = 0; i < s.times().size(); i++) {
        boolean any = false;
        for (double v : s.values()[i]) any |= Double.isNaN(v);
        if (any && nan++ == 0) first = s.times().get(i);
      }
      if (nan > 0) {
        notes.append("(nan: ").append(s.label()).append(" is not a number at ").append(nan).append(" of ")
            .append(s.times().size()).append(" times, first at t = ").append(Num.format(first))
            .append(": undefined there, e.g. 0/0 at a zero init)\n");
      }
    }
    return table(series) + notes;
  }

  private static String table(List<Series> series) {
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
