package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the kernel-theory predictions ({@code ntk}, {@code nngp}, {@code krr},
 * {@code eigenframework}) and turns them into {@link TheoryStep}s. Every input the theory cannot
 * take (a model with no closed-form kernel, a negative eigenvalue, n = 0, a negative ridge, a
 * kernel too large for memory) is a positioned error here, before anything runs.
 */
public final class KernelPredictions {
  /** Heap share a kernel computation may take before it is refused. */
  static final double MEMORY_SHARE = 0.5;
  /** The most entries a Java array (one N×N kernel matrix) can hold. */
  static final double MAX_ENTRIES = Integer.MAX_VALUE - 8;

  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Predictions predictions;
  private final long heapBytes;
  /** Every ntk/nngp statement checked so far, failed or not (a failed one was reported). */
  private final java.util.Set<String> kernelNames = new java.util.HashSet<>();
  private Map<Integer, ? extends java.util.SortedSet<Double>> times = Map.of();

  /** @param heapBytes the memory a kernel may be sized against (the JVM's max heap) */
  public KernelPredictions(Diagnostics diags, Map<String, Value> top, Predictions predictions,
      long heapBytes) {
    this.diags = diags;
    this.top = top;
    this.predictions = predictions;
    this.heapBytes = heapBytes;
  }

  /**
   * The recorded times of every model's trains (by model step id): `linearized` samples its
   * series where the trains of its model record.
   */
  public KernelPredictions withTimes(Map<Integer, ? extends java.util.SortedSet<Double>> times) {
    this.times = times;
    return this;
  }

  /** True for the builtins this class checks (ntk, nngp, krr, eigenframework). */
  public static boolean handles(Stmt.Instance s) {
    return !s.call().callee().name().equals("agf");
  }

  /** True for the kernels themselves, which other predictions (krr) may name. */
  public static boolean isKernel(Stmt.Instance s) {
    String f = s.call().callee().name();
    return f.equals("ntk") || f.equals("nngp") || f.equals("empirical_ntk");
  }

  /** The theory step, or empty (reported). */
  public Optional<TheoryStep> predict(Stmt.Instance s, int id,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data,
      Map<String, TheoryStep> theories) {
    Expr.Call call = s.call();
    String f = call.callee().name();
    if (isKernel(s)) kernelNames.add(s.name().name());
    List<String> keys = Builtins.PREDICTS.get(f);
    if (keys == null) return Optional.empty(); // reported by the resolver
    Map<String, Expr.Arg> bound = ArgBinder.bind(call, keys, f, diags);
    TheoryStep.Theory theory;
    switch (f) {
      case "ntk":
      case "nngp":
        theory = kernel(f, bound, call, models, data);
        break;
      case "empirical_ntk":
        theory = empiricalKernel(bound, call, models, data);
        break;
      case "krr":
        theory = krr(bound, call, models, data, theories);
        break;
      case "escape":
        theory = new EscapePrediction(diags, top, predictions).theory(bound, call, models, data);
        break;
      case "linearized":
        theory = linearized(bound, call, models, data, theories);
        break;
      case "ssl_stepwise":
        theory = new SslPrediction(diags, predictions, times).theory(bound, call, models, data);
        break;
      default:
        theory = new EigenframeworkArgs(diags, top).theory(bound, call,
            bound.containsKey("kernel") ? measured(bound.get("kernel").value(), data, theories)
                : null);
    }
    if (theory == null) return Optional.empty();
    return Optional.of(new TheoryStep(id, s.name().name(), diags.origin(s.span()), theory));
  }

  private TheoryStep.Kernel kernel(String f, Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    if (!ok) return null;
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    Instances.ModelInfo model = predictions.lookup(modelArg, models, "model");
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (model == null || set == null) return null;
    KernelArchitecture.Result arch = KernelArchitecture.of(model.spec(), model.step().init());
    if (arch.problem() != null) {
      diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "no-closed-form",
          diags.origin(modelArg.span()), "model `" + model.step().name() + "` (`"
              + model.spec().name() + "`) has no closed-form " + f.toUpperCase(java.util.Locale.ROOT)
              + ": " + arch.problem(),
          List.of(new Diagnostic.Related(model.step().origin(), "model declared here")),
          Optional.ofNullable(arch.hint())));
      return null;
    }
    if (model.spec().inputDim() != set.result().inputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name()
          + "` takes " + model.spec().inputDim() + " inputs but data `" + set.step().name()
          + "` has " + set.result().inputDim());
      return null;
    }
    if (!fits(set.result().samples(), arch.layers().size(), dataArg)) return null;
    return new TheoryStep.Kernel(f.equals("ntk") ? TheoryStep.Kind.NTK : TheoryStep.Kind.NNGP,
        model.step().id(), set.step().id(), arch.layers(), arch.outputScale(),
        set.result().samples());
  }

  /**
   * {@code empirical_ntk(net, data)}: the finite model's NTK Θ_0 = J M Jᵀ at its θ(0), for any
   * model with one output (no closed form needed); sized like the Jacobian route of
   * {@code linearized} on the train inputs.
   */
  private TheoryStep.Kernel empiricalKernel(Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    if (!ok) return null;
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    Instances.ModelInfo model = predictions.lookup(modelArg, models, "model");
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (model == null || set == null) return null;
    if (model.spec().outputDim() != 1) {
      diags.error("dimension-mismatch", modelArg.span(), "`empirical_ntk` is the kernel of one"
          + " output, but model `" + model.step().name() + "` has " + model.spec().outputDim()
          + " (its empirical NTK couples them; `observe ntk_eigenvalues` records the whole"
          + " kernel)");
      return null;
    }
    if (model.spec().inputDim() != set.result().inputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name()
          + "` takes " + model.spec().inputDim() + " inputs but data `" + set.step().name()
          + "` has " + set.result().inputDim());
      return null;
    }
    if (!jacobianFits(set.result().samples(), model, dataArg)) return null;
    return new TheoryStep.Kernel(TheoryStep.Kind.NTK, model.step().id(), set.step().id(),
        List.of(), 1, set.result().samples(), true);
  }

  /**
   * Whether the Jacobian route (an N×P Jacobian and a few N×N kernels) fits in memory on N
   * inputs of a one-output model; refused with its size before anything is allocated.
   */
  private boolean jacobianFits(long points, Instances.ModelInfo model, Expr at) {
    double entries = (double) points * model.spec().parameterCount();
    double bytes = 8 * (entries + 4.0 * points * points);
    if (entries <= MAX_ENTRIES && (double) points * points <= MAX_ENTRIES
        && bytes <= MEMORY_SHARE * heapBytes) {
      return true;
    }
    diags.error("kernel-too-large", at.span(), "the empirical NTK on " + points + " inputs needs a "
        + points + "×" + model.spec().parameterCount() + " Jacobian and " + points + "×" + points
        + " kernels, " + gib(bytes) + " GiB, too large to hold", "use fewer samples");
    return false;
  }

  private TheoryStep.Linearized linearized(Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data,
      Map<String, TheoryStep> theories) {
    boolean ok = ArgBinder.require(bound, "model", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    Optional<Double> lr = Optional.empty();
    if (bound.containsKey("lr")) {
      Double x = Checks.positive(Evaluator.scalars(diags, top), bound.get("lr").value(),
          "the learning rate", diags);
      if (x == null) return null;
      lr = Optional.of(x);
    }
    boolean ensemble = false;
    if (bound.containsKey("ensemble")) {
      Expr e = bound.get("ensemble").value();
      Value v = Evaluator.scalars(diags, top).eval(e);
      if (v instanceof Value.Bad) return null;
      if (!(v instanceof Value.Bool)) {
        diags.error("type", e.span(), "`ensemble` is true or false, not " + Value.describe(v));
        return null;
      }
      ensemble = ((Value.Bool) v).value();
    }
    if (!ok) return null;
    Expr modelArg = bound.get("model").value();
    Expr dataArg = bound.get("data").value();
    // `linearized(theta, …)` with an `ntk(net, …)` prediction: net's lazy limit with the
    // infinite-width kernel in place of its empirical Θ_0.
    String named = modelArg instanceof Expr.Name ? ((Expr.Name) modelArg).name() : null;
    Optional<TheoryStep.Kernel> limit = Optional.empty();
    Instances.ModelInfo model;
    if (named != null && (theories.containsKey(named) || kernelNames.contains(named))) {
      TheoryStep.Kernel k = analyticNtk(theories.get(named), modelArg);
      if (k == null) return null;
      limit = Optional.of(k);
      model = models.values().stream().filter(m -> m.step().id() == k.model()).findFirst()
          .orElse(null);
    } else {
      model = predictions.lookup(modelArg, models, "model");
    }
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (model == null || set == null) return null;
    if (ensemble && limit.isEmpty()) {
      diags.error("no-ensemble", bound.get("ensemble").span(), "the ensemble average is over"
          + " infinitely wide nets (f_0 drawn from the NNGP), but `" + model.step().name() + "` is"
          + " one finite net", "linearize with its infinite-width NTK: `predict theta = ntk("
          + model.step().name() + ", …)` then `linearized(theta, …, ensemble = true)`");
      return null;
    }
    if (limit.isPresent() && !fits(set.result().samples() + set.result().testSamples(),
        limit.get().layers().size(), dataArg)) {
      return null;
    }
    if (model.spec().inputDim() != set.result().inputDim()
        || model.spec().outputDim() != set.result().outputDim()) {
      diags.error("dimension-mismatch", dataArg.span(), "model `" + model.step().name() + "` maps "
          + model.spec().inputDim() + " inputs to " + model.spec().outputDim() + " outputs but"
          + " data `" + set.step().name() + "` has " + set.result().inputDim() + " and "
          + set.result().outputDim());
      return null;
    }
    java.util.SortedSet<Double> grid = times.get(model.step().id());
    if (grid == null || grid.isEmpty()) {
      diags.error("no-times", call.span(), "`linearized` is sampled where the trains of model `"
          + model.step().name() + "` record, but it has no train", "add one, e.g."
          + " `train gd = descent(" + model.step().name() + ", " + set.step().name()
          + ", lr = 0.1, steps = 1000)`");
      return null;
    }
    long rows = (long) (set.result().samples() + set.result().testSamples())
        * model.spec().outputDim();
    // The infinite-width route builds no Jacobian (its kernel's size was checked above).
    double entries = limit.isPresent() ? 0 : (double) rows * model.spec().parameterCount();
    if (entries > MAX_ENTRIES || (double) rows * rows > MAX_ENTRIES
        || 8 * (entries + 4.0 * rows * rows) > MEMORY_SHARE * heapBytes) {
      diags.error("kernel-too-large", dataArg.span(), "`linearized` needs the "
          + (limit.isPresent() ? "" : "empirical ") + "NTK on "
          + rows / model.spec().outputDim() + " inputs: "
          + (limit.isPresent() ? "" : "a " + rows + "×" + model.spec().parameterCount()
              + " Jacobian and ") + rows + "×" + rows
          + " kernels, " + gib(8 * (entries + 4.0 * rows * rows)) + " GiB, too large to hold",
          "use fewer samples");
      return null;
    }
    return new TheoryStep.Linearized(model.step().id(), set.step().id(), lr,
        new java.util.ArrayList<>(grid),
        set.result().testSamples() > 0, limit, ensemble);
  }

  /**
   * The eigenvalues of {@code eigenframework(kernel = k, …)}: k's Gram spectrum on its data's N
   * train inputs (one output), or null (reported).
   */
  private TheoryStep.Spectrum.Measured measured(Expr kernelArg,
      Map<String, Instances.DataInfo> data, Map<String, TheoryStep> theories) {
    String name = kernelArg instanceof Expr.Name ? ((Expr.Name) kernelArg).name() : null;
    TheoryStep kernel = name != null ? theories.get(name) : null;
    if (kernel == null || !(kernel.theory() instanceof TheoryStep.Kernel)) {
      if (name != null && (kernelNames.contains(name) && !theories.containsKey(name)
          || !top.containsKey(name) && !theories.containsKey(name))) {
        return null; // a kernel that failed its own checks, or an unknown name (resolver)
      }
      diags.error("type", kernelArg.span(), "`kernel` is the name of an `ntk(…)` or `nngp(…)`"
          + " prediction, whose spectrum on its data the eigenframework takes",
          "e.g. `predict k = nngp(net, population)` then `eigenframework(kernel = k, n = 50)`");
      return null;
    }
    TheoryStep.Kernel k = (TheoryStep.Kernel) kernel.theory();
    Instances.DataInfo set = data.values().stream().filter(d -> d.step().id() == k.data())
        .findFirst().orElse(null);
    if (set == null) return null;
    if (set.result().outputDim() != 1) {
      diags.error("dimension-mismatch", kernelArg.span(), "the eigenframework takes one output's"
          + " coefficients, but kernel `" + name + "`'s data `" + set.step().name() + "` has "
          + set.result().outputDim() + " outputs");
      return null;
    }
    return new TheoryStep.Spectrum.Measured(k, false, set.result().samples());
  }

  /** The NTK of a kernel prediction, or null (a failed kernel, reported; or an NNGP, here). */
  private TheoryStep.Kernel analyticNtk(TheoryStep kernel, Expr at) {
    if (kernel == null || !(kernel.theory() instanceof TheoryStep.Kernel)) {
      if (kernel != null) {
        diags.error("type", at.span(), "`linearized` takes a model or an `ntk(…)` prediction,"
            + " but `" + kernel.name() + "` is no kernel (it predicts `"
            + kernel.theory().method() + "`)");
      }
      return null; // a kernel that failed its own checks was reported there
    }
    TheoryStep.Kernel k = (TheoryStep.Kernel) kernel.theory();
    if (k.empirical()) {
      diags.error("type", at.span(), "`" + kernel.name() + "` is the empirical NTK at θ(0), which"
          + " `linearized` with the model itself already trains with",
          "give `linearized` the model itself, `linearized(net, data)`");
      return null;
    }
    if (k.kind() != TheoryStep.Kind.NTK) {
      diags.error("not-an-ntk", at.span(), "gradient descent trains with the NTK, but `"
          + kernel.name() + "` is the NNGP (the output covariance at init)",
          "declare `predict theta = ntk(…)` with the same model and linearize with it");
      return null;
    }
    return k;
  }

  private TheoryStep.Krr krr(Map<String, Expr.Arg> bound, Expr.Call call,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data,
      Map<String, TheoryStep> theories) {
    boolean ok = ArgBinder.require(bound, "kernel", call, diags);
    ok &= ArgBinder.require(bound, "data", call, diags);
    Double ridge = bound.containsKey("ridge")
        ? EigenframeworkArgs.nonNegative(Evaluator.scalars(diags, top), bound.get("ridge").value(),
            "the ridge δ", diags)
        : Double.valueOf(0);
    if (!ok || ridge == null) return null;
    Expr kernelArg = bound.get("kernel").value();
    TheoryStep kernel = kernelArg instanceof Expr.Name
        ? theories.get(((Expr.Name) kernelArg).name()) : null;
    if (kernel == null || !(kernel.theory() instanceof TheoryStep.Kernel)) {
      String name = kernelArg instanceof Expr.Name ? ((Expr.Name) kernelArg).name() : null;
      if (name != null && (kernelNames.contains(name) && !theories.containsKey(name)
          || !top.containsKey(name) && !theories.containsKey(name))) {
        return null; // a kernel that failed its own checks, or an unknown name (resolver)
      }
      diags.error("type", kernelArg.span(), "`krr` takes the name of an `ntk(…)` or `nngp(…)`"
          + " prediction", "e.g. `predict k = ntk(net, data)` then `krr(k, data, ridge = 1e-3)`");
      return null;
    }
    Expr dataArg = bound.get("data").value();
    Instances.DataInfo set = predictions.lookup(dataArg, data, "data");
    if (set == null) return null;
    TheoryStep.Kernel spec = (TheoryStep.Kernel) kernel.theory();
    if (set.result().testSamples() == 0) {
      diags.error("no-test-split", dataArg.span(), "`krr` predicts the test error, but data `"
          + set.step().name() + "` has no test split", "give the dataset `n_test = …`");
      return null;
    }
    if (set.result().outputDim() != 1) {
      diags.error("dimension-mismatch", dataArg.span(), "`krr` fits one output, but data `"
          + set.step().name() + "` has " + set.result().outputDim());
      return null;
    }
    int points = set.result().samples() + set.result().testSamples();
    if (spec.empirical()) {
      Instances.ModelInfo model = models.values().stream()
          .filter(m -> m.step().id() == spec.model()).findFirst().orElse(null);
      if (model == null || !jacobianFits(points, model, dataArg)) return null;
    } else if (!fits(points, spec.layers().size(), dataArg)) {
      return null;
    }
    return new TheoryStep.Krr(kernel.id(), spec, set.step().id(), ridge);
  }

  /**
   * Whether an N×N kernel of a depth-L recursion fits in memory; refused with its size before
   * anything is allocated.
   */
  private boolean fits(long points, int depth, Expr at) {
    // The recursion holds 2L + 3 N×N matrices; the eigensolver two more.
    double bytes = 8.0 * points * points * (2.0 * depth + 5);
    if ((double) points * points > MAX_ENTRIES) {
      diags.error("kernel-too-large", at.span(), "the kernel on " + points + " inputs is a "
          + points + "×" + points + " matrix needing " + gib(bytes) + " GiB; dyn holds a kernel"
          + " matrix in one array of at most 2³¹ − 1 entries", "use at most "
          + (long) Math.sqrt(MAX_ENTRIES) + " samples (train and test together for `krr`)");
      return false;
    }
    if (bytes <= MEMORY_SHARE * heapBytes) return true;
    diags.error("kernel-too-large", at.span(), "the kernel on " + points + " inputs is a "
        + points + "×" + points + " matrix; its recursion needs " + gib(bytes) + " GiB, more than"
        + " half of the " + gib(heapBytes) + " GiB this run may use",
        "use fewer samples (at most about "
            + (long) Math.sqrt(MEMORY_SHARE * heapBytes / (8.0 * (2 * depth + 5))) + ")");
    return false;
  }

  private static String gib(double bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1L << 30));
  }
}
