package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search ({@code sweep s = carbs(…)}) through {@code dyn run}: deterministic for a seed, resumed
 * from its recorded points after an interruption with the same frontier, one point rerun alone
 * with {@code --task} from the task list it wrote, and refused by {@code gather}.
 */
class SearchCommandTest {
  /** A cheap study: the cost is a metric (width × steps), so runs are comparable byte for byte. */
  private static final String SCRIPT = String.join("\n",
      "import models",
      "import datasets",
      "param lr = 0.1",
      "param width = 4",
      "param seed = 0",
      "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
      "model net = two_layer(d = 2, width = width, out = 1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 30)",
      "observe loss",
      "sweep s = carbs(lr = log(1e-3, 3), width = log_int(2, 32), minimize = loss, cost = work,",
      "                budget = 14, seed = 3) {",
      "  loss = final(gd.loss)",
      "  work = width * 30",
      "}",
      "");

  @TempDir Path dir;

  private Path script() throws IOException {
    Path s = dir.resolve("study.dyn");
    if (!Files.exists(s)) Files.writeString(s, SCRIPT);
    return s;
  }

  private CliRun run(String out, String... more) throws IOException {
    String[] base = {"run", script().toString(), "--out", dir.resolve(out).toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  private String read(String out, String file) throws IOException {
    return Files.readString(dir.resolve(out).resolve("sweep-s").resolve(file));
  }

  @Test
  void resumedSearchEndsWithTheSameFrontier() throws IOException {
    CliRun whole = run("a");
    assertEquals(0, whole.code(), whole.err());
    assertTrue(whole.out().contains("frontier ("), whole.out());
    // A kill after 6 points leaves points 0–5 with their result.json (written last, atomically)
    // and nothing usable after; point 6 may have a log but no result.
    Path b = dir.resolve("b");
    CliRun first = run("b");
    assertEquals(0, first.code(), first.err());
    for (int t = 6; t < 14; t++) Files.delete(b.resolve("sweep-s/points/" + t + "/result.json"));
    Files.delete(b.resolve("sweep-s/frontier.csv"));
    CliRun resumed = run("b");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("14 points, 8 run, 6 recorded"), resumed.err());
    assertEquals(read("a", "points.csv"), read("b", "points.csv"));
    assertEquals(read("a", "frontier.csv"), read("b", "frontier.csv"));
    assertEquals(whole.out(), resumed.out().replace(dir.resolve("b").toString(), dir.resolve("a").toString()));
  }

  @Test
  void anotherSeedSearchesElsewhere() throws IOException {
    CliRun a = run("a");
    Files.writeString(script(), SCRIPT.replace("seed = 3)", "seed = 4)"));
    CliRun b = run("b");
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertNotEquals(read("a", "points.csv"), read("b", "points.csv"));
  }

  @Test
  void parallelSuggestionsAreDeterministicToo() throws IOException {
    CliRun a = run("a", "--jobs", "3");
    CliRun b = run("b", "--jobs", "3");
    assertEquals(0, a.code(), a.err());
    assertEquals(read("a", "points.csv"), read("b", "points.csv"));
    assertTrue(a.err().contains("3 at a time"), a.err());
  }

  @Test
  void prepareNamesTheSearchAndWritesNothing() throws IOException {
    CliRun r = run("a", "--prepare");
    assertEquals(0, r.code(), r.err());
    assertEquals("search s " + dir.resolve("a").resolve("sweep-s") + "\n", r.out());
    assertTrue(!Files.exists(dir.resolve("a/sweep-s")), "--prepare wrote files for a search");
    CliRun g = CliRun.of("gather", script().toString(), "--out", dir.resolve("a").toString());
    assertEquals(2, g.code());
    assertTrue(g.err().contains("is a search"), g.err());
  }

  /**
   * {@code --task I} (what a Slurm array task runs) takes point I's values from the tasks.tsv the
   * search wrote, since they cannot be derived from the script: rerunning a recorded point alone
   * must give the metrics the search's own run recorded for it.
   */
  @Test
  void aTaskRunsThePointTheSearchSuggested() throws IOException {
    CliRun before = run("a", "--task", "3");
    assertEquals(2, before.code(), before.err());
    assertTrue(before.err().contains("does not exist yet"), before.err());
    CliRun whole = run("a");
    assertEquals(0, whole.code(), whole.err());
    Path result = dir.resolve("a/sweep-s/points/3/result.json");
    dyn.runtime.sweep.PointResult recorded = dyn.runtime.sweep.PointResult.read(result).orElseThrow();
    Files.delete(result);
    CliRun task = run("a", "--task", "3");
    assertEquals(0, task.code(), task.err());
    dyn.runtime.sweep.PointResult again = dyn.runtime.sweep.PointResult.read(result).orElseThrow();
    assertEquals(recorded.params(), again.params());
    assertEquals(recorded.metrics(), again.metrics());
    assertEquals(recorded.key(), again.key());
    CliRun past = run("a", "--task", "14");
    assertEquals(2, past.code(), past.err());
    assertTrue(past.err().contains("from 0 to 13"), past.err());
    // Another version of the script: its keys differ, so the old batch list is not used.
    Files.writeString(script(), SCRIPT + "# edited\n");
    CliRun stale = run("a", "--task", "3");
    assertEquals(2, stale.code(), stale.err());
    assertTrue(stale.err().contains("another version"), stale.err());
  }
}
