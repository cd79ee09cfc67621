package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.runtime.exec.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lines mode with a hand-driven clock: when a line is printed and what it says. */
class LineProgressTest {
  private static final long S = 1_000_000_000L;
  private final long[] now = {0};
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final LineProgress lines = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], 10 * S);

  private String[] printed() {
    return bytes.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void aLineEachTenthOrEveryIntervalAndOneAtTheEnd() {
    Progress.Task gd = lines.start("train gd", 10_000, Progress.STEPS);
    now[0] = S;
    gd.advance(1000, 10);            // 10%: ETA = 1 s · 0.9/0.1 = 9 s
    now[0] = 3 * S / 2;
    gd.advance(1500, 15);            // still in the first tenth, 0.5 s after the last line: silent
    now[0] = 12 * S;
    gd.advance(1600, 16);            // same tenth, but 11 s of silence: ETA = 12 s · 0.84/0.16 = 63 s
    now[0] = 13 * S;
    gd.advance(4000, 40);            // jumps three tenths: one line, ETA = 13 s · 0.6/0.4 = 19.5 s
    now[0] = 20 * S;
    gd.finish(true);
    assertArrayEquals(new String[] {
        "train gd: 10% (1000/10000 steps, t = 10) 1.0 s elapsed, ETA 9.0 s",
        "train gd: 16% (1600/10000 steps, t = 16) 12.0 s elapsed, ETA 1 min 3 s",
        "train gd: 40% (4000/10000 steps, t = 40) 13.0 s elapsed, ETA 19.5 s",
        "train gd: 100% (10000/10000 steps) 20.0 s elapsed"}, printed());
  }

  @Test
  void gradientFlowCountsTimeAndAFailureSaysWhereItStopped() {
    Progress.Task gf = lines.start("train gf", 16, Progress.TIME);
    now[0] = 2 * S;
    gf.advance(4, 4);                // 25%: ETA = 2 s · 3 = 6 s
    now[0] = 3 * S;
    gf.finish(false);
    assertArrayEquals(new String[] {
        "train gf: 25% (t = 4/16) 2.0 s elapsed, ETA 6.0 s",
        "train gf: stopped at 25% (t = 4/16) 3.0 s elapsed"}, printed());
  }

  @Test
  void sweepPointsHaveNoModelTime() {
    Progress.Task sweep = lines.start("sweep lr", 4, Progress.POINTS);
    now[0] = 90 * S;
    sweep.advance(1, Double.NaN);    // 25% after 90 s: ETA 270 s
    assertEquals("sweep lr: 25% (1/4 points) 1 min 30 s elapsed, ETA 4 min 30 s", printed()[0]);
  }

  @Test
  void aTaskShorterThanTheQuietTimePrintsNothingALongerOneStartsAfterIt() {
    LineProgress quiet = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], 10 * S, S);
    Progress.Task fast = quiet.start("train fast", 100, Progress.STEPS);
    now[0] = S / 2;
    fast.advance(50, 0.5);           // 50% but only 0.5 s in: silent
    now[0] = 9 * S / 10;
    fast.finish(true);               // done within the quiet second: no line at all
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    Progress.Task slow = quiet.start("train slow", 100, Progress.STEPS);
    now[0] = 14 * S / 10;            // 0.5 s after its start: still quiet
    slow.advance(20, 2);
    now[0] = 24 * S / 10;            // 1.5 s in, at 50%: ETA = 1.5 · 0.5/0.5 = 1.5 s
    slow.advance(50, 5);
    now[0] = 34 * S / 10;
    slow.finish(true);
    assertArrayEquals(new String[] {
        "train slow: 50% (50/100 steps, t = 5) 1.5 s elapsed, ETA 1.5 s",
        "train slow: 100% (100/100 steps) 2.5 s elapsed"}, printed());
  }

  @Test
  void aTaskThatReportsItsLastUnitPrintsOneHundredPercentOnce() {
    // A sweep advances to 4/4 with its last point and then finishes: once printed "100%" twice.
    Progress.Task sweep = lines.start("sweep s", 4, Progress.POINTS);
    now[0] = S;
    sweep.advance(2, Double.NaN);    // 50%: ETA = 1 s · 0.5/0.5 = 1 s
    now[0] = 2 * S;
    sweep.advance(4, Double.NaN);    // the last point: left to finish()
    sweep.finish(true);
    assertArrayEquals(new String[] {
        "sweep s: 50% (2/4 points) 1.0 s elapsed, ETA 1.0 s",
        "sweep s: 100% (4/4 points) 2.0 s elapsed"}, printed());
  }

  @Test
  void durations() {
    assertEquals("0.0 s", LineProgress.duration(0));
    assertEquals("59.9 s", LineProgress.duration(59.94));
    assertEquals("1 min 0 s", LineProgress.duration(59.96));
    assertEquals("2 h 05 min", LineProgress.duration(2 * 3600 + 5 * 60 + 7));
  }
}
