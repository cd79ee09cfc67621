package dyn.compiler.resolve;

import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names the language provides: activations, functions, train builtins, observables. */
public final class Builtins {
  private Builtins() {}

  /** Elementwise functions that may also be passed as an activation ({@code act = relu}). */
  public static final Map<String, Op.UnaryFn> ACTIVATIONS = activations();

  /** Reductions usable in model bodies. */
  public static final Set<String> REDUCTIONS = Set.of("sum", "sum_rows", "sum_cols", "mean");

  /**
   * Functions of compile-time numbers and vectors, usable in any body and in {@code require}
   * conditions ({@code len(widths)}, {@code whole(width)}, {@code min(d, out)}).
   */
  public static final Set<String> VECTOR_FNS = Set.of("len", "whole", "min", "max");

  /** Shape functions usable in model and dataset bodies: row slices and concatenation. */
  public static final Set<String> SHAPING = Set.of("rows", "stack", "concat");

  /** Dataset primitives. */
  public static final Set<String> DATA_PRIMITIVES =
      Set.of("normal", "orthogonal", "whiten", "diag", "eye", "ones", "range", "pairs", "shuffle",
          "load_csv", "load_npy", "load_idx", "corrupt", "mask");

  /** Unit-scale distributions of a {@code param} declaration. */
  public static final Set<String> DISTRIBUTIONS = Set.of("normal", "uniform", "constant");

  /** Training builtins and their keys, in positional order. */
  public static final Map<String, List<String>> TRAINS =
      Map.of(
          "flow", List.of("model", "data", "until", "rtol", "atol", "max_steps", "dtype", "loss"),
          "descent", List.of("model", "data", "lr", "until", "steps", "dtype", "loss",
              "weight_decay", "schedule", "warmup"),
          "sgd", List.of("model", "data", "lr", "batch", "until", "steps", "seed", "dtype", "loss",
              "weight_decay", "schedule", "warmup"),
          "momentum", List.of("model", "data", "lr", "beta", "until", "steps", "batch", "seed",
              "dtype", "loss", "weight_decay", "schedule", "warmup"),
          "adam", List.of("model", "data", "lr", "beta1", "beta2", "eps", "until", "steps", "batch",
              "seed", "dtype", "loss", "weight_decay", "schedule", "warmup"),
          "adamw", List.of("model", "data", "lr", "beta1", "beta2", "eps", "until", "steps",
              "batch", "seed", "dtype", "loss", "weight_decay", "schedule", "warmup"));

  /** Why a key of a neighbouring call does not apply here, and what to write instead. */
  public record Misplaced(String why, String instead) {}

  /**
   * Keys that belong to a neighbouring call ({@code CALL.KEY}): a did-you-mean has nothing to
   * offer for them ("unknown argument `lr`" for a flow), so the binder says why.
   */
  public static final Map<String, Misplaced> MISPLACED_KEYS = Map.of(
      "flow.lr", new Misplaced("gradient flow is continuous time, integrated with adaptive steps to `until`",
          "use `descent(…, lr = …)` for steps of size lr, or drop `lr`"),
      "flow.steps", new Misplaced("gradient flow runs to a time, not a number of steps",
          "give `until = T`, or use `descent(…, steps = K)`"),
      "flow.batch", new Misplaced("gradient flow is full-batch", "use `sgd(…, batch = B)` for minibatches"),
      "descent.batch", new Misplaced("`descent` is full-batch", "use `sgd(…, batch = B)` for minibatches"));

  /**
   * The names a key's value is one of ({@code loss} → mse, cross_entropy, …), empty for keys that
   * take numbers or other names: what an unknown value is suggested from, and what the editor
   * offers first after {@code KEY = }.
   */
  public static Set<String> valuesOf(String key) {
    switch (key) {
      case "loss": return LOSSES;
      case "schedule": return SCHEDULES;
      case "parametrization": return PARAMETRIZATIONS;
      case "init": return INITS;
      case "act": return ACTIVATIONS.keySet();
      case "spectrum": return SPECTRA.keySet();
      default: return Set.of();
    }
  }

  /** Learning-rate schedules ({@code schedule = cosine}). */
  public static final Set<String> SCHEDULES = Set.of("constant", "cosine");

  /** Loss names ({@code loss = cross_entropy}; {@code barlow_twins} may also be a call). */
  public static final Set<String> LOSSES =
      Set.of("mse", "cross_entropy", "logistic", "hinge", "barlow_twins");

  /** Keys of a loss written as a call: {@code loss = barlow_twins(off_diagonal = λ)}. */
  public static final Map<String, List<String>> LOSS_KEYS =
      Map.of("barlow_twins", List.of("off_diagonal"));

  /** Prediction builtins ({@code predict NAME = agf(…)}) and their keys, in positional order. */
  public static final Map<String, List<String>> PREDICTS =
      Map.of("agf", List.of("model", "data", "step", "rounds", "until", "cost", "cost_tol",
          "cost_steps"),
          "ntk", List.of("model", "data"),
          "nngp", List.of("model", "data"),
          "empirical_ntk", List.of("model", "data"),
          "krr", List.of("kernel", "data", "ridge"),
          "linearized", List.of("model", "data", "lr", "ensemble"),
          "eigenframework", List.of("spectrum", "target", "n", "ridge", "noise", "features",
              "kernel"),
          "escape", List.of("model", "data", "restarts", "seed"),
          "ssl_stepwise", List.of("model", "data"));

  /** Spectrum constructors in a prediction's arguments ({@code power_law(400, 1.5, sum = 1)}). */
  public static final Map<String, List<String>> SPECTRA =
      Map.of("power_law", List.of("modes", "exponent", "sum", "norm"));

  /** Comparison builtins ({@code compare NAME = staircase(…)}) and their keys. */
  public static final Map<String, List<String>> COMPARES =
      Map.of("staircase", List.of("series", "prediction", "time_rtol", "level_rtol", "expect"),
          "trajectory", List.of("series", "prediction", "rtol", "expect"));

  /** Keys every model instantiation accepts after its header. */
  public static final List<String> MODEL_KEYS =
      List.of("scale", "seed", "init", "parametrization", "gamma");

  /** Parametrization names ({@code parametrization = mup}). */
  public static final Set<String> PARAMETRIZATIONS =
      Set.of("standard", "ntk", "mup", "mean_field");

  /** Init rules: {@code gaussian} and {@code balanced} are names, {@code aligned(DATA)} a call. */
  public static final Set<String> INITS = Set.of("gaussian", "balanced", "aligned");

  /** Observation grids. */
  public static final Set<String> GRIDS = Set.of("log", "linear");

  /** Report kinds. */
  public static final Set<String> REPORTS = Set.of("table", "csv", "json", "plot", "coord_check", "params",
      "heatmap");

  /** Keys of {@code report coord_check(…)}, in positional order. */
  public static final List<String> COORD_CHECK_KEYS =
      List.of("model", "data", "widths", "steps", "lr");

  /** Check functions of series. */
  public static final Set<String> CHECK_FNS =
      Set.of("final", "at", "min", "max", "max_rel_diff", "max_abs_diff", "monotone");

  /** Outputs a dataset body may assign. */
  public static final List<String> DATA_OUTPUTS =
      List.of("x", "y", "x_test", "y_test", "teacher", "x2");

  /** Observables by script name. */
  public static final Map<String, Observable> OBSERVABLES = observables();

  private static Map<String, Op.UnaryFn> activations() {
    Map<String, Op.UnaryFn> m = new LinkedHashMap<>();
    for (Op.UnaryFn f : Op.UnaryFn.values()) {
      if (f != Op.UnaryFn.NEG) m.put(f.name().toLowerCase(java.util.Locale.ROOT), f);
    }
    return Map.copyOf(m);
  }

  private static Map<String, Observable> observables() {
    Map<String, Observable> m = new LinkedHashMap<>();
    for (Observable o : Observable.values()) if (!o.predictedOnly()) m.put(o.scriptName(), o);
    return Map.copyOf(m);
  }
}
