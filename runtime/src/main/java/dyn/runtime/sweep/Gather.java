package dyn.runtime.sweep;

import dyn.compiler.plan.Derived;
import dyn.compiler.plan.SweepCheck;
import dyn.compiler.plan.SweepExpr;
import dyn.compiler.plan.SweepReport;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.sink.AtomicFiles;
import dyn.runtime.sink.CheckEvaluator;
import dyn.runtime.sink.Figures;
import dyn.runtime.sink.HeatmapSink;
import dyn.runtime.sink.Manifest;
import dyn.runtime.sink.PlotSink;
import dyn.runtime.sink.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the finished points of a sweep into its results table, computes the derived values
 * (reductions, fits) in source order, prints and writes the reports, and evaluates the checks.
 * The local run and {@code dyn gather} both end here, so identical points give identical output.
 */
public final class Gather {
  private Gather() {}

  /** What gathering found. */
  public record Outcome(List<Integer> pending, List<Verdict> verdicts, List<String> failures) {
    public Outcome {
      pending = List.copyOf(pending);
      verdicts = List.copyOf(verdicts);
      failures = List.copyOf(failures);
    }

    /** Every point was DONE and nothing failed while reporting. */
    public boolean complete() {
      return pending.isEmpty() && failures.isEmpty();
    }

    public boolean checksPassed() {
      return verdicts.stream().allMatch(Verdict::passed);
    }
  }

  /**
   * Gathers. When a point is missing or failed, prints on {@code err} one line per such task
   * (its params and its log) and then {@code PENDING t1 t2 …}, and computes nothing.
   *
   * @param outDir the run's output folder (reports are written there)
   * @param progress where "wrote FILE" notes go, or null
   */
  public static Outcome run(TaskList tasks, Path outDir, PrintStream out, PrintStream err, PrintStream progress) {
    return run(tasks, outDir, out, err, progress, null, null);
  }

  /**
   * Gathers, and when every point was DONE writes {@code OUT/sweep-NAME/manifest.json}: the base
   * plan's script, params and seeds, the command line, the hashes of the gathered reports and of
   * every point's {@code result.json} (paths relative to {@code outDir}, like a plain run's), the
   * status of the gathering (checks failed, a report not written) and the point count.
   *
   * @param plan the script's plan without point values, or null for no manifest
   * @param context the command line and script text, or null for no manifest
   */
  public static Outcome run(TaskList tasks, Path outDir, PrintStream out, PrintStream err,
      PrintStream progress, dyn.compiler.plan.Plan plan, RunContext context) {
    java.time.Instant started = java.time.Instant.now();
    long startNanos = System.nanoTime();
    List<Path> written = new ArrayList<>();
    byte[][] resultBytes = new byte[tasks.size()][];
    Outcome o = gather(tasks, outDir, out, err, progress, written, resultBytes);
    if (plan == null || context == null || !o.pending().isEmpty()) return o;
    int code = !o.failures().isEmpty() ? 3 : o.checksPassed() ? 0 : 1;
    Manifest m = Manifest.forPlan(plan).script(context.scriptText()).command(context.command())
        .overrides(context.overrides()).backend(context.backend()).started(started)
        .property("sweep", tasks.spec().name())
        .property("points", Integer.toString(tasks.size()))
        .property("params", String.join(",", tasks.spec().params()));
    m.finish(code == 3 ? Manifest.Status.FAILED : code == 1 ? Manifest.Status.CHECKS_FAILED
        : Manifest.Status.OK, code, java.time.Instant.now(), (System.nanoTime() - startNanos) / 1e9,
        o.failures());
    List<String> failures = new ArrayList<>(o.failures());
    try {
      for (Path f : written) m.output(outDir, f);
      // The bytes the tables were made from: each result.json is read once.
      for (int t = 0; t < tasks.size(); t++) m.output(outDir, tasks.resultFile(t), resultBytes[t]);
      Path file = m.write(tasks.dir());
      note(progress, "wrote " + file);
    } catch (IOException e) {
      failures.add("cannot write " + tasks.dir().resolve(Manifest.FILE) + ": " + e.getMessage());
    }
    return new Outcome(o.pending(), o.verdicts(), failures);
  }

  /** @param resultBytes receives each gathered point's result.json as read (for the manifest) */
  private static Outcome gather(TaskList tasks, Path outDir, PrintStream out, PrintStream err,
      PrintStream progress, List<Path> written, byte[][] resultBytes) {
    SweepSpec spec = tasks.spec();
    List<Integer> pending = new ArrayList<>();
    List<PointResult> results = new ArrayList<>();
    boolean search = spec.search().isPresent();
    for (int t = 0; t < tasks.size(); t++) {
      byte[] json = PointResult.bytes(tasks.resultFile(t));
      Optional<PointResult> any = json == null ? Optional.empty() : PointResult.parse(json);
      int task = t;
      Optional<PointResult> done = any.filter(r -> search ? tasks.isFinished(r, task) : tasks.isDone(r, task));
      if (done.isPresent()) {
        results.add(done.get());
        resultBytes[t] = json;
        continue;
      }
      pending.add(t);
      String why;
      if (json == null) why = "missing";
      else if (any.isEmpty()) why = "unreadable (not a whole result.json: cut short, or written by something else)";
      else if (any.get().task() != t) why = "unreadable (its result.json is task " + any.get().task() + "'s)";
      else if (!any.get().key().equals(tasks.key(t))) why = "stale (the script, stdlib, data files or overrides changed since it ran)";
      else if (!tasks.sameValues(any.get(), t)) why = "unreadable (its result.json gives other values than the task's: " + SweepText.assignments(any.get().params()) + ")";
      else if (any.get().status() == PointResult.Status.OK) why = "incomplete (its result.json lacks a param or metric the sweep declares)";
      else why = "failed: " + any.get().message().orElse("no message");
      err.println("task " + t + " (" + tasks.describe(t) + "): " + why + "; log: " + tasks.logFile(t));
    }
    if (!pending.isEmpty()) {
      StringBuilder sb = new StringBuilder("PENDING");
      for (int t : pending) sb.append(' ').append(t);
      err.println(sb);
      return new Outcome(pending, List.of(), List.of());
    }
    Values values = compute(spec, table(spec, results));
    out.println("sweep " + spec.name() + ": " + tasks.size() + " points over "
        + String.join(", ", spec.params()) + (search ? " (suggested by carbs, in order)" : ""));
    List<String> failures = new ArrayList<>();
    for (SweepReport r : spec.reports()) {
      try {
        switch (r.kind()) {
          case TABLE:
            out.println();
            out.print(SweepTables.render(r.items(), values));
            break;
          case CSV:
            AtomicFiles.writeString(outDir.resolve(r.path()), SweepTables.csv(r.items(), values));
            written.add(outDir.resolve(r.path()));
            note(progress, "wrote " + outDir.resolve(r.path()));
            break;
          case JSON:
            AtomicFiles.write(outDir.resolve(r.path()), o -> SweepTables.json(o, spec, r.items(), values));
            written.add(outDir.resolve(r.path()));
            note(progress, "wrote " + outDir.resolve(r.path()));
            break;
          case HEATMAP:
            AtomicFiles.write(outDir.resolve(r.path()), o -> HeatmapSink.write(o, r.heatmap().orElseThrow(),
                values.table(r.items().get(0)), PlotSink.Format.of(r.path())));
            written.add(outDir.resolve(r.path()));
            note(progress, "wrote " + outDir.resolve(r.path()));
            break;
        }
      } catch (Figures.NothingToDraw e) {
        failures.add("cannot draw " + outDir.resolve(r.path()) + ": " + e.getMessage() + "; " + Figures.NOTHING_HELP);
      } catch (IOException e) {
        failures.add("cannot write " + outDir.resolve(r.path()) + ": " + e.getMessage());
      } catch (LinkageError e) {
        if (r.heatmap().isEmpty()) throw e;
        failures.add(Figures.cannotDrawLine(outDir.resolve(r.path()), e));
      }
    }
    if (search) failures.addAll(dyn.runtime.search.SearchReport.write(spec, values, outDir, out, progress, written));
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < spec.checks().size(); i++) verdicts.add(check(i, spec.checks().get(i), values));
    if (!verdicts.isEmpty()) {
      out.println();
      for (Verdict v : verdicts) out.println(v.line());
    }
    out.flush();
    return new Outcome(List.of(), verdicts, failures);
  }

  /** The sweep's table: its params, then every metric (diverged first). */
  static ResultTable table(SweepSpec spec, List<PointResult> results) {
    List<String> columns = new ArrayList<>();
    columns.add(SweepSpec.DIVERGED);
    for (SweepSpec.Metric m : spec.metrics()) columns.add(m.name());
    // A search's cost is a metric, or else each point's wall time, which the table then carries.
    boolean seconds = spec.search().isPresent() && spec.search().get().cost().isEmpty();
    if (seconds) columns.add(SECONDS);
    List<ResultTable.Row> rows = new ArrayList<>();
    for (PointResult r : results) {
      double[] key = new double[spec.params().size()];
      for (int i = 0; i < key.length; i++) key[i] = spec.points().get(r.task()).get(i);
      double[] vs = new double[columns.size()];
      for (int i = 0; i < vs.length; i++) vs[i] = r.metrics().getOrDefault(columns.get(i), Double.NaN);
      if (seconds) vs[vs.length - 1] = r.seconds();
      rows.add(new ResultTable.Row(key, vs));
    }
    return new ResultTable(spec.params(), columns, rows);
  }

  /** The column of a search's results that holds each point's wall time, when that is its cost. */
  public static final String SECONDS = "seconds";

  /** Every table and fit of a gathered sweep, by script name. */
  public static final class Values {
    final String sweep;
    final ResultTable all;
    final Map<String, ResultTable> tables = new LinkedHashMap<>();
    final Map<String, PowerLawFit> fits = new LinkedHashMap<>();
    final Map<String, Derived.PowerFit> fitSpecs = new LinkedHashMap<>();

    Values(String sweep, ResultTable all) {
      this.sweep = sweep;
      this.all = all;
    }

    /** A table: the sweep's name (every metric), {@code s.metric}, or a derived table. */
    public ResultTable all() {
      return all;
    }

    public ResultTable table(String name) {
      if (name.equals(sweep)) return all;
      ResultTable t = tables.get(name);
      if (t == null) throw new IllegalArgumentException("no table " + name);
      return t;
    }

    public Optional<PowerLawFit> fit(String name) {
      return Optional.ofNullable(fits.get(name));
    }

    public boolean isFit(String name) {
      return fits.containsKey(name);
    }
  }

  /** Derived values in source order. */
  public static Values compute(SweepSpec spec, ResultTable all) {
    Values v = new Values(spec.name(), all);
    for (String c : all.columns()) v.tables.put(spec.name() + "." + c, all.column(c, c));
    for (Derived d : spec.derived()) {
      if (d instanceof Derived.Reduce) {
        Derived.Reduce r = (Derived.Reduce) d;
        v.tables.put(r.name(), Reductions.reduce(v.table(r.source()), r.op(), r.over(), r.arg(), r.name()));
      } else if (d instanceof Derived.Frontier) {
        v.tables.put(d.name(), dyn.runtime.search.SearchReport.frontier(spec, all,
            ((Derived.Frontier) d).column(), d.name()));
      } else {
        Derived.PowerFit f = (Derived.PowerFit) d;
        ResultTable t = v.table(f.source());
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int xi = t.keys().indexOf(f.x());
        for (ResultTable.Row row : t.rows()) {
          if (!f.range().contains(row.key(xi))) continue;
          xs.add(row.key(xi));
          ys.add(row.value(0));
        }
        v.fits.put(f.name(), PowerLawFit.fit(xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray(), f.level()));
        v.fitSpecs.put(f.name(), f);
      }
    }
    return v;
  }

  static Verdict check(int id, SweepCheck c, Values v) {
    SweepExpr.Compare cmp = (SweepExpr.Compare) c.condition();
    try {
      double[] l = values(cmp.left(), v);
      double[] r = values(cmp.right(), v);
      int width = width(l, r);
      boolean showRight = cmp.left() instanceof SweepExpr.Number && !(cmp.right() instanceof SweepExpr.Number);
      double[] shown = new double[width];
      int failing = 0;
      int worst = 0;
      double worstMargin = Double.POSITIVE_INFINITY;
      for (int k = 0; k < width; k++) {
        double a = component(l, k);
        double b = component(r, k);
        shown[k] = showRight ? b : a;
        if (!CheckEvaluator.holds(cmp.op(), a, b)) failing++;
        // As a vector series check: the worst component fails by most or holds by least.
        double margin = CheckEvaluator.margin(cmp.op(), a, b);
        if (k == 0 || margin < worstMargin) {
          worstMargin = margin;
          worst = k;
        }
      }
      if (width == 1 && Double.isNaN(shown[0])) {
        return new Verdict(id, c.text(), false, Double.NaN,
            Optional.of("the value is NaN: too few usable points in the fit or the table"));
      }
      List<String> labels = labels(cmp.left(), v);
      if (labels.isEmpty()) labels = labels(cmp.right(), v);
      if (labels.size() != width) labels = List.of();
      return new Verdict(id, c.text(), failing == 0, shown, worst, failing, Optional.empty(), labels);
    } catch (IllegalArgumentException e) {
      return new Verdict(id, c.text(), false, Double.NaN, Optional.of(e.getMessage()));
    }
  }

  /** Equal widths, or one side a single number used with every component. */
  private static int width(double[] a, double[] b) {
    if (a.length == b.length || b.length == 1) return a.length;
    if (a.length == 1) return b.length;
    throw new IllegalArgumentException("the sides have " + a.length + " and " + b.length
        + " components; compare tables over the same axis values, or a table with a number");
  }

  private static double component(double[] v, int k) {
    return v.length == 1 ? v[0] : v[k];
  }

  /** One value, or one per axis value of a one-axis table (ascending). */
  private static double[] values(SweepExpr e, Values v) {
    if (e instanceof SweepExpr.Number) return new double[] {((SweepExpr.Number) e).value()};
    if (e instanceof SweepExpr.Field) {
      SweepExpr.Field f = (SweepExpr.Field) e;
      return new double[] {v.fit(f.derived()).map(x -> x.field(f.field())).orElse(Double.NaN)};
    }
    if (e instanceof SweepExpr.Table) {
      String name = ((SweepExpr.Table) e).name();
      return axisOrder(name, v.table(name));
    }
    if (e instanceof SweepExpr.Monotone) {
      String name = ((SweepExpr.Monotone) e).name();
      double[] t = axisOrder(name, v.table(name));
      return new double[] {neverRises(t) ? 1 : 0};
    }
    if (e instanceof SweepExpr.Arith) {
      SweepExpr.Arith a = (SweepExpr.Arith) e;
      double[] l = values(a.left(), v);
      double[] r = values(a.right(), v);
      double[] out = new double[width(l, r)];
      for (int k = 0; k < out.length; k++) {
        double x = component(l, k);
        double y = component(r, k);
        switch (a.op()) {
          case '+': out[k] = x + y; break;
          case '-': out[k] = x - y; break;
          case '*': out[k] = x * y; break;
          default: out[k] = x / y; break;
        }
      }
      return out;
    }
    throw new IllegalArgumentException("a comparison inside a check of sweep results");
  }

  /**
   * What each component of a side is, {@code gamma = 0.1}, from the first one-axis table in it
   * (in the order {@link #axisOrder} gives its values); empty where the side has no table.
   */
  private static List<String> labels(SweepExpr e, Values v) {
    if (e instanceof SweepExpr.Table) {
      ResultTable t = v.table(((SweepExpr.Table) e).name());
      if (t.keys().size() != 1) return List.of();
      List<String> out = new ArrayList<>();
      for (ResultTable.Row r : byAxis(t)) out.add(t.keys().get(0) + " = " + dyn.runtime.sink.Num.format(r.key(0)));
      return out;
    }
    if (e instanceof SweepExpr.Arith) {
      List<String> l = labels(((SweepExpr.Arith) e).left(), v);
      return l.isEmpty() ? labels(((SweepExpr.Arith) e).right(), v) : l;
    }
    return List.of();
  }

  /** A table's rows sorted by their first key: the order of a check's components. */
  private static List<ResultTable.Row> byAxis(ResultTable t) {
    List<ResultTable.Row> rows = new ArrayList<>(t.rows());
    rows.sort((a, b) -> Double.compare(a.key(0), b.key(0)));
    return rows;
  }

  /** A one-axis table's first column, rows sorted by their axis value. */
  static double[] axisOrder(String name, ResultTable t) {
    List<ResultTable.Row> rows = byAxis(t);
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) out[i] = rows.get(i).value(0);
    if (out.length == 0) throw new IllegalArgumentException("table `" + name + "` has no rows");
    return out;
  }

  /**
   * True when no value exceeds the one before it (by more than 1e-9 of the first, as the
   * series' {@code monotone}); NaN is never monotone.
   */
  static boolean neverRises(double[] t) {
    double slack = 1e-9 * Math.abs(t[0]);
    for (int i = 0; i < t.length; i++) {
      if (!Double.isFinite(t[i])) return false;
      if (i > 0 && t[i] > t[i - 1] + slack) return false;
    }
    return true;
  }

  private static void note(PrintStream progress, String line) {
    if (progress != null) progress.println(line);
  }
}
