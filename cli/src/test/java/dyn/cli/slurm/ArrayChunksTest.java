package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending points cut into array tasks; expected runs worked out by hand from the rule in ArrayChunks. */
class ArrayChunksTest {
  @Test
  void runsAreContiguousAtMostBPointsAndNeverBridgeADonePoint() {
    // Pending 0-4 (5 points, B = 2): 0-1, 2-3, 4. Then 7-8 (6 done), 10 alone, 11-13 cut at B.
    ArrayChunks c = ArrayChunks.of(List.of(0, 1, 2, 3, 4, 7, 8, 10, 12, 13, 14), 2);
    assertTrue(c.batched());
    assertEquals("0-1\n2-3\n4-4\n7-8\n10-10\n12-13\n14-14\n", c.rangesFile());
    assertEquals("0-6%3", c.arraySpec(3));
    assertEquals("0-6", c.arraySpec(0));
    assertEquals(List.of(7, 8), c.points(3));
    assertEquals(List.of(10), c.points(4));
    assertEquals(List.of(), c.points(7));
  }

  @Test
  void aBatchAsLargeAsTheSweepIsOneTaskPerRunOfPendingPoints() {
    ArrayChunks c = ArrayChunks.of(List.of(1, 2, 3, 4), 64);
    assertEquals("1-4\n", c.rangesFile());
    assertEquals("0", c.arraySpec(0));
    assertEquals(List.of(1, 2, 3, 4), c.points(0));
  }

  @Test
  void batchOneIsOneArrayTaskPerPointIndexedByThePoint() {
    ArrayChunks c = ArrayChunks.of(List.of(1, 2, 3, 4, 9), 1);
    assertFalse(c.batched());
    assertEquals("1-4,9%50", c.arraySpec(50), "the array of today: the pending points themselves");
    assertEquals(List.of(9), c.points(9));
    assertEquals(List.of(), c.points(5));
    assertEquals(5, c.runs().size());
  }
}
