package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep run in batches writes, for every point, the result.json that running the point alone
 * writes ({@code --batch 1}, the per-point path), apart from its seconds: the same metrics, bit
 * for bit (JSON numbers in Java's shortest round-trip form), diverged points included. Points of
 * different plan shapes are never batched together, and a point whose plan does not fit a batch
 * runs alone.
 */
class BatchedSweepTest {
  /** eta_gamma's model and metrics, small: 2 widths × 2 γ × 3 lr, some points diverging. */
  private static final String SCRIPT = String.join("\n",
      "import datasets",
      "param gamma = 1",
      "param lr = 0.1",
      "param width = 4",
      "model scaled_linear(d, width, out, gamma) {",
      "  param W1: [width, d] ~ normal(0, 1 / d)",
      "  param W2: [out, width] ~ constant(0)",
      "  return W2 @ W1 @ x / gamma",
      "}",
      "data teacher = linear_teacher(d = 3, out = 1, n = 12, singular_values = [1], seed = 0)",
      "model net = scaled_linear(d = 3, width = width, out = 1, gamma = gamma, seed = 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 40)",
      "observe loss at linear(0, 40 * lr, 9)",
      "%s",
      "sweep s = grid(width = [4, 5], gamma = [0.5, 2], lr = [0.05, 0.3, 400]) {",
      "  loss = final(gd.loss)",
      "  edge = lr * monotone(gd.loss)",
      "}",
      "let eta = max(s.edge, over = lr)",
      "report table(eta)",
      "");

  @TempDir Path dir;

  private int dyn(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = Main.run(args, p, p);
    assertTrue(code == 0, sink.toString(StandardCharsets.UTF_8));
    return code;
  }

  /** Runs the sweep into DIR/out-NAME with the extra arguments; the points folder. */
  private Path run(String extraLine, String name, String... more) throws IOException {
    Path script = dir.resolve("study.dyn");
    Files.writeString(script, String.format(SCRIPT, extraLine));
    List<String> a = new ArrayList<>(List.of("run", script.toString(), "--out",
        dir.resolve("out-" + name).toString(), "--jobs", "1"));
    a.addAll(List.of(more));
    dyn(a.toArray(new String[0]));
    return dir.resolve("out-" + name).resolve("sweep-s").resolve("points");
  }

  private static String result(Path points, int task) throws IOException {
    String json = Files.readString(points.resolve(task + "/result.json"));
    return json.replaceAll("\"seconds\" : [0-9.eE+-]+", "\"seconds\" : _");
  }

  private static String log(Path points, int task) throws IOException {
    return Files.readString(points.resolve(task + "/log.txt"));
  }

  @Test
  void batchedPointsWriteWhatEachPointAloneWrites() throws IOException {
    Path batched = run("", "batched");
    Path alone = run("", "alone", "--batch", "1");
    int diverged = 0;
    for (int t = 0; t < 12; t++) {
      assertEquals(result(alone, t), result(batched, t), "task " + t);
      if (result(batched, t).matches("(?s).*\"diverged\" : 1[,\n].*")) diverged++;
      assertTrue(!log(alone, t).contains("batched"), log(alone, t));
    }
    // lr = 400 at every width and γ, and lr = 0.3 at γ = 0.5 (the stability edge scales as γ² on
    // the lazy side): diverged points sit in the same batches as points that converge.
    assertEquals(6, diverged);
    // Width is a shape: tasks 0–5 (width 4) and 6–11 (width 5) are two batches, not one.
    assertTrue(log(batched, 2).contains("with 5 other points of the same plan shape (tasks 0–5)"),
        log(batched, 2));
    assertTrue(log(batched, 7).contains("(tasks 6–11)"), log(batched, 7));
  }

  @Test
  void aTaskRangeRunsItsPointsBatched() throws IOException {
    Path alone = run("", "alone", "--batch", "1");
    Path script = dir.resolve("study.dyn");
    Path out = dir.resolve("out-range");
    dyn("run", script.toString(), "--out", out.toString(), "--task", "3-8");
    Path points = out.resolve("sweep-s").resolve("points");
    for (int t = 3; t <= 8; t++) assertEquals(result(alone, t), result(points, t), "task " + t);
    assertTrue(log(points, 3).contains("(tasks 3–5)"), log(points, 3));
    assertTrue(!Files.exists(points.resolve("2")), "only the range ran");
  }

  @Test
  void pointsThatDifferInSeedsBatchAndDrawTheirOwn() throws IOException {
    Path script = dir.resolve("seeds.dyn");
    Files.writeString(script, String.format(SCRIPT, "")
        .replace("param width = 4", "param width = 4\nparam seed = 0")
        .replace("seed = 0)\nmodel", "seed = seed)\nmodel")
        .replace("gamma = gamma, seed = 1)", "gamma = gamma, seed = seed + 1)")
        .replace("grid(width = [4, 5], gamma = [0.5, 2], lr = [0.05, 0.3, 400])",
            "grid(seed = seeds(3), lr = [0.05, 0.1])"));
    List<Path> points = new ArrayList<>();
    for (String batch : new String[] {"64", "1"}) {
      Path out = dir.resolve("out-seeds-" + batch);
      dyn("run", script.toString(), "--out", out.toString(), "--jobs", "1", "--batch", batch);
      points.add(out.resolve("sweep-s").resolve("points"));
    }
    for (int t = 0; t < 6; t++) assertEquals(result(points.get(1), t), result(points.get(0), t), "task " + t);
    assertTrue(log(points.get(0), 4).contains("with 5 other points of the same plan shape (tasks 0–5)"),
        log(points.get(0), 4));
    // Other seeds, other draws: the three seeds' final losses at lr = 0.05 (tasks 0, 2, 4) differ.
    java.util.Set<String> losses = new java.util.HashSet<>();
    for (int t : new int[] {0, 2, 4}) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"loss\" : ([^,\\s]+)")
          .matcher(result(points.get(0), t));
      assertTrue(m.find(), result(points.get(0), t));
      losses.add(m.group(1));
    }
    assertEquals(3, losses.size(), losses.toString());
  }

  /**
   * The text `dyn plan` prints on stdout for the script with the extra line (warnings, such as
   * the one on `monotone` over this coarse grid, go to stderr, as in a terminal).
   */
  private String plan(String extraLine, String... options) throws IOException {
    Path script = dir.resolve("study.dyn");
    Files.writeString(script, String.format(SCRIPT, extraLine));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("plan", script.toString()));
    args.addAll(List.of(options));
    assertEquals(0, Main.run(args.toArray(new String[0]), p, err));
    return sink.toString(StandardCharsets.UTF_8);
  }

  @Test
  void planJsonListsTheBatches() throws IOException {
    Map<?, ?> batches = jsonBatches("");
    assertEquals(12L, batches.get("batched"));
    List<?> shapes = (List<?>) batches.get("shapes");
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), ((Map<?, ?>) shapes.get(0)).get("tasks"));
    assertEquals(List.of("gamma (2 values)", "lr (3 values)"), ((Map<?, ?>) shapes.get(0)).get("varying"));
    assertEquals(List.of(), batches.get("alone"));
    batches = jsonBatches("report csv(\"point.csv\")");
    assertEquals(0L, batches.get("batched"));
    Map<?, ?> alone = (Map<?, ?>) ((List<?>) batches.get("alone")).get(0);
    assertTrue(((String) alone.get("reason")).startsWith("it has a report step"), alone.toString());
    assertEquals(12, ((List<?>) alone.get("tasks")).size());
  }

  /** The sweep's batches in `dyn plan --json`. */
  private Map<?, ?> jsonBatches(String extraLine) throws IOException {
    Path json = dir.resolve("plan.json");
    Files.writeString(json, plan(extraLine, "--json"));
    Map<?, ?> sweep = (Map<?, ?>) dyn.runtime.sink.ManifestJson.read(json).get("sweep");
    return (Map<?, ?>) sweep.get("batches");
  }

  @Test
  void planListsTheBatches() throws IOException {
    String text = plan("");
    assertTrue(text.contains("batches: 12 of 12 points run batched"), text);
    assertTrue(text.contains("  shape 1: 6 points (tasks 0–5), differing in gamma (2 values), lr (3 values)\n"
        + "  shape 2: 6 points (tasks 6–11), differing in gamma (2 values), lr (3 values)\n"), text);
    text = plan("report csv(\"point.csv\")");
    assertTrue(text.contains("batches: 0 of 12 points run batched"), text);
    assertTrue(text.contains("  alone: 12 points (tasks 0–11): it has a report step"), text);
  }

  @Test
  void aPointThatWritesRunsAlone() throws IOException {
    Path batched = run("report csv(\"point.csv\")", "writes");
    for (int t = 0; t < 12; t++) {
      assertTrue(log(batched, t).contains("runs alone: it has a report step"), log(batched, t));
      boolean diverged = result(batched, t).matches("(?s).*\"diverged\" : 1[,\n].*");
      assertEquals(!diverged, Files.exists(batched.resolve(t + "/point.csv")), "task " + t + "'s report");
    }
  }
}
