package dyn.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chooser's schedule, driven by a fake clock that charges each pass what the way it was
 * asked to run costs: it must settle on the faster way, time each way only after a block run
 * that way untimed (a cold first split block once kept the medium benchmark serial), and measure
 * again as costs change. No real time is measured.
 */
class SplitChooserTest {
  /** A clock that advances by the cost of each pass, by how the chooser said to run it. */
  private static final class Passes {
    long now;
    long serialCost;
    long splitCost;
    /** Extra cost of the first pass of a split run that follows serial passes (workers waking). */
    long wakeCost;
    boolean lastSplit;
    final List<Boolean> ways = new ArrayList<>();
    final SplitChooser chooser = new SplitChooser(true, () -> now);

    Passes(long serialCost, long splitCost) {
      this.serialCost = serialCost;
      this.splitCost = splitCost;
    }

    void run(int passes) {
      for (int i = 0; i < passes; i++) {
        boolean split = chooser.next();
        now += split ? splitCost + (lastSplit ? 0 : wakeCost) : serialCost;
        lastSplit = split;
        ways.add(split);
      }
    }

    long splitCount(int from, int to) {
      return ways.subList(from, to).stream().filter(b -> b).count();
    }
  }

  @Test
  void settlesOnSplitWhenSplitIsFaster() {
    Passes p = new Passes(150, 100);
    p.run(20_000);
    // Serial until the first measurement, which runs its last two blocks split; after it,
    // split but for the serial blocks of each later measurement.
    int firstDecision = SplitChooser.FIRST + 4 * SplitChooser.BLOCK;
    assertEquals(0, p.splitCount(0, SplitChooser.FIRST));
    assertEquals(2 * SplitChooser.BLOCK, p.splitCount(SplitChooser.FIRST, firstDecision));
    assertTrue(p.ways.get(firstDecision));
    long serialAfter = (20_000 - firstDecision) - p.splitCount(firstDecision, 20_000);
    assertTrue(serialAfter <= 6 * 2 * SplitChooser.BLOCK, "serial passes after the decision: " + serialAfter);
  }

  @Test
  void staysSerialWhenSplitIsSlower() {
    Passes p = new Passes(100, 180);
    p.run(20_000);
    // Only the split blocks of the measurements (two per measurement) run split.
    long split = p.splitCount(0, 20_000);
    assertTrue(split > 0 && split <= 7 * 2 * SplitChooser.BLOCK, "split passes: " + split);
  }

  @Test
  void aSlowWakeUpDoesNotDecide() {
    // Waking the workers costs as much as 40 passes, once per switch to split: timed at once, it
    // would make split look slower than serial.
    Passes p = new Passes(150, 100);
    p.wakeCost = 40 * 150;
    p.run(2_000);
    assertTrue(p.ways.get(SplitChooser.FIRST + 4 * SplitChooser.BLOCK));
    assertTrue(p.ways.get(1_999));
  }

  @Test
  void followsAChangeOfLoad() {
    Passes p = new Passes(150, 100);
    p.run(5_000);
    assertTrue(p.ways.get(4_999));
    p.splitCost = 400; // the other core got busy
    p.run(4_096);
    assertFalse(p.ways.get(p.ways.size() - 1));
  }

  @Test
  void neverSplitsWhenNotPossible() {
    SplitChooser c = new SplitChooser(false, () -> 0);
    for (int i = 0; i < 10_000; i++) assertFalse(c.next());
  }
}
