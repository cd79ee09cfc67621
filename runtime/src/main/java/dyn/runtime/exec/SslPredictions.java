package dyn.runtime.exec;

import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TheoryStep;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;
import dyn.runtime.sink.Series;
import dyn.runtime.ssl.StepwiseSsl;
import dyn.runtime.ssl.ViewCorrelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a stepwise-SSL prediction ({@link TheoryStep.SslStepwise}): γ_j from the paired data's
 * view correlation Γ, s_j = ‖W(0) e_j‖ from the model's θ(0), then the closed form of reference §5
 * ({@link StepwiseSsl}) sampled at the model's trains' recorded times.
 */
final class SslPredictions {
  private SslPredictions() {}

  static Map<Observable, Series> run(TheoryStep step, Map<Integer, Dataset> datasets,
      Map<Integer, Parameters> thetas) {
    TheoryStep.SslStepwise p = (TheoryStep.SslStepwise) step.theory();
    StepwiseSsl ssl = closedForm(datasets.get(p.data()), thetas.get(p.model()));
    Map<Observable, Series> out = new LinkedHashMap<>();
    List<Double> times = p.times();
    double[][] loss = new double[times.size()][];
    double[][] u = new double[times.size()][];
    for (int g = 0; g < loss.length; g++) {
      loss[g] = new double[] {ssl.loss(times.get(g))};
      u[g] = ssl.modeStrengths(times.get(g));
    }
    out.put(Observable.LOSS, new Series(step.name(), Observable.LOSS, times, loss));
    out.put(Observable.EMBEDDING_EIGENVALUES,
        new Series(step.name(), Observable.EMBEDDING_EIGENVALUES, times, u));
    out.put(Observable.HALF_TIMES, byIndex(step, Observable.HALF_TIMES, ssl.halfTimes()));
    out.put(Observable.STEP_TIMES, byIndex(step, Observable.STEP_TIMES, ssl.stepTimes()));
    out.put(Observable.GAMMAS, byIndex(step, Observable.GAMMAS, ssl.gammas()));
    return out;
  }

  /**
   * The closed form for the embedding W (d × m, the model's one tensor) from θ(0) on these views.
   *
   * @throws IllegalArgumentException when a mode has γ_j ≤ 0 or γ_j s_j² ≥ 1 (not a small init)
   */
  static StepwiseSsl closedForm(Dataset data, Parameters theta0) {
    ViewCorrelation g = ViewCorrelation.of(data);
    dyn.runtime.backend.Matrix w = theta0.values().get(0);
    int d = w.rows;
    int m = w.cols;
    double[] gamma = new double[d];
    double[] s0 = new double[d];
    for (int j = 0; j < d; j++) {
      gamma[j] = g.gamma()[j];
      double s = 0;
      for (int a = 0; a < d; a++) {
        double proj = 0;
        for (int i = 0; i < m; i++) proj += w.data[a * m + i] * g.vectors()[j][i];
        s += proj * proj;
      }
      s0[j] = Math.sqrt(s);
      if (!(gamma[j] > 0)) {
        throw new IllegalArgumentException("mode " + (j + 1) + " of the view correlation Γ has"
            + " eigenvalue " + gamma[j] + " ≤ 0: Barlow Twins does not learn it from a small init;"
            + " embed in fewer dimensions");
      }
      if (!(gamma[j] * s0[j] * s0[j] < 1)) {
        throw new IllegalArgumentException("mode " + (j + 1) + " starts at strength γ s² = "
            + gamma[j] * s0[j] * s0[j] + " (γ = " + gamma[j] + ", s = ‖W(0) e_j‖ = " + s0[j]
            + "), not below 1: the closed form describes learning from a small init; lower the"
            + " model's `scale`");
      }
    }
    return StepwiseSsl.ofModes(gamma, s0);
  }

  private static Series byIndex(TheoryStep step, Observable o, double[] v) {
    List<Double> index = new ArrayList<>();
    double[][] values = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      index.add((double) (i + 1));
      values[i] = new double[] {v[i]};
    }
    return new Series(step.name(), o, index, values);
  }
}
