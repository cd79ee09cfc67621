package dyn.runtime.dynamics;

import java.util.function.LongSupplier;

/**
 * Paces progress reports from a training loop so that they cost nothing measurable. The loop
 * keeps {@code long next = ticker.first()} and, once per step, compares its step counter with it:
 *
 * <pre>{@code if (k == next) next = ticker.tick(k, done, t);}</pre>
 *
 * That comparison is the whole per-step cost: no call, no allocation. {@link #tick} reports to the
 * listener, reads the clock, and returns the next step to report at; the stride doubles while
 * reports come faster than the target interval and halves when they come slower, so a loop of
 * microsecond steps reports every few thousand steps and a loop of second-long steps every step.
 *
 * <p>A ticker belongs to one loop on one thread. {@link #NONE} never fires.
 */
public final class Ticker {
  /** What receives the reports: how much of the task is done and the model time reached. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param done units done (steps for GD/SGD, time for gradient flow)
     * @param t the model time reached (t = k·lr for descent)
     */
    void advance(double done, double t);
  }

  /** A ticker whose {@link #first()} is never reached: progress off. */
  public static final Ticker NONE = new Ticker(null, () -> 0L, 1);

  private final Listener listener;
  private final LongSupplier nanoClock;
  private final long targetNanos;
  private long stride = 1;
  private long lastNanos;

  /**
   * @param listener where reports go
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   * @param targetNanos the wanted time between reports
   */
  public Ticker(Listener listener, LongSupplier nanoClock, long targetNanos) {
    this.listener = listener;
    this.nanoClock = nanoClock;
    this.targetNanos = Math.max(1, targetNanos);
  }

  /** The step at which the loop first calls {@link #tick}; {@code Long.MAX_VALUE} for {@link #NONE}. */
  public long first() {
    if (listener == null) return Long.MAX_VALUE;
    lastNanos = nanoClock.getAsLong();
    return 1;
  }

  /**
   * Reports and returns the next step at which to call again.
   *
   * @param k the loop's step counter, equal to the value last returned
   * @param done units done
   * @param t model time reached
   */
  public long tick(long k, double done, double t) {
    if (listener == null) return Long.MAX_VALUE;
    listener.advance(done, t);
    long now = nanoClock.getAsLong();
    long took = now - lastNanos;
    lastNanos = now;
    if (took < targetNanos / 2 && stride < (1L << 40)) stride *= 2;
    else if (took > 2 * targetNanos && stride > 1) stride /= 2;
    return k + stride;
  }
}
