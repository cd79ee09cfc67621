package dyn.runtime.sink;

import dyn.runtime.analysis.StaircaseComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of a {@code compare} statement, one line per predicted jump, and its verdict line.
 * Columns are right-aligned as in {@link TableSink}; unmeasured cells show {@code -}.
 */
public final class CompareTable {
  private CompareTable() {}

  static final String[] HEADER = {"jump", "predicted time", "measured time", "relative error",
      "predicted level", "measured level", "feature predicted", "feature measured"};

  /** The table, a title line first, each line ending in a newline, no trailing spaces. */
  public static String render(String title, StaircaseComparison.Result r) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (StaircaseComparison.Row row : r.rows()) {
      lines.add(new String[] {
        Integer.toString(row.jump()),
        Num.format(row.predictedTime()),
        row.measured() ? Num.format(row.measuredTime()) : "-",
        row.measured() ? percent(row.timeError()) : "-",
        Num.format(row.predictedLevel()),
        row.measured() ? Num.format(row.measuredLevel()) : "-",
        "neuron " + row.predictedFeature(),
        row.measuredFeature() < 0 ? "-" : "neuron " + row.measuredFeature()
      });
    }
    return title + '\n' + Columns.align(lines);
  }

  /**
   * {@code compare c1: PASS (3 jumps, max time error 4.1% ≤ 10%, max level error 0.3% ≤ 5%)}.
   */
  public static String verdict(String name, StaircaseComparison.Result r, double timeRtol,
      double levelRtol) {
    int n = r.rows().size();
    StringBuilder sb = new StringBuilder("compare ").append(name).append(": ")
        .append(r.passed() ? "PASS" : "FAIL").append(" (").append(n)
        .append(n == 1 ? " jump" : " jumps");
    if (!r.problem().isEmpty()) sb.append(", ").append(r.problem());
    sb.append(", max time error ").append(percent(r.maxTimeError()))
        .append(r.maxTimeError() <= timeRtol ? " ≤ " : " > ").append(percent(timeRtol))
        .append(", max level error ").append(percent(r.maxLevelError()))
        .append(r.maxLevelError() <= levelRtol ? " ≤ " : " > ").append(percent(levelRtol));
    long agree = r.rows().stream()
        .filter(x -> x.measuredFeature() >= 0 && x.measuredFeature() == x.predictedFeature()).count();
    long withFeature = r.rows().stream().filter(x -> x.measuredFeature() >= 0).count();
    if (withFeature > 0) sb.append(", features ").append(agree).append('/').append(withFeature)
        .append(" agree");
    return sb.append(')').toString();
  }

  static String percent(double fraction) {
    return Num.format(100 * fraction, 2) + "%";
  }
}
