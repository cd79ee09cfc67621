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

/**
 * The CSV an example writes, read back for the theory tests: a header of series names, then one
 * row per recorded time. {@link #run} runs an example exactly as {@code dyn run} does.
 */
record ExampleCsv(List<String> header, List<double[]> values) {
  static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();

  /** Runs examples/SCRIPT into outDir (it must exit 0) and reads the CSV it wrote. */
  static ExampleCsv run(String script, Path outDir, String csvName) throws IOException {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"run", ROOT.resolve(script).toString(), "--out", outDir.toString()},
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, () -> stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8));
    return read(outDir.resolve(csvName));
  }

  static ExampleCsv read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) row[i] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
      rows.add(row);
    }
    return new ExampleCsv(List.of(lines.get(0).split(",")), rows);
  }

  /** |expected − actual| ≤ rtol·|expected| + atol, with a message naming both numbers. */
  static void assertClose(double expected, double actual, double rtol, double atol, String what) {
    assertTrue(
        Math.abs(expected - actual) <= rtol * Math.abs(expected) + atol,
        what + ": expected " + expected + " but dyn computed " + actual);
  }

  int rows() {
    return values.size();
  }

  double get(int row, String column) {
    int c = header.indexOf(column);
    assertTrue(c >= 0, "no column " + column + " in " + header);
    return values.get(row)[c];
  }

  /** The first recorded time at which the column reaches the level. */
  double firstTime(String column, double level) {
    for (int r = 0; r < rows(); r++) {
      if (get(r, column) >= level) return get(r, "t");
    }
    throw new AssertionError(column + " never reaches " + level);
  }

  /** The first recorded time at which the column falls below the level (C0.5 midpoint rule). */
  double firstBelow(String column, double level) {
    for (int r = 0; r < rows(); r++) {
      if (get(r, column) < level) return get(r, "t");
    }
    throw new AssertionError(column + " never falls below " + level);
  }

  /** The first recorded time at which the column is within rtol of the level (a plateau visit). */
  double plateauTime(String column, double level, double rtol) {
    for (int r = 0; r < rows(); r++) {
      if (Math.abs(get(r, column) - level) <= rtol * level) return get(r, "t");
    }
    throw new AssertionError(column + " never sits within " + rtol + " of " + level);
  }

  /** The column's value at the recorded time nearest t. */
  double nearest(double t, String column) {
    int best = 0;
    for (int r = 1; r < rows(); r++) {
      if (Math.abs(get(r, "t") - t) < Math.abs(get(best, "t") - t)) best = r;
    }
    return get(best, column);
  }
}
