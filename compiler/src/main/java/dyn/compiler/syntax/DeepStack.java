package dyn.compiler.syntax;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a thread with a large stack. Every pass over a script (the ANTLR parser, the AST
 * builder, resolver, checker, planner and printers) recurses once per level of expression
 * nesting, and a flat sum of N terms is N levels deep; a default 1 MB thread stack overflows at
 * a few thousand. The parser refuses expressions deeper than {@link Parse#MAX_DEPTH}
 * with a positioned diagnostic; this stack holds that depth with a wide margin in every pass,
 * so no pass needs rewriting as a loop. The stack is reserved address space: the memory is
 * touched only as deep as the recursion actually goes.
 */
public final class DeepStack {
  /** The stack of the worker thread. */
  public static final long STACK_BYTES = 512L << 20;

  private DeepStack() {}

  /** A thread this class started: work already on one runs in place instead of nesting threads. */
  private static final class Deep extends Thread {
    Deep(Runnable r, String name) {
      super(null, r, name, STACK_BYTES);
      setDaemon(true);
    }
  }

  /**
   * A daemon thread with the large stack, for a pool whose tasks compile (a sweep's points): work
   * on it runs in place, where {@link #call} would start a thread of its own per call (starting
   * one costs about as much as compiling a small script).
   */
  public static Thread newThread(Runnable r, String name) {
    return new Deep(r, name);
  }

  /** True on a thread with the large stack. */
  public static boolean onDeepStack() {
    return Thread.currentThread() instanceof Deep;
  }

  /**
   * Runs {@code work} on a large-stack thread and returns its result; an exception or error it
   * throws is rethrown here unchanged (its stack trace is the worker's, which {@code --debug}
   * shows). An interrupt of the caller is passed on to the worker, and the caller keeps waiting
   * for it to stop, so work never outlives its caller.
   */
  public static <T> T call(String name, Supplier<T> work) {
    if (onDeepStack()) return work.get();
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Deep worker = new Deep(() -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, name);
    worker.start();
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        worker.interrupt();
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    Throwable t = thrown.get();
    if (t instanceof RuntimeException) throw (RuntimeException) t;
    if (t instanceof Error) throw (Error) t;
    if (t != null) throw new IllegalStateException(t);
    return result.get();
  }
}
