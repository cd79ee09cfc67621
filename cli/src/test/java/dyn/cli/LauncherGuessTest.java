package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options ./dyn chooses from a script's text (its comments say why each exists; bench/
 * README.md has the measurements): the warm-up agent and its "float32" and "kernels" arguments
 * for {@code run}, and the sweep JIT thresholds for {@code run}, {@code plan} and {@code gather}
 * of a script with a {@code sweep} line. The launcher runs from a copy in a made-up checkout
 * whose build stamp is current (so it builds nothing) with a fake {@code java} first on PATH that
 * prints its arguments; the class-data archive's dump fails there, as on a JVM without dynamic
 * archives, and the launcher goes on without it.
 */
class LauncherGuessTest {
  @TempDir Path root;
  private Path bin;

  @BeforeEach
  void fakeCheckout() throws IOException {
    Path launcher = Paths.get(System.getProperty("dyn.root", "..")).resolve("dyn").toAbsolutePath();
    assumeTrue(Files.isRegularFile(launcher), "no ./dyn at " + launcher);
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "no bash");
    Files.copy(launcher, root.resolve("dyn"));
    executable(root.resolve("dyn"));
    Path lib = Files.createDirectories(root.resolve("cli/target/lib"));
    Files.writeString(root.resolve("cli/target/dyn-cli-0.0.jar"), "");
    Files.writeString(lib.resolve("dyn-runtime-0.0.jar"), "");
    Files.writeString(lib.resolve(".built"), "");
    bin = Files.createDirectories(root.resolve("fakebin"));
    Files.writeString(bin.resolve("java"), String.join("\n",
        "#!/usr/bin/env bash",
        "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) exit 1;; esac; done",
        "printf '%s\\n' \"$@\"",
        ""));
    executable(bin.resolve("java"));
  }

  private static void executable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The arguments ./dyn gave java for {@code dyn COMMAND SCRIPT} with this script text. */
  private List<String> javaArgs(String command, String text, Map<String, String> env)
      throws IOException, InterruptedException {
    Path script = root.resolve("study.dyn");
    Files.writeString(script, text);
    ProcessBuilder pb = new ProcessBuilder(root.resolve("dyn").toString(), command, script.toString())
        .directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("DYN_SWEEP_JIT");
    pb.environment().remove("DYN_CDS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("dyn.cli.Main"), "java was not started: " + out);
    return List.of(out.split("\n"));
  }

  private List<String> javaArgs(String command, String text) throws IOException, InterruptedException {
    return javaArgs(command, text, Map.of());
  }

  private static String agent(List<String> args) {
    return args.stream().filter(a -> a.startsWith("-javaagent:")).findFirst().orElse(null);
  }

  private static boolean sweepFlags(List<String> args) {
    return args.contains("-XX:Tier4InvocationThreshold=50000");
  }

  private static final String PLAIN = "import models\ntrain gd = descent(net, t)\n";

  @Test
  void runStartsTheFloat64WarmUpAndNothingElse() throws Exception {
    List<String> args = javaArgs("run", PLAIN);
    assertTrue(agent(args).endsWith("dyn-runtime-0.0.jar"), args.toString());
    assertFalse(sweepFlags(args), args.toString());
    assertTrue(args.contains("--add-modules") && args.contains("-XX:+UseSerialGC"), args.toString());
    assertEquals(List.of("run", root.resolve("study.dyn").toString()),
        args.subList(args.indexOf("dyn.cli.Main") + 1, args.size()));
  }

  @Test
  void float32AndEigenframeworkNameTheirWarmUps() throws Exception {
    assertTrue(agent(javaArgs("run", PLAIN + "train f = descent(net, t, dtype = \"float32\")\n")).endsWith("=float32"));
    assertTrue(agent(javaArgs("run", PLAIN + "predict r = eigenframework(k)\n")).endsWith("=kernels"));
    assertTrue(agent(javaArgs("run", "# float32\npredict r = eigenframework(k)\n")).endsWith("=float32,kernels"));
  }

  @Test
  void onlyRunStartsTheAgent() throws Exception {
    assertEquals(null, agent(javaArgs("check", PLAIN)));
    assertEquals(null, agent(javaArgs("plan", PLAIN)));
  }

  @Test
  void aSweepLineRaisesTheJitThresholdsForRunPlanAndGather() throws Exception {
    String sweep = PLAIN + "sweep s = grid(lr = [0.1, 0.2]) {\n  loss = final(gd.loss)\n}\n";
    assertTrue(sweepFlags(javaArgs("run", sweep)));
    assertTrue(sweepFlags(javaArgs("plan", sweep)));
    assertTrue(sweepFlags(javaArgs("gather", sweep)));
    assertFalse(sweepFlags(javaArgs("check", sweep)), "check compiles once: no sweep policy");
    // The word elsewhere (a comment, a name) is not a sweep line.
    assertFalse(sweepFlags(javaArgs("run", PLAIN + "# a sweep of lr\nlet sweeps = 1\n")));
    // DYN_SWEEP_JIT= turns the policy off; a value replaces the flags.
    assertFalse(sweepFlags(javaArgs("run", sweep, Map.of("DYN_SWEEP_JIT", ""))));
    List<String> replaced = javaArgs("run", sweep, Map.of("DYN_SWEEP_JIT", "-XX:Tier4CompileThreshold=1"));
    assertTrue(replaced.contains("-XX:Tier4CompileThreshold=1") && !sweepFlags(replaced), replaced.toString());
  }
}
