package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep leaves manifests like a plain run (docs/OUTPUTS.md): one per point in its folder, one
 * for the gathered sweep in {@code OUT/sweep-NAME/}, and it reports points done through
 * {@code --progress}. Hashes are recomputed here with the JDK's SHA-256.
 */
class SweepManifestTest {
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
      "report csv(\"best.csv\", best)",
      "");

  @TempDir Path dir;

  private CliRun dyn(String... args) throws IOException {
    Path s = dir.resolve("study.dyn");
    if (!Files.exists(s)) Files.writeString(s, SCRIPT);
    List<String> a = new ArrayList<>(List.of(args[0], s.toString(), "--out", out().toString()));
    a.addAll(List.of(args).subList(1, args.length));
    return CliRun.of(a.toArray(new String[0]));
  }

  private Path out() {
    return dir.resolve("out");
  }

  private static String sha(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> hashes(Map<String, Object> manifest) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    for (Object o : (List<Object>) manifest.get("outputs")) {
      Map<String, Object> m = (Map<String, Object>) o;
      h.put((String) m.get("path"), (String) m.get("sha256"));
    }
    return h;
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyPointAndTheGatheredSweepWriteAManifest() throws Exception {
    CliRun r = dyn("run", "--jobs", "2", "--progress", "lines");
    assertEquals(0, r.code(), r.err());
    Path sweep = out().resolve("sweep-s");
    // Task order: lr outer, seed inner (docs/SWEEPS.md); task 0 is lr = 0.01, seed = 0.
    for (int t = 0; t < 6; t++) {
      Path point = sweep.resolve("points").resolve(Integer.toString(t));
      Map<String, Object> m = ManifestJson.read(point.resolve("manifest.json"));
      Map<String, Object> props = (Map<String, Object>) m.get("properties");
      assertEquals("s", props.get("sweep"));
      assertEquals(Integer.toString(t), props.get("task"));
      Map<String, Object> overrides = (Map<String, Object>) m.get("overrides");
      assertEquals(props.get("lr"), overrides.get("lr"), "a point is `dyn run S lr=…`");
      assertEquals(props.get("seed"), overrides.get("seed"));
      boolean diverged = Double.parseDouble((String) props.get("lr")) > 10;
      // lr = 1e3 on this data diverges: the plain run at that point would fail (exit 3).
      assertEquals(diverged ? "failed" : "ok", m.get("status"), point.toString());
      if (!diverged) {
        assertEquals(Map.of("point.csv", sha(point.resolve("point.csv"))), hashes(m));
      }
    }
    Map<String, Object> g = ManifestJson.read(sweep.resolve("manifest.json"));
    assertEquals("ok", g.get("status"));
    assertEquals("6", ((Map<String, Object>) g.get("properties")).get("points"));
    Map<String, String> h = hashes(g);
    assertEquals(sha(out().resolve("best.csv")), h.get("best.csv"));
    for (int t = 0; t < 6; t++) {
      Path result = sweep.resolve("points").resolve(Integer.toString(t)).resolve("result.json");
      assertEquals(sha(result), h.get("sweep-s/points/" + t + "/result.json"), "task " + t);
    }
    assertEquals(7, h.size(), h.toString());
    assertTrue(r.err().contains("sweep s: 100% (6/6 points)"), r.err());
  }

  @Test
  void aResumedSweepCountsOnlyThePointsItRuns() throws Exception {
    assertEquals(0, dyn("run", "--jobs", "1").code());
    Files.delete(out().resolve("sweep-s").resolve("points").resolve("3").resolve("result.json"));
    CliRun r = dyn("run", "--jobs", "1", "--progress", "lines");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("sweep s: 100% (1/1 points)"), r.err());
  }
}
