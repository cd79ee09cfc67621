package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which points a resubmission runs: everything not DONE in the sense of the sweep contract. */
class PendingPointsTest {
  @TempDir Path dir;

  @Test
  void readsTheTaskList() throws IOException {
    SweepTasks t = SweepTasks.read(SweepFixture.tasks(dir));
    assertEquals(List.of("gamma", "lr"), t.axes());
    assertEquals(6, t.tasks().size());
    assertEquals(Map.of("gamma", "10", "lr", "0.1"), t.params(t.tasks().get(5)));
    assertEquals("k3", t.tasks().get(3).key());
    assertEquals(dir.resolve("sweep-grid/points/3"), t.pointDir(3));
  }

  @Test
  void onlyPointsThatAreNotDoneArePending() throws IOException {
    PendingPoints p = PendingPoints.of(SweepTasks.read(SweepFixture.mixed(dir)));
    assertEquals(PointState.DONE, p.state(0));
    assertEquals(PointState.FAILED, p.state(1));
    assertEquals(PointState.STALE, p.state(2));
    assertEquals(PointState.MISSING, p.state(3));
    assertEquals(PointState.UNREADABLE, p.state(4));
    assertEquals(PointState.DONE, p.state(5));
    assertEquals(List.of(1, 2, 3, 4), p.pending());
    assertEquals("6 points: 2 done, 1 failed, 1 stale, 1 missing, 1 unreadable", p.summary());
  }

  @Test
  void aResultWithoutKeyOrStatusIsNotDone() throws IOException {
    Path r = dir.resolve("result.json");
    Files.writeString(r, "{\"task\": 0, \"status\": \"ok\"}");
    assertEquals(PointState.UNREADABLE, PendingPoints.state(r, "k"));
    Files.writeString(r, "[1, 2]");
    assertEquals(PointState.UNREADABLE, PendingPoints.state(r, "k"));
    Files.writeString(r, "{\"status\": \"running\", \"key\": \"k\"}");
    assertEquals(PointState.FAILED, PendingPoints.state(r, "k"), "only status ok counts as done");
    // An ok result always records `diverged`; one without metrics was written by something else.
    Files.writeString(r, "{\"status\": \"ok\", \"key\": \"k\", \"metrics\": {}}");
    assertEquals(PointState.UNREADABLE, PendingPoints.state(r, "k"));
    Files.writeString(r, "{\"status\": \"ok\", \"key\": \"k\", \"metrics\": {\"diverged\": 0, \"loss\": \"nan\"}}");
    assertEquals(PointState.DONE, PendingPoints.state(r, "k"));
  }

  @Test
  void malformedTaskListsAreNamedWithTheirLine() throws IOException {
    Path tsv = dir.resolve("tasks.tsv");
    Files.writeString(tsv, "task\tgamma\tkey\n0\t1\tk0\n2\t3\tk2\n");
    IOException e = assertThrows(IOException.class, () -> SweepTasks.read(tsv));
    assertEquals(tsv + ":3: expected task 1, got 2", e.getMessage());
    Files.writeString(tsv, "gamma\tkey\n");
    assertThrows(IOException.class, () -> SweepTasks.read(tsv));
    Files.writeString(tsv, "task\tgamma\tkey\n0\t1\n");
    e = assertThrows(IOException.class, () -> SweepTasks.read(tsv));
    assertEquals(tsv + ":2: 2 columns, header has 3", e.getMessage());
  }
}
