package dyn.runtime.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Sweep results indexed by swept params: each row has one value per key param and one per value
 * column. Rows keep grid order (the first key varies slowest).
 *
 * @param keys the params indexing the rows
 * @param columns the value columns (metric names, or a derived value's name)
 */
public record ResultTable(List<String> keys, List<String> columns, List<Row> rows) {
  public ResultTable {
    keys = List.copyOf(keys);
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (Row r : rows) {
      if (r.key().length != keys.size() || r.values().length != columns.size()) {
        throw new IllegalArgumentException("a row has one entry per key and per column");
      }
    }
  }

  /** One row: key values (aligned with keys) and values (aligned with columns). */
  public record Row(double[] key, double[] values) {
    public Row {
      key = key.clone();
      values = values.clone();
    }

    @Override
    public double[] key() {
      return key.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    public double key(int i) {
      return key[i];
    }

    public double value(int i) {
      return values[i];
    }
  }

  /** The table of one value column, keeping the keys. */
  public ResultTable column(String name, String as) {
    int c = columns.indexOf(name);
    if (c < 0) throw new IllegalArgumentException("no column " + name);
    List<Row> out = new ArrayList<>();
    for (Row r : rows) out.add(new Row(r.key, new double[] {r.values[c]}));
    return new ResultTable(keys, List.of(as), out);
  }
}
