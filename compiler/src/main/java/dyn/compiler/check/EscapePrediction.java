package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Homogeneity;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.syntax.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code predict e = escape(net, data, restarts = k, seed = s)}: the model must be
 * positively homogeneous of degree ≥ 2 in θ (read off its graph by {@link Homogeneity}), so that
 * the origin is the saddle whose escape directions reference §2.3 defines; else a positioned
 * error says why not.
 */
final class EscapePrediction {
  /** Random starts when the script gives none (the reference run used 8). */
  static final int DEFAULT_RESTARTS = 8;

  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Predictions predictions;

  EscapePrediction(Diagnostics diags, Map<String, Value> top, Predictions predictions) {
    this.diags = diags;
    this.top = top;
    this.predictions = predictions;
  }

  TheoryStep.Escape theory(Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    Evaluator at = Evaluator.scalars(diags, top);
    Integer restarts = bound.containsKey("restarts")
        ? at.count(bound.get("restarts").value(), "`restarts`", 1) : Integer.valueOf(DEFAULT_RESTARTS);
    Integer seed = bound.containsKey("seed")
        ? at.integer(bound.get("seed").value(), "`seed`") : Integer.valueOf(0);
    if (!ok || restarts == null || seed == null) return null;
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    Instances.ModelInfo model = predictions.lookup(modelArg, models, "model");
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (model == null || set == null) return null;
    Homogeneity.Result h = Homogeneity.of(model.spec().forward());
    String problem = h.originSaddleProblem();
    if (problem != null) {
      diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "not-homogeneous",
          diags.origin(modelArg.span()), "escape directions need f(x; cθ) = c^L f(x; θ) with"
              + " L ≥ 2, so that θ = 0 is a saddle left along a direction, but model `"
              + model.step().name() + "` (`" + model.spec().name() + "`) is not of that kind: "
              + problem,
          List.of(new Diagnostic.Related(model.step().origin(), "model declared here")),
          Optional.of("use a bias-free network of two or more layers with activation linear,"
              + " relu or square")));
      return null;
    }
    if (model.spec().inputDim() != set.result().inputDim()
        || model.spec().outputDim() != set.result().outputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name()
          + "` maps " + model.spec().inputDim() + " inputs to " + model.spec().outputDim()
          + " outputs but data `" + set.step().name() + "` has " + set.result().inputDim()
          + " inputs and " + set.result().outputDim() + " outputs");
      return null;
    }
    return new TheoryStep.Escape(model.step().id(), set.step().id(), (int) h.degree(), restarts,
        seed);
  }
}
