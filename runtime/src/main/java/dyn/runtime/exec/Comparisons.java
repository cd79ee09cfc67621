package dyn.runtime.exec;

import dyn.compiler.plan.CompareStep;
import dyn.runtime.agf.AgfResult;
import dyn.runtime.analysis.Staircase;
import dyn.runtime.analysis.StaircaseComparison;
import dyn.runtime.sink.Series;

/** Runs a {@link CompareStep}: reads the recorded series and matches them to the prediction. */
final class Comparisons {
  private Comparisons() {}

  /**
   * @param until the prediction's time horizon: it bounds the last predicted plateau when AGF
   *     stopped there ({@link AgfResult.Stop#TIME_LIMIT})
   */
  static StaircaseComparison.Result compare(CompareStep c, Results results, AgfResult prediction,
      double until) {
    Series loss = results.series(c.series())
        .orElseThrow(() -> new IllegalStateException(c.series().label() + " was not recorded"));
    double[] times = loss.times().stream().mapToDouble(Double::doubleValue).toArray();
    double[] l = new double[times.length];
    for (int g = 0; g < l.length; g++) l[g] = loss.values()[g][0];
    double[][] norms = c.neuronNorms().flatMap(results::series).map(Series::values).orElse(null);
    return StaircaseComparison.compare(times, l, norms, prediction.jumpTimes(), prediction.levels(),
        prediction.order(), c.timeRtol(), c.levelRtol(), Staircase.Axis.valueOf(c.axis().name()),
        prediction.stop() == AgfResult.Stop.TIME_LIMIT ? until : Double.POSITIVE_INFINITY);
  }
}
