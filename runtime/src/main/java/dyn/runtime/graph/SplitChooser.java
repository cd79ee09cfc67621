package dyn.runtime.graph;

/**
 * Decides, by measuring, whether the passes of a training loop should be split over the cores.
 * A split pays on an idle machine and costs dearly on a busy one (every hand-off then waits for
 * the scheduler), so the loop times blocks of passes both ways, keeps the faster, and measures
 * again from time to time as the load changes. The choice only moves work between threads: the
 * numbers computed are the same either way.
 */
final class SplitChooser {
  /** Passes per timed block. */
  private static final int BLOCK = 32;
  /** Passes between re-measurements. */
  private static final int PERIOD = 4096;

  private final boolean possible;
  private long pass;
  private long blockStart;
  private long serialNanos;
  private boolean split;

  /** @param possible whether splitting is worth trying at all (the work is large enough) */
  SplitChooser(boolean possible) {
    this.possible = possible;
    this.split = false;
  }

  /** Whether the next pass should split; call once per pass. */
  boolean next() {
    if (!possible) return false;
    long phase = pass++ % PERIOD;
    // Passes [0, BLOCK) run serial while the code warms up, [BLOCK, 2·BLOCK) serial and timed,
    // [2·BLOCK, 3·BLOCK) split and timed; the faster way runs until the next measurement.
    if (phase == BLOCK) {
      blockStart = System.nanoTime();
      split = false;
    } else if (phase == 2 * BLOCK) {
      long now = System.nanoTime();
      serialNanos = now - blockStart;
      blockStart = now;
      split = true;
    } else if (phase == 3 * BLOCK) {
      split = System.nanoTime() - blockStart < serialNanos;
    }
    return split;
  }
}
