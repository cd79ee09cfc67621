package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dyn sweep --on slurm} against a real Slurm on this machine: tools/slurm/install.sh
 * installs Debian's packages, tools/slurm/start.sh starts munged, slurmctld and slurmd on free
 * ports with their own state folder, and stop.sh stops them by pid afterwards. The sweep runs
 * through {@code dyn sweep --on slurm --wait} in a child process, exactly as a user runs it;
 * the gathered files must equal a local {@code dyn run} of the same script. A second sweep with
 * one slow point has that point's array task cancelled ({@code scancel JOB_TASK}) while it
 * computes: it must leave no result.json (not even a half-written or temporary one), gather must
 * name it as the one pending point, and a resubmission must run that point and no other.
 *
 * <p>Where Slurm cannot be installed (not root, no apt-get, no package) the test is skipped with
 * a loud message; it is never faked. {@code DYN_SKIP_SLURM=1} skips it on purpose.
 */
class SlurmSweepTest {
  private static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("cli/src/test/resources/slurm/tiny_sweep.dyn");
  /** Three points, the last one several seconds long: the one whose array task gets killed. */
  private static final Path KILL_SCRIPT = ROOT.resolve("cli/src/test/resources/slurm/kill_sweep.dyn");
  private static Path state;
  static Path work;
  static Map<String, String> env;

  static void skipLoudly(String why) {
    String line = "!".repeat(78);
    System.err.println(line + "\nSKIPPED SlurmSweepTest / SlurmSearchTest: " + why
        + "\n  dyn sweep --on slurm (grids and searches) is NOT tested against a real Slurm in this run.\n" + line);
    Assumptions.abort(why);
  }

  /** Output lines and exit code of a child process. */
  record Ran(int code, String out) {}

  /** A child process still running, and the file its output goes to. */
  record Child(Process process, Path log) {
    String out() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    Ran await(long timeoutSeconds) throws Exception {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("timed out after " + timeoutSeconds + " s\n" + out());
      }
      return new Ran(process.exitValue(), out());
    }
  }

  private static Child start(List<String> argv, Map<String, String> extraEnv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path log = Files.createTempFile(work, "child", ".log");
    pb.redirectOutput(log.toFile());
    return new Child(pb.start(), log);
  }

  static Ran exec(List<String> argv, Map<String, String> extraEnv, long timeoutSeconds) throws Exception {
    return start(argv, extraEnv).await(timeoutSeconds);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void startSlurm() throws Exception {
    if ("1".equals(System.getenv("DYN_SKIP_SLURM"))) skipLoudly("DYN_SKIP_SLURM=1");
    if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      skipLoudly("not Linux (single-node Slurm is set up with Debian packages)");
    }
    work = Files.createTempDirectory("dyn-slurm-test-");
    Ran install = exec(List.of("bash", ROOT.resolve("tools/slurm/install.sh").toString()), Map.of(), 600);
    if (install.code() == 2) skipLoudly("Slurm cannot be installed here: " + install.out().strip());
    assertEquals(0, install.code(), "tools/slurm/install.sh failed:\n" + install.out());
    state = work.resolve("slurm-state");
    Map<String, String> ports = Map.of(
        "DYN_SLURM_CTLD_PORT", Integer.toString(freePort()),
        "DYN_SLURM_SLURMD_PORT", Integer.toString(freePort()));
    Ran start = exec(List.of("bash", ROOT.resolve("tools/slurm/start.sh").toString(), state.toString()), ports, 120);
    assertEquals(0, start.code(), "tools/slurm/start.sh failed:\n" + start.out());
    env = Map.of("SLURM_CONF", state.resolve("slurm.conf").toString());
  }

  @AfterAll
  static void stopSlurm() throws Exception {
    if (state != null) {
      Ran stop = exec(List.of("bash", ROOT.resolve("tools/slurm/stop.sh").toString(), state.toString()), Map.of(), 60);
      System.err.println(stop.out().strip());
    }
  }

  /** dyn in a child JVM with this test's classes: what ./dyn runs, without a Maven build. */
  static Ran dyn(String... args) throws Exception {
    List<String> argv = new ArrayList<>(SlurmSweep.currentDyn(ROOT));
    argv.addAll(List.of(args));
    return exec(argv, env, 300);
  }

  /** Every file under dir that a sweep's gather writes, by relative path (points and Slurm files left out). */
  static Map<String, byte[]> gathered(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(f).toString();
        if (rel.matches("sweep-[^/]*/(points|slurm)/.*") || rel.endsWith("tasks.tsv") || rel.contains("manifest")) continue;
        m.put(rel, Files.readAllBytes(f));
      }
    }
    return m;
  }

  @Test
  void aSweepOnSlurmGathersWhatALocalRunComputesAndResubmitsOnlyMissingPoints() throws Exception {
    Path local = work.resolve("local");
    Path onSlurm = work.resolve("slurm");
    Ran l = dyn("run", SCRIPT.toString(), "--out", local.toString());
    assertEquals(0, l.code(), l.out());

    // Batched: array task k runs line k+1 of ranges.txt (`--task I-J`), up to 4 points on one thread.
    Ran s = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString(),
        "--max-parallel", "2", "--batch", "4", "--wait", "--poll", "0.5");
    assertEquals(0, s.code(), s.out());
    assertTrue(s.out().contains("submitted array job"), s.out());
    Map<String, byte[]> expected = gathered(local);
    assertFalse(expected.isEmpty(), "the local run wrote no gathered files under " + local);
    assertSameFiles(expected, gathered(onSlurm));

    Path sweepDir;
    try (Stream<Path> dirs = Files.list(onSlurm)) {
      sweepDir = dirs.filter(d -> d.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
    }
    int n = SweepTasks.read(sweepDir.resolve("tasks.tsv")).tasks().size();
    assertEquals(6, n, "tiny_sweep.dyn");
    assertTrue(s.out().contains(": tasks 0-1%2 (6 of 6 points; task k runs line k+1 of "), s.out());
    assertEquals("0-3\n4-5\n", Files.readString(sweepDir.resolve("slurm/ranges.txt")));

    // Without --wait the gather runs as a Slurm job that depends on the array job.
    Files.delete(sweepDir.resolve("points/0/result.json"));
    Files.writeString(sweepDir.resolve("points/" + (n - 1) + "/result.json"), "{\"task\": ");
    Files.delete(onSlurm.resolve("tiny_sweep.csv"));
    Ran detached = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString());
    assertEquals(0, detached.code(), detached.out());
    // The default batch (64) cuts the two pending points into two runs: they are not adjacent.
    assertTrue(detached.out().contains("tasks 0-1 (2 of " + n + " points; "), detached.out());
    assertEquals("0-0\n" + (n - 1) + "-" + (n - 1) + "\n", Files.readString(sweepDir.resolve("slurm/ranges.txt")));
    java.util.regex.Matcher gatherJob = java.util.regex.Pattern.compile("submitted gather job (\\d+)").matcher(detached.out());
    assertTrue(gatherJob.find(), detached.out());
    String state = "";
    for (int i = 0; i < 240 && !QueuedTask.TERMINAL.contains(state); i++) {
      Thread.sleep(500);
      Ran q = exec(List.of("squeue", "-h", "-t", "all", "-j", gatherJob.group(1), "-o", "%T"), env, 30);
      state = q.out().strip();
    }
    assertEquals("COMPLETED", state, "the gather job");
    String gatherLog = Files.readString(sweepDir.resolve("slurm/logs/gather-" + gatherJob.group(1) + ".out"));
    assertTrue(gatherLog.contains("alpha"), gatherLog);
    assertSameFiles(expected, gathered(onSlurm));

    // Everything done: a third submission submits nothing and gathers the same table.
    Ran third = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString(), "--wait");
    assertEquals(0, third.code(), third.out());
    assertTrue(third.out().contains("nothing to submit"), third.out());
  }

  @Test
  void aTaskKilledWhileItComputesLeavesNoResultAndOnlyItRunsAgain() throws Exception {
    Path local = work.resolve("kill-local");
    Path onSlurm = work.resolve("kill-slurm");
    Ran l = dyn("run", KILL_SCRIPT.toString(), "--out", local.toString());
    assertEquals(0, l.code(), l.out());
    Map<String, byte[]> expected = gathered(local);
    assertFalse(expected.isEmpty(), "the local run wrote no gathered files under " + local);

    // Submit and follow in the background, as a user whose terminal waits on --wait.
    List<String> argv = new ArrayList<>(SlurmSweep.currentDyn(ROOT));
    // --batch 1: one array task per point (array index = point), as before batched array tasks.
    argv.addAll(List.of("sweep", "--on", "slurm", KILL_SCRIPT.toString(), "--out", onSlurm.toString(),
        "--batch", "1", "--wait", "--poll", "0.5"));
    Child first = start(argv, env);
    Pattern submitted = Pattern.compile("submitted array job (\\d+): tasks (\\S+) ");
    Matcher job = submitted.matcher(first.out());
    for (int i = 0; i < 600 && !job.find(); i++) {
      assertTrue(first.process().isAlive(), "dyn sweep ended before submitting:\n" + first.out());
      Thread.sleep(200);
      job = submitted.matcher(first.out());
    }
    assertTrue(job.find(0), "no array job submitted:\n" + first.out());
    String jobId = job.group(1);
    assertEquals("0-2", job.group(2), first.out());
    Path sweepDir;
    try (Stream<Path> dirs = Files.list(onSlurm)) {
      sweepDir = dirs.filter(d -> d.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
    }
    SweepTasks tasks = SweepTasks.read(sweepDir.resolve("tasks.tsv"));
    int n = tasks.tasks().size();
    int slow = -1;
    for (SweepTasks.Task t : tasks.tasks()) {
      if (Double.parseDouble(tasks.params(t).get("T")) > 1e5) slow = t.index();
    }
    assertTrue(slow >= 0, "kill_sweep.dyn has no slow point");
    Path slowDir = sweepDir.resolve("points/" + slow);

    // Wait until the slow point's task runs, give its JVM time to be inside the descent, and kill it.
    String slowState = "";
    for (int i = 0; i < 600 && !slowState.equals("RUNNING"); i++) {
      Thread.sleep(100);
      slowState = arrayTaskState(jobId, slow);
      assertFalse(QueuedTask.TERMINAL.contains(slowState), "task " + slow + " ended before it could be killed: " + slowState);
    }
    assertEquals("RUNNING", slowState, "array task " + jobId + "_" + slow);
    Thread.sleep(2000);
    assertEquals(PointState.MISSING, PendingPoints.state(slowDir.resolve("result.json"), tasks.tasks().get(slow).key()),
        "the slow point finished before it was killed: make it slower in kill_sweep.dyn");
    Ran cancel = exec(List.of("scancel", jobId + "_" + slow), env, 30);
    assertEquals(0, cancel.code(), cancel.out());

    Ran followed = first.await(180);
    assertEquals(3, followed.code(), "a sweep with a killed point gathers nothing and fails:\n" + followed.out());
    assertEquals("CANCELLED", arrayTaskState(jobId, slow), followed.out());
    String params = "(T=" + tasks.params(tasks.tasks().get(slow)).get("T") + ")";
    assertTrue(followed.out().contains("task " + slow + " " + params + ": slurm says CANCELLED; slurm log "
        + sweepDir.resolve("slurm/logs/" + jobId + "_" + slow + ".out")), followed.out());
    String gatherLine = "task " + slow + " " + params + ": missing; log: " + slowDir.resolve("log.txt");
    assertTrue(followed.out().contains(gatherLine), "expected `" + gatherLine + "` in:\n" + followed.out());
    List<String> pendingLines = followed.out().lines().filter(x -> x.startsWith("PENDING")).collect(Collectors.toList());
    assertEquals(List.of("PENDING " + slow), pendingLines, followed.out());
    assertTrue(followed.out().contains("run the same `dyn sweep --on slurm` command again"), followed.out());

    // Killed mid-run: no result.json, and nothing half-written or temporary left in its folder.
    assertFalse(Files.exists(slowDir.resolve("result.json")), "the killed point wrote a result.json");
    try (Stream<Path> files = Files.walk(sweepDir)) {
      List<String> temps = files.map(Path::toString).filter(f -> f.endsWith(".tmp")).collect(Collectors.toList());
      assertEquals(List.of(), temps, "temporary files left behind");
    }
    PendingPoints states = PendingPoints.of(tasks);
    for (int t = 0; t < n; t++) {
      assertEquals(t == slow ? PointState.MISSING : PointState.DONE, states.state(t), "point " + t);
    }
    Map<Integer, byte[]> before = new TreeMap<>();
    for (int t = 0; t < n; t++) {
      if (t != slow) before.put(t, Files.readAllBytes(sweepDir.resolve("points/" + t + "/result.json")));
    }

    // Resubmitting runs the killed point only, and then gathers what the local sweep gathered.
    Ran again = dyn("sweep", "--on", "slurm", KILL_SCRIPT.toString(), "--out", onSlurm.toString(), "--batch", "1",
        "--wait", "--poll", "0.5");
    assertEquals(0, again.code(), again.out());
    Matcher second = submitted.matcher(again.out());
    assertTrue(second.find(), again.out());
    assertEquals(Integer.toString(slow), second.group(2), "array spec of the resubmission");
    assertTrue(again.out().contains("(1 of " + n + " points)"), again.out());
    List<String> arrays = Files.readAllLines(sweepDir.resolve("slurm/submissions.tsv")).stream()
        .filter(x -> x.startsWith("array\t")).collect(Collectors.toList());
    assertEquals(List.of("array\t" + jobId + "\t0-2", "array\t" + second.group(1) + "\t" + slow), arrays);
    List<QueuedTask> rerun = QueuedTask.parse(exec(List.of("squeue", "-h", "-r", "-t", "all", "-j", second.group(1),
        "-o", "%i|%T"), env, 30).out());
    assertEquals(List.of(new QueuedTask(second.group(1), slow, "COMPLETED", "")), rerun, "the resubmitted array job");
    for (int t : before.keySet()) {
      assertArrayEquals(before.get(t), Files.readAllBytes(sweepDir.resolve("points/" + t + "/result.json")),
          "point " + t + " was recomputed");
    }
    assertSameFiles(expected, gathered(onSlurm));
  }

  /** The state squeue gives one array task ("" while squeue does not list it yet). */
  private static String arrayTaskState(String jobId, int task) throws Exception {
    Ran q = exec(List.of("squeue", "-h", "-r", "-t", "all", "-j", jobId, "-o", "%i|%T"), env, 30);
    for (QueuedTask t : QueuedTask.parse(q.out())) {
      if (t.arrayTask() == task) return t.state();
    }
    return "";
  }

  static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet(), "gathered files differ");
    for (String f : expected.keySet()) {
      assertEquals(new String(expected.get(f), StandardCharsets.UTF_8), new String(actual.get(f), StandardCharsets.UTF_8),
          f + " differs between the local sweep and the Slurm sweep");
    }
  }
}
