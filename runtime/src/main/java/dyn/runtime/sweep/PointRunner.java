package dyn.runtime.sweep;

import dyn.compiler.plan.Plan;
import dyn.compiler.plan.SweepSpec;
import dyn.compiler.plan.PlanShape;
import dyn.runtime.exec.BatchExecutor;
import dyn.runtime.exec.Engine;
import dyn.runtime.exec.Executor;
import dyn.runtime.exec.RunOutcome;
import dyn.runtime.exec.StepFailure;
import dyn.runtime.sink.AtomicFiles;
import dyn.runtime.sink.CheckEvaluator;
import dyn.runtime.sink.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one point: compiles the script at the point, runs its plan with the point's folder as the
 * output folder (so the script's own reports land there, never on another point's files), computes
 * the metrics, and writes {@code log.txt}, its {@code manifest.json} (when given a
 * {@link RunContext}) and then, last, {@code result.json}.
 *
 * <p>Training that diverges (NaN, a loss that explodes) is an outcome, not a failure: finding the
 * edge of stability is what a learning-rate sweep is for. Such a point is "ok" with
 * {@code diverged = 1}; its metrics of the diverged train's series are NaN (monotone: 0). A point
 * that cannot compile, hits a bug, or whose metric
 * cannot be evaluated is "failed".
 */
public final class PointRunner {
  private final TaskList tasks;
  private final PointCompiler compiler;
  private final Engine engine;
  private final RunContext context;

  /** A runner that writes no manifest (tests of the sweep contract alone). */
  public PointRunner(TaskList tasks, PointCompiler compiler, Engine engine) {
    this(tasks, compiler, engine, null);
  }

  /**
   * @param context what each point's {@code manifest.json} records besides its plan, or null
   *     for no manifest
   */
  public PointRunner(TaskList tasks, PointCompiler compiler, Engine engine, RunContext context) {
    this.tasks = tasks;
    this.compiler = compiler;
    this.engine = engine;
    this.context = context;
  }

  /** Runs the task and writes its folder; returns what it wrote to result.json. */
  public PointResult run(int task) throws IOException {
    Point p = compile(task);
    p.execute(engine);
    return finish(p);
  }

  /**
   * Runs the tasks and writes their folders; results in the tasks' order. Points whose plans
   * {@link BatchExecutor#fits fit} a batch and have the same {@link PlanShape} run as one batched
   * program; every other point runs alone, as {@link #run} runs it. A point's files are the same
   * either way, apart from the lines of its log that say how it ran and the seconds it took (its
   * own compile time plus its share of the batch's).
   */
  public List<PointResult> runBatch(List<Integer> batch) throws IOException {
    List<Point> points = new ArrayList<>();
    Map<Object, List<Point>> byShape = new LinkedHashMap<>();
    for (int task : batch) {
      Point p = compile(task);
      points.add(p);
      if (p.plan == null || engine != Engine.CPU) continue;
      String why = BatchExecutor.whyNot(p.plan);
      if (why != null) {
        p.log.println("runs alone: " + why);
        continue;
      }
      byShape.computeIfAbsent(PlanShape.of(p.plan), k -> new ArrayList<>()).add(p);
    }
    for (List<Point> group : byShape.values()) {
      if (group.size() < 2) continue;
      long start = System.nanoTime();
      List<Plan> plans = new ArrayList<>();
      for (Point p : group) plans.add(p.plan);
      List<RunOutcome> outcomes;
      try {
        outcomes = BatchExecutor.run(plans);
      } catch (RuntimeException | Error e) {
        // A bug in the batched path must not cost the points their results: they run alone.
        for (Point p : group) {
          p.log.println("the batch failed (" + e + "); running this point alone");
        }
        continue;
      }
      long share = (System.nanoTime() - start) / group.size();
      List<Integer> numbers = new ArrayList<>();
      for (Point p : group) numbers.add(p.task);
      String tasks = SweepText.ranges(numbers);
      for (int i = 0; i < group.size(); i++) {
        Point p = group.get(i);
        p.outcome = outcomes.get(i);
        p.nanos += share;
        p.log.println("batched: trained in one program with " + (group.size() - 1)
            + " other points of the same plan shape (tasks " + tasks + ")");
      }
    }
    List<PointResult> out = new ArrayList<>();
    for (Point p : points) {
      if (p.outcome == null && p.plan != null && p.error == null) p.execute(engine);
      out.add(finish(p));
    }
    return out;
  }

  /** One point on its way: its values and log, then its plan, then its outcome. */
  private final class Point {
    final int task;
    final Map<String, Double> params = new LinkedHashMap<>();
    final Map<String, String> overrides = new LinkedHashMap<>();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    final java.time.Instant started = java.time.Instant.now();
    /** Time spent on this point so far (its compile, its run or its share of a batch). */
    long nanos;
    Plan plan;
    /** Why there is no plan: the rendered diagnostics, or null. */
    String compileErrors;
    RunOutcome outcome;
    /** A bug met on the way, or null. */
    Throwable error;

    Point(int task) {
      this.task = task;
    }

    void execute(Engine engine) {
      long start = System.nanoTime();
      try {
        outcome = new Executor(engine, 1, log).run(plan, tasks.pointDir(task), log);
      } catch (RuntimeException | Error e) {
        error = e;
      }
      nanos += System.nanoTime() - start;
    }
  }

  private Point compile(int task) {
    long start = System.nanoTime();
    SweepSpec spec = tasks.spec();
    Point p = new Point(task);
    for (int i = 0; i < spec.params().size(); i++) {
      double v = tasks.values(task).get(i);
      p.params.put(spec.params().get(i), v);
      p.overrides.put(spec.params().get(i), SweepText.num(v));
    }
    p.log.println("sweep " + spec.name() + " task " + task + ": " + tasks.describe(task));
    try {
      p.plan = compiler.compile(p.overrides);
    } catch (PointCompiler.Failure e) {
      p.compileErrors = e.getMessage();
    } catch (RuntimeException | Error e) {
      p.error = e;
    }
    p.nanos += System.nanoTime() - start;
    return p;
  }

  /** The point's metrics and status from its outcome; writes its folder, result.json last. */
  private PointResult finish(Point p) throws IOException {
    long start = System.nanoTime();
    int task = p.task;
    PrintStream log = p.log;
    Map<String, Double> metrics = new LinkedHashMap<>();
    PointResult.Status status = PointResult.Status.OK;
    String message = null;
    RunOutcome outcome = p.outcome;
    try {
      if (p.error != null) {
        status = PointResult.Status.FAILED;
        message = "internal error: " + p.error;
        p.error.printStackTrace(log);
      } else if (p.compileErrors != null) {
        status = PointResult.Status.FAILED;
        message = "the script does not compile at this point";
        log.print(p.compileErrors);
      } else {
        SweepSpec mine = p.plan.sweep().orElseThrow(() -> new IllegalStateException("the point's plan has no sweep"));
        if (outcome.failed()) {
          for (StepFailure f : outcome.failures()) log.println("error: " + f.describe());
          if (diverged(outcome.failures())) {
            metrics.put(SweepSpec.DIVERGED, 1.0);
            // monotone(…) of a diverged train is 0 (its loss blew up), so `edge = lr *
            // monotone(gd.loss)` is 0 here as the recipe means; any other function of its series
            // is NaN, and a metric of params alone (a search's cost) keeps its value.
            Set<Integer> stopped = new HashSet<>();
            for (StepFailure f : outcome.failures()) stopped.add(f.stepId());
            CheckEvaluator eval = new CheckEvaluator(outcome.results()::series, stopped);
            for (SweepSpec.Metric m : mine.metrics()) {
              double v;
              try {
                v = eval.value(m.value());
              } catch (CheckEvaluator.CheckError e) {
                v = Double.NaN;
              }
              metrics.put(m.name(), v);
            }
            message = describe(outcome.failures());
          } else {
            status = PointResult.Status.FAILED;
            message = describe(outcome.failures());
          }
        } else {
          metrics.put(SweepSpec.DIVERGED, 0.0);
          CheckEvaluator eval = new CheckEvaluator(outcome.results()::series);
          for (SweepSpec.Metric m : mine.metrics()) {
            try {
              metrics.put(m.name(), eval.value(m.value()));
            } catch (CheckEvaluator.CheckError e) {
              status = PointResult.Status.FAILED;
              message = "metric `" + m.name() + "`: " + e.getMessage();
              log.println("error: " + message);
              break;
            }
          }
        }
      }
    } catch (RuntimeException | Error e) {
      status = PointResult.Status.FAILED;
      message = "internal error: " + e;
      e.printStackTrace(log);
    }
    log.flush();
    double seconds = (p.nanos + System.nanoTime() - start) / 1e9;
    PointResult r = new PointResult(task, tasks.key(task), status, p.params,
        status == PointResult.Status.OK ? metrics : Map.of(), Optional.ofNullable(message), seconds);
    AtomicFiles.folder(tasks.pointDir(task));
    AtomicFiles.write(tasks.logFile(task), o -> o.write(p.logBytes.toByteArray()));
    if (context != null && p.plan != null && outcome != null) {
      manifest(task, p.plan, outcome, p.overrides, p.started, seconds);
    }
    // Last: result.json is what marks the point DONE, so it comes after everything it vouches for.
    AtomicFiles.write(tasks.resultFile(task), r::write);
    return r;
  }

  /**
   * The point's {@code manifest.json}, as {@code dyn run S.dyn NAME=VALUE…} would write it: the
   * point's values are overrides (after the command line's), and properties name the sweep, the
   * task and each swept value. A point whose training diverged is {@code failed}, as the plain
   * run would be; the sweep still counts it as an outcome.
   */
  private void manifest(int task, Plan plan, RunOutcome outcome, Map<String, String> point,
      java.time.Instant started, double seconds) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(context.overrides());
    all.putAll(point);
    int code = outcome.failed() ? 3 : outcome.checksPassed() ? 0 : 1;
    Manifest.Status status = code == 3 ? Manifest.Status.FAILED
        : code == 1 ? Manifest.Status.CHECKS_FAILED : Manifest.Status.OK;
    List<String> failures = new ArrayList<>();
    for (StepFailure f : outcome.failures()) {
      failures.add(f.origin().file() + ":" + f.origin().line() + ":" + f.origin().column() + ": "
          + f.describe());
    }
    Manifest m = Manifest.forPlan(plan).script(context.scriptText()).command(context.command())
        .overrides(all).backend(context.backend()).started(started)
        .property("sweep", tasks.spec().name()).property("task", Integer.toString(task));
    point.forEach(m::property);
    m.finish(status, code, java.time.Instant.now(), seconds, failures);
    for (java.nio.file.Path file : outcome.written()) m.output(tasks.pointDir(task), file);
    m.write(tasks.pointDir(task));
  }

  /** Only training stopped on bad numbers (no bug, no I/O problem): the study's own outcome. */
  private static boolean diverged(List<StepFailure> failures) {
    for (StepFailure f : failures) {
      if (f.isInternal() || !f.stepLabel().startsWith("train ")) return false;
    }
    return !failures.isEmpty();
  }

  private static String describe(List<StepFailure> failures) {
    List<String> parts = new ArrayList<>();
    for (StepFailure f : failures) parts.add(f.describe());
    return String.join("; ", parts);
  }
}
