package dyn.runtime.sweep;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dyn.compiler.plan.Derived;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.sink.Columns;
import dyn.runtime.sink.JsonNumbers;
import dyn.runtime.sink.Num;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Sweep results as text: aligned terminal tables, CSV and JSON. Consecutive tables with the same
 * keys and rows are printed side by side; consecutive fits share one table.
 */
final class SweepTables {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SweepTables() {}

  /** The aligned tables of the items, separated by blank lines. */
  static String render(List<String> items, Gather.Values v) {
    StringBuilder sb = new StringBuilder();
    for (List<String> group : groups(items, v)) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(v.isFit(group.get(0)) ? fitTable(group, v) : aligned(merged(group, v), false));
    }
    return sb.toString();
  }

  /** One CSV: the items' tables side by side (same keys), or one row per fit. */
  static String csv(List<String> items, Gather.Values v) {
    if (v.isFit(items.get(0))) {
      List<String[]> rows = fitRows(items, v, true);
      StringBuilder sb = new StringBuilder();
      for (String[] r : rows) sb.append(String.join(",", r)).append('\n');
      return sb.toString();
    }
    ResultTable t = merged(items, v);
    List<String> header = new ArrayList<>(t.keys());
    header.addAll(t.columns());
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (ResultTable.Row r : t.rows()) {
      List<String> cells = new ArrayList<>();
      for (double k : r.key()) cells.add(Num.exact(k));
      for (double x : r.values()) cells.add(Num.exact(x));
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  /** {@code {"sweep": "s", "params": […], "tables": {…}, "fits": {…}}}. */
  static void json(OutputStream out, SweepSpec spec, List<String> items, Gather.Values v) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("sweep", spec.name());
      g.writeArrayFieldStart("params");
      for (String p : spec.params()) g.writeString(p);
      g.writeEndArray();
      g.writeObjectFieldStart("tables");
      for (String item : items) {
        if (v.isFit(item)) continue;
        ResultTable t = v.table(item);
        g.writeObjectFieldStart(item);
        g.writeArrayFieldStart("keys");
        for (String k : t.keys()) g.writeString(k);
        g.writeEndArray();
        g.writeArrayFieldStart("columns");
        for (String c : t.columns()) g.writeString(c);
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (ResultTable.Row r : t.rows()) {
          g.writeStartArray();
          for (double k : r.key()) JsonNumbers.write(g, k);
          for (double x : r.values()) JsonNumbers.write(g, x);
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("fits");
      for (String item : items) {
        if (!v.isFit(item)) continue;
        PowerLawFit f = v.fit(item).orElseThrow();
        Derived.PowerFit s = v.fitSpecs.get(item);
        g.writeObjectFieldStart(item);
        g.writeStringField("table", s.source());
        g.writeStringField("x", s.x());
        g.writeStringField("range", s.range().show(s.x(), Num::exact));
        JsonNumbers.field(g, "level", f.level());
        for (String field : Derived.FIT_FIELDS) {
          g.writeFieldName(field);
          JsonNumbers.write(g, f.field(field));
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Runs of items printed as one table: fits together, tables with equal keys together. */
  private static List<List<String>> groups(List<String> items, Gather.Values v) {
    List<List<String>> out = new ArrayList<>();
    for (String item : items) {
      List<String> last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && joinable(last.get(0), item, v)) last.add(item);
      else {
        List<String> g = new ArrayList<>();
        g.add(item);
        out.add(g);
      }
    }
    return out;
  }

  private static boolean joinable(String a, String b, Gather.Values v) {
    if (v.isFit(a) || v.isFit(b)) return v.isFit(a) && v.isFit(b);
    ResultTable x = v.table(a);
    ResultTable y = v.table(b);
    if (!x.keys().equals(y.keys()) || x.rows().size() != y.rows().size()) return false;
    for (int i = 0; i < x.rows().size(); i++) {
      if (!java.util.Arrays.equals(x.rows().get(i).key(), y.rows().get(i).key())) return false;
    }
    return true;
  }

  /** Tables with equal keys, side by side (the caller checked they join). */
  static ResultTable merged(List<String> items, Gather.Values v) {
    ResultTable first = v.table(items.get(0));
    List<String> columns = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (int i = 0; i < first.rows().size(); i++) values.add(new double[0]);
    for (String item : items) {
      ResultTable t = v.table(item);
      for (String c : t.columns()) columns.add(items.size() == 1 || t.columns().size() > 1 ? c : item);
      for (int i = 0; i < t.rows().size(); i++) {
        double[] old = values.get(i);
        double[] add = t.rows().get(i).values();
        double[] both = java.util.Arrays.copyOf(old, old.length + add.length);
        System.arraycopy(add, 0, both, old.length, add.length);
        values.set(i, both);
      }
    }
    List<ResultTable.Row> rows = new ArrayList<>();
    for (int i = 0; i < first.rows().size(); i++) rows.add(new ResultTable.Row(first.rows().get(i).key(), values.get(i)));
    return new ResultTable(first.keys(), columns, rows);
  }

  private static String aligned(ResultTable t, boolean exact) {
    List<String[]> lines = new ArrayList<>();
    List<String> header = new ArrayList<>(t.keys());
    header.addAll(t.columns());
    lines.add(header.toArray(new String[0]));
    for (ResultTable.Row r : t.rows()) {
      List<String> cells = new ArrayList<>();
      for (double k : r.key()) cells.add(SweepText.num(k).length() <= 8 ? SweepText.num(k) : Num.format(k));
      for (double x : r.values()) cells.add(Num.format(x));
      lines.add(cells.toArray(new String[0]));
    }
    return Columns.align(lines);
  }

  private static String fitTable(List<String> fits, Gather.Values v) {
    return Columns.align(fitRows(fits, v, false));
  }

  private static List<String[]> fitRows(List<String> fits, Gather.Values v, boolean exact) {
    List<String[]> lines = new ArrayList<>();
    lines.add(exact
        ? new String[] {"fit", "x", "range", "exponent", "exponent_lo", "exponent_hi", "stderr", "prefactor", "r2", "n", "level"}
        : new String[] {"fit", "range", "exponent", "interval", "stderr", "prefactor", "r2", "n"});
    for (String name : fits) {
      PowerLawFit f = v.fit(name).orElseThrow();
      Derived.PowerFit s = v.fitSpecs.get(name);
      if (exact) {
        lines.add(new String[] {name, s.x(), s.range().show(s.x(), Num::exact), Num.exact(f.exponent()),
            Num.exact(f.lo()), Num.exact(f.hi()), Num.exact(f.stderr()), Num.exact(f.prefactor()),
            Num.exact(f.r2()), Integer.toString(f.n()), Num.exact(f.level())});
      } else {
        lines.add(new String[] {name, s.range().show(s.x(), Num::format), Num.format(f.exponent(), 4),
            Num.format(100 * f.level(), 3) + "%: [" + Num.format(f.lo(), 4) + ", " + Num.format(f.hi(), 4) + "]",
            Num.format(f.stderr(), 3), Num.format(f.prefactor(), 4), Num.format(f.r2(), 4),
            Integer.toString(f.n())});
      }
    }
    return lines;
  }

}
