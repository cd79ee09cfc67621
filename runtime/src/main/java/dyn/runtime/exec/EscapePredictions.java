package dyn.runtime.exec;

import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.TheoryStep;
import dyn.runtime.data.Dataset;
import dyn.runtime.escape.EscapeFailure;
import dyn.runtime.escape.EscapeResult;
import dyn.runtime.escape.EscapeSolver;
import dyn.runtime.escape.LayerSpectrum;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import dyn.runtime.sink.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an escape-direction prediction ({@link TheoryStep.Escape}) and returns its series: the
 * speeds and the init alignment as one value at t = 0, the per-layer numbers indexed by the layer
 * ℓ = 1 … L in place of time (so {@code report table(e.layer_ratio, e.ratio_bound)} lists them
 * side by side).
 */
final class EscapePredictions {
  private EscapePredictions() {}

  static Map<Observable, Series> run(Plan plan, TheoryStep step, Map<Integer, Dataset> datasets,
      Map<Integer, Parameters> thetas) throws EscapeFailure {
    TheoryStep.Escape e = (TheoryStep.Escape) step.theory();
    ModelStep model = plan.step(e.model(), ModelStep.class);
    EscapeSolver solver = EscapeSolver.of(model.model(), datasets.get(e.data()), e.seed());
    EscapeResult best = solver.solve(e.restarts(), e.seed());
    EscapeSolver.Ascent fromInit = solver.follow(FlatParams.flatten(thetas.get(e.model())));
    Map<Observable, Series> out = new LinkedHashMap<>();
    point(out, step, Observable.SPEED, best.speed());
    List<Double> layers = new ArrayList<>();
    double[][] share = new double[best.layers().size()][];
    double[][] ratio = new double[share.length][];
    double[][] bound = new double[share.length][];
    for (int l = 0; l < share.length; l++) {
      LayerSpectrum s = best.layers().get(l);
      layers.add((double) s.layer());
      share[l] = new double[] {s.frobeniusShare()};
      ratio[l] = new double[] {s.ratio()};
      bound[l] = new double[] {s.bound()};
    }
    out.put(Observable.LAYER_SHARE, new Series(step.name(), Observable.LAYER_SHARE, layers, share));
    out.put(Observable.LAYER_RATIO, new Series(step.name(), Observable.LAYER_RATIO, layers, ratio));
    out.put(Observable.RATIO_BOUND, new Series(step.name(), Observable.RATIO_BOUND, layers, bound));
    point(out, step, Observable.INIT_SPEED, fromInit.speed());
    point(out, step, Observable.INIT_ALIGNMENT,
        EscapeSolver.cosine(fromInit.direction(), best.direction()));
    return out;
  }

  private static void point(Map<Observable, Series> out, TheoryStep step, Observable o, double v) {
    out.put(o, new Series(step.name(), o, List.of(0.0), new double[][] {{v}}));
  }
}
