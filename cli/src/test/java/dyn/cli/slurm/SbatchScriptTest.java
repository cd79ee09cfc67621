package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The array and gather scripts: directives, absolute paths, and arguments that survive bash. */
class SbatchScriptTest {
  @TempDir Path dir;

  private SbatchScript script() {
    return new SbatchScript("dyn-lr-grid", dir, dir.resolve("out/sweep-grid/slurm/logs"),
        List.of("/opt/jdk/bin/java", "-Ddyn.home=/opt/dyn", "-cp", "/opt/dyn/a.jar:/opt/dyn/lib/*", "dyn.cli.Main"),
        List.of(dir.resolve("my study.dyn").toString(), "label=it's fine", "width=8", "--out", dir.resolve("out").toString()),
        List.of("--backend", "cuda"), Optional.of("short"), Optional.of("0:10:00"), 2);
  }

  @Test
  void arrayScriptHasItsDirectivesBeforeAnyCommand() {
    String s = script().array();
    assertTrue(s.startsWith("#!/bin/bash\n"), s);
    int firstCommand = s.indexOf("\nset -euo pipefail");
    for (String d : List.of("#SBATCH --job-name=dyn-lr-grid\n", "#SBATCH --output=" + dir + "/out/sweep-grid/slurm/logs/%A_%a.out\n",
        "#SBATCH --partition=short\n", "#SBATCH --time=0:10:00\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --ntasks=1\n")) {
      int at = s.indexOf(d);
      assertTrue(at > 0 && at < firstCommand, d + " missing or after the first command in\n" + s);
    }
    assertFalse(s.contains("#SBATCH --array"), "the array range is given on the sbatch command line, per submission");
    assertTrue(s.contains(" run "), s);
    assertTrue(s.contains("--task \"$SLURM_ARRAY_TASK_ID\""), s);
  }

  @Test
  void gatherScriptRunsGatherWithTheSameArguments() {
    String s = script().gather();
    assertTrue(s.contains("#SBATCH --job-name=dyn-lr-grid-gather\n"), s);
    assertTrue(s.contains("/logs/gather-%j.out\n"), s);
    assertTrue(s.contains(" gather "), s);
    assertFalse(s.contains("SLURM_ARRAY_TASK_ID"), s);
  }

  /** Runs the script under bash with a stand-in java that prints its arguments, one per line. */
  private List<String> argumentsUnderBash(String text, Map<String, String> env) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash");
    Path fake = dir.resolve("fake-java");
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    assertTrue(fake.toFile().setExecutable(true));
    Path sh = dir.resolve("job.sbatch");
    Files.writeString(sh, text);
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", sh.toString()).redirectErrorStream(true);
    pb.environment().put("DYN_JAVA", fake.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return List.of(out.split("\n"));
  }

  @Test
  void eachArrayTaskRunsExactlyItsPointWithArgumentsIntact() throws Exception {
    List<String> argv = argumentsUnderBash(script().array(), Map.of("SLURM_ARRAY_TASK_ID", "4"));
    assertEquals(List.of("-Ddyn.home=/opt/dyn", "-cp", "/opt/dyn/a.jar:/opt/dyn/lib/*", "dyn.cli.Main", "run",
        dir.resolve("my study.dyn").toString(), "label=it's fine", "width=8", "--out", dir.resolve("out").toString(),
        "--backend", "cuda", "--task", "4"), argv);
  }

  @Test
  void aBatchedArrayTaskRunsTheRangeOnItsLineOfTheRangesFile() throws Exception {
    Path ranges = dir.resolve("out dir/ranges.txt");
    Files.createDirectories(ranges.getParent());
    Files.writeString(ranges, "0-3\n5-5\n7-9\n");
    String text = script().batchedArray(ranges, 4);
    assertFalse(text.contains("#SBATCH --array"), text);
    // Array task 1 reads line 2 (task k takes line k+1).
    List<String> argv = argumentsUnderBash(text, Map.of("SLURM_ARRAY_TASK_ID", "1"));
    assertEquals(List.of("-Ddyn.home=/opt/dyn", "-cp", "/opt/dyn/a.jar:/opt/dyn/lib/*", "dyn.cli.Main", "run",
        dir.resolve("my study.dyn").toString(), "label=it's fine", "width=8", "--out", dir.resolve("out").toString(),
        "--backend", "cuda", "--batch", "4", "--task", "5-5"), argv);
    assertEquals("--task", argumentsUnderBash(text, Map.of("SLURM_ARRAY_TASK_ID", "0")).get(14));
    assertEquals("7-9", argumentsUnderBash(text, Map.of("SLURM_ARRAY_TASK_ID", "2")).get(15));

    // A task past the file's end runs nothing and says why (exit 3), rather than running no range.
    Path sh = dir.resolve("past-end.sbatch");
    Files.writeString(sh, text);
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", sh.toString()).redirectErrorStream(true);
    pb.environment().put("DYN_JAVA", "/nonexistent/java");
    pb.environment().put("SLURM_ARRAY_TASK_ID", "3");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, p.waitFor(), out);
    assertTrue(out.contains("array task 3 has no line in " + ranges), out);
  }

  @Test
  void theGatherJobRunsGather() throws Exception {
    List<String> argv = argumentsUnderBash(script().gather(), Map.of());
    assertEquals("gather", argv.get(4));
    assertEquals(dir.resolve("my study.dyn").toString(), argv.get(5));
    // The script's arguments and no more: the gather trains nothing, so no --backend.
    assertEquals(10, argv.size(), argv.toString());
  }

  @Test
  void quotingLeavesPlainWordsAlone() throws IOException {
    assertEquals("/a/b.dyn", ShellQuote.word("/a/b.dyn"));
    assertEquals("lr=1e-3", ShellQuote.word("lr=1e-3"));
    assertEquals("'a b'", ShellQuote.word("a b"));
    assertEquals("'it'\\''s'", ShellQuote.word("it's"));
    assertEquals("'$HOME'", ShellQuote.word("$HOME"));
  }
}
