package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.SeriesRef;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code compare NAME = staircase(…) | trajectory(…)} statements and turns them into
 * {@link CompareStep}s: the measured series, the prediction, the method's tolerances and the
 * declared verdict ({@code expect = pass | fail}).
 */
public final class CompareChecks {
  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Outputs outputs;
  private final Map<String, PredictStep> predicts;
  private final Map<String, TheoryStep> theories;
  private final Map<String, Observations.Recorded> recorded;

  /**
   * @param predicts the AGF predictions that checked, by name
   * @param theories the kernel-theory predictions that checked, by name
   * @param recorded what each train records
   */
  public CompareChecks(Diagnostics diags, Map<String, Value> top, Outputs outputs,
      Map<String, PredictStep> predicts, Map<String, TheoryStep> theories,
      Map<String, Observations.Recorded> recorded) {
    this.diags = diags;
    this.top = top;
    this.outputs = outputs;
    this.predicts = predicts;
    this.theories = theories;
    this.recorded = recorded;
  }

  /** The compare step, or empty (reported). */
  public Optional<CompareStep> compare(Stmt.Instance s, int id) {
    Expr.Call call = s.call();
    String method = call.callee().name();
    List<String> keys = Builtins.COMPARES.get(method);
    if (keys == null) return Optional.empty(); // reported by the resolver
    Map<String, Expr.Arg> bound = ArgBinder.bind(call, keys, method, diags);
    boolean ok = ArgBinder.require(bound, "series", call, diags);
    ok &= ArgBinder.require(bound, "prediction", call, diags);
    if (method.equals("trajectory")) ok &= ArgBinder.require(bound, "rtol", call, diags);
    CompareStep.Expect expect = bound.containsKey("expect")
        ? expect(bound.get("expect").value()) : CompareStep.Expect.PASS;
    if (!ok || expect == null) return Optional.empty();
    Expr seriesArg = bound.get("series").value();
    SeriesRef series = outputs.series(seriesArg);
    if (series == null) return Optional.empty();
    if (outputs.isPrediction(series.trainName())) {
      diags.error("not-a-measurement", seriesArg.span(), "`" + method + "` compares a measured "
          + "series with a prediction, but `" + series.label() + "` is itself predicted",
          "name a train's series, e.g. `gd.loss`");
      return Optional.empty();
    }
    Optional<CompareStep> step = method.equals("staircase")
        ? staircase(s, id, bound, series, expect) : trajectory(s, id, bound, series, expect);
    return step;
  }

  /** {@code expect = pass | fail}, or null (reported). */
  private CompareStep.Expect expect(Expr e) {
    List<String> names = new ArrayList<>();
    for (CompareStep.Expect x : CompareStep.Expect.values()) names.add(x.scriptName());
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      for (CompareStep.Expect x : CompareStep.Expect.values()) {
        if (x.scriptName().equals(n)) return x;
      }
      dyn.compiler.resolve.UnknownNames.report(diags, e.span(), "expected verdict", n, names);
      return null;
    }
    diags.error("type", e.span(), "`expect` is `pass` or `fail`",
        "write `expect = fail` when the prediction is meant to fail here");
    return null;
  }

  private Optional<CompareStep> staircase(Stmt.Instance s, int id, Map<String, Expr.Arg> bound,
      SeriesRef series, CompareStep.Expect expect) {
    Evaluator at = Evaluator.scalars(diags, top);
    Double timeRtol = bound.containsKey("time_rtol")
        ? Checks.positive(at, bound.get("time_rtol").value(), "`time_rtol`", diags)
        : Double.valueOf(Predictions.DEFAULT_TIME_RTOL);
    Double levelRtol = bound.containsKey("level_rtol")
        ? Checks.positive(at, bound.get("level_rtol").value(), "`level_rtol`", diags)
        : Double.valueOf(Predictions.DEFAULT_LEVEL_RTOL);
    if (timeRtol == null || levelRtol == null) return Optional.empty();
    Expr seriesArg = bound.get("series").value();
    if (series.observable() != Observable.LOSS && series.observable() != Observable.TEST_LOSS) {
      diags.error("not-a-loss", seriesArg.span(), "`staircase` compares a loss curve, but `"
          + series.label() + "` is not one", "use `" + series.trainName() + ".loss` or `"
          + series.trainName() + ".test_loss`");
      return Optional.empty();
    }
    Optional<Trains.TrainInfo> measured = outputs.train(series.trainName());
    Expr sslArg = bound.get("prediction").value();
    TheoryStep ssl = sslArg instanceof Expr.Name ? theories.get(((Expr.Name) sslArg).name()) : null;
    if (ssl != null && ssl.theory() instanceof TheoryStep.SslStepwise) {
      return sslStaircase(s, id, seriesArg, series, measured, ssl, timeRtol, levelRtol, expect);
    }
    if (measured.isPresent() && measured.get().loss() != TrainStep.Loss.MSE) {
      // AGF's utility and cost are those of the squared loss (reference §1.3); its staircase
      // says nothing about a cross-entropy or margin loss curve.
      diags.error("agf-loss", seriesArg.span(), "AGF predicts the loss staircase of squared-error"
          + " training, but train `" + series.trainName() + "` uses loss `"
          + measured.get().loss().scriptName() + "`", "compare a train with loss `mse` (the default)");
      return Optional.empty();
    }
    Expr predArg = bound.get("prediction").value();
    String predName = predArg instanceof Expr.Name ? ((Expr.Name) predArg).name() : null;
    PredictStep predict = predName != null ? predicts.get(predName) : null;
    if (predict == null && predName != null && theories.containsKey(predName)) {
      // A kernel-theory prediction has no staircase to match.
      diags.error("not-a-staircase", predArg.span(), "`staircase` matches an AGF prediction's"
          + " jumps, but `" + predName + "` is a kernel-theory prediction",
          theories.get(predName).theory() instanceof TheoryStep.Linearized
              ? "compare its series point by point: `trajectory(" + series.label() + ", "
                  + predName + ", rtol = 0.05)`"
              : "compare its series with a check, e.g. `check final(" + predName + "."
                  + theories.get(predName).series().get(0).scriptName() + ") < 0.1`");
      return Optional.empty();
    }
    if (predict == null && !(predArg instanceof Expr.Name)) {
      diags.error("type", predArg.span(), "`staircase` needs the name of an `agf` prediction",
          "write the prediction's name alone, e.g. `agf1`");
      return Optional.empty();
    }
    if (predict == null) return Optional.empty(); // unknown: resolver; failed: its own statement
    measured.ifPresent(t -> warnIfAnotherStudy(predict, t, seriesArg));
    Observations.Recorded rec = recorded.get(series.trainName());
    List<Double> times = rec.timesOf(series.observable());
    warnIfGridCoarse(s.call(), series, times, predict.until(), timeRtol);
    Optional<SeriesRef> norms = rec.observables().contains(Observable.NEURON_NORMS)
        ? Optional.of(new SeriesRef(series.train(), series.trainName(), Observable.NEURON_NORMS))
        : Optional.empty();
    return Optional.of(new CompareStep(id, s.name().name(), diags.origin(s.span()), series,
        predict.id(), predict.name(), new CompareStep.Staircase(norms, timeRtol, levelRtol,
            Predictions.axis(times)), expect));
  }

  /**
   * Warns when the recorded times are too far apart to measure jump times to the tolerance. A
   * jump's crossing is known only to lie between the two recorded times around it, so its time
   * error is known only to within their relative spacing s = (t_{i+1} − t_i)/t_i, and the run
   * calls a verdict that spacing leaves open INCONCLUSIVE. With s ≤ time_rtol/2 every prediction
   * right to within half its tolerance passes, and every one off by more than 1.5× fails,
   * wherever the grid falls; above it, even a good prediction can be left to the grid. The
   * predicted jump times are known only at run time, so every recorded interval that starts
   * before the prediction's horizon counts (a linear grid is coarse near its start).
   */
  private void warnIfGridCoarse(Expr.Call at, SeriesRef series, List<Double> times,
      double horizon, double timeRtol) {
    double limit = timeRtol / 2;
    double worst = 0;
    double coarseUntil = 0;
    int intervals = 0;
    int coarse = 0;
    for (int i = 0; i + 1 < times.size(); i++) {
      double t0 = times.get(i);
      if (t0 <= 0 || t0 >= horizon) continue;
      double spacing = (times.get(i + 1) - t0) / t0;
      intervals++;
      if (spacing > limit * (1 + 1e-9)) {
        coarse++;
        worst = Math.max(worst, spacing);
        coarseUntil = times.get(i + 1);
      }
    }
    if (coarse == 0) return;
    double first = times.stream().filter(t -> t > 0).findFirst().orElseThrow();
    double last = times.get(times.size() - 1);
    long points = (long) Math.ceil(Math.log(last / first) / Math.log1p(limit) - 1e-9) + 1;
    String apart = coarse == intervals
        ? "times " + percent(worst) + " apart"
        : "times up to " + percent(worst) + " apart (below t = " + Format.num(coarseUntil) + ")";
    String grid = "log(" + Format.num(first) + ", " + Format.num(last) + ", " + points + ")";
    diags.warning("grid-coarser-than-tolerance", at.span(), "`" + series.label() + "` is recorded at "
        + apart + ", more than time_rtol/2 = " + percent(limit) + ": a measured jump time is known"
        + " only to within the recorded times around it, so where the grid falls can decide this"
        + " comparison",
        points <= Grid.MAX_POINTS
            ? "record it at most " + percent(limit) + " apart, e.g. `observe "
                + series.observable().scriptName() + " for " + series.trainName() + " at " + grid
                + "`, or widen time_rtol"
            : "widen time_rtol");
  }

  /** A fraction as a percentage to 3 significant digits: 2.74% against a limit of 2.71%. */
  private static String percent(double fraction) {
    double p = 100 * fraction;
    if (p == 0 || Double.isInfinite(p)) return Format.num(p) + "%";
    double scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(p))));
    return Format.num(Math.round(p * scale) / scale) + "%";
  }

  /**
   * Warns when the train compared is not of the prediction's model and data: AGF predicted
   * `net` on `teacher`, and a train of another init scale or teacher passed against it silently.
   */
  private void warnIfAnotherStudy(PredictStep predict, Trains.TrainInfo t, Expr at) {
    boolean model = t.model().step().id() != predict.model();
    boolean data = t.data().step().id() != predict.data();
    if (!model && !data) return;
    String what = model && data ? "model `" + t.model().step().name() + "` and data `" + t.data().step().name() + "`"
        : model ? "model `" + t.model().step().name() + "`" : "data `" + t.data().step().name() + "`";
    diags.warning("other-study", at.span(), "train `" + t.name() + "` uses " + what + ", not the "
        + (model && data ? "model and data" : model ? "model" : "data") + " `" + predict.name() + "` predicts",
        "compare a train of the model and data the prediction was made for");
  }

  /**
   * A staircase against the stepwise-SSL closed form: the measured train must minimise the
   * Barlow Twins loss whose staircase it predicts.
   */
  private Optional<CompareStep> sslStaircase(Stmt.Instance s, int id, Expr seriesArg,
      SeriesRef series, Optional<Trains.TrainInfo> measured, TheoryStep ssl, double timeRtol,
      double levelRtol, CompareStep.Expect expect) {
    if (measured.isPresent() && measured.get().loss() != TrainStep.Loss.BARLOW_TWINS) {
      diags.error("ssl-loss", seriesArg.span(), "`" + ssl.name() + "` predicts the loss staircase"
          + " of Barlow Twins training, but train `" + series.trainName() + "` uses loss `"
          + measured.get().loss().scriptName() + "`", "train with `loss = barlow_twins`");
      return Optional.empty();
    }
    if (series.observable() != Observable.LOSS) {
      diags.error("not-a-loss", seriesArg.span(), "`" + ssl.name() + "` predicts the train loss;"
          + " a Barlow Twins train has no test loss", "use `" + series.trainName() + ".loss`");
      return Optional.empty();
    }
    List<Double> times = recorded.get(series.trainName()).timesOf(series.observable());
    warnIfGridCoarse(s.call(), series, times, Double.POSITIVE_INFINITY, timeRtol);
    return Optional.of(new CompareStep(id, s.name().name(), diags.origin(s.span()), series,
        ssl.id(), ssl.name(), new CompareStep.Staircase(Optional.empty(), timeRtol, levelRtol,
            Predictions.axis(times)), expect));
  }

  private Optional<CompareStep> trajectory(Stmt.Instance s, int id, Map<String, Expr.Arg> bound,
      SeriesRef series, CompareStep.Expect expect) {
    Evaluator at = Evaluator.scalars(diags, top);
    Double rtol = Checks.positive(at, bound.get("rtol").value(), "`rtol`", diags);
    Expr seriesArg = bound.get("series").value();
    if (series.observable().isVector()) {
      diags.error("not-a-scalar", seriesArg.span(), "`trajectory` compares one number per time,"
          + " but `" + series.label() + "` has one per component",
          "compare a scalar series such as `" + series.trainName() + ".loss`");
      return Optional.empty();
    }
    Expr predArg = bound.get("prediction").value();
    SeriesRef predicted = predictedSeries(predArg, series);
    if (rtol == null || predicted == null) return Optional.empty();
    List<Double> predictedTimes = predictedTimes(predicted);
    if (predictedTimes == null) {
      TheoryStep t = theories.get(predicted.trainName());
      diags.error("not-over-time", predArg.span(), "`trajectory` compares series over training"
          + " time, but `" + predicted.label() + "` (" + t.theory().method() + ") is not one",
          "compare with a `linearized` or `agf` prediction");
      return Optional.empty();
    }
    java.util.Set<Double> predictedAt = new java.util.HashSet<>(predictedTimes);
    long shared = recorded.get(series.trainName()).timesOf(series.observable()).stream()
        .filter(t -> t > 0 && predictedAt.contains(t)).count();
    if (shared == 0) {
      // Only the shared grid points are compared (no interpolation), and at t = 0 a prediction
      // from the same θ(0) agrees by construction: nothing would be tested.
      diags.error("no-shared-times", predArg.span(), "`" + series.label() + "` and `"
          + predicted.label() + "` share no recorded times after t = 0",
          "predict from the model that `" + series.trainName() + "` trains, or record both on"
              + " one grid");
      return Optional.empty();
    }
    return Optional.of(new CompareStep(id, s.name().name(), diags.origin(s.span()), series,
        predicted.train(), predicted.trainName(), new CompareStep.Trajectory(predicted, rtol),
        expect));
  }

  /**
   * {@code lazy} (its series named like the measured one) or {@code lazy.test_loss}; null
   * (reported) when the prediction has no such series.
   */
  private SeriesRef predictedSeries(Expr e, SeriesRef measured) {
    if (e instanceof Expr.Member) {
      Expr target = ((Expr.Member) e).target();
      if (target instanceof Expr.Name && !outputs.isPrediction(((Expr.Name) target).name())) {
        return null; // unknown: resolver; failed: its own statement
      }
      return outputs.series(e);
    }
    if (!(e instanceof Expr.Name)) {
      diags.error("type", e.span(), "expected a prediction (`lazy`) or one of its series"
          + " (`lazy.loss`)");
      return null;
    }
    String name = ((Expr.Name) e).name();
    List<Observable> has;
    int step;
    if (predicts.containsKey(name)) {
      has = List.of(Observable.LOSS);
      step = predicts.get(name).id();
    } else if (theories.containsKey(name)) {
      has = theories.get(name).series();
      step = theories.get(name).id();
    } else {
      return null; // unknown: resolver; failed: its own statement
    }
    if (has.contains(measured.observable())) {
      return new SeriesRef(step, name, measured.observable());
    }
    List<String> names = new ArrayList<>();
    has.forEach(o -> names.add("`" + name + "." + o.scriptName() + "`"));
    diags.error("not-predicted", e.span(), "prediction `" + name + "` has no series `"
        + measured.observable().scriptName() + "` to compare with `" + measured.label()
        + "`; it has " + String.join(", ", names),
        "name the series to compare with, e.g. `" + name + "." + has.get(0).scriptName() + "`");
    return null;
  }

  /** The times a predicted series has, or null when it is not a series over training time. */
  private List<Double> predictedTimes(SeriesRef predicted) {
    PredictStep agf = predicts.get(predicted.trainName());
    if (agf != null) {
      // The predicted staircase sits on every train's recorded times in (0, until].
      List<Double> out = new ArrayList<>();
      recorded.values().forEach(r -> r.times().stream()
          .filter(t -> t > 0 && t <= agf.until()).forEach(out::add));
      return out;
    }
    TheoryStep t = theories.get(predicted.trainName());
    if (t != null && t.theory() instanceof TheoryStep.Linearized) {
      return ((TheoryStep.Linearized) t.theory()).times();
    }
    if (t != null && t.theory() instanceof TheoryStep.SslStepwise
        && (predicted.observable() == Observable.LOSS
            || predicted.observable() == Observable.EMBEDDING_EIGENVALUES)) {
      return ((TheoryStep.SslStepwise) t.theory()).times();
    }
    return null;
  }
}
