package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Parametrization;
import dyn.compiler.plan.Update;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the optimizer keys of a step-based train ({@code descent}, {@code sgd},
 * {@code momentum}, {@code adam}, {@code adamw}): β's, ε, weight decay, schedule and warm-up,
 * and builds the plan's {@link Update}. Adam's per-tensor learning rates under a
 * parametrization are worked out here (μP: {@link #adamExponent}).
 */
final class Optimizers {
  /** The training methods that take an optimizer other than plain steps. */
  static final Set<String> METHODS = Set.of("momentum", "adam", "adamw");

  private final Diagnostics diags;
  private final Evaluator at;

  Optimizers(Diagnostics diags, Evaluator at) {
    this.diags = diags;
    this.at = at;
  }

  /**
   * The update of {@code method}'s train, or null (reported).
   *
   * @param model the trained model, for Adam's per-tensor learning rates; null when it failed
   */
  Update update(String method, Expr.Call call, Map<String, Expr.Arg> bound, ModelSpec model,
      long steps) {
    Double wd = inRange(bound, "weight_decay", method.equals("adamw") ? 0.01 : 0.0, 0,
        Double.POSITIVE_INFINITY);
    Update.Schedule schedule = schedule(bound, steps);
    Update.Optimizer opt;
    switch (method) {
      case "momentum": {
        Double beta = inRange(bound, "beta", 0.9, 0, 1);
        opt = beta == null ? null : new Update.Optimizer.Momentum(beta);
        break;
      }
      case "adam":
      case "adamw": {
        Double b1 = inRange(bound, "beta1", 0.9, 0, 1);
        Double b2 = inRange(bound, "beta2", 0.999, 0, 1);
        Double eps = bound.containsKey("eps")
            ? Checks.positive(at, bound.get("eps").value(), "`eps`", diags) : Double.valueOf(1e-8);
        List<Double> tensorLr = model == null ? List.of() : adamTensorLr(model, call);
        opt = b1 == null || b2 == null || eps == null || tensorLr == null ? null
            : new Update.Optimizer.Adam(b1, b2, eps, method.equals("adamw"), tensorLr);
        break;
      }
      default:
        opt = new Update.Optimizer.Plain();
    }
    if (wd == null || schedule == null || opt == null) return null;
    return new Update(opt, wd, schedule);
  }

  /** {@code schedule = constant | cosine} and {@code warmup = W} steps (W < the run's steps). */
  private Update.Schedule schedule(Map<String, Expr.Arg> bound, long steps) {
    Update.Schedule.Kind kind = Update.Schedule.Kind.CONSTANT;
    boolean ok = true;
    if (bound.containsKey("schedule")) {
      Expr e = bound.get("schedule").value();
      Value v = at.eval(e);
      kind = null;
      if (v instanceof Value.Ref) {
        for (Update.Schedule.Kind k : Update.Schedule.Kind.values()) {
          if (k.scriptName().equals(((Value.Ref) v).name())) kind = k;
        }
      }
      if (kind == null && !(v instanceof Value.Bad)) {
        diags.error("bad-schedule", e.span(), "`schedule` must be `constant` or `cosine`, got "
            + Value.describe(v), "a linear warm-up is `warmup = STEPS`, beside either");
      }
      ok = kind != null;
    }
    long warmup = 0;
    if (bound.containsKey("warmup")) {
      Expr e = bound.get("warmup").value();
      Integer w = at.count(e, "`warmup`", 0);
      if (w == null) return null;
      if (w >= steps && steps > 0) {
        diags.error("bad-warmup", e.span(), "a warm-up of " + w + " steps leaves nothing of the "
            + steps + "-step run");
        return null;
      }
      warmup = w;
    }
    return ok ? new Update.Schedule(kind, warmup) : null;
  }

  /** An optional number in [lo, hi) (≥ lo when hi is infinite), default d; null reported. */
  private Double inRange(Map<String, Expr.Arg> bound, String key, double d, double lo,
      double hi) {
    if (!bound.containsKey(key)) return d;
    Expr e = bound.get(key).value();
    Double v = at.number(e, "`" + key + "`");
    if (v == null) return null;
    if (!(v >= lo && v < hi)) {
      diags.error("out-of-range", e.span(), "`" + key + "` must be " + (hi < Double.POSITIVE_INFINITY
          ? "in [" + Format.num(lo) + ", " + Format.num(hi) + ")" : "≥ " + Format.num(lo))
          + ", got " + Format.num(v));
      return null;
    }
    return v;
  }

  /**
   * Adam's learning-rate multiplier per tensor: 1 under {@code standard} (the model as
   * declared), n^{−c_l} under {@code mup} with {@link #adamExponent}; other parametrizations are
   * refused (null, reported), since their Adam scaling is not fixed by the reference.
   */
  private List<Double> adamTensorLr(ModelSpec model, Expr.Call call) {
    Parametrization p = model.parametrization();
    List<Double> out = new ArrayList<>();
    if (p.kind() == Parametrization.Kind.STANDARD) {
      for (int i = 0; i < model.params().size(); i++) out.add(1.0);
      return out;
    }
    if (p.kind() != Parametrization.Kind.MUP) {
      diags.error("adam-parametrization", call.span(), "`" + call.callee().name() + "` scales "
          + "learning rates per tensor for `standard` and `mup` only; model `" + model.name()
          + "` uses `" + p.kind().scriptName() + "`",
          "train it with `descent`/`sgd`/`momentum`, or use parametrization = mup");
      return null;
    }
    for (ParamSpec ps : model.params()) {
      out.add(Math.pow(p.width(), -adamExponent(ps.scaling().role())));
    }
    return out;
  }

  /**
   * c_l of μP under Adam in dyn's abc form (a_1 = −½, a_hidden = 0, a_out = ½): Adam's step on w
   * has entries of size lr·n^{−c} whatever the gradient's scale, and μP wants each layer's
   * ΔW·h = Θ(1): n^{−a_1}·n^{−c} = Θ(1) for the input layer (fixed fan-in) gives c = ½;
   * n·n^{−a_l}·n^{−c} = Θ(1) for the hidden (c = 1) and output layers (c = ½). Mapped by the
   * per-layer symmetry (a, b, c) → (a + θ, b − θ, c − θ) for Adam (reference §3.1) to the a = 0
   * form, this is microsoft/mup's Adam table: input η, hidden η/fan_in, output η/fan_in.
   */
  static double adamExponent(ParamSpec.Role role) {
    switch (role) {
      case INPUT:
        return 0.5;
      case HIDDEN:
        return 1.0;
      case OUTPUT:
        return 0.5;
      default:
        return 0.0;
    }
  }
}
