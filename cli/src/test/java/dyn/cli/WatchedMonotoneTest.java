package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `monotone` of a full-batch descent's loss is decided at every step, not at the records: the step
 * loop notes the first step whose loss rose. examples/eta_gamma.dyn's model at γ = 1, lr = 0.3
 * catapults at steps 3–4 and then converges, so 121 records (every 5 steps) show a loss that only
 * falls, while the 601 records of every step show the rise. The rise is found here from the CSV
 * by a plain loop, independently of dyn's CheckEvaluator and of the step loop's watch, which
 * `--verbose` reports on the train's line.
 */
class WatchedMonotoneTest {
  @TempDir Path dir;

  private static final String SCRIPT = String.join("\n",
      "import datasets",
      "param records = 121",
      "model scaled_linear(d, width, out, gamma) {",
      "  param W1: [width, d] ~ normal(0, 1 / d)",
      "  param W2: [out, width] ~ constant(0)",
      "  return W2 @ W1 @ x / gamma",
      "}",
      "data teacher = linear_teacher(d = 4, out = 1, n = 32, singular_values = [1], seed = 0)",
      "model net = scaled_linear(d = 4, width = 16, out = 1, gamma = 1, seed = 1)",
      "train gd = descent(net, teacher, lr = 0.3, steps = 600)",
      "observe loss at linear(0, 180, records)",
      "report csv(\"loss.csv\", gd.loss)",
      "check monotone(gd.loss) < 0.5",
      "");

  @Test
  void aRiseBetweenRecordsIsSeen() throws IOException {
    Path script = dir.resolve("catapult.dyn");
    Files.writeString(script, SCRIPT);
    for (int records : new int[] {121, 601}) {
      Path out = dir.resolve("r" + records);
      CliRun r = CliRun.of("run", script.toString(), "records=" + records, "--out", out.toString(),
          "--verbose");
      assertEquals(0, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("check monotone(gd.loss) < 0.5: PASS (value 0)"), r.out());
      assertFalse(r.err().contains("monotone-between-records"), r.err());
      List<Double> loss = column(out.resolve("loss.csv"));
      assertEquals(records, loss.size());
      // What the records alone show: every step's records hold the catapult, every fifth's miss it.
      assertEquals(records == 601, firstRise(loss) > 0, "a rise visible in " + records + " records");
      if (records == 601) {
        // --verbose names the step where the loop saw the loss rise: the csv's first rise.
        int k = firstRise(loss);
        assertTrue(r.err().contains("the loss first rose at step " + k + " (t = "), r.err());
      }
    }
  }

  /** The first record exceeding the one before by more than 1e-9 of the first; −1 when none. */
  private static int firstRise(List<Double> v) {
    for (int i = 1; i < v.size(); i++) {
      if (v.get(i) > v.get(i - 1) + 1e-9 * Math.abs(v.get(0))) return i;
    }
    return -1;
  }

  private static List<Double> column(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<Double> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) out.add(Double.parseDouble(line.split(",")[1]));
    return out;
  }
}
