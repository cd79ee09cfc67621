package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code predict NAME = agf(…)} statements and turns them into plan steps; compare
 * statements are {@link CompareChecks}'.
 */
public final class Predictions {
  /** Utility step of AGF when the script gives none (the reference implementation's h). */
  public static final double DEFAULT_STEP = 1e-3;
  /** The most jumps predicted when the script gives no {@code rounds}. */
  public static final int DEFAULT_ROUNDS = 100;
  /** The GF-time horizon of a prediction when the script gives no {@code until}. */
  public static final double DEFAULT_UNTIL = 1e4;
  /** Time tolerance when {@code time_rtol} is not given. */
  public static final double DEFAULT_TIME_RTOL = 0.1;
  /** Level tolerance when {@code level_rtol} is not given. */
  public static final double DEFAULT_LEVEL_RTOL = 0.05;

  private final Diagnostics diags;
  private final Map<String, Value> top;

  private final Map<String, Stmt.InstanceKind> kinds = new java.util.HashMap<>();

  /** @param instances every instance statement, to tell a failed model from a misnamed one */
  public Predictions(Diagnostics diags, Map<String, Value> top, Iterable<Stmt.Instance> instances) {
    this.diags = diags;
    this.top = top;
    for (Stmt.Instance i : instances) kinds.put(i.name().name(), i.kind());
  }

  /** The predict step, or empty (reported). */
  public Optional<PredictStep> predict(Stmt.Instance s, int id,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    Expr.Call call = s.call();
    List<String> keys = Builtins.PREDICTS.get(call.callee().name());
    if (keys == null) return Optional.empty(); // reported by the resolver
    Map<String, Expr.Arg> bound = ArgBinder.bind(call, keys, call.callee().name(), diags);
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    Evaluator at = Evaluator.scalars(diags, top);
    Double step = bound.containsKey("step")
        ? Checks.positive(at, bound.get("step").value(), "AGF `step`", diags) : Double.valueOf(DEFAULT_STEP);
    Integer rounds = bound.containsKey("rounds")
        ? at.count(bound.get("rounds").value(), "`rounds`", 1) : Integer.valueOf(DEFAULT_ROUNDS);
    Double until = bound.containsKey("until")
        ? Checks.positive(at, bound.get("until").value(), "`until`", diags) : Double.valueOf(DEFAULT_UNTIL);
    PredictStep.CostSolver cost = bound.containsKey("cost")
        ? costSolver(bound.get("cost").value()) : PredictStep.CostSolver.GD;
    Double costTol = bound.containsKey("cost_tol")
        ? Checks.positive(at, bound.get("cost_tol").value(), "`cost_tol`", diags)
        : Double.valueOf(PredictStep.DEFAULT_COST_TOL);
    Integer costSteps = bound.containsKey("cost_steps")
        ? at.count(bound.get("cost_steps").value(), "`cost_steps`", 1)
        : Integer.valueOf(PredictStep.DEFAULT_COST_STEPS);
    if (!ok || step == null || rounds == null || until == null || cost == null || costTol == null
        || costSteps == null) {
      return Optional.empty();
    }
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    Instances.ModelInfo model = lookup(modelArg, models, "model");
    Instances.DataInfo set = lookup(dataArg, data, "data");
    if (model == null || set == null) return Optional.empty();
    ModelSpec spec = model.spec();
    if (spec.neurons().isEmpty()) {
      diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "no-neurons", diags.origin(modelArg.span()),
          "AGF needs a neuron decomposition f(x) = Σ_i f_i(x; θ_i), but model `"
              + model.step().name() + "` (`" + spec.name() + "`) declares none",
          List.of(new Diagnostic.Related(model.step().origin(), "model declared here")),
          Optional.of("declare one in the model's body, e.g. `neuron i < width: W1[i, :], W2[:, i]`"
              + " (each neuron owns a row, column or entry of some parameters)")));
      return Optional.empty();
    }
    if (spec.hasLrMultipliers()) {
      // AGF's time is that of dθ/dt = −∇L; per-tensor rates would need per-neuron clocks.
      diags.error("bad-parametrization", modelArg.span(), "AGF follows dθ/dt = −∇L, but model `"
          + model.step().name() + "` (parametrization `"
          + spec.parametrization().kind().scriptName() + "`) trains its tensors at different"
          + " rates", "use a parametrization without learning-rate multipliers (`standard`, `ntk`"
          + " or `mup`)");
      return Optional.empty();
    }
    if (spec.inputDim() != set.result().inputDim() || spec.outputDim() != set.result().outputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name() + "` maps "
          + spec.inputDim() + " inputs to " + spec.outputDim() + " outputs but data `"
          + set.step().name() + "` has " + set.result().inputDim() + " inputs and "
          + set.result().outputDim() + " outputs");
      return Optional.empty();
    }
    return Optional.of(new PredictStep(id, s.name().name(), diags.origin(s.span()),
        model.step().id(), set.step().id(), step, rounds, until, cost, costTol, costSteps));
  }

  /** {@code cost = "gd" | "momentum" | "lbfgs"}, or null (reported). */
  private PredictStep.CostSolver costSolver(Expr e) {
    List<String> names = new java.util.ArrayList<>();
    for (PredictStep.CostSolver c : PredictStep.CostSolver.values()) names.add(c.scriptName());
    if (!(e instanceof Expr.Str)) {
      diags.error("type", e.span(), "the cost-phase solver is a string, one of "
          + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList()),
          "write e.g. `cost = \"momentum\"`");
      return null;
    }
    String v = ((Expr.Str) e).value();
    for (PredictStep.CostSolver c : PredictStep.CostSolver.values()) {
      if (c.scriptName().equals(v)) return c;
    }
    dyn.compiler.resolve.UnknownNames.report(diags, e.span(), "cost-phase solver", v, names);
    return null;
  }

  /**
   * LOG when the positive grid times are geometric (an {@code observe … at log(…)} grid), so a
   * crossing is interpolated in ln t; LINEAR otherwise.
   */
  static CompareStep.Axis axis(List<Double> times) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    int positive = 0;
    for (int k = 0; k + 1 < times.size(); k++) {
      if (times.get(k) <= 0) continue;
      positive++;
      double r = times.get(k + 1) / times.get(k);
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    return positive >= 2 && lo > 1 && hi / lo < 1 + 1e-6 ? CompareStep.Axis.LOG
        : CompareStep.Axis.LINEAR;
  }

  <T> T lookup(Expr e, Map<String, T> known, String what) {
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      if (known.containsKey(n)) return known.get(n);
      Stmt.InstanceKind k = kinds.get(n);
      if (k != null && k.name().equalsIgnoreCase(what)) return null; // failed, reported already
      if (k != null) {
        diags.error("type", e.span(), "`" + n + "` is not a "
            + (what.equals("data") ? "dataset" : what) + " but a `"
            + k.name().toLowerCase(java.util.Locale.ROOT) + "` statement");
        return null;
      }
      if (!top.containsKey(n)) return null; // unknown names were reported by the resolver
    }
    diags.error("type", e.span(), "expected the name of a `" + what + "` statement");
    return null;
  }
}
