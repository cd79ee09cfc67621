package dyn.cli;

import dyn.runtime.exec.Progress;
import dyn.runtime.sink.Num;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for logs and CI where a redrawn bar would be noise: a task prints a
 * line each time it passes another tenth of its work, or when {@code interval} has passed since
 * its last line, whichever comes first, and one line when it ends:
 *
 * <pre>
 * train gd: 40% (8000/20000 steps, t = 80) 2.1 s elapsed, ETA 3.2 s
 * train gf: 60% (t = 9.6/16) 1.2 s elapsed, ETA 0.8 s
 * train gd: 100% (20000/20000 steps) 5.3 s elapsed
 * train gd: stopped at 40% (8000/20000 steps, t = 80) 2.1 s elapsed
 * </pre>
 *
 * <p>A task that ends within {@code quiet} of its start prints nothing at all: a sub-second train
 * would otherwise add ten lines of noise to every log.
 */
final class LineProgress implements Progress {
  private final PrintStream err;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long quietNanos;

  /** As below, printing from the first report on. */
  LineProgress(PrintStream err, LongSupplier nanoClock, long intervalNanos) {
    this(err, nanoClock, intervalNanos, 0);
  }

  /**
   * @param err where lines go
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   * @param intervalNanos the longest silence while a task runs
   * @param quietNanos how long a task runs before its first line
   */
  LineProgress(PrintStream err, LongSupplier nanoClock, long intervalNanos, long quietNanos) {
    this.err = err;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
    this.quietNanos = quietNanos;
  }

  @Override
  public Task start(String label, double total, String unit) {
    return new LineTask(label, total, unit, nanoClock.getAsLong());
  }

  private final class LineTask implements Task {
    private final String label;
    private final double total;
    private final String unit;
    private final long startNanos;
    private long lastLineNanos;
    private int lastTenth;
    private double done;
    private double t = Double.NaN;
    private boolean printed;

    LineTask(String label, double total, String unit, long startNanos) {
      this.label = label;
      this.total = total;
      this.unit = unit;
      this.startNanos = startNanos;
      this.lastLineNanos = startNanos;
    }

    @Override
    public void advance(double done, double t) {
      this.done = done;
      this.t = t;
      long now = nanoClock.getAsLong();
      int tenth = total > 0 ? (int) Math.floor(10 * Math.min(1.0, done / total)) : 0;
      if (now - startNanos < quietNanos) return;
      // The end gets its line from finish(), which always follows; printing it here too doubled it.
      if (tenth >= 10) return;
      if (tenth > lastTenth || now - lastLineNanos >= intervalNanos) {
        lastTenth = Math.max(lastTenth, tenth);
        lastLineNanos = now;
        printed = true;
        err.println(line("", now, true));
      }
    }

    @Override
    public void finish(boolean completed) {
      long now = nanoClock.getAsLong();
      if (!printed && now - startNanos < quietNanos) return;
      if (completed) {
        done = total;
        // The model time at the last report is not the end time of a descent; leave it out.
        t = Double.NaN;
      }
      err.println(line(completed ? "" : "stopped at ", now, false));
    }

    private String line(String prefix, long now, boolean eta) {
      double fraction = total > 0 ? Math.min(1.0, done / total) : 0;
      double elapsed = (now - startNanos) * 1e-9;
      StringBuilder sb = new StringBuilder(label).append(": ").append(prefix)
          .append((int) Math.floor(100 * fraction)).append("% (").append(amount()).append(") ")
          .append(duration(elapsed)).append(" elapsed");
      if (eta && fraction > 0 && fraction < 1) {
        sb.append(", ETA ").append(duration(elapsed * (1 - fraction) / fraction));
      }
      return sb.toString();
    }

    private String amount() {
      if (unit.equals(TIME)) return "t = " + Num.format(done, 4) + "/" + Num.format(total, 4);
      String counted = (long) done + "/" + (long) total + " " + unit;
      return Double.isNaN(t) ? counted : counted + ", t = " + Num.format(t, 4);
    }
  }

  /** {@code 2.1 s}, {@code 3 min 12 s}, {@code 1 h 04 min}. */
  static String duration(double seconds) {
    if (seconds < 59.95) return String.format(Locale.ROOT, "%.1f s", seconds);
    long s = Math.round(seconds);
    if (s < 3600) return s / 60 + " min " + s % 60 + " s";
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
