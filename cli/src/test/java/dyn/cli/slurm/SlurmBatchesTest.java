package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Origin;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.search.BatchRunner;
import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.SweepKey;
import dyn.runtime.sweep.TaskList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch of a search on Slurm, with Slurm replaced by a stand-in: the batch's pending tasks go
 * out as one array, squeue is followed until they end, results are read back in order, and a task
 * that Slurm cancelled before it wrote a result stops the search with that task named.
 */
class SlurmBatchesTest {
  @TempDir Path dir;
  private final List<List<String>> calls = new ArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private TaskList tasks() throws IOException {
    SweepSpec spec = new SweepSpec("s", new Origin("t.dyn", 1, 1, 1, "sweep s"), List.of("lr"), List.of(List.of("lr")),
        List.of(List.of(0.1), List.of(0.2), List.of(0.4)), List.of(), List.of(), List.of(), List.of());
    TaskList tasks = new TaskList(spec, dir, new SweepKey("script", "stdlib", Map.of()));
    tasks.write();
    return tasks;
  }

  /** Slurm that "runs" tasks 1 and 2 (writing result 1 only) and ends 2 as CANCELLED. */
  private SlurmBatches batches(TaskList tasks) {
    Shell shell = argv -> {
      calls.add(List.copyOf(argv));
      if (argv.get(0).equals("sbatch")) {
        write(tasks, 1);
        return new Shell.Result(0, "77\n", "");
      }
      return new Shell.Result(0, "77_1|COMPLETED\n77_2|CANCELLED\n", "");
    };
    Path script = tasks.dir().resolve("slurm/array.sbatch");
    return new SlurmBatches(new SlurmClient(shell), script, 4, 0,
        new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static void write(TaskList tasks, int t) {
    try {
      Files.createDirectories(tasks.pointDir(t));
      PointResult r = new PointResult(t, tasks.key(t), PointResult.Status.OK, Map.of("lr", tasks.values(t).get(0)),
          Map.of("diverged", 0.0, "loss", 0.5 * t), Optional.empty(), 1);
      try (OutputStream o = Files.newOutputStream(tasks.resultFile(t))) {
        r.write(o);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aBatchIsOneArrayAndItsResultsAreReadBack() throws IOException {
    TaskList tasks = tasks();
    Files.createDirectories(tasks.dir().resolve("slurm"));
    List<PointResult> r = batches(tasks).run(tasks, List.of(1));
    assertEquals(List.of("sbatch", "--parsable", "--array=1%4", tasks.dir().resolve("slurm/array.sbatch").toString()),
        calls.get(0));
    assertEquals(1, r.size());
    assertEquals(0.5, r.get(0).metrics().get("loss"));
    assertEquals("array\t77\t1%4\n", Files.readString(tasks.dir().resolve("slurm/submissions.tsv")));
  }

  @Test
  void aTaskSlurmEndedWithoutAResultStopsTheSearchNamingIt() throws IOException {
    TaskList tasks = tasks();
    Files.createDirectories(tasks.dir().resolve("slurm"));
    BatchRunner.Incomplete e = assertThrows(BatchRunner.Incomplete.class, () -> batches(tasks).run(tasks, List.of(1, 2)));
    assertEquals("array job 77 ended without a result for task 2 (lr=0.4; log: " + tasks.logFile(2) + ")", e.getMessage());
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("task 2 (lr=0.4): slurm says CANCELLED; slurm log "
        + tasks.dir().resolve("slurm/logs/77_2.out")), printed);
  }
}
