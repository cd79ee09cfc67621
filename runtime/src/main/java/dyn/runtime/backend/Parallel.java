package dyn.runtime.backend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits large matrix products by rows of the result over the machine's cores: the calling
 * thread takes the first share, a persistent pool of daemon threads the rest. Small products
 * stay on the caller, where handing work to another thread would cost more than it saves.
 */
final class Parallel {
  /** Multiply–adds below which a product runs on one thread (a hand-off costs some 10 µs); the
   * medium benchmark's 655k-multiply–add products measured faster split. */
  static final long THRESHOLD = Long.getLong("dyn.gemm.parallelThreshold", 1L << 18);

  private static final int THREADS =
      Math.max(1, Integer.getInteger("dyn.threads", Runtime.getRuntime().availableProcessors()));
  private static final ExecutorService POOL =
      THREADS == 1
          ? null
          : Executors.newFixedThreadPool(
              THREADS - 1,
              r -> {
                Thread t = new Thread(r, "dyn-gemm");
                t.setDaemon(true);
                return t;
              });

  /** The work on rows [lo, hi) of the result. */
  interface RowTask {
    void run(int lo, int hi);
  }

  private Parallel() {}

  static boolean worthIt(int m, int n, int k) {
    return POOL != null && m >= 2 * THREADS && (long) m * n * k >= THRESHOLD;
  }

  /** Runs task over [0, m) in contiguous shares, one per thread, and waits for all of them. */
  static void rows(int m, RowTask task) {
    int parts = Math.min(THREADS, m);
    @SuppressWarnings("unchecked")
    Future<?>[] pending = new Future<?>[parts - 1];
    for (int t = 1; t < parts; t++) {
      int lo = (int) ((long) m * t / parts);
      int hi = (int) ((long) m * (t + 1) / parts);
      pending[t - 1] = POOL.submit(() -> task.run(lo, hi));
    }
    task.run(0, (int) ((long) m / parts));
    try {
      for (Future<?> f : pending) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in a parallel matrix product", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      if (cause instanceof Error) throw (Error) cause;
      throw new IllegalStateException(cause);
    }
  }
}
