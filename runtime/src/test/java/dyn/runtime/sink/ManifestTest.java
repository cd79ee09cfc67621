package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.Studies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  /** data teacher (streams 51, 52, 53 by Studies' rule seed·10 + k), model net seed 7, SGD stream 9. */
  private static Plan plan() {
    return new Plan("study.dyn", List.of(new Plan.ParamValue("alpha", 1e-3, true), new Plan.ParamValue("width", 8, false)),
        List.of(Studies.linearTeacher(4, 2, 16, new double[] {3, 1}, 0, 5),
            Studies.modelStep(Studies.twoLayerLinear(4, 8, 2), 1e-3, 7, InitSpec.Kind.DECLARED),
            new TrainStep(2, "sgd", Origin.none(), 1, 0, TrainStep.Loss.MSE, new Dynamics.Sgd(0.1, 10, 4, 9),
                List.of(0.0, 1.0), List.of(Observable.LOSS))));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void sha256OfTheFipsExample() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Manifest.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void recordsEverythingAndHashesTheOutputs() throws Exception {
    byte[] csv = "t,loss\n0,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] big = new byte[200_000];  // more than one read buffer
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + 7);
    Files.write(dir.resolve("a.csv"), csv);
    Files.createDirectories(dir.resolve("plots"));
    Files.write(dir.resolve("plots/b.bin"), big);
    String script = "param alpha = 1e-3\n# ü\n";
    Manifest.forPlan(plan()).script(script).command(List.of("run", "study.dyn", "alpha=1e-3"))
        .overrides(Map.of("alpha", "1e-3")).property("point", "3").started(Instant.parse("2026-01-02T03:04:05Z"))
        .output(dir, dir.resolve("a.csv")).output(dir, dir.resolve("plots/b.bin"))
        .finish(Manifest.Status.OK, 0, Instant.parse("2026-01-02T03:04:07Z"), 2.0, List.of())
        .write(dir);

    Map<String, Object> m = ManifestJson.read(dir.resolve(Manifest.FILE));
    assertEquals("ok", m.get("status"));
    assertEquals(0L, m.get("exit_code"));
    assertTrue(((String) m.get("dyn")).matches("\\d+\\.\\d+\\.\\d+.*"), "version " + m.get("dyn"));
    Map<?, ?> s = (Map<?, ?>) m.get("script");
    assertEquals("study.dyn", s.get("path"));
    assertEquals(script, s.get("text"));
    assertEquals(sha256(script.getBytes(StandardCharsets.UTF_8)), s.get("sha256"));
    assertEquals(List.of("run", "study.dyn", "alpha=1e-3"), m.get("command"));
    assertEquals(Map.of("alpha", "1e-3"), m.get("overrides"));
    Map<?, ?> alpha = (Map<?, ?>) ((Map<?, ?>) m.get("params")).get("alpha");
    assertEquals(1e-3, ((Number) alpha.get("value")).doubleValue());
    assertEquals(true, alpha.get("overridden"));
    assertEquals(List.of(
        Map.of("step", "data teacher", "streams", List.of(51L, 52L, 53L)),
        Map.of("step", "model net", "seed", 7L),
        Map.of("step", "train sgd", "stream", 9L)), m.get("seeds"));
    assertEquals("cpu", m.get("backend"));
    assertEquals(System.getProperty("java.version"), ((Map<?, ?>) m.get("java")).get("version"));
    assertEquals("2026-01-02T03:04:05Z", m.get("started"));
    assertEquals("2026-01-02T03:04:07Z", m.get("finished"));
    assertEquals(Map.of("point", "3"), m.get("properties"));
    assertEquals(List.of(
        Map.of("path", "a.csv", "sha256", sha256(csv), "bytes", (long) csv.length),
        Map.of("path", "plots/b.bin", "sha256", sha256(big), "bytes", (long) big.length)), m.get("outputs"));
    assertNotEquals(sha256(csv), sha256(big));
    assertEquals(List.of(), m.get("failures"));
  }

  @Test
  void aFailedRunRecordsItsFailuresAndLeavesNoTemporaryFiles() throws IOException {
    Manifest.forPlan(plan()).script("x").finish(Manifest.Status.FAILED, 3, Instant.EPOCH, 0.5,
        List.of("study.dyn:9:1: train sgd: SGD diverged")).write(dir);
    Map<String, Object> m = ManifestJson.read(dir.resolve(Manifest.FILE));
    assertEquals("failed", m.get("status"));
    assertEquals(3L, m.get("exit_code"));
    assertEquals(List.of("study.dyn:9:1: train sgd: SGD diverged"), m.get("failures"));
    assertEquals(List.of(), m.get("outputs"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(Manifest.FILE), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void versionComesFromTheBuild() {
    assertFalse(Manifest.dynVersion().equals("unknown") || Manifest.dynVersion().contains("${"), Manifest.dynVersion());
  }

  @Test
  void theScriptTextIsQuotedAsJacksonQuotesAStringField() throws IOException {
    // The manifest writes a memoized, pre-quoted script text; it must be byte-for-byte what the
    // generator's own string escaping writes, for every kind of character a script may hold.
    com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
    for (String text : List.of("", "plain", "quote \" back \\ slash / tab \t cr \r nl \n",
        "ctrl \u0001\u001f del \u007f", "η × γ → ∞, 😀 surrogate", "line\u2028sep")) {
      java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
      try (com.fasterxml.jackson.core.JsonGenerator g = f.createGenerator(expected)) {
        g.writeString(text);
      }
      assertEquals(expected.toString(StandardCharsets.UTF_8), ManifestJson.quoted(text), text);
      assertEquals(ManifestJson.quoted(text), ManifestJson.quoted(new String(text)));
    }
  }

  @Test
  void aManifestReadsBackTheScriptTextItWrote() throws IOException {
    String script = "param a = 1 # \"η\"\n\tcheck a < 2\n";
    Manifest.forPlan(plan()).script(script).finish(Manifest.Status.OK, 0, Instant.EPOCH, 0.5,
        List.of()).write(dir);
    Map<String, Object> m = ManifestJson.read(dir.resolve(Manifest.FILE));
    assertEquals(script, ((Map<?, ?>) m.get("script")).get("text"));
  }
}
