package dyn.runtime.backend;

import java.util.concurrent.locks.LockSupport;

/**
 * Splits large matrix products by rows of the result over the machine's cores: the calling
 * thread takes the first share, persistent daemon workers the rest. Small products stay on the
 * caller, where handing work to another thread would cost more than it saves.
 *
 * <p>A training loop hands work over twice per step, some ten microseconds apart, so a worker
 * that has just finished spins briefly for the next share before it parks: a park/unpark round
 * trip costs tens of microseconds, a spinning hand-off well under one. Which rows a thread
 * computes never changes what is computed: results do not depend on the split.
 *
 * <p>{@link #serialOnThisThread} lets a caller that already runs several trainings at once keep
 * each one on its own core (no oversubscription).
 */
final class Parallel {
  /** Multiply–adds below which a product runs on one thread; the medium benchmark's
   * 655k-multiply–add products measured faster split. */
  static final long THRESHOLD = Long.getLong("dyn.gemm.parallelThreshold", 1L << 18);

  private static final int THREADS =
      Math.max(1, Integer.getInteger("dyn.threads", Runtime.getRuntime().availableProcessors()));

  /** How long an idle worker spins before parking, in nanoseconds. */
  private static final long SPIN_NANOS = 200_000;

  private static final Worker[] WORKERS = startWorkers();

  private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> false);

  /** The work on rows [lo, hi) of the result. */
  interface RowTask {
    void run(int lo, int hi);
  }

  private Parallel() {}

  private static Worker[] startWorkers() {
    Worker[] w = new Worker[THREADS - 1];
    for (int i = 0; i < w.length; i++) {
      w[i] = new Worker(i);
      w[i].start();
    }
    return w;
  }

  /** Keeps this thread's products on this thread (or lets them split again). */
  static void serialOnThisThread(boolean serial) {
    SERIAL.set(serial);
  }

  static boolean serialOnThisThread() {
    return SERIAL.get();
  }

  static boolean worthIt(int m, int n, int k) {
    return THREADS > 1 && m >= 2 * THREADS && (long) m * n * k >= THRESHOLD && !SERIAL.get();
  }

  /**
   * Runs task over [0, m) in contiguous shares and waits for all of them: one share per thread,
   * but no more shares than {@code work} (multiply–adds in all) fills at {@link #THRESHOLD}
   * each, and never fewer than two. On a 16-core machine the medium benchmark's pass measured
   * 5,000 steps/s in 16 shares, 7,000 in 8 and 5,100 in 4: every share costs a hand-off and a
   * wait, and a share of ~100k multiply–adds no longer pays for them. On two cores nothing
   * changes (a split is two shares).
   */
  static void rows(int m, long work, RowTask task) {
    int parts = (int) Math.min(Math.min(THREADS, m), Math.max(2, work / THRESHOLD));
    // Workers are shared by every thread that splits work; one split at a time.
    synchronized (WORKERS) {
      for (int t = 1; t < parts; t++) {
        WORKERS[t - 1].post(task, (int) ((long) m * t / parts), (int) ((long) m * (t + 1) / parts));
      }
      Throwable failure = null;
      try {
        task.run(0, (int) ((long) m / parts));
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      for (int t = 1; t < parts; t++) {
        Throwable f = WORKERS[t - 1].await();
        if (failure == null) failure = f;
      }
      if (failure instanceof RuntimeException) throw (RuntimeException) failure;
      if (failure instanceof Error) throw (Error) failure;
    }
  }

  /** A daemon thread that runs one share at a time. */
  private static final class Worker extends Thread {
    private RowTask task;
    private int lo;
    private int hi;
    private Throwable failure;
    /** Shares posted and shares finished; the volatile writes publish the fields above. */
    private volatile long posted;
    private volatile long finished;
    private volatile boolean parked;

    Worker(int i) {
      super("dyn-gemm-" + i);
      setDaemon(true);
    }

    void post(RowTask t, int from, int to) {
      task = t;
      lo = from;
      hi = to;
      failure = null;
      posted = posted + 1;
      if (parked) LockSupport.unpark(this);
    }

    Throwable await() {
      long target = posted;
      long start = System.nanoTime();
      while (finished != target) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      return failure;
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        long start = System.nanoTime();
        while (posted == seen) {
          if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
          } else {
            parked = true;
            if (posted == seen) LockSupport.park(this);
            parked = false;
          }
        }
        seen = posted;
        try {
          task.run(lo, hi);
        } catch (Throwable e) {
          failure = e;
        }
        finished = seen;
      }
    }
  }
}
