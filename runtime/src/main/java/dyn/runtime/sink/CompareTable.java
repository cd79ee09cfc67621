package dyn.runtime.sink;

import dyn.compiler.plan.CompareStep;
import dyn.runtime.analysis.ComparisonResult;
import dyn.runtime.analysis.StaircaseComparison;
import dyn.runtime.analysis.TrajectoryComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The table of a {@code compare} statement and its verdict line: one line per predicted jump of
 * a staircase, or per shared time of a trajectory (a readable subset of them, plus the worst).
 * Columns are right-aligned as in {@link TableSink}; unmeasured cells show {@code -}.
 */
public final class CompareTable {
  private CompareTable() {}

  static final String[] HEADER = {"jump", "predicted time", "measured time", "relative error",
      "grid", "predicted level", "measured level", "feature predicted", "feature measured"};

  static final String[] TRAJECTORY_HEADER = {"t", "predicted", "measured", "relative error", ""};

  /** A trajectory table shows every shared time up to this many, else this many spread out. */
  static final int TRAJECTORY_ROWS = 11;

  /** The table, a title line first, each line ending in a newline, no trailing spaces. */
  public static String render(String title, ComparisonResult r) {
    if (r instanceof TrajectoryComparison.Result) {
      return trajectory(title, (TrajectoryComparison.Result) r);
    }
    return render(title, (StaircaseComparison.Result) r);
  }

  /**
   * A staircase's table, one line per predicted jump. The {@code grid} column is the jump's
   * {@link StaircaseComparison.Row#resolution}: how far the true time error can be from the
   * one shown, given only the grid times that bracket the crossing.
   */
  public static String render(String title, StaircaseComparison.Result r) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (StaircaseComparison.Row row : r.rows()) {
      lines.add(new String[] {
        Integer.toString(row.jump()),
        Num.format(row.predictedTime()),
        row.measured() ? Num.format(row.measuredTime()) : "-",
        row.measured() ? percent(row.timeError()) : "-",
        row.measured() ? "±" + percent(row.resolution()) : "-",
        Num.format(row.predictedLevel()),
        row.measured() ? Num.format(row.measuredLevel()) : "-",
        row.predictedFeature() < 0 ? "-" : "neuron " + row.predictedFeature(),
        row.measuredFeature() < 0 ? "-" : "neuron " + row.measuredFeature()
      });
    }
    return title + '\n' + Columns.align(lines);
  }

  /**
   * A trajectory's table: every shared time when there are at most {@link #TRAJECTORY_ROWS},
   * else that many evenly spread (first and last included) and the worst, with a line saying so.
   */
  static String trajectory(String title, TrajectoryComparison.Result r) {
    List<TrajectoryComparison.Row> rows = r.rows();
    TreeSet<Integer> shown = new TreeSet<>();
    int n = rows.size();
    if (n <= TRAJECTORY_ROWS) {
      for (int i = 0; i < n; i++) shown.add(i);
    } else {
      for (int k = 0; k < TRAJECTORY_ROWS; k++) {
        shown.add((int) Math.round(k * (n - 1) / (double) (TRAJECTORY_ROWS - 1)));
      }
      shown.add(r.worst());
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(TRAJECTORY_HEADER);
    for (int i : shown) {
      TrajectoryComparison.Row row = rows.get(i);
      lines.add(new String[] {Num.format(row.time()), Num.format(row.predicted()),
          Num.format(row.measured()), relative(row.error()), i == r.worst() ? "worst" : ""});
    }
    String note = shown.size() < n
        ? "(" + shown.size() + " of " + n + " shared times shown)\n" : "";
    return title + '\n' + Columns.align(lines) + note;
  }

  /**
   * {@code compare c1: PASS (3 jumps, max time error 4.1% (grid ±1.2%) ≤ 10%, max level error
   * 0.3% ≤ 5%)}; with {@code expect = fail}, {@code FAIL as expected} or {@code PASS, expected
   * FAIL}, or, when the recording never tested the prediction (it ended before the jumps were
   * due), a FAIL that does not count as the expected one. When only the grid's placement decides
   * (a jump's bracket of possible crossing times straddles the tolerance) it is
   * {@code INCONCLUSIVE, decided by the grid}, which satisfies neither declaration.
   */
  public static String verdict(String name, ComparisonResult r, CompareStep.Method method,
      CompareStep.Expect expect) {
    boolean byGrid = r instanceof StaircaseComparison.Result
        && ((StaircaseComparison.Result) r).decidedByGrid();
    String outcome = r.passed() ? "PASS" : byGrid ? "INCONCLUSIVE, decided by the grid" : "FAIL";
    if (expect == CompareStep.Expect.FAIL) {
      outcome = r.passed() ? "PASS, expected FAIL"
          : byGrid ? "INCONCLUSIVE, decided by the grid, not the expected FAIL"
          : r.inconclusive()
          ? "FAIL, but not the expected failure: the recording never tested the prediction" : "FAIL as expected";
    }
    String detail = r instanceof TrajectoryComparison.Result
        ? trajectoryDetail((TrajectoryComparison.Result) r)
        : staircaseDetail((StaircaseComparison.Result) r, (CompareStep.Staircase) method);
    return "compare " + name + ": " + outcome + " (" + detail + ")";
  }

  private static String staircaseDetail(StaircaseComparison.Result r, CompareStep.Staircase m) {
    int n = r.rows().size();
    StringBuilder sb = new StringBuilder().append(n).append(n == 1 ? " jump" : " jumps");
    if (!r.problem().isEmpty()) sb.append(", ").append(r.problem());
    sb.append(", max time error ").append(percent(r.maxTimeError()));
    if (r.rows().stream().anyMatch(StaircaseComparison.Row::measured)) {
      sb.append(" (grid ±").append(percent(r.maxResolution())).append(')');
    }
    sb.append(r.maxTimeError() <= m.timeRtol() ? " ≤ " : " > ").append(percent(m.timeRtol()))
        .append(", max level error ").append(percent(r.maxLevelError()))
        .append(r.maxLevelError() <= m.levelRtol() ? " ≤ " : " > ").append(percent(m.levelRtol()));
    long agree = r.rows().stream()
        .filter(x -> x.measuredFeature() >= 0 && x.measuredFeature() == x.predictedFeature()).count();
    long withFeature = r.rows().stream().filter(x -> x.measuredFeature() >= 0).count();
    if (withFeature > 0) sb.append(", features ").append(agree).append('/').append(withFeature)
        .append(" agree");
    if (r.outrunsPrediction(m.timeRtol())) {
      // Jumps after the prediction's horizon are neither predicted nor compared: say so, so a
      // PASS over the first jumps does not read as one over the whole recording.
      sb.append(", compared to t = ").append(Num.format(r.horizon())).append(", the prediction's `until`")
          .append(" (the recording runs to t = ").append(Num.format(r.recorded())).append(')');
    }
    if (r.decidedByGrid()) sb.append("; ").append(undecided(r.deciding(), m.timeRtol())).append("; a finer grid decides it");
    return sb.toString();
  }

  /** The deciding jump in words: where the grid bracketed it and what that leaves open. */
  private static String undecided(StaircaseComparison.Row r, double timeRtol) {
    return "jump " + r.jump() + " crossed between grid times " + Num.format(r.measuredFrom())
        + " and " + Num.format(r.measuredTo()) + ", a time error of " + percent(r.minTimeError())
        + " to " + percent(r.maxTimeError()) + " (predicted " + Num.format(r.predictedTime())
        + "), either side of " + percent(timeRtol);
  }

  /** {@code 11 shared times over t = 0 … 5, max relative error 3.05% ≤ 5% at t = 5}. */
  private static String trajectoryDetail(TrajectoryComparison.Result r) {
    int n = r.rows().size();
    if (n == 0) return "no shared times";
    double e = r.maxError();
    // The span compared, so a prediction that covers only the first plateau does not pass as if
    // it covered the whole run.
    String span = n == 1 ? " (t = " + Num.format(r.rows().get(0).time()) + ")"
        : " over t = " + Num.format(r.rows().get(0).time()) + " … " + Num.format(r.rows().get(n - 1).time());
    return n + (n == 1 ? " shared time" : " shared times") + span + ", max relative error " + relative(e)
        + (e <= r.rtol() ? " ≤ " : " > ") + percent(r.rtol()) + " at t = "
        + Num.format(r.rows().get(r.worst()).time());
  }

  /** Below this a relative error is float64 round-off (e.g. at t = 0, from one θ(0)). */
  static final double ROUND_OFF = 1e-12;

  /**
   * A relative error as a percentage, round-off shown as {@code 0%}: its digits differ between
   * machines and BLAS builds and say nothing about the prediction (JSON keeps the exact value).
   */
  static String relative(double fraction) {
    return Math.abs(fraction) < ROUND_OFF ? "0%" : percent(fraction);
  }

  static String percent(double fraction) {
    return Num.format(100 * fraction, 2) + "%";
  }
}
