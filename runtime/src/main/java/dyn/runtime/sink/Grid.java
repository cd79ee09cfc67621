package dyn.runtime.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Several series laid out as one table: rows are the union of their times, columns are their
 * components; a cell is empty where a series has no value at that time. Shared by the table and
 * CSV sinks so both agree on layout.
 */
final class Grid {
  final List<Double> times;
  final List<String> headers = new ArrayList<>();
  /** cells[row][column], null where missing. */
  final Double[][] cells;

  Grid(List<Series> series) {
    TreeSet<Double> union = new TreeSet<>();
    for (Series s : series) union.addAll(s.times());
    times = new ArrayList<>(union);
    Map<Double, Integer> row = new HashMap<>();
    for (int i = 0; i < times.size(); i++) row.put(times.get(i), i);
    int columns = 0;
    for (Series s : series) columns += s.width();
    cells = new Double[times.size()][columns];
    int col = 0;
    for (Series s : series) {
      headers.addAll(s.columnLabels());
      // width() scans every row: once per series, not per cell (100k records of a vector
      // series took minutes to lay out).
      int width = s.width();
      for (int i = 0; i < s.times().size(); i++) {
        int r = row.get(s.times().get(i));
        for (int k = 0; k < width; k++) cells[r][col + k] = s.value(i, k);
      }
      col += width;
    }
  }
}
