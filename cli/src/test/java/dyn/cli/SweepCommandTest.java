package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep execution contract: --prepare, --task, resume, gather (docs/SWEEPS.md). */
class SweepCommandTest {
  private static final String SCRIPT = String.join("\n",
      "import models",
      "import datasets",
      "param lr = 0.1",
      "param seed = 0",
      "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
      "model net = two_layer(d = 2, width = 2, out = 1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 20)",
      "observe loss",
      "report csv(\"point.csv\")",
      "sweep s = grid(lr = [0.01, 0.1, 1e3], seed = seeds(2)) {",
      "  loss = final(gd.loss)",
      "}",
      "let best = argmin(s.loss, over = lr)",
      "report table(best)",
      "");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run dyn(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path script() throws IOException {
    Path s = dir.resolve("study.dyn");
    if (!Files.exists(s)) Files.writeString(s, SCRIPT);
    return s;
  }

  private String[] args(String command, String... more) throws IOException {
    List<String> a = new ArrayList<>(List.of(command, script().toString(), "--out", dir.resolve("out").toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void prepareWritesTheTaskList() throws IOException {
    Run r = dyn(args("run", "--prepare"));
    Path tasks = dir.resolve("out/sweep-s/tasks.tsv");
    assertEquals(0, r.code(), r.err());
    assertEquals("tasks 6 " + tasks + "\n", r.out());
    List<String> lines = Files.readAllLines(tasks);
    assertEquals("task\tlr\tseed\tkey", lines.get(0));
    assertEquals(7, lines.size());
    assertTrue(lines.get(6).startsWith("5\t1000\t1\t"), lines.get(6));
  }

  @Test
  void aDoneTaskIsNotRecomputedAndADivergedOneIsAnOutcome() throws IOException {
    Run first = dyn(args("run", "--task", "1"));
    assertEquals(0, first.code(), first.err());
    Path result = dir.resolve("out/sweep-s/points/1/result.json");
    String json = Files.readString(result);
    assertTrue(json.contains("\"status\" : \"ok\""), json);
    assertTrue(Files.exists(dir.resolve("out/sweep-s/points/1/point.csv")), "the script's own report goes in the point's folder");
    Files.setLastModifiedTime(result, FileTime.fromMillis(1_000_000_000_000L));
    Run again = dyn(args("run", "--task", "1"));
    assertEquals("task 1 already done\n", again.out());
    assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(result));
    assertEquals(json, Files.readString(result));

    // lr = 1000 diverges: recorded (status ok, diverged = 1, loss nan), exit 0.
    Run diverged = dyn(args("run", "--task", "4"));
    assertEquals(0, diverged.code(), diverged.err());
    String d = Files.readString(dir.resolve("out/sweep-s/points/4/result.json"));
    assertTrue(d.contains("\"diverged\" : 1,") && d.contains("\"loss\" : \"nan\""), d);

    // A local run then computes only the other four and reuses the two.
    Run all = dyn(args("run", "--jobs", "2", "--verbose"));
    assertEquals(0, all.code(), all.err());
    assertTrue(all.err().contains("6 points, 2 already done, 4 to run"), all.err());
    assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(result));
    assertTrue(all.out().contains("seed  best\n   0   0.1\n"), all.out());
    // The script's own report (point.csv) runs in every point: the sweep says where it went.
    assertTrue(all.out().contains("(the script's report runs in every point: tables in "
        + dir.resolve("out/sweep-s/points") + "/TASK/log.txt, files beside it)"), all.out());
  }

  @Test
  void gatherListsMissingAndStalePointsAndExitsThree() throws IOException {
    dyn(args("run", "--task", "0"));
    Run g = dyn(args("gather"));
    assertEquals(3, g.code());
    assertTrue(g.err().contains("task 1 (lr=0.01 seed=1): missing; log: " + dir.resolve("out/sweep-s/points/1/log.txt")), g.err());
    assertTrue(g.err().endsWith("PENDING 1 2 3 4 5\n"), g.err());
    // Another override changes every key: task 0 is stale now.
    Run other = dyn(args("gather", "lr=0.5".replace("lr", "seed")));
    assertEquals(2, other.code(), "seed is swept: overriding it is a usage error\n" + other.err());
    Files.writeString(script(), SCRIPT + "# an edit\n");
    Run stale = dyn(args("gather"));
    assertTrue(stale.err().contains("task 0 (lr=0.01 seed=0): stale"), stale.err());
    assertTrue(stale.err().contains("PENDING 0 1 2 3 4 5"), stale.err());
  }

  @Test
  void aReplacedDataFileMakesEveryPointStale() throws IOException {
    // The key covered the script, the stdlib and the overrides but not the files the script
    // loads: a sweep resumed after its CSV was replaced printed the old results.
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "1,2,3\n2,1,0\n0,1,1\n1,1,2\n");
    Files.writeString(dir.resolve("study.dyn"), String.join("\n",
        "import models",
        "param lr = 0.1",
        "dataset filedata() {",
        "  let A = load_csv(\"d.csv\")",
        "  x = rows(A', 0, 2)",
        "  y = rows(A', 2, 1)",
        "}",
        "data t = filedata()",
        "model net = two_layer(d = 2, width = 2, out = 1, seed = 1)",
        "train gd = descent(net, t, lr = lr, steps = 5)",
        "observe loss",
        "sweep s = grid(lr = [0.01, 0.1]) {",
        "  first = at(gd.loss, 0)",
        "}",
        "report table(s)",
        ""));
    Run first = dyn(args("run", "--verbose"));
    assertEquals(0, first.code(), first.err());
    Run same = dyn(args("run", "--verbose"));
    assertTrue(same.err().contains("2 points, 2 already done, 0 to run"), "unchanged data resumes: " + same.err());
    Files.writeString(csv, "1,2,30\n2,1,0\n0,1,10\n1,1,20\n");
    Run replaced = dyn(args("run", "--verbose"));
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(replaced.err().contains("2 points, 0 already done, 2 to run"), replaced.err());
    assertNotEquals(first.out(), replaced.out(), "the table comes from the new data");
  }

  @Test
  void aResultWithoutItsMetricsIsNotDone() throws IOException {
    assertEquals(0, dyn(args("run", "--task", "0")).code());
    Path result = dir.resolve("out/sweep-s/points/0/result.json");
    String json = Files.readString(result);
    // The key, task and status still match: only the metric is gone (an edit, another tool).
    // loss is the last metric: its line and the comma before it go, and the file stays JSON.
    Files.writeString(result, json.replaceAll(",\\s*\"loss\" : [^,}\n]*", ""));
    assertFalse(Files.readString(result).contains("\"loss\""), Files.readString(result));
    assertTrue(dyn.runtime.sweep.PointResult.read(result).isPresent(), "still a result.json: " + Files.readString(result));
    Run g = dyn(args("gather"));
    assertEquals(3, g.code(), "gathered as NaN before: " + g.out() + g.err());
    assertTrue(g.err().contains("task 0 (lr=0.01 seed=0): incomplete (its result.json lacks a param or metric"), g.err());
    assertTrue(g.err().contains("PENDING 0 1 2 3 4 5"), g.err());
    // A file cut short is unreadable, not missing.
    Files.writeString(result, json.substring(0, json.length() / 2));
    assertTrue(dyn(args("gather")).err().contains("task 0 (lr=0.01 seed=0): unreadable (not a whole result.json"));
  }

  @Test
  void aResultWithAnotherPointsValuesIsNotDone() throws IOException {
    assertEquals(0, dyn(args("run")).code());
    assertEquals(0, dyn(args("gather")).code(), "every point done");
    Path result = dir.resolve("out/sweep-s/points/0/result.json");
    String json = Files.readString(result);
    // Key, task, status and every metric still match; only lr was edited (0.01 → 0.5).
    String edited = json.replaceFirst("\"lr\" : 0\\.01", "\"lr\" : 0.5");
    assertNotEquals(json, edited, json);
    Files.writeString(result, edited);
    Run g = dyn(args("gather"));
    assertEquals(3, g.code(), "gathered under the task list's values before: " + g.out() + g.err());
    assertTrue(g.err().contains("task 0 (lr=0.01 seed=0): unreadable (its result.json gives other values than the task's: lr=0.5 seed=0)"), g.err());
    assertTrue(g.err().contains("PENDING 0\n"), g.err());
    // A local run counts it as not done and runs the point again.
    Run again = dyn(args("run", "--task", "0"));
    assertEquals(0, again.code(), again.err());
    assertEquals(json.replaceAll("\"seconds\" : .*", ""), Files.readString(result).replaceAll("\"seconds\" : .*", ""));
  }

  @Test
  void gatherPrintsWhatTheLocalRunPrints() throws IOException {
    Run run = dyn(args("run", "--jobs", "3"));
    assertEquals(0, run.code(), run.err());
    Run g = dyn(args("gather"));
    assertEquals(0, g.code(), g.err());
    assertEquals(run.out(), g.out());
  }

  @Test
  void aSweepLogsTenthsNotEveryPointUnlessVerbose() throws IOException {
    // 6 points in lines mode: the opening line, a line as points 1-5 pass another tenth (16%, 33%,
    // 50%, 66%, 83%), one 100% line when the sweep ends, and no "[n/6] task …" line per point.
    Run quiet = dyn(args("run", "--jobs", "2", "--progress", "lines"));
    assertEquals(0, quiet.code(), quiet.err());
    String[] lines = quiet.err().split("\n");
    assertEquals(0, Arrays.stream(lines).filter(l -> l.startsWith("[")).count(), quiet.err());
    assertEquals(1, Arrays.stream(lines).filter(l -> l.contains("100%")).count(), quiet.err());
    assertEquals(7, lines.length, quiet.err());
    assertTrue(lines[0].startsWith("sweep s: 6 points, 0 already done, 6 to run"), quiet.err());
    // --verbose asks for every point as well.
    Files.walk(dir.resolve("out")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    Run verbose = dyn(args("run", "--jobs", "2", "--progress", "off", "--verbose"));
    assertEquals(0, verbose.code(), verbose.err());
    assertEquals(6, Arrays.stream(verbose.err().split("\n")).filter(l -> l.matches("\\[\\d/6\\] task .*")).count(), verbose.err());
  }

  @Test
  void sweepOptionsOnAScriptWithoutASweepAreUsageErrors() throws IOException {
    Path plain = dir.resolve("plain.dyn");
    Files.writeString(plain, SCRIPT.substring(0, SCRIPT.indexOf("sweep s")));
    Run r = dyn("gather", plain.toString(), "--out", dir.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("has no `sweep` statement"), r.err());
  }
}
