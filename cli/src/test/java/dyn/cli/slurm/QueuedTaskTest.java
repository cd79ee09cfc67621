package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** squeue lines as Slurm 22.05 prints them for {@code -h -r -o %i|%T[|%o]}. */
class QueuedTaskTest {
  @Test
  void parsesArrayElementsAndTheirStates() {
    List<QueuedTask> q = QueuedTask.parse("1_3|RUNNING\n1_[4-5%2]|PENDING\n\n1_0|COMPLETED\n7|CANCELLED by 0\n");
    assertEquals(4, q.size());
    assertEquals(new QueuedTask("1", 3, "RUNNING", ""), q.get(0));
    assertEquals(new QueuedTask("1", -1, "PENDING", ""), q.get(1));
    assertEquals(new QueuedTask("7", -1, "CANCELLED", ""), q.get(3));
    assertFalse(q.get(0).ended());
    assertFalse(q.get(1).ended());
    assertTrue(q.get(2).ended());
    assertTrue(q.get(3).ended());
  }

  @Test
  void keepsTheCommandColumn() {
    QueuedTask t = QueuedTask.parse("12_2|PENDING|/data/out/sweep-grid/slurm/array.sbatch").get(0);
    assertEquals("/data/out/sweep-grid/slurm/array.sbatch", t.command());
    assertEquals(2, t.arrayTask());
  }

  @Test
  void rejectsLinesOfAnotherFormat() {
    assertThrows(IllegalArgumentException.class, () -> QueuedTask.parse("JOBID PARTITION NAME"));
  }
}
