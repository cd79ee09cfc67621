package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamsSpec;
import dyn.compiler.plan.PlotSpec;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.SeriesRef;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Unit;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks {@code report} and {@code check} statements against what the trains record. */
public final class Outputs {
  private final Unit main;
  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Map<String, Trains.TrainInfo> trains;
  private final Map<String, Observations.Recorded> recorded;
  private final Map<String, PredictStep> predicts;
  private final Map<String, TheoryStep> theories;

  public Outputs(Unit main, Map<String, Value> top, Map<String, Trains.TrainInfo> trains,
      Map<String, Observations.Recorded> recorded) {
    this(main, top, trains, recorded, Map.of());
  }

  /**
   * Outputs that may also name an AGF prediction's predicted loss staircase, {@code agf1.loss}.
   *
   * @param predicts the predictions that checked, by name
   */
  public Outputs(Unit main, Map<String, Value> top, Map<String, Trains.TrainInfo> trains,
      Map<String, Observations.Recorded> recorded, Map<String, PredictStep> predicts) {
    this(main, top, trains, recorded, predicts, Map.of());
  }

  /**
   * Outputs that may also name the series of kernel-theory predictions ({@code e.test_mse}).
   *
   * @param theories the theory predictions that checked, by name
   */
  public Outputs(Unit main, Map<String, Value> top, Map<String, Trains.TrainInfo> trains,
      Map<String, Observations.Recorded> recorded, Map<String, PredictStep> predicts,
      Map<String, TheoryStep> theories) {
    this.theories = theories;
    this.main = main;
    this.diags = main.diags();
    this.top = top;
    this.trains = trains;
    this.recorded = recorded;
    this.predicts = predicts;
  }

  /** True when {@code name} is a prediction, whose only series is its predicted {@code loss}. */
  public boolean isPrediction(String name) {
    return predicts.containsKey(name) || theories.containsKey(name);
  }

  /** The checked train of that name, if it checked. */
  public Optional<Trains.TrainInfo> train(String name) {
    return Optional.ofNullable(trains.get(name));
  }

  /** A report step, or null (reported). */
  public ReportStep report(Stmt.Report r, int id) {
    Expr.Call c = r.call();
    String kind = c.callee().name();
    if (!Builtins.REPORTS.contains(kind)) return null;
    if (kind.equals("plot")) return plot(r, id);
    if (kind.equals("params")) return params(r, id);
    if (kind.equals("heatmap")) return new KernelHeatmaps(diags, theories).report(r, id);
    List<SeriesRef> series = new ArrayList<>();
    String path = "";
    boolean ok = true;
    for (int i = 0; i < c.args().size(); i++) {
      Expr.Arg a = c.args().get(i);
      if (!kind.equals("table") && i == 0) {
        if (!(a.value() instanceof Expr.Str)) {
          diags.error("type", a.span(), "`" + kind + "` takes a file name first, e.g. `"
              + kind + "(\"out." + kind + "\")`");
          return null;
        }
        path = ((Expr.Str) a.value()).value();
        ok &= relative(path, a);
        continue;
      }
      SeriesRef s = series(a.value());
      if (s == null) ok = false;
      else series.add(s);
    }
    if (!kind.equals("table") && path.isEmpty() && ok) {
      diags.error("missing-argument", c.span(), "`" + kind + "` needs a file name");
      return null;
    }
    if (kind.equals("table") && series.isEmpty() && ok) {
      diags.error("missing-argument", c.span(), "`table` needs at least one series, e.g. `gf.loss`");
      return null;
    }
    if (!ok) return null;
    if (series.isEmpty()) series = everything();
    ReportStep.Kind k = ReportStep.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    return new ReportStep(id, kind.equals("table") ? "table" : path, diags.origin(r.span()), k,
        series, path);
  }

  /** Plot keys, in the order the spec lists them. */
  private static final List<String> PLOT_KEYS = List.of("title", "x", "y", "xlabel", "ylabel");

  /** Axis scales of a plot. */
  private static final List<String> SCALES = List.of("log", "linear");

  /**
   * {@code plot("loss.svg", gf.loss, …, title = "…", x = log, y = linear, xlabel = "…",
   * ylabel = "…")}: a file name first, then at least one series, then optional keys.
   */
  private ReportStep plot(Stmt.Report r, int id) {
    Expr.Call c = r.call();
    List<Expr.Arg> args = c.args();
    if (args.isEmpty() || args.get(0).name().isPresent()
        || !(args.get(0).value() instanceof Expr.Str)) {
      diags.error("type", args.isEmpty() ? c.span() : args.get(0).span(),
          "`plot` takes a file name first, e.g. `plot(\"loss.svg\", gf.loss)`");
      return null;
    }
    Expr.Str file = (Expr.Str) args.get(0).value();
    String path = file.value();
    boolean ok = relative(path, args.get(0));
    String ext = path.toLowerCase(Locale.ROOT);
    if (ok && !ext.endsWith(".svg") && !ext.endsWith(".png")) {
      diags.error("bad-extension", file.span(), "a plot is written as `.svg` or `.png`, not `"
          + path + "`", "name the file e.g. `loss.svg` or `loss.png`");
      ok = false;
    }
    List<SeriesRef> series = new ArrayList<>();
    String title = "";
    String xLabel = "t";
    String yLabel = "";
    boolean xLog = true;
    boolean yLog = true;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.size(); i++) {
      Expr.Arg a = args.get(i);
      if (a.name().isEmpty()) {
        SeriesRef s = series(a.value());
        if (s == null) ok = false;
        else series.add(s);
        continue;
      }
      String key = a.name().get().name();
      if (!PLOT_KEYS.contains(key)) {
        UnknownNames.report(diags, a.name().get().span(), "plot option", key, PLOT_KEYS);
        ok = false;
        continue;
      }
      if (!seen.add(key)) {
        diags.error("duplicate-argument", a.name().get().span(), "`" + key + "` is given twice");
        ok = false;
        continue;
      }
      if (key.equals("x") || key.equals("y")) {
        Boolean log = scale(a.value());
        if (log == null) ok = false;
        else if (key.equals("x")) xLog = log;
        else yLog = log;
      } else {
        if (!(a.value() instanceof Expr.Str)) {
          diags.error("type", a.value().span(), "`" + key + "` takes a string, e.g. `" + key
              + " = \"loss\"`");
          ok = false;
          continue;
        }
        String text = ((Expr.Str) a.value()).value();
        if (key.equals("title")) title = text;
        else if (key.equals("xlabel")) xLabel = text;
        else yLabel = text;
      }
    }
    if (series.isEmpty() && ok) {
      diags.error("missing-argument", c.span(), "`plot` needs at least one series, e.g. `gf.loss`");
      return null;
    }
    if (!ok) return null;
    return new ReportStep(id, path, diags.origin(r.span()), ReportStep.Kind.PLOT, series, path,
        Optional.of(new PlotSpec(title, xLog, yLog, xLabel, yLabel)));
  }

  /**
   * {@code params("theta.npz", gd)}: a file name ending in {@code .npz} or {@code .json}, then
   * the one train whose θ(0) and θ(until) are written.
   */
  private ReportStep params(Stmt.Report r, int id) {
    Expr.Call c = r.call();
    List<Expr.Arg> args = c.args();
    String usage = "`params` takes a file name and a train, e.g. `params(\"theta.npz\", gd)`";
    if (args.isEmpty() || args.get(0).name().isPresent()
        || !(args.get(0).value() instanceof Expr.Str)) {
      diags.error("type", args.isEmpty() ? c.span() : args.get(0).span(), usage);
      return null;
    }
    Expr.Str file = (Expr.Str) args.get(0).value();
    String path = file.value();
    if (!relative(path, args.get(0))) return null;
    ParamsSpec.Format format = ParamsSpec.Format.of(path);
    if (format == null) {
      diags.error("bad-extension", file.span(), "parameters are written as `.npz` (NumPy) or "
          + "`.json`, not `" + path + "`", "name the file e.g. `theta.npz` or `theta.json`");
      return null;
    }
    if (args.size() != 2 || args.get(1).name().isPresent()) {
      diags.error("argument-count", args.size() < 2 ? c.span() : args.get(args.size() - 1).span(),
          usage);
      return null;
    }
    Expr train = args.get(1).value();
    if (!(train instanceof Expr.Name)) {
      diags.error("type", train.span(), "expected the name of a `train` statement");
      return null;
    }
    Trains.TrainInfo t = trains.get(((Expr.Name) train).name());
    // An unknown train was reported by the resolver, a failed one by its own statement.
    if (t == null) return null;
    return ReportStep.params(id, diags.origin(r.span()), path,
        new ParamsSpec(t.id(), ((Expr.Name) train).name(), format));
  }

  /** True for {@code log}, false for {@code linear}, null (reported) for anything else. */
  private Boolean scale(Expr e) {
    if (!(e instanceof Expr.Name)) {
      diags.error("type", e.span(), "an axis scale is `log` or `linear`");
      return null;
    }
    String n = ((Expr.Name) e).name();
    if (!SCALES.contains(n)) {
      UnknownNames.report(diags, e.span(), "axis scale", n, SCALES);
      return null;
    }
    return n.equals("log");
  }

  /** Every recorded series, train by train: a file report with no series writes them all. */
  private List<SeriesRef> everything() {
    List<SeriesRef> all = new ArrayList<>();
    trains.forEach((name, t) -> recorded.get(name).observables()
        .forEach(o -> all.add(new SeriesRef(t.id(), name, o))));
    return all;
  }

  private boolean relative(String path, Expr.Arg at) {
    return relativePath(path, at, diags);
  }

  /**
   * Whether a report's file name stays inside the output folder (reported when not): shared by
   * the per-run reports and the sweep's gathered reports.
   */
  public static boolean relativePath(String path, Expr.Arg at, Diagnostics diags) {
    boolean bad = path.isEmpty() || path.startsWith("/") || path.startsWith("\\")
        || path.matches("^[A-Za-z]:.*") || List.of(path.split("[/\\\\]")).contains("..");
    if (bad) {
      diags.error("bad-path", at.span(), "report file `" + path
          + "` must be a relative path inside the output folder (no `..`)");
      return false;
    }
    String[] segments = path.split("[/\\\\]", -1);
    String last = segments[segments.length - 1];
    if (last.isEmpty() || last.equals(".")) {
      diags.error("bad-path", at.span(), "report file `" + path + "` names a folder, not a file",
          "end it with a file name, e.g. `" + (path.endsWith(".") ? path.substring(0, path.length() - 1) : path)
              + (path.endsWith("/") || path.endsWith(".") ? "" : "/") + "out.csv`");
      return false;
    }
    if (path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      diags.error("bad-path", at.span(), "report file name contains a control character (a newline or tab?)");
      return false;
    }
    return true;
  }

  /** {@code gf.loss} as a series reference, or null (reported). */
  SeriesRef series(Expr e) {
    if (!(e instanceof Expr.Member) || !(((Expr.Member) e).target() instanceof Expr.Name)) {
      diags.error("bad-series", e.span(), "expected a series such as `gf.loss`");
      return null;
    }
    Expr.Member m = (Expr.Member) e;
    String train = ((Expr.Name) m.target()).name();
    if (predicts.containsKey(train)) return predicted(predicts.get(train), m);
    if (theories.containsKey(train)) return theorySeries(theories.get(train), m);
    Trains.TrainInfo t = trains.get(train);
    // An unknown train was reported by the resolver, a failed one by its own statement.
    if (t == null || !recorded.containsKey(train)) return null;
    String obs = m.member().name();
    Observable o = Builtins.OBSERVABLES.get(obs);
    List<String> have = new ArrayList<>();
    recorded.get(train).observables().forEach(x -> have.add(x.scriptName()));
    if (o == null) {
      UnknownNames.report(diags, m.member().span(), "observable", obs, have);
      return null;
    }
    if (!recorded.get(train).observables().contains(o)) {
      // A real observable the train does not record: no did-you-mean (`loss` for `test_loss`
      // compiled and checked another quantity), but how to record it, or why it cannot be.
      boolean recordable = o.recordableBy(t.model().spec(), t.data().result().testSamples() > 0,
          t.data().result().paired());
      diags.error("not-observed", m.member().span(), "train `" + train + "` does not record `"
          + obs + "`" + (recordable ? "" : ": " + Observations.whyNot(o, t)),
          recordable ? "add `observe " + obs + " for " + train + "`" : null);
      return null;
    }
    return new SeriesRef(t.id(), train, o);
  }

  /**
   * {@code agf1.loss}: the staircase an AGF prediction predicts, the one series a prediction
   * has; null (reported) for any other member.
   */
  private SeriesRef predicted(PredictStep p, Expr.Member m) {
    String obs = m.member().name();
    if (!obs.equals(Observable.LOSS.scriptName())) {
      diags.error("not-observed", m.member().span(), "prediction `" + p.name()
          + "` has one series, its predicted loss staircase, not `" + obs + "`",
          "write `" + p.name() + ".loss`");
      return null;
    }
    return new SeriesRef(p.id(), p.name(), Observable.LOSS);
  }

  /** {@code e.test_mse}: one of the series a kernel-theory prediction has; null (reported). */
  private SeriesRef theorySeries(TheoryStep t, Expr.Member m) {
    String obs = m.member().name();
    List<String> have = new ArrayList<>();
    t.series().forEach(o -> have.add(o.scriptName()));
    for (Observable o : t.series()) {
      if (o.scriptName().equals(obs)) return new SeriesRef(t.id(), t.name(), o);
    }
    diags.error("not-observed", m.member().span(), "prediction `" + t.name() + "` ("
        + t.theory().method() + ") has no series `" + obs + "`; it has " + String.join(", ",
            have.stream().map(h -> "`" + h + "`").toList()),
        dyn.compiler.diag.Suggest.closest(obs, have).map(x -> "did you mean `" + x + "`?")
            .orElse(null));
    return null;
  }

  /** A check step, or null (reported). */
  public CheckStep check(Stmt.Check c, int id) {
    Expr e = c.condition();
    if (!(e instanceof Expr.Binary) || !comparison(((Expr.Binary) e).op())) {
      diags.error("check-not-comparison", e.span(),
          "a check compares two values with <, <=, > or >=");
      return null;
    }
    Expr.Binary b = (Expr.Binary) e;
    CheckExpr l = term(b.left());
    CheckExpr r = term(b.right());
    if (l == null || r == null) return null;
    String text = main.text(e.span());
    return new CheckStep(id, text, diags.origin(c.span()),
        new CheckExpr.Compare(b.op().symbol, l, r), text);
  }

  private static boolean comparison(Expr.BinaryOp op) {
    return op == Expr.BinaryOp.LT || op == Expr.BinaryOp.LE || op == Expr.BinaryOp.GT
        || op == Expr.BinaryOp.GE;
  }

  /**
   * A sweep metric: a scalar of one point's series and params, with the same terms as a check
   * side ({@code final(gd.loss)}, {@code lr * monotone(gd.loss)}). Null when reported.
   */
  public CheckExpr metric(Expr e) {
    if (e instanceof Expr.Binary && comparison(((Expr.Binary) e).op())) {
      diags.error("bad-metric", e.span(), "a metric is a number, not a comparison",
          "checks on sweep results go in a `check` statement");
      return null;
    }
    CheckExpr m = term(e);
    return m != null && wholeVector(m, e) ? null : m;
  }

  /**
   * True (reported) when a metric reads every component of a vector series through a function
   * that keeps components apart (final, at, min, max, monotone): a metric is one number per point.
   */
  private boolean wholeVector(CheckExpr m, Expr at) {
    if (m instanceof CheckExpr.Arith) {
      return wholeVector(((CheckExpr.Arith) m).left(), at) || wholeVector(((CheckExpr.Arith) m).right(), at);
    }
    if (m instanceof CheckExpr.Apply) return wholeVector(((CheckExpr.Apply) m).arg(), at);
    if (!(m instanceof CheckExpr.SeriesFn)) return false;
    CheckExpr.SeriesFn f = (CheckExpr.SeriesFn) m;
    if (f.fn() == CheckExpr.Fn.MAX_REL_DIFF || f.fn() == CheckExpr.Fn.MAX_ABS_DIFF) return false;
    if (!f.series().get(0).observable().isVector() || f.components().get(0) != CheckExpr.SeriesFn.ALL) return false;
    String label = f.label(0);
    diags.error("bad-metric", at.span(), "a metric is one number per point, and `" + label
        + "` has one value per component", "pick one, e.g. `" + f.fn().name().toLowerCase(Locale.ROOT)
        + "(" + label + "[0]" + (f.args().isEmpty() ? "" : ", " + Format.num(f.args().get(0))) + ")`");
    return true;
  }

  private CheckExpr term(Expr e) {
    if (e instanceof Expr.Num) return new CheckExpr.Number(((Expr.Num) e).value());
    if (e instanceof Expr.Name) {
      Value v = top.get(((Expr.Name) e).name());
      if (v instanceof Value.Num) return new CheckExpr.Number(((Value.Num) v).value());
      diags.error("type", e.span(), "expected a number, a param or a series function");
      return null;
    }
    if (e instanceof Expr.Unary && ((Expr.Unary) e).op() == Expr.UnaryOp.NEG) {
      CheckExpr x = term(((Expr.Unary) e).operand());
      return x == null ? null : new CheckExpr.Arith('-', new CheckExpr.Number(0), x);
    }
    if (e instanceof Expr.Binary) {
      Expr.Binary b = (Expr.Binary) e;
      String ops = "+-*/";
      if (!ops.contains(b.op().symbol)) {
        diags.error("bad-check", e.span(), comparison(b.op())
            ? "a check has one comparison, at the top" : "`" + b.op().symbol
            + "` is not allowed in a check; use + - * /");
        return null;
      }
      CheckExpr l = term(b.left());
      CheckExpr r = term(b.right());
      return l == null || r == null ? null : new CheckExpr.Arith(b.op().symbol.charAt(0), l, r);
    }
    if (e instanceof Expr.Call) return call((Expr.Call) e);
    diags.error("bad-check", e.span(), "expected a number, a param or a series function");
    return null;
  }

  private CheckExpr call(Expr.Call c) {
    String f = c.callee().name();
    Op.UnaryFn math = Builtins.ACTIVATIONS.get(f);
    if (math != null) return apply(c, f, math);
    if (!Builtins.CHECK_FNS.contains(f)) return null; // reported by the resolver
    CheckExpr.Fn fn = CheckExpr.Fn.valueOf(f.toUpperCase(java.util.Locale.ROOT));
    int nSeries = fn == CheckExpr.Fn.MAX_REL_DIFF || fn == CheckExpr.Fn.MAX_ABS_DIFF ? 2 : 1;
    int nArgs = nSeries + (fn == CheckExpr.Fn.AT ? 1 : 0);
    Evaluator at = Evaluator.scalars(diags, top);
    // Series are not values of the scalar evaluator, so check the count before reading them.
    if (c.args().size() != nArgs || c.args().stream().anyMatch(a -> a.name().isPresent())) {
      diags.error("argument-count", c.span(), "`" + f + "` takes " + nArgs + " positional argument"
          + (nArgs == 1 ? "" : "s"));
      return null;
    }
    List<SeriesRef> series = new ArrayList<>();
    List<Integer> components = new ArrayList<>();
    for (int i = 0; i < nSeries; i++) {
      Expr arg = c.args().get(i).value();
      Expr.Index ix = arg instanceof Expr.Index ? (Expr.Index) arg : null;
      SeriesRef s = series(ix == null ? arg : ix.target());
      if (s == null) return null;
      Integer k = ix == null ? Integer.valueOf(CheckExpr.SeriesFn.ALL) : component(ix, s, at);
      if (k == null) return null;
      series.add(s);
      components.add(k);
    }
    if (fn == CheckExpr.Fn.MONOTONE) warnIfMonotoneSkipsSteps(c, series.get(0));
    List<Double> args = new ArrayList<>();
    if (fn == CheckExpr.Fn.AT) {
      Double t = at.number(c.args().get(1).value(), "the time of `at`");
      if (t == null) return null;
      args.add(t);
    }
    return new CheckExpr.SeriesFn(fn, series, args, components);
  }

  /**
   * Warns when {@code monotone} reads the training loss of a step-based train whose records skip
   * steps and whose step loop does not watch the loss itself ({@link
   * Dynamics#lossMonotoneEveryStep}: minibatch SGD, or records that do not span the run). It then
   * sees only recorded values, so a rise between two records (an early catapult, a period-2
   * oscillation sampled at an even stride) goes unseen: examples/eta_gamma.dyn, recording every
   * 5 steps, counted three learning rates whose loss rose early as stable before full-batch runs
   * were watched at every step. Only the loss: gradient descent is meant to lower it at every
   * step, so a rise anywhere is the instability a stability edge measures; of other series (nc1
   * at a few times) `monotone` states a trend across the records.
   */
  private void warnIfMonotoneSkipsSteps(Expr.Call c, SeriesRef s) {
    if (s.observable() != Observable.LOSS) return;
    Trains.TrainInfo t = trains.get(s.trainName());
    Observations.Recorded rec = recorded.get(s.trainName());
    if (t == null || rec == null) return;
    double lr = t.dynamics().stepSize();
    if (Double.isNaN(lr)) return;
    long steps = Dynamics.stepAt(t.dynamics().until(), lr);
    List<Double> times = rec.timesOf(s.observable());
    if (Dynamics.lossMonotoneEveryStep(t.dynamics(), times)) return;
    long gap = 0;
    for (int i = 1; i < times.size(); i++) {
      gap = Math.max(gap,
          Dynamics.stepAt(times.get(i), lr) - Dynamics.stepAt(times.get(i - 1), lr));
    }
    if (gap <= 1) return;
    diags.warning("monotone-between-records", c.span(), "`monotone` sees `" + s.label()
            + "` only at its " + times.size() + " recorded times, up to " + gap + " steps apart: a"
            + " rise between two records (an early catapult, an oscillation sampled at an even"
            + " stride) goes unseen",
        t.dynamics() instanceof Dynamics.GradientDescent
            ? "record it from t = 0 to the last step (any spacing, e.g. linear(0, "
                + Format.num(t.dynamics().until()) + ", " + Math.min(steps + 1, 121) + ")): then"
                + " full-batch descent watches the loss at every step"
            : steps + 1 <= Grid.MAX_POINTS
            ? "to test every step, record it at every step: " + (steps + 1) + " points (here"
                + " linear(0, " + Format.num(t.dynamics().until()) + ", " + (steps + 1) + "))"
            : "observe it on a grid as fine as the steps where the rise may happen");
  }

  /**
   * {@code log(x)}, {@code sqrt(x)}, … of one argument: folded to a number when x is one (a param
   * expression), else applied to the series value at run time.
   */
  private CheckExpr apply(Expr.Call c, String f, Op.UnaryFn fn) {
    if (c.args().size() != 1 || c.args().get(0).name().isPresent()) {
      diags.error("argument-count", c.span(), "`" + f + "` takes 1 positional argument");
      return null;
    }
    CheckExpr x = term(c.args().get(0).value());
    if (x == null) return null;
    List<Integer> reads = new ArrayList<>();
    x.collectTrains(reads);
    if (!reads.isEmpty()) return new CheckExpr.Apply(fn, x);
    // Of numbers and params alone: the compile-time evaluator folds it, with its own checks
    // (`log` of -1 is not a finite number).
    Double v = Evaluator.scalars(diags, top).number(c, "`" + f + "(…)`");
    return v == null ? null : new CheckExpr.Number(v);
  }

  /**
   * The k of {@code gf.singular_values[k]}, or null (reported): one whole number ≥ 0, on a
   * vector series. Whether k is below the component count is known only once the series is
   * recorded, so that is the evaluator's to say.
   */
  private Integer component(Expr.Index ix, SeriesRef s, Evaluator at) {
    if (!s.observable().isVector()) {
      diags.error("bad-index", ix.span(), "`" + s.label() + "` is one number per time; it has no components",
          "write `" + s.label() + "`");
      return null;
    }
    if (ix.indices().size() != 1 || ix.indices().get(0).isEmpty()) {
      diags.error("bad-index", ix.span(), "pick one component of `" + s.label() + "`, e.g. `"
          + s.label() + "[0]`");
      return null;
    }
    Double k = at.number(ix.indices().get(0).get(), "a component index");
    if (k == null) return null;
    if (k < 0 || k != Math.rint(k)) {
      diags.error("bad-index", ix.indices().get(0).get().span(), "a component index is a whole number ≥ 0, not "
          + Format.num(k), "components are numbered from 0, as in tables: `" + s.label() + "[0]`");
      return null;
    }
    return (int) (double) k;
  }
}
