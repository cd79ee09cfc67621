package dyn.cli;

import dyn.runtime.exec.Progress;
import dyn.runtime.sink.Num;
import java.io.PrintStream;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as redrawn bars with an ETA on a terminal (me.tongfei:progressbar), one line per
 * running task, so parallel trains each get their own bar. Gradient-flow time is shown in
 * thousandths of the end time, since the library counts in whole units.
 */
final class BarProgress implements Progress {
  private static final long PER_MILLE = 1000;
  private final PrintStream err;

  BarProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public Task start(String label, double total, String unit) {
    boolean time = unit.equals(TIME);
    long max = time ? PER_MILLE : Math.max(1, (long) total);
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(label)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(time ? "‰" : " " + unit, 1)
        .setUpdateIntervalMillis(200)
        .setConsumer(new InteractiveConsoleProgressBarConsumer(err))
        .build();
    return new Task() {
      @Override
      public void advance(double done, double t) {
        bar.stepTo(time ? Math.round(PER_MILLE * done / total) : (long) done);
        if (!Double.isNaN(t)) bar.setExtraMessage("t = " + Num.format(t, 4));
      }

      @Override
      public void finish(boolean completed) {
        if (completed) bar.stepTo(max);
        // The last report's model time is not the end time of a descent: say how it ended instead.
        bar.setExtraMessage(completed ? "done" : "stopped");
        bar.close();
      }
    };
  }
}
