package dyn.runtime.sweep;

import dyn.runtime.exec.Engine;
import dyn.runtime.exec.Progress;
import dyn.runtime.sink.Num;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the points of a sweep locally: every task that is not DONE (a result.json with status ok
 * and the current key), {@code jobs} at a time. Finished points are never recomputed, so an
 * interrupted sweep resumes where it stopped, and a changed script (another key) reruns all.
 */
public final class SweepRunner {
  private final TaskList tasks;
  private final PointRunner points;
  private final PrintStream progress;
  private Progress bar = Progress.OFF;
  private boolean everyPoint;
  private int batchSize = DEFAULT_BATCH;
  private java.util.function.BiFunction<Runnable, String, Thread> threads = Thread::new;

  /** @param progress where the sweep's opening line and its failed points go, or null */
  public SweepRunner(TaskList tasks, PointCompiler compiler, Engine engine, PrintStream progress) {
    this(tasks, compiler, engine, progress, null);
  }

  /**
   * @param progress where the sweep's opening line and its failed points go, or null
   * @param context what each point's manifest records besides its plan, or null for none
   */
  public SweepRunner(TaskList tasks, PointCompiler compiler, Engine engine, PrintStream progress,
      RunContext context) {
    this.tasks = tasks;
    this.points = new PointRunner(tasks, compiler, engine, context);
    this.progress = progress;
  }

  /** Reports points done of the points to run ({@link Progress#POINTS}) during {@link #runAll}. */
  public SweepRunner withProgress(Progress p) {
    this.bar = p;
    return this;
  }

  /**
   * Also writes a line for every point that ends well ({@code --verbose}). Off by default: a sweep
   * of 741 points would put 741 lines in a log, while {@link #withProgress} already says how far it
   * got every tenth; failed points always get their line.
   */
  public SweepRunner withEveryPoint(boolean on) {
    this.everyPoint = on;
    return this;
  }

  /**
   * Makes the threads that run points (a runnable and a name in, an unstarted thread out). The
   * command line gives threads on which compiling a point needs no thread of its own.
   */
  public SweepRunner withThreads(java.util.function.BiFunction<Runnable, String, Thread> factory) {
    this.threads = factory;
    return this;
  }

  /**
   * The most points one thread runs as a batch ({@link PointRunner#runBatch}); 1 runs every
   * point alone. Default {@link #DEFAULT_BATCH}.
   */
  public SweepRunner withBatchSize(int size) {
    this.batchSize = Math.max(1, size);
    return this;
  }

  /**
   * The default batch: large enough that a batch's shared work (its data, its θ(0), the set-up)
   * is spread thin, small enough that a sweep's first results and its progress come early.
   */
  public static final int DEFAULT_BATCH = 64;

  /** Writes tasks.tsv. */
  public void prepare() throws IOException {
    tasks.write();
  }

  /** Runs one task unless it is DONE; empty when it was. */
  public Optional<PointResult> runTask(int task) throws IOException {
    if (tasks.done(task).isPresent()) return Optional.empty();
    return Optional.of(points.run(task));
  }

  /**
   * Runs the tasks that are not DONE, in batches of at most the batch size, on this thread (a
   * Slurm array task given a range of points); the results of those it ran, in task order.
   */
  public List<PointResult> runTasks(List<Integer> range) throws IOException {
    List<Integer> todo = new ArrayList<>();
    for (int t : range) if (tasks.done(t).isEmpty()) todo.add(t);
    List<PointResult> out = new ArrayList<>();
    for (List<Integer> batch : batches(todo, 1)) {
      out.addAll(batch.size() == 1 ? List.of(points.run(batch.get(0))) : points.runBatch(batch));
    }
    return out;
  }

  /** What a local run did. */
  public record Summary(int total, int alreadyDone, int ran, int failed) {}

  /** Prepares, then runs every task that is not DONE on {@code jobs} threads. */
  public Summary runAll(int jobs) throws IOException {
    prepare();
    List<Integer> todo = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) if (tasks.done(t).isEmpty()) todo.add(t);
    int already = tasks.size() - todo.size();
    note("sweep " + tasks.spec().name() + ": " + tasks.size() + " points, " + already
        + " already done, " + todo.size() + " to run on " + jobs + " thread" + (jobs == 1 ? "" : "s"));
    Progress.Task task = bar.start("sweep " + tasks.spec().name(), todo.size(), Progress.POINTS);
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = threads.apply(r, "dyn-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<Integer> batch : batches(todo, jobs)) {
        futures.add(pool.submit(() -> {
          List<PointResult> done;
          try {
            done = batch.size() == 1 ? List.of(points.run(batch.get(0))) : points.runBatch(batch);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          for (PointResult r : done) {
            int t = r.task();
            boolean ok = r.status() == PointResult.Status.OK;
            if (!ok) failed.incrementAndGet();
            boolean diverged = ok && r.metrics().getOrDefault(dyn.compiler.plan.SweepSpec.DIVERGED, 0.0) > 0;
            String outcome = "task " + t + " " + tasks.describe(t) + ": "
                + (ok ? (diverged ? "diverged" : "ok") : "FAILED (" + r.message().orElse("") + ")")
                + " in " + Num.format(r.seconds(), 3) + " s";
            finished(finished, todo.size(), everyPoint || !ok ? outcome : null, task);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException) throw ((UncheckedIOException) e.getCause()).getCause();
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
      task.finish(finished.get() == todo.size());
    }
    return new Summary(tasks.size(), already, todo.size(), failed.get());
  }

  /**
   * The tasks cut into runs of consecutive tasks, each handed to one thread as a batch: at most
   * {@link #withBatchSize the batch size}, and small enough that every thread gets work.
   */
  List<List<Integer>> batches(List<Integer> todo, int jobs) {
    int size = Math.max(1, Math.min(batchSize, (todo.size() + jobs - 1) / Math.max(1, jobs)));
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < todo.size(); i += size) {
      out.add(List.copyOf(todo.subList(i, Math.min(todo.size(), i + size))));
    }
    return out;
  }

  private synchronized void note(String line) {
    if (progress != null) progress.println(line);
  }

  /**
   * Counts a finished point and reports it. Counting under the same lock as reporting keeps the
   * count monotone: two threads that counted outside it reported 2/N before 1/N, and the tenth
   * that 1/N passed was never printed.
   *
   * @param outcome the point's line after its {@code [n/N]}, or null for none
   */
  private synchronized void finished(AtomicInteger finished, int total, String outcome, Progress.Task task) {
    int n = finished.incrementAndGet();
    if (outcome != null) note("[" + n + "/" + total + "] " + outcome);
    task.advance(n, Double.NaN);
  }
}
