package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dyn sweep} against the sweep contract, with dyn and Slurm replaced by stand-ins: what is
 * prepared, what is submitted for which points, how a job is followed and when gather runs.
 */
class SlurmSweepFlowTest {
  @TempDir Path dir;
  private Path out;
  private Path tasksTsv;
  private final List<List<String>> dynCalls = new ArrayList<>();
  private final List<List<String>> shellCalls = new ArrayList<>();
  private final Deque<String> squeueAnswers = new ArrayDeque<>();
  private String activeJobs = "";
  private int gatherCode = 0;
  /** Whether the stand-in script is a search (--prepare prints `search s DIR`). */
  private boolean search = false;
  private dyn.runtime.search.BatchRunner searchBatches;
  private String stdout;
  private String stderr;

  @BeforeEach
  void sweep() throws IOException {
    out = dir.resolve("out");
    tasksTsv = SweepFixture.mixed(out);
  }

  private SlurmSweep command() {
    SlurmSweep.Dyn dyn = new SlurmSweep.Dyn() {
      @Override
      public int run(List<String> args, PrintStream o, PrintStream e) {
        dynCalls.add(List.copyOf(args));
        if (args.contains("--prepare")) {
          o.println(search ? "search s " + out.resolve("sweep-s") : "tasks 6 " + tasksTsv);
          return 0;
        }
        if (args.get(0).equals("gather")) {
          o.println("gathered");
          return gatherCode;
        }
        return 0;
      }

      @Override
      public int search(List<String> args, dyn.runtime.search.BatchRunner batches, PrintStream o, PrintStream e) {
        dynCalls.add(List.copyOf(args));
        searchBatches = batches;
        return 0;
      }
    };
    int[] jobId = {42};
    Shell shell = argv -> {
      shellCalls.add(List.copyOf(argv));
      if (argv.get(0).equals("sbatch")) return new Shell.Result(0, (jobId[0]++) + "\n", "");
      if (argv.contains("-u")) return new Shell.Result(0, activeJobs, "");
      String answer = squeueAnswers.isEmpty() ? "" : squeueAnswers.poll();
      return answer.startsWith("!") ? new Shell.Result(1, "", answer.substring(1)) : new Shell.Result(0, answer, "");
    };
    return new SlurmSweep(dyn, new SlurmClient(shell), List.of("/jdk/bin/java", "-cp", "/dyn/x.jar", "dyn.cli.Main"), dir);
  }

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = command().run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    stdout = o.toString(StandardCharsets.UTF_8);
    stderr = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private List<List<String>> sbatchCalls() {
    return shellCalls.stream().filter(c -> c.get(0).equals("sbatch")).toList();
  }

  @Test
  void dryRunPrintsTheScriptAndCommandAndSubmitsNothing() {
    assertEquals(0, run("--on", "slurm", "s.dyn", "width=8", "--out", "out", "--max-parallel", "2", "--batch", "1", "--dry-run"));
    assertTrue(shellCalls.isEmpty(), "no Slurm command at all: " + shellCalls);
    assertEquals(List.of(List.of("run", dir.resolve("s.dyn").toString(), "width=8", "--out", out.toString(), "--prepare")), dynCalls);
    Path array = out.resolve("sweep-grid/slurm/array.sbatch");
    assertTrue(stdout.contains("would run: sbatch --parsable --array=1-4%2 " + array), stdout);
    assertTrue(stdout.contains("#SBATCH --job-name=dyn-s-grid"), stdout);
    assertTrue(stdout.contains("--task \"$SLURM_ARRAY_TASK_ID\""), stdout);
    assertTrue(stdout.contains("6 points: 2 done, 1 failed, 1 stale, 1 missing, 1 unreadable"), stdout);
    assertTrue(Files.isRegularFile(array), "the script is written for inspection");
  }

  @Test
  void backendGoesToTheArrayTasksOnlyNotToThePrepareOrTheGather() throws IOException {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--backend", "cuda", "--batch", "1"));
    // The submitting machine (a login node) may have no GPU: its --prepare runs without it.
    assertEquals(List.of(List.of("run", dir.resolve("s.dyn").toString(), "--out", out.toString(), "--prepare")), dynCalls);
    String array = Files.readString(out.resolve("sweep-grid/slurm/array.sbatch"));
    assertTrue(array.contains(" --backend cuda --task \"$SLURM_ARRAY_TASK_ID\""), array);
    String gather = Files.readString(out.resolve("sweep-grid/slurm/gather.sbatch"));
    assertFalse(gather.contains("--backend"), "the gather trains nothing:\n" + gather);
  }

  @Test
  void localSweepsPassTheBackendToTheRunAndUnknownNamesAreUsageErrors() {
    assertEquals(0, run("--on", "local", "s.dyn", "--out", "out", "--backend", "auto"));
    assertEquals(List.of("run", dir.resolve("s.dyn").toString(), "--out", out.toString(), "--backend", "auto"), dynCalls.get(0));
    assertEquals(2, run("--on", "local", "s.dyn", "--backend", "gpu"));
    assertTrue(stderr.contains("error: unknown --backend `gpu` (expected cpu, auto, cuda)"), stderr);
  }

  @Test
  void submitsOnlyPendingPointsThenADependentGatherJob() {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--partition", "short", "--time", "5:00", "--batch", "1"));
    List<List<String>> sb = sbatchCalls();
    assertEquals(2, sb.size(), shellCalls.toString());
    assertEquals(List.of("sbatch", "--parsable", "--array=1-4", out.resolve("sweep-grid/slurm/array.sbatch").toString()), sb.get(0));
    assertEquals(List.of("sbatch", "--parsable", "--dependency=afterany:42", out.resolve("sweep-grid/slurm/gather.sbatch").toString()), sb.get(1));
    assertTrue(stdout.contains("submitted array job 42: tasks 1-4 (4 of 6 points)"), stdout);
    assertTrue(stdout.contains("submitted gather job 43"), stdout);
    assertEquals(1, dynCalls.size(), "no gather in this process: the gather job does it");
    assertFalse(Files.exists(out.resolve("sweep-grid/slurm/ranges.txt")), "B = 1 needs no ranges file");
    assertFalse(stdout.contains("ranges"), stdout);
  }

  @Test
  void waitFollowsTheQueueThenGathersHere() throws IOException {
    squeueAnswers.add("42_1|RUNNING\n42_2|RUNNING\n42_[3-4]|PENDING\n");
    squeueAnswers.add("42_1|COMPLETED\n42_2|COMPLETED\n42_3|RUNNING\n42_4|RUNNING\n");
    squeueAnswers.add("42_1|COMPLETED\n42_2|COMPLETED\n42_3|COMPLETED\n42_4|TIMEOUT\n");
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--wait", "--poll", "0", "--batch", "1"));
    assertEquals(1, sbatchCalls().size(), "no gather job with --wait");
    assertEquals(List.of("gather", dir.resolve("s.dyn").toString(), "--out", out.toString()), dynCalls.get(1));
    assertTrue(stdout.contains("gathered"), stdout);
    assertTrue(stderr.contains("slurm job 42: 1 pending, 2 running"), stderr);
    assertTrue(stderr.contains("slurm job 42: 3 completed, 1 timeout"), stderr);
    assertTrue(stderr.contains("task 4 (gamma=10 lr=0.01): slurm says TIMEOUT; slurm log "
        + out.resolve("sweep-grid/slurm/logs/42_4.out")), stderr);
    assertTrue(squeueAnswers.isEmpty());
  }

  // Batched array tasks (--batch B > 1): the fixture's pending points are 1-4 (0 and 5 are done).

  private Path ranges() {
    return out.resolve("sweep-grid/slurm/ranges.txt");
  }

  @Test
  void batchedSweepSubmitsOneArrayTaskPerRunOfAtMostBPendingPoints() throws IOException {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "3", "--max-parallel", "2"));
    Path array = out.resolve("sweep-grid/slurm/array.sbatch");
    assertEquals(List.of("sbatch", "--parsable", "--array=0-1%2", array.toString()), sbatchCalls().get(0));
    assertEquals("1-3\n4-4\n", Files.readString(ranges()), "line k+1 = array task k");
    String script = Files.readString(array);
    assertTrue(script.contains("ranges=" + ranges()), script);
    assertTrue(script.contains("--batch 3 --task \"$range\""), script);
    assertTrue(stdout.contains("submitted array job 42: tasks 0-1%2 (4 of 6 points; task k runs line k+1 of "
        + ranges() + ", up to 3 points each)"), stdout);
    assertEquals(List.of("array\t42\t0-1%2 points 1-4", "gather\t43\tafterany:42"),
        Files.readAllLines(out.resolve("sweep-grid/slurm/submissions.tsv")));
  }

  @Test
  void theDefaultBatchIs64SoSmallSweepsRunAsOneTaskPerRun() throws IOException {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out"));
    assertEquals("--array=0", sbatchCalls().get(0).get(2));
    assertEquals("1-4\n", Files.readString(ranges()));
  }

  @Test
  void resubmittingABatchedSweepCutsOnlyThePointsStillPending() throws IOException {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "2"));
    assertEquals("1-2\n3-4\n", Files.readString(ranges()));
    // Points 2 and 3 finish, 1 and 4 do not: the runs must not bridge the done points.
    SweepFixture.result(tasksTsv.getParent(), 2, "k2", "ok");
    SweepFixture.result(tasksTsv.getParent(), 3, "k3", "ok");
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "2"));
    assertEquals("--array=0-1", sbatchCalls().get(2).get(2), shellCalls.toString());
    assertEquals("1-1\n4-4\n", Files.readString(ranges()));
    assertTrue(stdout.contains("6 points: 4 done, 1 failed, 1 unreadable"), stdout);
    assertTrue(stdout.contains("tasks 0-1 (2 of 6 points"), stdout);
  }

  @Test
  void aBatchedTaskThatSlurmEndedBadlyNamesItsPointsLeftWithoutAResult() {
    squeueAnswers.add("42_0|COMPLETED\n42_1|TIMEOUT\n");
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "2", "--wait", "--poll", "0"));
    assertTrue(stderr.contains("array task 1 (tasks 3-4): slurm says TIMEOUT; slurm log "
        + out.resolve("sweep-grid/slurm/logs/42_1.out") + "\n  task 3 (gamma=1 lr=0.1): missing\n"
        + "  task 4 (gamma=10 lr=0.01): unreadable\n"), stderr);
    assertFalse(stderr.contains("array task 0"), "a completed task is not reported: " + stderr);
    assertEquals("gather", dynCalls.get(1).get(0));
  }

  @Test
  void aBatchedDryRunShowsTheRangesButWritesNoRangesFile() {
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "2", "--max-parallel", "2", "--dry-run"));
    assertTrue(shellCalls.isEmpty(), shellCalls.toString());
    assertTrue(stdout.contains("4 pending point(s) in 2 array task(s) of up to 2 points"), stdout);
    assertTrue(stdout.contains("(written on submission; line k+1 = array task k):\n1-2\n3-4\n"), stdout);
    assertTrue(stdout.contains("would run: sbatch --parsable --array=0-1%2 "), stdout);
    assertFalse(Files.exists(ranges()), "a dry run must not change the file a queued array may read");
  }

  @Test
  void aRefusedBatchedSubmissionLeavesTheRangesFileOfTheQueuedJobAlone() throws IOException {
    Files.createDirectories(ranges().getParent());
    Files.writeString(ranges(), "0-5\n");
    activeJobs = "40_0|RUNNING|" + out.resolve("sweep-grid/slurm/array.sbatch") + "\n";
    assertEquals(3, run("--on", "slurm", "s.dyn", "--out", "out", "--batch", "2"));
    assertTrue(sbatchCalls().isEmpty());
    assertEquals("0-5\n", Files.readString(ranges()));
  }

  @Test
  void aJobSlurmHasForgottenCountsAsEnded() {
    squeueAnswers.add("42_1|RUNNING\n");
    squeueAnswers.add("!slurm_load_jobs error: Invalid job id specified");
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--wait", "--poll", "0"));
    assertEquals("gather", dynCalls.get(1).get(0));
  }

  @Test
  void gatherReportingMissingPointsSuggestsResubmission() {
    gatherCode = 3;
    squeueAnswers.add("42_1|FAILED\n42_2|COMPLETED\n42_3|COMPLETED\n42_4|COMPLETED\n");
    assertEquals(3, run("--on", "slurm", "s.dyn", "--out", "out", "--wait", "--poll", "0"));
    assertTrue(stderr.contains("only the missing or failed points run"), stderr);
  }

  @Test
  void whenEveryPointIsDoneNothingIsSubmitted() throws IOException {
    Path sweep = tasksTsv.getParent();
    for (int t = 0; t < 6; t++) SweepFixture.result(sweep, t, "k" + t, "ok");
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--wait"));
    assertTrue(shellCalls.isEmpty(), shellCalls.toString());
    assertTrue(stdout.contains("nothing to submit"), stdout);
    assertEquals("gather", dynCalls.get(1).get(0));
  }

  @Test
  void refusesWhileAnEarlierSubmissionIsQueued() {
    activeJobs = "40_3|RUNNING|" + out.resolve("sweep-grid/slurm/array.sbatch") + "\n"
        + "39|COMPLETED|" + out.resolve("sweep-grid/slurm/array.sbatch") + "\n"
        + "41_1|RUNNING|/elsewhere/array.sbatch\n";
    assertEquals(3, run("--on", "slurm", "s.dyn", "--out", "out"));
    assertTrue(sbatchCalls().isEmpty());
    assertTrue(stderr.contains("this sweep still has jobs in the queue: 40_3 RUNNING"), stderr);
    assertFalse(stderr.contains("41_1"), stderr);
  }

  @Test
  void aSearchRunsItsLoopHereWithEachBatchAsAnArray() throws IOException {
    search = true;
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--jobs", "3", "--max-parallel", "2"));
    assertEquals(List.of("run", dir.resolve("s.dyn").toString(), "--out", out.toString(), "--jobs", "3"),
        dynCalls.get(dynCalls.size() - 1));
    assertTrue(searchBatches instanceof SlurmBatches, "batches: " + searchBatches);
    assertTrue(sbatchCalls().isEmpty(), "the stand-in search submitted nothing itself");
    String array = Files.readString(out.resolve("sweep-s/slurm/array.sbatch"));
    assertTrue(array.contains("--task \"$SLURM_ARRAY_TASK_ID\""), array);
    assertTrue(stderr.contains("a search always waits"), stderr);
    assertFalse(dynCalls.stream().anyMatch(c -> c.get(0).equals("gather")), "a search gathers itself");
  }

  @Test
  void aSearchRefusesWhileItsArrayIsQueuedAndDryRunSubmitsNothing() {
    search = true;
    activeJobs = "40_3|RUNNING|" + out.resolve("sweep-s/slurm/array.sbatch") + "\n";
    assertEquals(3, run("--on", "slurm", "s.dyn", "--out", "out"));
    assertTrue(stderr.contains("this search still has jobs in the queue: 40"), stderr);
    assertEquals(null, searchBatches);
    assertEquals(0, run("--on", "slurm", "s.dyn", "--out", "out", "--dry-run"));
    assertTrue(stdout.contains("would run: sbatch --parsable '--array=<batch tasks>' "
        + out.resolve("sweep-s/slurm/array.sbatch") + " per batch"), stdout);
    assertEquals(null, searchBatches);
    assertTrue(sbatchCalls().isEmpty());
  }

  @Test
  void prepareFailuresAreReturnedAsIs() {
    SlurmSweep c = new SlurmSweep((a, o, e) -> {
      e.println("s.dyn:1:1: error: no sweep in this script");
      return 2;
    }, new SlurmClient(argv -> new Shell.Result(0, "", "")), List.of("java"), dir);
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    assertEquals(2, c.run(new String[] {"--on", "slurm", "s.dyn"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(e, true, StandardCharsets.UTF_8)));
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("no sweep in this script"));
  }

  @Test
  void localIsDynRun() {
    assertEquals(0, run("s.dyn", "width=8", "--jobs", "2", "--out", "out"));
    assertEquals(List.of(List.of("run", dir.resolve("s.dyn").toString(), "width=8", "--out", out.toString(), "--jobs", "2")), dynCalls);
    assertTrue(shellCalls.isEmpty());
    dynCalls.clear();
    assertEquals(0, run("s.dyn", "--batch", "8", "--out", "out"));
    assertEquals(List.of(List.of("run", dir.resolve("s.dyn").toString(), "--out", out.toString(), "--batch", "8")), dynCalls);
  }

  @Test
  void usageErrors() {
    assertEquals(2, run("--on", "moon", "s.dyn"));
    assertTrue(stderr.contains("unknown --on `moon`"), stderr);
    assertEquals(2, run("--on", "slurm"));
    assertTrue(stderr.contains("no script given"), stderr);
    assertEquals(2, run("--on", "slurm", "s.dyn", "--max-parallel", "0"));
    assertEquals(2, run("--on", "slurm", "s.dyn", "a=1", "a=2"));
    assertEquals(2, run("--on", "slurm", "s.dyn", "--batch", "0"));
    assertTrue(stderr.contains("--batch expects a whole number ≥ 1, got `0`"), stderr);
    assertEquals(0, run("--help"));
    assertTrue(stdout.contains("--max-parallel"), stdout);
  }
}
