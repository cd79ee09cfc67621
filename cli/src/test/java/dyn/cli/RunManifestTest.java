package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.runtime.sink.ManifestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dyn run} writes manifest.json beside its outputs, and shows progress only when asked. */
class RunManifestTest {
  private static final String SCRIPT = String.join("\n",
      "import models",
      "import datasets",
      "param seed = 0",
      "param lr = 0.05",
      "param bound = 10",
      "data teacher = linear_teacher(d = 4, out = 2, n = 50, singular_values = [3, 1], seed = seed)",
      "model net = two_layer(d = 4, width = 4, out = 2, act = linear, scale = 0.1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 3000)",
      "train gf = flow(net, teacher, until = 8)",
      "observe loss at log(0.01, 8, 10)",
      "report csv(\"r.csv\")",
      "report json(\"r.json\")",
      "check final(gd.loss) < bound",
      "");

  @TempDir Path tmp;
  private Path script;
  private String out;
  private String err;

  @BeforeEach
  void writeScript() throws IOException {
    script = tmp.resolve("study.dyn");
    Files.writeString(script, SCRIPT);
  }

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void manifestRecordsOverridesSeedsAndTheHashOfEveryOutput() throws Exception {
    Path dir = tmp.resolve("o");
    assertEquals(ExitCodes.OK, run("run", script.toString(), "seed=3", "lr=0.05", "--out", dir.toString()), err);
    assertEquals(List.of("manifest.json", "r.csv", "r.json"), files(dir));
    Map<String, Object> m = ManifestJson.read(dir.resolve("manifest.json"));
    assertEquals("ok", m.get("status"));
    assertEquals(List.of("run", script.toString(), "seed=3", "lr=0.05", "--out", dir.toString()), m.get("command"));
    assertEquals(Map.of("seed", "3", "lr", "0.05"), m.get("overrides"));
    // Numbers in their shortest text, as in every dyn JSON file (3, not 3.0).
    assertEquals("{value=3, overridden=true}", ((Map<?, ?>) m.get("params")).get("seed").toString());
    assertEquals("{value=10, overridden=false}", ((Map<?, ?>) m.get("params")).get("bound").toString());
    Map<?, ?> s = (Map<?, ?>) m.get("script");
    assertEquals(SCRIPT, s.get("text"));
    assertEquals(sha256(script), s.get("sha256"));
    List<?> seeds = (List<?>) m.get("seeds");
    assertEquals(Map.of("step", "model net", "seed", 4L), seeds.get(1), "model seed = seed + 1 with seed=3");
    assertEquals("data teacher", ((Map<?, ?>) seeds.get(0)).get("step"));
    assertEquals(List.of(
        Map.of("path", "r.csv", "sha256", sha256(dir.resolve("r.csv")), "bytes", Files.size(dir.resolve("r.csv"))),
        Map.of("path", "r.json", "sha256", sha256(dir.resolve("r.json")), "bytes", Files.size(dir.resolve("r.json")))),
        m.get("outputs"));

    // Another seed: other data streams, another model seed, other outputs.
    Path other = tmp.resolve("p");
    assertEquals(ExitCodes.OK, run("run", script.toString(), "seed=4", "--out", other.toString()), err);
    Map<String, Object> m2 = ManifestJson.read(other.resolve("manifest.json"));
    List<?> seeds2 = (List<?>) m2.get("seeds");
    assertNotEquals(((Map<?, ?>) seeds.get(0)).get("streams"), ((Map<?, ?>) seeds2.get(0)).get("streams"));
    assertEquals(5L, ((Map<?, ?>) seeds2.get(1)).get("seed"));
    assertNotEquals(sha256(dir.resolve("r.csv")), sha256(other.resolve("r.csv")));
  }

  @Test
  void aFailedCheckStillListsItsOutputs() throws Exception {
    Path dir = tmp.resolve("o");
    assertEquals(ExitCodes.CHECK_FAILED, run("run", script.toString(), "bound=-1", "--out", dir.toString()));
    Map<String, Object> m = ManifestJson.read(dir.resolve("manifest.json"));
    assertEquals("checks_failed", m.get("status"));
    assertEquals(1L, m.get("exit_code"));
    assertEquals(2, ((List<?>) m.get("outputs")).size());
  }

  @Test
  void aFailedRunWritesAFailedManifestAndNoResults() throws Exception {
    Path dir = tmp.resolve("o");
    assertEquals(ExitCodes.RUNTIME, run("run", script.toString(), "lr=50", "--out", dir.toString()));
    assertEquals(List.of("manifest.json"), files(dir), "no result file of a failed run");
    Map<String, Object> m = ManifestJson.read(dir.resolve("manifest.json"));
    assertEquals("failed", m.get("status"));
    assertEquals(3L, m.get("exit_code"));
    assertEquals(List.of(), m.get("outputs"));
    List<?> failures = (List<?>) m.get("failures");
    assertEquals(1, failures.size());
    String f = (String) failures.get(0);
    assertTrue(f.startsWith(script + ":8:1: train gd: gradient descent diverged"), f);
  }

  @Test
  void linesModePrintsProgressLinesOnStderrOnly() throws IOException {
    Path dir = tmp.resolve("o");
    assertEquals(ExitCodes.OK, run("run", script.toString(), "--progress=lines", "--out", dir.toString()));
    String quiet = out;
    assertFalse(out.contains("%"), out);
    Pattern line = Pattern.compile("train (gd|gf): \\d{1,3}% \\((\\d+/\\d+ steps(, t = \\S+)?|t = \\S+/\\S+)\\) "
        + "\\d+\\.\\d s elapsed(, ETA .+ s)?");
    List<String> gd = new ArrayList<>();
    List<String> gf = new ArrayList<>();
    for (String l : err.split("\n")) {
      assertTrue(line.matcher(l).matches(), "not a progress line: " + l);
      (l.startsWith("train gd") ? gd : gf).add(l);
    }
    assertTrue(gd.get(gd.size() - 1).matches("train gd: 100% \\(3000/3000 steps\\) \\d+\\.\\d s elapsed"), gd.toString());
    assertTrue(gf.get(gf.size() - 1).matches("train gf: 100% \\(t = 8/8\\) \\d+\\.\\d s elapsed"), gf.toString());
    assertTrue(gd.stream().filter(l -> l.contains("100%")).count() == 1, gd.toString());

    // The tables and verdicts are the same with progress off, the default in-process.
    assertEquals(ExitCodes.OK, run("run", script.toString(), "--out", tmp.resolve("q").toString()));
    assertEquals("", err);
    assertEquals(quiet.replace(dir.toString(), "$OUT"), out.replace(tmp.resolve("q").toString(), "$OUT"));
    assertEquals(ExitCodes.OK, run("run", script.toString(), "--progress", "off", "--out", dir.toString()));
    assertEquals("", err);
  }

  @Test
  void unknownProgressModeIsAUsageError() {
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", script.toString(), "--progress=fancy", "--out", tmp.toString()));
    assertTrue(err.contains("unknown progress mode `fancy` (expected auto, bar, lines or off)"), err);
  }

  @Test
  void theLauncherAsksForProgressUnlessTold() {
    assertArrayEquals(new String[] {"run", "a.dyn", "--progress=auto"}, Main.withLauncherProgress(new String[] {"run", "a.dyn"}));
    String[] told = {"run", "a.dyn", "--progress", "off"};
    assertArrayEquals(told, Main.withLauncherProgress(told));
    String[] plan = {"plan", "a.dyn"};
    assertArrayEquals(plan, Main.withLauncherProgress(plan));
  }
}
