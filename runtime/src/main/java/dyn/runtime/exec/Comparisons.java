package dyn.runtime.exec;

import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.SeriesRef;
import dyn.compiler.plan.TheoryStep;
import dyn.runtime.agf.AgfResult;
import dyn.runtime.analysis.ComparisonResult;
import dyn.runtime.analysis.Staircase;
import dyn.runtime.analysis.StaircaseComparison;
import dyn.runtime.analysis.TrajectoryComparison;
import dyn.runtime.sink.CompareTable;
import dyn.runtime.sink.Series;
import java.util.Map;

/** Runs a {@link CompareStep}: reads the recorded series and holds them against the prediction. */
final class Comparisons {
  private Comparisons() {}

  /**
   * The comparison, its table and its verdict line.
   *
   * @param agf the AGF runs by predict step id (a staircase's prediction is one)
   */
  static CompareVerdict run(CompareStep c, Plan plan, Results results, Map<Integer, AgfResult> agf) {
    ComparisonResult r;
    String against;
    if (c.method() instanceof CompareStep.Staircase
        && plan.steps().get(c.predict()) instanceof TheoryStep) {
      // A closed-form staircase (ssl_stepwise): levels d, d − 1, …, 0 at its step times.
      CompareStep.Staircase m = (CompareStep.Staircase) c.method();
      r = closedFormStaircase(c, m, results);
      against = c.predictName() + " ("
          + ((TheoryStep) plan.steps().get(c.predict())).theory().method() + ")";
    } else if (c.method() instanceof CompareStep.Staircase) {
      CompareStep.Staircase m = (CompareStep.Staircase) c.method();
      r = staircase(c, m, results, agf.get(c.predict()),
          plan.step(c.predict(), PredictStep.class).until());
      against = c.predictName() + " (AGF)";
    } else {
      CompareStep.Trajectory m = (CompareStep.Trajectory) c.method();
      r = trajectory(c, m, results);
      Object p = plan.steps().get(c.predict());
      against = m.predicted().label() + ", "
          + (p instanceof TheoryStep ? ((TheoryStep) p).theory().method() : "AGF");
    }
    String table = CompareTable.render("compare " + c.name() + ": " + c.series().label()
        + " against " + against, r);
    return new CompareVerdict(c.id(), c.name(), r, c.expect(), table,
        CompareTable.verdict(c.name(), r, c.method(), c.expect()));
  }

  /**
   * @param until the prediction's time horizon: it bounds the last predicted plateau when AGF
   *     stopped there ({@link AgfResult.Stop#TIME_LIMIT})
   */
  private static StaircaseComparison.Result staircase(CompareStep c, CompareStep.Staircase m,
      Results results, AgfResult prediction, double until) {
    Series loss = recorded(results, c.series());
    double[] times = times(loss);
    Series norms = m.neuronNorms().flatMap(results::series).orElse(null);
    return StaircaseComparison.compare(times, column(loss), norms == null ? null : times(norms),
        norms == null ? null : norms.values(), prediction.jumpTimes(),
        prediction.levels(), prediction.order(), m.timeRtol(), m.levelRtol(),
        Staircase.Axis.valueOf(m.axis().name()),
        prediction.stop() == AgfResult.Stop.TIME_LIMIT ? until : Double.POSITIVE_INFINITY);
  }

  /**
   * A recorded loss against a closed-form staircase whose series {@code step_times} holds the
   * jump times: d jumps from level d down to 0, one per learned mode. No feature is predicted.
   */
  private static StaircaseComparison.Result closedFormStaircase(CompareStep c,
      CompareStep.Staircase m, Results results) {
    Series loss = recorded(results, c.series());
    Series steps = recorded(results,
        new SeriesRef(c.predict(), c.predictName(), dyn.compiler.plan.Observable.STEP_TIMES));
    double[] jumps = column(steps);
    double[] levels = new double[jumps.length + 1];
    int[] features = new int[jumps.length];
    for (int k = 0; k < levels.length; k++) levels[k] = jumps.length - k;
    java.util.Arrays.fill(features, -1);
    return StaircaseComparison.compare(times(loss), column(loss), null, jumps, levels, features,
        m.timeRtol(), m.levelRtol(), Staircase.Axis.valueOf(m.axis().name()));
  }

  private static TrajectoryComparison.Result trajectory(CompareStep c, CompareStep.Trajectory m,
      Results results) {
    Series measured = recorded(results, c.series());
    Series predicted = recorded(results, m.predicted());
    return TrajectoryComparison.compare(times(measured), column(measured), times(predicted),
        column(predicted), m.rtol());
  }

  private static Series recorded(Results results, SeriesRef ref) {
    return results.series(ref)
        .orElseThrow(() -> new IllegalStateException(ref.label() + " was not recorded"));
  }

  private static double[] times(Series s) {
    return s.times().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The first (for a scalar series, the only) component. */
  private static double[] column(Series s) {
    double[] v = new double[s.times().size()];
    for (int g = 0; g < v.length; g++) v[g] = s.value(g, 0);
    return v;
  }
}
