package dyn.runtime.search;

import dyn.compiler.plan.SearchSpec;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.exec.Engine;
import dyn.runtime.sink.Num;
import dyn.runtime.sweep.PointCompiler;
import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.RunContext;
import dyn.runtime.sweep.SweepKey;
import dyn.runtime.sweep.TaskList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a search: asks {@link Carbs} for a batch of {@code jobs} suggestions, runs them as sweep
 * points (the same point runner, folders and result files as a grid) through a {@link BatchRunner}
 * (here, or a Slurm job array), observes them, and repeats until the budget is spent.
 *
 * <p>Resuming: the search is replayed from its first suggestion. Suggestion i depends only on the
 * seed, the batch size and the observations before it, so the replay suggests the same values;
 * a point whose {@code result.json} is already there with the same key (script, overrides and
 * values) is read instead of run. A killed search therefore continues where it stopped and ends
 * with the same points and frontier as an uninterrupted one with the same seed and {@code --jobs}.
 */
public final class SearchRunner {
  /** A guard for a cost budget that nothing spends (every point failed with a NaN cost). */
  static final int MAX_POINTS = 10_000;

  private final SweepSpec spec;
  private final SearchSpec search;
  private final Path outDir;
  private final SweepKey key;
  private final PointCompiler compiler;
  private final Engine engine;
  private final PrintStream progress;
  private final RunContext context;
  private BatchRunner batches;
  private int pointThreads = Integer.MAX_VALUE;

  /** @param progress where one line per point goes, or null */
  public SearchRunner(SweepSpec spec, Path outDir, SweepKey key, PointCompiler compiler, Engine engine,
      PrintStream progress, RunContext context) {
    this.spec = spec;
    this.search = spec.search().orElseThrow(() -> new IllegalArgumentException("not a search"));
    this.outDir = outDir;
    this.key = key;
    this.compiler = compiler;
    this.engine = engine;
    this.progress = progress;
    this.context = context;
  }

  /**
   * Runs the batches with {@code batches} (a Slurm job array, say) instead of on this machine;
   * the search closes it when done.
   */
  public SearchRunner withBatches(BatchRunner batches) {
    this.batches = batches;
    return this;
  }

  /**
   * Runs at most {@code n} of a batch's points at once on this machine (a GPU backend runs one
   * train at a time); the batch is still suggested {@code jobs} at a time, so the points are the
   * same.
   */
  public SearchRunner withPointThreads(int n) {
    this.pointThreads = Math.max(1, n);
    return this;
  }

  /** What a run did, and the task list of every point, for gathering. */
  public record Summary(TaskList tasks, int reused, int ran) {}

  /** Runs (or replays) the search with {@code jobs} suggestions in flight at once. */
  public Summary run(int jobs) throws IOException {
    Carbs carbs = new Carbs(search);
    List<List<Double>> points = new ArrayList<>();
    double spent = 0;
    int reused = 0;
    int ran = 0;
    TaskList tasks = new TaskList(spec.withPoints(points), outDir, key);
    note("search " + spec.name() + ": carbs over " + String.join(", ", spec.params()) + ", budget "
        + (search.budget() > 0 ? search.budget() + " points" : "") + (search.budget() > 0
        && Double.isFinite(search.costBudget()) ? " or " : "") + (Double.isFinite(search.costBudget())
        ? "cost " + Num.format(search.costBudget()) : "") + ", " + jobs + " at a time, seed " + search.seed());
    try (BatchRunner runner = batches != null ? batches : new LocalBatches(compiler, engine, context, Math.min(jobs, pointThreads))) {
      while (more(points.size(), spent)) {
        int batch = search.budget() > 0 ? Math.min(jobs, search.budget() - points.size()) : jobs;
        int first = points.size();
        List<double[]> outstanding = new ArrayList<>();
        for (int j = 0; j < batch; j++) {
          double[] v = carbs.suggest(first + j, outstanding);
          outstanding.add(v);
          List<Double> row = new ArrayList<>();
          for (double x : v) row.add(x);
          points.add(row);
        }
        tasks = new TaskList(spec.withPoints(points), outDir, key);
        tasks.write();
        // Recorded points are read here, whoever runs the rest: resuming is the same everywhere.
        List<PointResult> results = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int t = first; t < first + batch; t++) {
          Optional<PointResult> done = tasks.finished(t);
          results.add(done.orElse(null));
          if (done.isEmpty()) pending.add(t);
        }
        if (!pending.isEmpty()) {
          List<PointResult> fresh = runner.run(tasks, pending);
          for (int i = 0; i < pending.size(); i++) results.set(pending.get(i) - first, fresh.get(i));
        }
        for (int j = 0; j < batch; j++) {
          PointResult r = results.get(j);
          Observation o = observation(r, outstanding.get(j));
          carbs.observe(o);
          if (Double.isFinite(o.cost())) spent += o.cost();
          int t = first + j;
          boolean isFresh = pending.contains(t);
          if (isFresh) ran++;
          else reused++;
          note("[" + (t + 1) + (search.budget() > 0 ? "/" + search.budget() : "") + "] task " + t + " "
              + tasks.describe(t) + ": " + (isFresh ? "" : "recorded, ")
              + (r.status() == PointResult.Status.FAILED ? "FAILED (" + r.message().orElse("") + ")"
                  : r.metrics().getOrDefault(SweepSpec.DIVERGED, 0.0) > 0 ? "diverged"
                  : o.failed() ? search.objective() + " = " + Num.format(o.output()) + " (not finite: a failure)"
                  : search.objective() + " = " + Num.format(o.output()))
              + ", cost " + Num.format(o.cost()));
        }
      }
    }
    note("search " + spec.name() + ": " + points.size() + " points, " + ran + " run, " + reused + " recorded");
    return new Summary(tasks, reused, ran);
  }

  private boolean more(int n, double spent) {
    if (n >= MAX_POINTS) return false;
    if (search.budget() > 0 && n >= search.budget()) return false;
    return spent < search.costBudget();
  }

  /** A point's result as the search sees it: failed, diverged or non-finite is a failure. */
  Observation observation(PointResult r, double[] values) {
    boolean ok = r.status() == PointResult.Status.OK
        && r.metrics().getOrDefault(SweepSpec.DIVERGED, 0.0) == 0;
    double output = ok ? r.metrics().getOrDefault(search.objective(), Double.NaN) : Double.NaN;
    double cost = search.cost().isPresent()
        ? r.metrics().getOrDefault(search.cost().get(), Double.NaN) : r.seconds();
    return new Observation(values, output, cost, !ok);
  }

  private synchronized void note(String line) {
    if (progress != null) progress.println(line);
  }
}
