package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.syntax.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Checks {@code predict s = ssl_stepwise(net, views)}: the closed form of reference §5 holds for
 * a linear embedding f(x) = W x ({@link LinearEmbedding}) trained by Barlow Twins on paired data,
 * with d ≤ m modes to learn; else a positioned error says why it does not apply.
 */
final class SslPrediction {
  private final Diagnostics diags;
  private final Predictions predictions;
  private final Map<Integer, ? extends SortedSet<Double>> times;

  /** @param times the recorded times of every model's trains, by model step id */
  SslPrediction(Diagnostics diags, Predictions predictions,
      Map<Integer, ? extends SortedSet<Double>> times) {
    this.diags = diags;
    this.predictions = predictions;
    this.times = times;
  }

  TheoryStep.SslStepwise theory(Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    if (!ok) return null;
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    Instances.ModelInfo model = predictions.lookup(modelArg, models, "model");
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (model == null || set == null) return null;
    String why = LinearEmbedding.problem(model.spec());
    if (why != null) {
      diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "not-linear-embedding",
          diags.origin(modelArg.span()), "`ssl_stepwise` is the closed form of Barlow Twins for a"
              + " linear embedding f(x) = W x, but model `" + model.step().name() + "` (`"
              + model.spec().name() + "`) is not one: " + why,
          List.of(new Diagnostic.Related(model.step().origin(), "model declared here")),
          Optional.of("define `model embedding(d, out) { param W: [out, d] ~ normal(0, 1 / d);"
              + " return W @ x }` and instantiate it with a small `scale`")));
      return null;
    }
    if (!set.result().paired()) {
      diags.error("unpaired-data", dataArg.span(), "`ssl_stepwise` predicts learning from two"
          + " views of each sample, but data `" + set.step().name() + "` assigns no second view"
          + " `x2`", "assign `x2` in the dataset body, e.g. `x2 = x + 0.1 * normal(d, n)`");
      return null;
    }
    if (model.spec().inputDim() != set.result().inputDim()
        || model.spec().outputDim() > model.spec().inputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name()
          + "` embeds " + model.spec().inputDim() + " inputs in " + model.spec().outputDim()
          + " dimensions, but data `" + set.step().name() + "` has " + set.result().inputDim()
          + " inputs (and an embedding learns at most as many modes as there are inputs)");
      return null;
    }
    SortedSet<Double> grid = times.get(model.step().id());
    if (grid == null || grid.isEmpty()) {
      diags.error("no-times", call.span(), "`ssl_stepwise` is sampled where the trains of model `"
          + model.step().name() + "` record, but it has no train", "add one, e.g. `train gd ="
          + " descent(" + model.step().name() + ", " + set.step().name() + ", lr = 1e-3, until ="
          + " 5, loss = barlow_twins)`");
      return null;
    }
    return new TheoryStep.SslStepwise(model.step().id(), set.step().id(),
        new java.util.ArrayList<>(grid));
  }
}
