package dyn.cli;

import dyn.runtime.exec.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * How {@code dyn run} shows the progress of long steps ({@code --progress MODE}). The launcher
 * defaults to {@link #AUTO}; {@link Main#run} called in-process (tests, golden runs) defaults to
 * {@link #OFF}, so captured output never carries timings.
 */
enum ProgressMode {
  /** A bar on a terminal, lines otherwise. */
  AUTO,
  /** Redrawn bars with an ETA on stderr. */
  BAR,
  /** A plain line every tenth of a step's work or every {@link #LINE_INTERVAL_NANOS}. */
  LINES,
  /** Nothing. */
  OFF;

  /** The longest silence of a running step in lines mode. */
  static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
  /** Under auto, tasks shorter than this print no lines (a quick run stays quiet in logs). */
  static final long LINE_QUIET_NANOS = 1_000_000_000L;

  /** The mode named on the command line. */
  static ProgressMode parse(String name) throws Invocation.UsageError {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Invocation.UsageError("unknown progress mode `" + name + "` (expected auto, bar, lines or off)");
    }
  }

  /** The reporter of this mode; {@code terminal} says stderr is watched by a person. */
  Progress reporter(PrintStream err, boolean terminal) {
    switch (this) {
      case AUTO:
        // Chosen for the user, lines stay quiet for short tasks; asked for, they start at once.
        return terminal ? BAR.reporter(err, true)
            : new LineProgress(err, System::nanoTime, LINE_INTERVAL_NANOS, LINE_QUIET_NANOS);
      case BAR:
        return new BarProgress(err);
      case LINES:
        return new LineProgress(err, System::nanoTime, LINE_INTERVAL_NANOS);
      case OFF:
      default:
        return Progress.OFF;
    }
  }
}
