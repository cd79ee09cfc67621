package dyn.runtime.sink;

import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.analysis.CoordCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A coordinate check as an aligned table: tensor | layer | stat | step | one column per width |
 * the log-log slope against width.
 */
public final class CoordCheckTable {
  private CoordCheckTable() {}

  /** The table with a one-line title, each line ending in a newline. */
  public static String render(CoordCheck.Result r) {
    CoordCheckSpec spec = r.spec();
    var par = spec.models().get(0).parametrization();
    StringBuilder sb = new StringBuilder();
    sb.append("coord_check ").append(spec.modelName()).append(": ")
        .append(par.kind().scriptName());
    if (par.gamma() != 1.0) sb.append(", gamma = ").append(Num.format(par.gamma()));
    sb.append(", ").append(spec.steps()).append(" GD steps at lr = ").append(Num.format(spec.lr()))
        .append("; mean |h| and |h_t − h_0| per entry; slope = d ln(stat)/d ln(width)\n");
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[spec.widths().size() + 5];
    header[0] = "tensor";
    header[1] = "layer";
    header[2] = "stat";
    header[3] = "step";
    for (int w = 0; w < spec.widths().size(); w++) header[4 + w] = "n=" + spec.widths().get(w);
    header[header.length - 1] = "slope";
    lines.add(header);
    for (CoordCheck.Row row : r.rows()) {
      String[] line = new String[header.length];
      line[0] = row.tensor();
      line[1] = row.role() == ParamSpec.Role.NONE ? "" : row.role().name().toLowerCase(Locale.ROOT);
      line[2] = row.stat();
      line[3] = Integer.toString(row.step());
      for (int w = 0; w < row.values().length; w++) line[4 + w] = Num.format(row.values()[w], 4);
      line[line.length - 1] = Double.isNaN(row.slope()) ? "–" : Num.format(row.slope(), 3);
      lines.add(line);
    }
    // Names left-aligned, numbers right-aligned.
    sb.append(Columns.align(lines, 3));
    return sb.toString();
  }
}
