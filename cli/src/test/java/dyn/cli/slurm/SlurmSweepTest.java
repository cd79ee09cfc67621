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
 * the gathered files must equal a local {@code dyn run} of the same script, and after one point's
 * result is deleted a resubmission must run that point and no other.
 *
 * <p>Where Slurm cannot be installed (not root, no apt-get, no package) the test is skipped with
 * a loud message; it is never faked. {@code DYN_SKIP_SLURM=1} skips it on purpose.
 */
class SlurmSweepTest {
  private static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("cli/src/test/resources/slurm/tiny_sweep.dyn");
  private static Path state;
  private static Path work;
  private static Map<String, String> env;

  private static void skipLoudly(String why) {
    String line = "!".repeat(78);
    System.err.println(line + "\nSKIPPED SlurmSweepTest: " + why
        + "\n  dyn sweep --on slurm is NOT tested against a real Slurm in this run.\n" + line);
    Assumptions.abort(why);
  }

  /** Output lines and exit code of a child process. */
  record Ran(int code, String out) {}

  private static Ran exec(List<String> argv, Map<String, String> extraEnv, long timeoutSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path log = Files.createTempFile(work, "child", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("timed out after " + timeoutSeconds + " s: " + argv + "\n" + Files.readString(log));
    }
    return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
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
  private static Ran dyn(String... args) throws Exception {
    List<String> argv = new ArrayList<>(SlurmSweep.currentDyn(ROOT));
    argv.addAll(List.of(args));
    return exec(argv, env, 300);
  }

  /** Every file under dir that a sweep's gather writes, by relative path (points and Slurm files left out). */
  private static Map<String, byte[]> gathered(Path dir) throws IOException {
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

  private static Map<Integer, byte[]> results(Path sweepDir, int n) throws IOException {
    Map<Integer, byte[]> m = new TreeMap<>();
    for (int t = 0; t < n; t++) m.put(t, Files.readAllBytes(sweepDir.resolve("points/" + t + "/result.json")));
    return m;
  }

  @Test
  void aSweepOnSlurmGathersWhatALocalRunComputesAndResubmitsOnlyMissingPoints() throws Exception {
    Path local = work.resolve("local");
    Path onSlurm = work.resolve("slurm");
    Ran l = dyn("run", SCRIPT.toString(), "--out", local.toString());
    assertEquals(0, l.code(), l.out());

    Ran s = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString(),
        "--max-parallel", "2", "--wait", "--poll", "0.5");
    assertEquals(0, s.code(), s.out());
    assertTrue(s.out().contains("submitted array job"), s.out());
    Map<String, byte[]> expected = gathered(local);
    assertFalse(expected.isEmpty(), "the local run wrote no gathered files under " + local);
    assertSameFiles(expected, gathered(onSlurm));

    // One point lost (as if its task had been killed before writing its result): only it reruns.
    Path sweepDir;
    try (Stream<Path> dirs = Files.list(onSlurm)) {
      sweepDir = dirs.filter(d -> d.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
    }
    int n = SweepTasks.read(sweepDir.resolve("tasks.tsv")).tasks().size();
    Map<Integer, byte[]> before = results(sweepDir, n);
    int lost = n / 2;
    Files.delete(sweepDir.resolve("points/" + lost + "/result.json"));
    Ran again = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString(), "--wait", "--poll", "0.5");
    assertEquals(0, again.code(), again.out());
    assertTrue(again.out().contains("tasks " + lost + " (1 of " + n + " points)"), again.out());
    Map<Integer, byte[]> after = results(sweepDir, n);
    for (int t = 0; t < n; t++) {
      if (t != lost) assertArrayEquals(before.get(t), after.get(t), "point " + t + " was recomputed");
    }
    assertSameFiles(expected, gathered(onSlurm));

    // Without --wait the gather runs as a Slurm job that depends on the array job.
    Files.delete(sweepDir.resolve("points/0/result.json"));
    Files.writeString(sweepDir.resolve("points/" + (n - 1) + "/result.json"), "{\"task\": ");
    Files.delete(onSlurm.resolve("tiny_sweep.csv"));
    Ran detached = dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out", onSlurm.toString());
    assertEquals(0, detached.code(), detached.out());
    assertTrue(detached.out().contains("tasks 0," + (n - 1) + " (2 of " + n + " points)"), detached.out());
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

  private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet(), "gathered files differ");
    for (String f : expected.keySet()) {
      assertEquals(new String(expected.get(f), StandardCharsets.UTF_8), new String(actual.get(f), StandardCharsets.UTF_8),
          f + " differs between the local sweep and the Slurm sweep");
    }
  }
}
