package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayRangesTest {
  @Test
  void compressesRunsOfTasks() {
    assertEquals("0-3,5,7-9", ArrayRanges.format(List.of(9, 0, 1, 2, 3, 5, 7, 8, 3)));
    assertEquals("4", ArrayRanges.format(List.of(4)));
    assertEquals("1,3", ArrayRanges.format(List.of(3, 1)));
    assertEquals("0-5%2", ArrayRanges.spec(List.of(0, 1, 2, 3, 4, 5), 2));
    assertEquals("0-5", ArrayRanges.spec(List.of(0, 1, 2, 3, 4, 5), 0));
  }

  @Test
  void parsesWhatItFormats() {
    List<Integer> tasks = List.of(0, 2, 3, 4, 10, 12, 13);
    assertEquals(tasks, ArrayRanges.parse(ArrayRanges.spec(tasks, 3)));
  }

  @Test
  void rejectsNothingAndNegatives() {
    assertThrows(IllegalArgumentException.class, () -> ArrayRanges.format(List.of()));
    assertThrows(IllegalArgumentException.class, () -> ArrayRanges.format(List.of(-1, 2)));
  }
}
