package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code observe loss at linear(0, 10, 3)} beside a dense recording of another observable gives a
 * loss of 3 rows, end to end: tables, CSV, checks and sweep metrics read each series on its own
 * times, and a table of series on different grids has a row at every time of either, with an
 * empty cell where a series has no record.
 */
class ObserveGridsTest {
  @TempDir Path dir;

  private static final String HEAD = String.join("\n",
      "import models", "import datasets",
      "data teacher = linear_teacher(d = 4, out = 2, n = 20, singular_values = [2, 1], seed = 1)",
      "model net = two_layer(d = 4, width = 3, out = 2, seed = 2)",
      "train gd = descent(net, teacher, lr = 0.1, steps = 100)", "");

  private CliRun run(String body, String... more) throws IOException {
    Path script = dir.resolve("s.dyn");
    Files.writeString(script, HEAD + body);
    List<String> args = new ArrayList<>(List.of("run", script.toString(), "--out",
        dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The table whose header line starts with {@code header}: its data rows, cells split on runs of spaces. */
  private static List<String> rows(String out, String header) {
    List<String> rows = new ArrayList<>();
    boolean in = false;
    for (String line : out.split("\n")) {
      if (line.strip().startsWith(header)) {
        in = true;
      } else if (in && line.isBlank()) {
        break;
      } else if (in) {
        rows.add(line);
      }
    }
    return rows;
  }

  private static double checkValue(String out, String check) {
    Matcher m = Pattern.compile(Pattern.quote(check) + ": PASS \\(value (\\S+)\\)").matcher(out);
    assertTrue(m.find(), out);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void eachSeriesHasItsOwnRows() throws IOException {
    CliRun r = run(String.join("\n",
        "observe loss at linear(0, 10, 3)",
        "observe singular_values at linear(0, 10, 101)",
        "report table(gd.loss)",
        "report table(gd.singular_values)",
        "check at(gd.loss, 5) < 1",
        "check at(gd.loss, 2.5) < 10",
        "check final(gd.loss) < 1",
        "check max(gd.loss) < 10", ""));
    assertEquals(0, r.code(), r.out() + r.err());
    List<String> loss = rows(r.out(), "t     gd.loss");
    assertEquals(3, loss.size(), r.out());
    assertEquals(List.of("0", "5", "10"), loss.stream().map(l -> l.strip().split("\\s+")[0]).toList());
    assertEquals(101, rows(r.out(), "t  gd.singular_values[0]").size(), r.out());
    // at(…, 5) reads the row at t = 5; at(…, 2.5) interpolates between the loss's own rows 0 and
    // 5 (tables and verdicts print 6 significant digits).
    double l0 = Double.parseDouble(loss.get(0).strip().split("\\s+")[1]);
    double l5 = Double.parseDouble(loss.get(1).strip().split("\\s+")[1]);
    assertEquals(l5, checkValue(r.out(), "check at(gd.loss, 5) < 1"), 1e-5 * l5);
    assertEquals(0.5 * (l0 + l5), checkValue(r.out(), "check at(gd.loss, 2.5) < 10"),
        1e-5 * l0);
    assertEquals(l0, checkValue(r.out(), "check max(gd.loss) < 10"), 1e-5 * l0);
  }

  @Test
  void aTableOfSeriesOnDifferentGridsHasARowAtEachOfTheirTimes() throws IOException {
    CliRun r = run(String.join("\n",
        "observe loss at linear(0, 10, 3)",
        "observe param_norm at linear(0, 10, 11)",
        "report table(gd.loss, gd.param_norm)",
        "report csv(\"both.csv\", gd.loss, gd.param_norm)", ""));
    assertEquals(0, r.code(), r.out() + r.err());
    List<String> rows = rows(r.out(), "t     gd.loss");
    assertEquals(11, rows.size(), r.out());
    for (String row : rows) {
      String[] cells = row.strip().split("\\s+");
      boolean lossRow = cells[0].equals("0") || cells[0].equals("5") || cells[0].equals("10");
      // A row without a loss has two cells: t and param_norm.
      assertEquals(lossRow ? 3 : 2, cells.length, row);
    }
    List<String> csv = Files.readAllLines(dir.resolve("out").resolve("both.csv"));
    assertEquals("t,gd.loss,gd.param_norm", csv.get(0));
    assertEquals(12, csv.size());
    assertTrue(csv.get(2).matches("1,,[0-9.e-]+"), csv.get(2));
    assertTrue(csv.get(6).matches("5,[0-9.e-]+,[0-9.e-]+"), csv.get(6));
  }

  @Test
  void anObservableNamedTwiceGetsBothGrids() throws IOException {
    CliRun r = run(String.join("\n",
        "observe loss at linear(0, 10, 3)",
        "observe loss, param_norm at linear(0, 4, 3)",
        "report table(gd.loss)",
        "report table(gd.param_norm)", ""));
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(List.of("0", "2", "4", "5", "10"), rows(r.out(), "t     gd.loss").stream()
        .map(l -> l.strip().split("\\s+")[0]).toList());
    assertEquals(List.of("0", "2", "4"), rows(r.out(), "t  gd.param_norm").stream()
        .map(l -> l.strip().split("\\s+")[0]).toList());
  }

  /** final(…) of a sweep metric is the last time of the series' own grid, batched or alone. */
  @Test
  void sweepMetricsReadTheSeriesOwnTimes() throws IOException {
    Path script = dir.resolve("sweep.dyn");
    Files.writeString(script, String.join("\n",
        "import datasets", "import models", "param lr = 0.1",
        "data teacher = linear_teacher(d = 3, out = 1, n = 12, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 3, width = 4, out = 1, seed = 1)",
        "train gd = descent(net, teacher, lr = lr, steps = 40)",
        "observe loss at linear(0, 20 * lr, 3)",
        "observe param_norm at linear(0, 40 * lr, 9)",
        "sweep s = grid(lr = [0.05, 0.1]) {",
        "  gap = final(gd.loss) - at(gd.loss, 20 * lr)",
        "  ends = final(gd.param_norm) - at(gd.param_norm, 40 * lr)",
        "  late = final(gd.loss) - at(gd.param_norm, 40 * lr)",
        "}", ""));
    for (String batch : new String[] {"1", "2"}) {
      Path out = dir.resolve("out-" + batch);
      CliRun r = CliRun.of("run", script.toString(), "--out", out.toString(), "--batch", batch);
      assertEquals(0, r.code(), r.out() + r.err());
      for (int task = 0; task < 2; task++) {
        String json = Files.readString(out.resolve("sweep-s/points/" + task + "/result.json"));
        assertTrue(json.contains("\"gap\" : 0,"), json);
        assertTrue(json.contains("\"ends\" : 0,"), json);
        assertTrue(!json.contains("\"late\" : 0,"), json);
      }
    }
  }
}
