package dyn.compiler.plan;

import dyn.compiler.check.CoordChecks;
import dyn.compiler.check.Instances;
import dyn.compiler.check.Observations;
import dyn.compiler.check.Outputs;
import dyn.compiler.check.ParamValues;
import dyn.compiler.check.KernelPredictions;
import dyn.compiler.check.Predictions;
import dyn.compiler.check.Sizes;
import dyn.compiler.check.Trains;
import dyn.compiler.check.Value;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a resolved program and builds its {@link Plan}. Steps come in a fixed order: data (in
 * source order), then models, then trains, then AGF predictions, then comparisons, then reports,
 * then checks, each group in source
 * order, so a step's dependencies always have smaller ids. Every statement is checked even after
 * another failed; the plan exists only when there were no errors.
 */
public final class Planner {
  private Planner() {}

  /**
   * The plan, or empty when any error was reported (in the program's units). {@code atPoint}
   * when the program is one point of its sweep (its values among the overrides): then the plan's
   * sweep keeps its params, axes and metrics but not its points or what is derived from all of
   * them; a point runs its own values only, and enumerating the whole grid at every point made a
   * sweep's compiles quadratic (eta_gamma: 741 × 741 rows).
   *
   * @param commandLine the params the user set on the command line (a sweep point's own values
   *     are overrides too, but sweeping them is what a point is)
   */
  public static Optional<Plan> plan(Program program, java.util.Set<String> commandLine,
      boolean atPoint) {
    var diags = program.main().diags();
    int errorsBefore = errorCount(program);
    Map<String, Value> params = ParamValues.evaluate(program, diags);
    Map<String, Value> top = new LinkedHashMap<>(params);
    for (Stmt.Instance s : program.instances().values()) {
      top.put(s.name().name(), new Value.Ref(s.name().name()));
    }
    for (String init : Builtins.INITS) top.putIfAbsent(init, new Value.Ref(init));
    for (String p : Builtins.PARAMETRIZATIONS) top.putIfAbsent(p, new Value.Ref(p));
    for (String l : Builtins.LOSSES) top.putIfAbsent(l, new Value.Ref(l));
    for (String l : Builtins.SCHEDULES) top.putIfAbsent(l, new Value.Ref(l));

    List<Stmt.Instance> dataStmts = of(program, Stmt.InstanceKind.DATA);
    List<Stmt.Instance> modelStmts = of(program, Stmt.InstanceKind.MODEL);
    List<Stmt.Instance> trainStmts = of(program, Stmt.InstanceKind.TRAIN);
    List<Stmt.Instance> predictStmts = of(program, Stmt.InstanceKind.PREDICT);
    List<Stmt.Instance> compareStmts = of(program, Stmt.InstanceKind.COMPARE);
    List<Step> steps = new ArrayList<>();
    int id = 0;

    Instances instances = new Instances(program, top);
    Map<String, Instances.DataInfo> data = new LinkedHashMap<>();
    for (Stmt.Instance s : dataStmts) {
      int my = id++;
      instances.data(s, my).ifPresent(d -> data.put(s.name().name(), d));
    }
    Map<String, Instances.ModelInfo> models = new LinkedHashMap<>();
    for (Stmt.Instance s : modelStmts) {
      int my = id++;
      instances.model(s, my, data).ifPresent(m -> models.put(s.name().name(), m));
    }
    Trains trains = new Trains(diags, top, program.instances().values());
    Map<String, Trains.TrainInfo> checked = new LinkedHashMap<>();
    for (Stmt.Instance s : trainStmts) {
      int my = id++;
      trains.train(s, my, models, data).ifPresent(t -> checked.put(s.name().name(), t));
    }
    if (errorCount(program) == errorsBefore) Sizes.plan(diags, data.values(), models.values(), checked.values());
    // Reports and checks are checked even when a train failed, so one run shows every error.
    Map<String, Observations.Recorded> recorded =
        new Observations(diags, top).plan(program.observes(), new ArrayList<>(checked.values()));
    if (errorCount(program) == errorsBefore) Sizes.records(diags, checked.values(), recorded);

    data.values().forEach(d -> steps.add(d.step()));
    models.values().forEach(m -> steps.add(m.step()));
    for (Trains.TrainInfo t : checked.values()) {
      Observations.Recorded r = recorded.get(t.name());
      steps.add(new TrainStep(t.id(), t.name(), diags.origin(t.stmt().span()),
          t.model().step().id(), t.data().step().id(), t.loss(), t.dynamics(),
          r.times(), r.observables(), r.grids(), r.fourierPower(), r.layerSpectra(), t.precision(),
          t.barlowTwins()));
    }
    Predictions predictions = new Predictions(diags, top, program.instances().values());
    // `linearized(net, …)` is sampled where the trains of `net` record.
    Map<Integer, java.util.TreeSet<Double>> trainTimes = new java.util.HashMap<>();
    checked.values().forEach(t -> trainTimes.computeIfAbsent(t.model().step().id(),
        k -> new java.util.TreeSet<>()).addAll(recorded.get(t.name()).times()));
    KernelPredictions kernels = new KernelPredictions(diags, top, predictions,
        Runtime.getRuntime().maxMemory()).withTimes(trainTimes);
    Map<String, PredictStep> predicts = new LinkedHashMap<>();
    Map<String, TheoryStep> theories = new LinkedHashMap<>();
    // Kernels first, so that `krr(k, …)` finds its kernel wherever the script declares it.
    predictStmts.sort(java.util.Comparator.comparing(s -> !KernelPredictions.isKernel(s)));
    for (Stmt.Instance s : predictStmts) {
      int my = id++;
      if (KernelPredictions.handles(s)) {
        kernels.predict(s, my, models, data, theories).ifPresent(t -> {
          theories.put(s.name().name(), t);
          steps.add(t);
        });
        continue;
      }
      predictions.predict(s, my, models, data).ifPresent(p -> {
        predicts.put(s.name().name(), p);
        steps.add(p);
      });
    }
    // After the predictions: a report or check may name a predicted staircase, `agf1.loss`, or
    // a kernel theory's series, `e.test_mse`.
    Outputs outputs = new Outputs(program.main(), top, checked, recorded, predicts, theories);
    dyn.compiler.check.CompareChecks compares = new dyn.compiler.check.CompareChecks(diags, top,
        outputs, predicts, theories, recorded);
    for (Stmt.Instance s : compareStmts) compares.compare(s, id++).ifPresent(steps::add);
    CoordChecks coordChecks = new CoordChecks(program, top, instances);
    dyn.compiler.check.ReportFiles files = new dyn.compiler.check.ReportFiles(diags,
        dyn.compiler.check.ReportFiles.RUN, "the output folder (or a sweep point's)");
    for (Stmt.Report r : program.reports()) {
      Optional<ReportStep> s = CoordChecks.handles(r) ? coordChecks.report(r, id++, models, data)
          : Optional.ofNullable(outputs.report(r, id++));
      if (s.isPresent() && !s.get().path().isEmpty() && !files.claim(s.get().path(), fileSpan(r, s.get().path()))) {
        continue;
      }
      s.ifPresent(steps::add);
    }
    for (Stmt.Check c : program.checks()) {
      CheckStep s = outputs.check(c, id++);
      if (s != null) steps.add(s);
    }
    Optional<dyn.compiler.plan.SweepSpec> sweep =
        dyn.compiler.sweep.SweepPlanner.plan(program, top, outputs, commandLine, atPoint);
    if (errorCount(program) > errorsBefore || steps.size() != id) return Optional.empty();
    return Optional.of(new Plan(program.main().source().path(),
        ParamValues.record(program, params), steps, sweep,
        program.backend().map(b -> b.name().name())));
  }

  /** Where a report names its file: the string argument that is that path, else the statement. */
  private static dyn.compiler.source.Span fileSpan(Stmt.Report r, String path) {
    for (var a : r.call().args()) {
      if (a.value() instanceof dyn.compiler.syntax.Expr.Str str && str.value().equals(path)) return a.span();
    }
    return r.span();
  }

  private static List<Stmt.Instance> of(Program p, Stmt.InstanceKind kind) {
    List<Stmt.Instance> out = new ArrayList<>();
    for (Stmt.Instance s : p.instances().values()) if (s.kind() == kind) out.add(s);
    return out;
  }

  private static int errorCount(Program p) {
    int n = count(p.main());
    for (var u : p.modules()) n += count(u);
    return n;
  }

  private static int count(dyn.compiler.resolve.Unit u) {
    return (int) u.diags().list().stream()
        .filter(d -> d.severity() == dyn.compiler.diag.Diagnostic.Severity.ERROR).count();
  }
}
