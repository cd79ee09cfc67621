package dyn.runtime.graph;

import java.util.function.LongSupplier;

/**
 * Decides, by measuring, whether the passes of a training loop should be split over the cores.
 * A split pays on an idle machine and costs dearly on a busy one (every hand-off then waits for
 * the scheduler), so the loop times blocks of passes both ways, keeps the faster, and measures
 * again from time to time as the load changes. The choice only moves work between threads: the
 * numbers computed are the same either way.
 *
 * <p>Each way is timed only after a block run that way untimed. A split block that follows
 * thousands of serial passes starts with the workers parked, their core possibly halted by the
 * hypervisor, and the data in the other core's cache: timed at once, it measured up to twice its
 * steady cost, and the medium benchmark stayed serial (~6,600 passes/s) where a split ran
 * 7,400–10,400 (bench/README.md). The first measurement also comes early and the second soon
 * after, since the first runs code the JIT has not finished.
 */
final class SplitChooser {
  /** Passes per block, timed or not. */
  static final int BLOCK = 32;
  /** Passes between measurements once the loop is warm. */
  static final int PERIOD = 4096;
  /** Where the first two measurements start: early, then again once the code is compiled. */
  static final int FIRST = 128;
  static final int SECOND = 1024;

  private final boolean possible;
  private final LongSupplier clock;
  private long pass;
  private long blockStart;
  private long serialNanos;
  private boolean split;

  /** @param possible whether splitting is worth trying at all (the work is large enough) */
  SplitChooser(boolean possible) {
    this(possible, System::nanoTime);
  }

  /** With the clock the blocks are timed by (tests give their own). */
  SplitChooser(boolean possible, LongSupplier clock) {
    this.possible = possible;
    this.clock = clock;
    this.split = false;
  }

  /** Whether the next pass should split; call once per pass. */
  boolean next() {
    if (!possible) return false;
    long at = measuringFor(pass++);
    // A measurement is four blocks: serial untimed, serial timed, split untimed, split timed;
    // the faster way then runs until the next one.
    if (at == 0) {
      split = false;
    } else if (at == BLOCK) {
      blockStart = clock.getAsLong();
    } else if (at == 2 * BLOCK) {
      serialNanos = clock.getAsLong() - blockStart;
      split = true;
    } else if (at == 3 * BLOCK) {
      blockStart = clock.getAsLong();
    } else if (at == 4 * BLOCK) {
      split = clock.getAsLong() - blockStart < serialNanos;
    }
    return split;
  }

  /** How far pass p lies into the measurement under way, or -1 outside one. */
  private static long measuringFor(long p) {
    long start = p < SECOND ? FIRST : p < PERIOD ? SECOND : p - p % PERIOD;
    long at = p - start;
    return at >= 0 && at <= 4 * BLOCK ? at : -1;
  }
}
