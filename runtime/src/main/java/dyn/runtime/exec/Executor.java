package dyn.runtime.exec;

import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.CompareStep;
import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.ParamsSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.agf.AgfFailure;
import dyn.runtime.agf.AgfResult;
import dyn.runtime.agf.AgfSettings;
import dyn.runtime.agf.AgfSolver;
import dyn.runtime.analysis.CoordCheck;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.Ticker;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.graph.Program;
import dyn.runtime.model.Parameters;
import dyn.compiler.plan.KernelHeatmapSpec;
import dyn.compiler.plan.SweepReport;
import dyn.runtime.sweep.ResultTable;
import dyn.runtime.sink.AtomicFiles;
import dyn.runtime.sink.CheckEvaluator;
import dyn.runtime.sink.CoordCheckTable;
import dyn.runtime.sink.CsvSink;
import dyn.runtime.sink.Figures;
import dyn.runtime.sink.HeatmapSink;
import dyn.runtime.sink.JsonSink;
import dyn.runtime.sink.ParamsSink;
import dyn.runtime.sink.Num;
import dyn.runtime.sink.PlotSink;
import dyn.runtime.sink.Series;
import dyn.runtime.sink.TableSink;
import dyn.runtime.sink.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan: data steps, then model steps, then train steps (independent ones in parallel on a
 * small pool), then AGF and kernel-theory predictions and comparisons, then check evaluation, reports in plan order, and finally the check verdicts.
 *
 * <p>Everything written to {@code out} is deterministic (tables and verdicts, in plan order);
 * timings and "wrote FILE" notes go to the optional progress stream. When any data, model or
 * train step fails, no report is written: a failed run never leaves partial results behind.
 */
public final class Executor {
  /** How often a train loop reports its progress (the {@link Ticker}'s target interval). */
  private static final long TICK_NANOS = 100_000_000L;

  private final Engine engine;
  private final int threads;
  private final PrintStream progress;
  private final Progress bars;

  /**
   * @param engine the numerics
   * @param threads the most train steps run at once (at least 1)
   * @param progress where timings go, or null for silence
   */
  public Executor(Engine engine, int threads, PrintStream progress) {
    this(engine, threads, progress, Progress.OFF);
  }

  /**
   * @param engine the numerics
   * @param threads the most train steps run at once (at least 1)
   * @param progress where timings go, or null for silence
   * @param bars how train steps report how far they got ({@link Progress#OFF} for nothing)
   */
  public Executor(Engine engine, int threads, PrintStream progress, Progress bars) {
    this.engine = engine;
    this.threads = Math.max(1, threads);
    this.progress = progress;
    this.bars = bars;
  }

  /** This executor with train progress reported to {@code bars}. */
  public Executor withProgress(Progress bars) {
    return new Executor(engine, threads, progress, bars);
  }

  /** The CPU engine with a pool sized to the machine (at most 4 trains at once). */
  public static Executor cpu(PrintStream progress) {
    return new Executor(Engine.CPU, Math.min(4, Runtime.getRuntime().availableProcessors()), progress);
  }

  /**
   * Executes the plan.
   *
   * @param outDir the folder for CSV/JSON reports (created when first needed)
   * @param out where tables and verdicts are printed
   */
  public RunOutcome run(Plan plan, Path outDir, PrintStream out) {
    List<StepFailure> failures = new ArrayList<>();
    // Each precision's kernels are warmed only when some training will run them.
    for (Step s : plan.steps()) {
      if (s instanceof TheoryStep
          && ((TheoryStep) s).theory() instanceof TheoryStep.Eigenframework) {
        dyn.runtime.kernel.KernelWarmUp.start(); // its solves run after data and trainings
      }
      if (!(s instanceof TrainStep)) continue;
      if (((TrainStep) s).precision() == TrainStep.Precision.FLOAT32) {
        Program.warmUpFloat32Path();
      } else {
        Program.warmUpFusedPath();
      }
    }
    Map<Integer, Dataset> datasets = new HashMap<>();
    Map<Integer, Parameters> thetas = new HashMap<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof DataStep)) continue;
      try {
        datasets.put(s.id(), engine.generate((DataStep) s));
      } catch (dyn.compiler.data.DataException e) {
        // A data file changed since the check, or labels that are not class indices.
        failures.add(StepFailure.of(s, e.getMessage(), null));
      } catch (RuntimeException | Error e) {
        failures.add(StepFailure.internal(s, e));
      }
    }
    if (!failures.isEmpty()) return new RunOutcome(new Results(plan, Map.of()), List.of(), failures);
    for (Step s : plan.steps()) {
      if (!(s instanceof ModelStep)) continue;
      ModelStep m = (ModelStep) s;
      try {
        Dataset aligned = m.init().alignedTo() >= 0 ? datasets.get(m.init().alignedTo()) : null;
        thetas.put(m.id(), engine.draw(m, aligned));
      } catch (RuntimeException | Error e) {
        failures.add(StepFailure.internal(s, e));
      }
    }
    if (!failures.isEmpty()) return new RunOutcome(new Results(plan, Map.of()), List.of(), failures);

    Map<Integer, Trajectory> trajectories = train(plan, datasets, thetas, failures);
    Results results = new Results(plan, trajectories);
    if (!failures.isEmpty()) return new RunOutcome(results, List.of(), failures);

    Map<Integer, AgfResult> predictions = predict(plan, datasets, thetas, failures);
    if (!failures.isEmpty()) return new RunOutcome(results, List.of(), failures);
    results = results.withPredictions(predictions);
    results = results.withTheories(theories(plan, datasets, thetas, failures));
    if (!failures.isEmpty()) return new RunOutcome(results, List.of(), failures);
    List<CompareVerdict> compares = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof CompareStep)) continue;
      try {
        compares.add(Comparisons.run((CompareStep) s, plan, results, predictions));
      } catch (RuntimeException e) {
        failures.add(StepFailure.internal(s, e));
      }
    }
    if (!failures.isEmpty()) return new RunOutcome(results, List.of(), failures);

    CheckEvaluator evaluator = new CheckEvaluator(results::series);
    List<Verdict> verdicts = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s instanceof CheckStep) verdicts.add(evaluator.evaluate((CheckStep) s));
    }
    boolean printed = false;
    List<Path> written = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof ReportStep)) continue;
      ReportStep r = (ReportStep) s;
      List<Series> series = results.select(r.series());
      try {
        switch (r.kind()) {
          case TABLE:
            if (printed) out.println();
            out.print(TableSink.render(series));
            printed = true;
            break;
          case CSV:
            AtomicFiles.writeString(outDir.resolve(r.path()), CsvSink.render(series));
            wrote(written, outDir.resolve(r.path()));
            break;
          case JSON:
            AtomicFiles.write(outDir.resolve(r.path()),
                o -> JsonSink.write(o, plan.script(), plan.params(), series, verdicts,
                    compares.stream().map(v -> new JsonSink.Comparison(v.name(), v.line(),
                        v.result(), v.expect().scriptName(), v.passed()))
                        .collect(java.util.stream.Collectors.toList())));
            wrote(written, outDir.resolve(r.path()));
            break;
          case PLOT:
            AtomicFiles.write(outDir.resolve(r.path()), o -> PlotSink.write(o, r.plot().orElseThrow(),
                series, PlotSink.Format.of(r.path())));
            wrote(written, outDir.resolve(r.path()));
            break;
          case COORD_CHECK:
            CoordCheckSpec cc = r.coordCheck().orElseThrow();
            String table = CoordCheckTable.render(CoordCheck.run(cc, datasets.get(cc.data())));
            if (printed) out.println();
            out.print(table);
            printed = true;
            break;
          case HEATMAP:
            KernelHeatmapSpec h = r.heatmap().orElseThrow();
            ResultTable gram = TheoryPredictions.gramTable(h, datasets.get(h.kernel().data()),
                plan, thetas);
            AtomicFiles.write(outDir.resolve(r.path()), o -> HeatmapSink.write(o,
                new SweepReport.Heatmap("i", "j", h.title(), false, "input i", "input j"), gram,
                PlotSink.Format.of(r.path())));
            wrote(written, outDir.resolve(r.path()));
            break;
          case PARAMS:
            Results ran = results;
            AtomicFiles.write(outDir.resolve(r.path()), o -> exportParams(o, plan, r, thetas, ran));
            wrote(written, outDir.resolve(r.path()));
            break;
        }
      } catch (Figures.NothingToDraw e) {
        failures.add(StepFailure.of(s, "cannot draw " + outDir.resolve(r.path()) + ": " + e.getMessage(),
            Figures.NOTHING_HELP));
      } catch (IOException e) {
        failures.add(StepFailure.of(s, "cannot write " + outDir.resolve(r.path()) + ": " + e.getMessage(),
            "check that the output folder (--out) is writable"));
      } catch (LinkageError e) {
        if (r.kind() != ReportStep.Kind.PLOT && r.kind() != ReportStep.Kind.HEATMAP) throw e;
        failures.add(StepFailure.of(s, Figures.cannotDraw(outDir.resolve(r.path()), e), Figures.HELP));
      } catch (RuntimeException e) {
        failures.add(StepFailure.internal(s, e));
      }
    }
    for (int i = 0; i < compares.size(); i++) {
      if (printed) out.println();
      out.print(compares.get(i).table());
      out.println(compares.get(i).line());
      printed = true;
    }
    if (!verdicts.isEmpty()) {
      if (printed) out.println();
      for (Verdict v : verdicts) out.println(v.line());
    }
    out.flush();
    return new RunOutcome(results, verdicts, failures, compares, written);
  }

  /** Writes a PARAMS report: the train's θ(0) (its model's draw) and its θ at the end. */
  private static void exportParams(java.io.OutputStream o, Plan plan, ReportStep r,
      Map<Integer, Parameters> thetas, Results results) throws IOException {
    ParamsSpec spec = r.params().orElseThrow();
    TrainStep train = plan.step(spec.train(), TrainStep.class);
    ModelStep model = plan.step(train.model(), ModelStep.class);
    Trajectory tr = results.trajectory(spec.train()).orElseThrow();
    Dynamics d = train.dynamics();
    long steps = d instanceof Dynamics.GradientFlow ? -1
        : d instanceof Dynamics.GradientDescent ? ((Dynamics.GradientDescent) d).steps()
        : ((Dynamics.Sgd) d).steps();
    List<dyn.compiler.plan.ParamSpec> specs = model.model().params();
    ParamsSink.write(o, spec.format(), train.name(), model.name(), specs, lrMultipliers(d, specs), List.of(
        new ParamsSink.Snapshot("init", 0.0, steps < 0 ? -1 : 0, thetas.get(train.model())),
        new ParamsSink.Snapshot("final", d.until(), steps, tr.finalParams())));
  }

  /**
   * The multiplier each tensor's step was taken with: Adam's (and AdamW's) own per-tensor rule
   * (under μP n^{−½} on every hidden tensor), else the parametrization's n^{−c}. The export wrote
   * the latter for Adam too, so a replay of a μP Adam run from the file stepped 11× too far at
   * width 128.
   */
  static double[] lrMultipliers(Dynamics d, List<dyn.compiler.plan.ParamSpec> specs) {
    dyn.compiler.plan.Update u = d instanceof Dynamics.GradientDescent gd ? gd.update()
        : d instanceof Dynamics.Sgd sgd ? sgd.update() : dyn.compiler.plan.Update.PLAIN;
    double[] m = new double[specs.size()];
    for (int p = 0; p < m.length; p++) {
      m[p] = u.optimizer() instanceof dyn.compiler.plan.Update.Optimizer.Adam a
          ? a.tensorLr().get(p) : specs.get(p).scaling().lr();
    }
    return m;
  }

  /** Runs every AGF prediction from its model's θ(0); failures are added in plan order. */
  private Map<Integer, AgfResult> predict(
      Plan plan, Map<Integer, Dataset> datasets, Map<Integer, Parameters> thetas, List<StepFailure> failures) {
    Map<Integer, AgfResult> done = new HashMap<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof PredictStep)) continue;
      PredictStep p = (PredictStep) s;
      ModelStep model = plan.step(p.model(), ModelStep.class);
      AgfSettings settings = AgfSettings.defaults().withH(p.step()).withLimits(p.rounds(), p.until())
          .withCost(p.cost(), p.costTol(), p.costSteps());
      long start = System.nanoTime();
      try {
        AgfResult r = AgfSolver.solve(model.model(), thetas.get(p.model()).copy(), datasets.get(p.data()), settings);
        done.put(p.id(), r);
        long unconverged = r.rounds().stream().filter(x -> !x.converged()).count();
        note(p.label() + ": " + r.rounds().size() + " jumps (" + r.stop().name().toLowerCase(java.util.Locale.ROOT)
            + ") in " + Num.format((System.nanoTime() - start) / 1e9, 3) + " s"
            + (unconverged > 0 ? ", " + unconverged + " cost phase(s) stopped at cost_steps" : ""));
        note(p.label() + ": utility phase " + Num.format(r.effort().utilitySeconds(), 3) + " s, cost phase "
            + Num.format(r.effort().costSeconds(), 3) + " s (" + r.effort().costEvaluations()
            + " loss evaluations)" + (Double.isNaN(r.effort().cpuSeconds()) ? ""
            : "; CPU " + Num.format(r.effort().cpuSeconds(), 3) + " s"));
        nearTies(p, r).forEach(this::note);
        for (int k = 0; k < r.rounds().size(); k++) {
          for (int i : r.rounds().get(k).returned()) {
            note(p.label() + ": neuron " + i + " returned to dormant at jump " + (k + 1)
                + " (the cost phase drove it through or toward zero)");
          }
        }
      } catch (AgfFailure f) {
        failures.add(StepFailure.of(p, f.getMessage() + " (model `" + model.name() + "`, init scale "
            + Num.format(model.init().scale()) + ")", f.hint()));
      } catch (RuntimeException | Error e) {
        failures.add(StepFailure.internal(p, e));
      }
    }
    return done;
  }

  /** A dormant neuron at least this close to its threshold (in norm, 1 there) is a near tie. */
  static final double NEAR_TIE = 0.9;

  /**
   * One line per dormant neuron that, at some jump, had already reached {@link #NEAR_TIE} of the
   * threshold norm (said once, at the first such jump). Such a runner-up needs almost no further
   * utility to fire, so it takes whichever feature comes next, early; gradient flow instead learns
   * the tied feature with both neurons (issue 14 item 8: on a 6×8×6 linear net the third jump
   * came 1.3 time units early at every init scale).
   */
  static List<String> nearTies(PredictStep p, AgfResult r) {
    List<String> lines = new ArrayList<>();
    java.util.Set<Integer> said = new java.util.HashSet<>();
    for (int k = 0; k < r.rounds().size(); k++) {
      dyn.runtime.agf.AgfRound j = r.rounds().get(k);
      for (int i = 0; i < j.dormantNorms().length; i++) {
        double n = j.dormantNorms()[i];
        if (Double.isNaN(n) || n < NEAR_TIE || !said.add(i)) continue;
        lines.add(p.label() + ": near tie at jump " + (k + 1) + " (t = " + Num.format(j.time(), 6)
            + ", neuron " + j.neuron() + "): dormant neuron " + i + " has already grown to norm "
            + Num.format(n, 3) + " (threshold 1); gradient flow learns this feature with it too,"
            + " AGF keeps neuron " + i + " dormant at that norm, so a later jump it makes comes early");
      }
    }
    return lines;
  }

  /** Runs every kernel-theory prediction; failures are added in plan order. */
  private Map<Integer, Map<Observable, Series>> theories(
      Plan plan, Map<Integer, Dataset> datasets, Map<Integer, Parameters> thetas,
      List<StepFailure> failures) {
    Map<Integer, Map<Observable, Series>> done = new HashMap<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof TheoryStep)) continue;
      long start = System.nanoTime();
      try {
        TheoryStep t = (TheoryStep) s;
        done.put(s.id(), t.theory() instanceof TheoryStep.Escape
            ? EscapePredictions.run(plan, t, datasets, thetas)
            : t.theory() instanceof TheoryStep.SslStepwise
            ? SslPredictions.run(t, datasets, thetas)
            : TheoryPredictions.run(t, plan, datasets, thetas));
        note(s.label() + ": " + ((TheoryStep) s).theory().method() + " in "
            + Num.format((System.nanoTime() - start) / 1e9, 3) + " s");
      } catch (dyn.runtime.escape.EscapeFailure e) {
        failures.add(StepFailure.of(s, e.getMessage(), e.hint()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        failures.add(StepFailure.of(s, e.getMessage(), null));
      } catch (RuntimeException | OutOfMemoryError e) {
        failures.add(StepFailure.internal(s, e));
      }
    }
    return done;
  }

  /** Runs every train step; failures are added in plan order. */
  private Map<Integer, Trajectory> train(
      Plan plan, Map<Integer, Dataset> datasets, Map<Integer, Parameters> thetas, List<StepFailure> failures) {
    List<TrainStep> trains = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s instanceof TrainStep) trains.add((TrainStep) s);
    }
    Map<Integer, Trajectory> done = new HashMap<>();
    if (trains.isEmpty()) return done;
    int side = Math.min(threads, trains.size());
    if (side == 1) return trainInline(plan, trains, datasets, thetas, failures);
    // Trains side by side take a core each: their products stay on their own thread and
    // OpenBLAS shares the cores out, so nothing is oversubscribed. One train alone keeps the
    // whole machine for its products. Results are the same either way.
    int cores = Runtime.getRuntime().availableProcessors();
    int blasBefore = side > 1 ? CpuBackend.blasThreads(Math.max(1, cores / side)) : -1;
    ExecutorService pool = Executors.newFixedThreadPool(side, r -> {
      Thread t = new Thread(() -> {
        CpuBackend.keepOnThisThread(side > 1);
        r.run();
      }, "dyn-train");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (TrainStep t : trains) {
        ModelStep model = plan.step(t.model(), ModelStep.class);
        Parameters theta0 = thetas.get(t.model());
        Dataset data = datasets.get(t.data());
        // Each trainer gets its own copy of θ(0): trains from one model must not share state.
        futures.add(pool.submit(() -> trainOne(t, model, theta0.copy(), data)));
      }
      for (int i = 0; i < trains.size(); i++) {
        TrainStep t = trains.get(i);
        Object r;
        try {
          r = futures.get(i).get();
        } catch (ExecutionException e) {
          r = StepFailure.internal(t, e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          r = StepFailure.internal(t, e);
        }
        finished(t, r, done, failures);
      }
    } finally {
      pool.shutdownNow();
      if (blasBefore >= 0) CpuBackend.blasThreads(blasBefore);
    }
    return done;
  }

  /**
   * The trains one after another on this thread: what a pool of one thread would do, without
   * starting a thread per run (a sweep point's single train spent more in the pool's start and
   * stop than in its 600 steps). Products may split across cores, as on the pool's thread.
   */
  private Map<Integer, Trajectory> trainInline(Plan plan, List<TrainStep> trains,
      Map<Integer, Dataset> datasets, Map<Integer, Parameters> thetas, List<StepFailure> failures) {
    Map<Integer, Trajectory> done = new HashMap<>();
    boolean serialBefore = CpuBackend.keptOnThisThread();
    CpuBackend.keepOnThisThread(false);
    try {
      for (TrainStep t : trains) {
        ModelStep model = plan.step(t.model(), ModelStep.class);
        Object r = trainOne(t, model, thetas.get(t.model()).copy(), datasets.get(t.data()));
        finished(t, r, done, failures);
      }
    } finally {
      CpuBackend.keepOnThisThread(serialBefore);
    }
    return done;
  }

  /** Files a train's trajectory (and its timing note) or its failure. */
  private void finished(TrainStep t, Object r, Map<Integer, Trajectory> done, List<StepFailure> failures) {
    if (r instanceof StepFailure) {
      failures.add((StepFailure) r);
      return;
    }
    Trajectory tr = (Trajectory) r;
    done.put(t.id(), tr);
    if (tr.stats() != null) {
      note(t.label() + ": " + tr.stats().steps() + " steps"
          + (tr.stats().rejected() > 0 ? " (" + tr.stats().rejected() + " rejected)" : "")
          + " in " + Num.format(tr.stats().seconds(), 3) + " s"
          + " (" + Num.format(tr.stats().steps() / Math.max(1e-9, tr.stats().seconds()), 6)
          + " steps/s)"
          + (tr.stats().jitWaitSeconds() >= 5e-4 ? ", after "
              + Num.format(tr.stats().jitWaitSeconds(), 2) + " s waiting for the JIT" : "")
          + (tr.stats().lossRoseAt() > 0 ? "; the loss first rose at step "
              + tr.stats().lossRoseAt() + " (t = "
              + Num.format(tr.stats().lossRoseAt() * t.dynamics().stepSize(), 6) + ")" : ""));
    }
  }

  /** A trajectory or the failure that stopped it. */
  private Object trainOne(TrainStep t, ModelStep model, Parameters theta0, Dataset data) {
    Progress.Task task = startTask(t);
    boolean completed = false;
    try {
      Ticker ticker = task == Progress.Task.NONE ? Ticker.NONE : new Ticker(task, System::nanoTime, TICK_NANOS);
      Trajectory tr = engine.train(t, model.model(), theta0, data, ticker);
      if (tr == null) throw new IllegalStateException("the trainer returned no trajectory");
      completed = true;
      return tr;
    } catch (TrainingFailure f) {
      return StepFailure.of(t, f);
    } catch (RuntimeException | Error e) {
      return StepFailure.internal(t, e);
    } finally {
      task.finish(completed);
    }
  }

  /** A train's progress task: steps for GD/SGD, time for gradient flow. */
  private Progress.Task startTask(TrainStep t) {
    Dynamics d = t.dynamics();
    if (d instanceof Dynamics.GradientFlow) return bars.start(t.label(), d.until(), Progress.TIME);
    long steps = d instanceof Dynamics.GradientDescent ? ((Dynamics.GradientDescent) d).steps() : ((Dynamics.Sgd) d).steps();
    return bars.start(t.label(), steps, Progress.STEPS);
  }

  private void wrote(List<Path> written, Path file) {
    written.add(file);
    note("wrote " + file);
  }

  private void note(String line) {
    if (progress != null) progress.println(line);
  }
}
