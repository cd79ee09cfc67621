package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.plan.Update;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks {@code train} statements: the model and data they name, and their dynamics. */
public final class Trains {
  private final Diagnostics diags;
  private final Map<String, Value> top;

  /** A checked train statement, before its observation grid is known. */
  public record TrainInfo(Stmt.Instance stmt, int id, Instances.ModelInfo model,
      Instances.DataInfo data, Dynamics dynamics, TrainStep.Precision precision,
      TrainStep.Loss loss, Optional<TrainStep.BarlowTwins> barlowTwins) {
    /** A float64 MSE train. */
    public TrainInfo(Stmt.Instance stmt, int id, Instances.ModelInfo model,
        Instances.DataInfo data, Dynamics dynamics) {
      this(stmt, id, model, data, dynamics, TrainStep.Precision.FLOAT64, TrainStep.Loss.MSE,
          Optional.empty());
    }

    /** A train with a supervised loss. */
    public TrainInfo(Stmt.Instance stmt, int id, Instances.ModelInfo model,
        Instances.DataInfo data, Dynamics dynamics, TrainStep.Precision precision,
        TrainStep.Loss loss) {
      this(stmt, id, model, data, dynamics, precision, loss, Optional.empty());
    }

    public String name() {
      return stmt.name().name();
    }
  }

  private final Map<String, Stmt.InstanceKind> kinds = new java.util.HashMap<>();
  /** The evaluator of the statement being checked. */
  private Evaluator at;

  /** @param instances every instance statement, to tell a failed model from a misnamed one */
  public Trains(Diagnostics diags, Map<String, Value> top, Iterable<Stmt.Instance> instances) {
    this.diags = diags;
    this.top = top;
    for (Stmt.Instance i : instances) kinds.put(i.name().name(), i.kind());
  }

  /** The checked train, or empty (reported). */
  public Optional<TrainInfo> train(Stmt.Instance s, int id, Map<String, Instances.ModelInfo> models,
      Map<String, Instances.DataInfo> data) {
    Expr.Call call = s.call();
    String method = call.callee().name();
    List<String> keys = Builtins.TRAINS.get(method);
    if (keys == null) return Optional.empty();
    Map<String, Expr.Arg> bound = ArgBinder.bind(call, keys, method, diags);
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    if (!ok) return Optional.empty();
    Instances.ModelInfo model = instance(bound.get("model").value(), models, "model");
    Instances.DataInfo set = instance(bound.get("data").value(), data, "data");
    // The dynamics are checked even when the model or data failed, to report everything at once.
    this.at = Evaluator.scalars(diags, top);
    Evaluator at = this.at;
    Dynamics dyn = dynamics(method, call, bound, set, model);
    TrainStep.Precision precision = precision(bound.get("dtype"));
    LossChoice chosen = loss(bound.get("loss"), at);
    TrainStep.Loss loss = chosen == null ? null : chosen.loss();
    if (model == null || set == null || dyn == null || precision == null || loss == null) {
      return Optional.empty();
    }
    if (loss != TrainStep.Loss.MSE && precision == TrainStep.Precision.FLOAT32) {
      // The single-precision passes are the fused dense-chain kernels, which compute the MSE.
      diags.error("float32-loss", bound.get("dtype").value().span(), "dtype = \"float32\" runs"
          + " only with loss `mse`; this train uses `" + loss.scriptName() + "`",
          "drop `dtype` (float64 is the default)");
      return Optional.empty();
    }
    if (!fits(model, set, bound.get("data").value(), loss)) return Optional.empty();
    if (!Sizes.train(diags, s.span(), s.name().name(), model.spec(), set.result().samples(), set.step().graph())) {
      return Optional.empty();
    }
    return Optional.of(new TrainInfo(s, id, model, set, dyn, precision, loss,
        chosen.barlowTwins()));
  }

  /** A train's loss with its settings (present for Barlow Twins). */
  private record LossChoice(TrainStep.Loss loss, Optional<TrainStep.BarlowTwins> barlowTwins) {
    LossChoice(TrainStep.Loss loss) {
      this(loss, loss == TrainStep.Loss.BARLOW_TWINS
          ? Optional.of(new TrainStep.BarlowTwins(1.0)) : Optional.empty());
    }
  }

  /**
   * {@code loss = mse | cross_entropy | logistic | hinge | barlow_twins | barlow_twins(off_diagonal
   * = λ)} (default mse); null when reported. Barlow Twins without settings has λ = 1, the
   * loss ‖C − I‖_F² of reference §5.
   */
  private LossChoice loss(Expr.Arg arg, Evaluator at) {
    if (arg == null) return new LossChoice(TrainStep.Loss.MSE);
    if (arg.value() instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) arg.value();
      List<String> keys = Builtins.LOSS_KEYS.get(c.callee().name());
      if (keys == null) return null; // reported by the resolver
      Map<String, Expr.Arg> b = ArgBinder.bind(c, keys, c.callee().name(), diags);
      double lambda = 1.0;
      if (b.containsKey("off_diagonal")) {
        Double l = at.number(b.get("off_diagonal").value(), "`off_diagonal`");
        if (l == null) return null;
        if (!(l >= 0)) {
          diags.error("bad-loss", b.get("off_diagonal").value().span(), "`off_diagonal` weighs"
              + " the squared off-diagonal entries of C and must be ≥ 0, got " + Format.num(l));
          return null;
        }
        lambda = l;
      }
      return new LossChoice(TrainStep.Loss.BARLOW_TWINS,
          Optional.of(new TrainStep.BarlowTwins(lambda)));
    }
    Value v = at.eval(arg.value());
    if (v instanceof Value.Bad) return null;
    if (v instanceof Value.Ref) {
      for (TrainStep.Loss l : TrainStep.Loss.values()) {
        if (l.scriptName().equals(((Value.Ref) v).name())) return new LossChoice(l);
      }
    }
    diags.error("bad-loss", arg.value().span(), "`loss` must be `mse`, `cross_entropy`,"
        + " `logistic`, `hinge` or `barlow_twins(off_diagonal = λ)`, got " + Value.describe(v));
    return null;
  }

  /** {@code dtype = "float32"} or {@code "float64"} (the default); null when reported. */
  private TrainStep.Precision precision(Expr.Arg arg) {
    if (arg == null) return TrainStep.Precision.FLOAT64;
    Expr e = arg.value();
    if (e instanceof Expr.Str) {
      for (TrainStep.Precision p : TrainStep.Precision.values()) {
        if (p.scriptName().equals(((Expr.Str) e).value())) return p;
      }
    }
    diags.error("bad-dtype", e.span(), "`dtype` must be \"float64\" or \"float32\"",
        "write dtype = \"float32\" for single-precision passes; float64 is the default");
    return null;
  }

  private <T> T instance(Expr e, Map<String, T> known, String what) {
    if (e instanceof Expr.Name && known.containsKey(((Expr.Name) e).name())) {
      return known.get(((Expr.Name) e).name());
    }
    if (e instanceof Expr.Name && top.get(((Expr.Name) e).name()) instanceof Value.Ref
        && isKind(((Expr.Name) e).name(), what)) {
      return null; // the instance failed and reported why
    }
    // Unknown names were reported by the resolver; failed instances by their own statement.
    if (!(e instanceof Expr.Name) || !top.containsKey(((Expr.Name) e).name())) {
      diags.error("type", e.span(), "expected the name of a `" + what + "` statement");
    } else {
      diags.error("type", e.span(), "`" + ((Expr.Name) e).name() + "` is not a "
          + (what.equals("data") ? "dataset" : what));
    }
    return null;
  }

  private boolean isKind(String name, String what) {
    Stmt.InstanceKind k = kinds.get(name);
    return k != null && k.name().equalsIgnoreCase(what);
  }

  private boolean fits(Instances.ModelInfo m, Instances.DataInfo d, Expr at, TrainStep.Loss loss) {
    ModelSpec spec = m.spec();
    String msg = null;
    int out = spec.outputDim();
    int labels = d.result().outputDim();
    if (loss.paired() && !d.result().paired()) {
      // Barlow Twins correlates the embeddings of two views of each sample; without x2 there
      // is nothing to correlate.
      msg = "loss `" + loss.scriptName() + "` compares two views of each sample, but data `"
          + d.step().name() + "` is not paired: its dataset assigns no second view `x2`";
    } else if (!loss.paired() && !d.result().hasLabels()) {
      msg = "loss `" + loss.scriptName() + "` fits labels `y`, but data `" + d.step().name()
          + "` has none (it is a paired-view dataset); train it with `loss = barlow_twins`";
    } else if (spec.inputDim() != d.result().inputDim()) {
      msg = "model `" + m.step().name() + "` expects inputs of dimension " + spec.inputDim()
          + " but data `" + d.step().name() + "` has " + d.result().inputDim();
    } else if (loss == TrainStep.Loss.MSE && out != labels) {
      msg = "model `" + m.step().name() + "` has outputs of dimension " + out
          + " but data `" + d.step().name() + "` has targets of dimension " + labels;
    } else if (loss == TrainStep.Loss.CROSS_ENTROPY && out < 2) {
      msg = "loss `cross_entropy` needs a model with at least 2 outputs (one per class), but `"
          + m.step().name() + "` has 1; for two classes with one output use loss `logistic`";
    } else if (loss == TrainStep.Loss.CROSS_ENTROPY && labels != out && labels != 1) {
      msg = "loss `cross_entropy` takes labels as " + out + " one-hot rows or 1 row of class "
          + "indices, but data `" + d.step().name() + "` has " + labels + " label rows (model `"
          + m.step().name() + "` has " + out + " outputs)";
    } else if ((loss == TrainStep.Loss.LOGISTIC || loss == TrainStep.Loss.HINGE)
        && (out != 1 || labels != 1)) {
      msg = "loss `" + loss.scriptName() + "` is binary: it needs 1 output and 1 row of ±1 labels,"
          + " but model `" + m.step().name() + "` has " + out + " outputs and data `"
          + d.step().name() + "` has " + labels + " label rows";
    }
    if (msg == null) return true;
    diags.add(new Diagnostic(Diagnostic.Severity.ERROR, loss.paired() && !d.result().paired()
        ? "unpaired-data" : "dimension-mismatch", diags.origin(at.span()),
        msg, List.of(new Diagnostic.Related(m.step().origin(), "model declared here"),
            new Diagnostic.Related(d.step().origin(), "data declared here")), Optional.empty()));
    return false;
  }

  private Dynamics dynamics(String method, Expr.Call call, Map<String, Expr.Arg> bound,
      Instances.DataInfo data, Instances.ModelInfo model) {
    Evaluator at = this.at;
    if (method.equals("flow")) {
      if (!ArgBinder.require(bound, "until", call, diags)) return null;
      Double until = Checks.positive(at, bound.get("until").value(), "`until`", diags);
      Double rtol = optionalPositive(at, bound, "rtol", 1e-8);
      Double atol = optionalPositive(at, bound, "atol", 1e-12);
      Integer maxSteps = bound.containsKey("max_steps")
          ? at.count(bound.get("max_steps").value(), "`max_steps`", 1) : Integer.valueOf(10_000_000);
      if (until == null || rtol == null || atol == null || maxSteps == null) return null;
      return new Dynamics.GradientFlow(until, rtol, atol, maxSteps);
    }
    if (!ArgBinder.require(bound, "lr", call, diags)) return null;
    Double lr = Checks.positive(at, bound.get("lr").value(), "learning rate", diags);
    if (lr == null) return null;
    Long steps = steps(at, call, bound, lr);
    if (steps == null) return null;
    Update update = new Optimizers(diags, at).update(method, call, bound,
        model == null ? null : model.spec(), steps);
    if (update == null) return null;
    // momentum/adam/adamw are full batch unless given a batch; sgd always has one.
    if (method.equals("descent") || (!method.equals("sgd") && !bound.containsKey("batch"))) {
      return new Dynamics.GradientDescent(lr, steps, update);
    }
    if (!ArgBinder.require(bound, "batch", call, diags)) return null;
    Expr batchArg = bound.get("batch").value();
    Integer batch = at.count(batchArg, "the batch size", 1);
    Integer seed = bound.containsKey("seed")
        ? at.integer(bound.get("seed").value(), "a seed") : Integer.valueOf(0);
    if (batch == null || seed == null) return null;
    if (data != null && batch > data.result().samples()) {
      diags.error("batch-too-large", batchArg.span(), "batch of " + batch + " is larger than the "
          + data.result().samples() + " samples of data `" + data.step().name() + "`");
      return null;
    }
    return new Dynamics.Sgd(lr, steps, batch, Streams.mix(seed, Streams.SGD_SITE), update);
  }

  private Double optionalPositive(Evaluator at, Map<String, Expr.Arg> bound, String key, double d) {
    return bound.containsKey(key) ? Checks.positive(at, bound.get(key).value(), "`" + key + "`", diags)
        : Double.valueOf(d);
  }

  /** {@code steps = K}, or {@code until = T} as round(T / lr) steps; exactly one of them. */
  private Long steps(Evaluator at, Expr.Call call, Map<String, Expr.Arg> bound, double lr) {
    boolean hasUntil = bound.containsKey("until");
    boolean hasSteps = bound.containsKey("steps");
    if (hasUntil == hasSteps) {
      diags.error(hasUntil ? "until-and-steps" : "missing-argument", call.span(),
          "`" + call.callee().name() + "` needs exactly one of `until` and `steps`");
      return null;
    }
    if (hasSteps) {
      Integer k = at.count(bound.get("steps").value(), "`steps`", 1);
      return k == null ? null : Long.valueOf(k);
    }
    Expr e = bound.get("until").value();
    Double until = Checks.positive(at, e, "`until`", diags);
    if (until == null) return null;
    long k = Dynamics.stepAt(until, lr);
    if (k < 1) {
      diags.error("no-steps", e.span(), "`until` = " + Format.num(until)
          + " is less than half a step of learning rate " + Format.num(lr));
      return null;
    }
    return k;
  }
}
