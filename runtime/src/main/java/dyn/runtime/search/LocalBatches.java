package dyn.runtime.search;

import dyn.runtime.exec.Engine;
import dyn.runtime.sweep.PointCompiler;
import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.PointRunner;
import dyn.runtime.sweep.RunContext;
import dyn.runtime.sweep.TaskList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A search's batches in this process: up to {@code jobs} points at once on a thread pool. */
public final class LocalBatches implements BatchRunner {
  private final PointCompiler compiler;
  private final Engine engine;
  private final RunContext context;
  private final ExecutorService pool;

  public LocalBatches(PointCompiler compiler, Engine engine, RunContext context, int jobs) {
    this.compiler = compiler;
    this.engine = engine;
    this.context = context;
    this.pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "dyn-search");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public List<PointResult> run(TaskList tasks, List<Integer> pending) throws IOException {
    PointRunner runner = new PointRunner(tasks, compiler, engine, context);
    List<Future<PointResult>> futures = new ArrayList<>();
    for (int task : pending) {
      futures.add(pool.submit(() -> {
        try {
          return runner.run(task);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
    List<PointResult> results = new ArrayList<>();
    for (Future<PointResult> f : futures) results.add(get(f));
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static PointResult get(Future<PointResult> f) throws IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException) throw ((UncheckedIOException) e.getCause()).getCause();
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
