package dyn.compiler.data;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A numeric CSV: one matrix row per line, cells separated by commas (spaces around a cell are
 * ignored), after {@code skipLines} header lines; blank lines are skipped. Every row must have
 * the first row's number of cells and every cell must be a number: the fault is named by its
 * line and column in the file.
 */
final class CsvFile {
  private CsvFile() {}

  record Table(Shape shape, double[] values) {}

  static Table parse(DataFile f) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(f.bytes())).toString();
    } catch (CharacterCodingException e) {
      throw f.bad("not UTF-8 text");
    }
    String[] lines = text.split("\r?\n", -1);
    double[] values = new double[16];
    int count = 0;
    int rows = 0;
    int cols = -1;
    int firstRowLine = 0;
    for (int li = f.skipLines(); li < lines.length; li++) {
      String line = lines[li];
      if (line.isBlank()) continue;
      String[] cells = line.split(",", -1);
      if (cols < 0) {
        cols = cells.length;
        firstRowLine = li + 1;
      } else if (cells.length != cols) {
        throw f.bad("line " + (li + 1) + " has " + cells.length + (cells.length == 1 ? " cell" : " cells")
            + ", but line " + firstRowLine + " has " + cols + " (a ragged row)");
      }
      for (int c = 0; c < cells.length; c++) {
        String cell = cells[c].trim();
        double v;
        try {
          v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (cell.isEmpty() || Double.isNaN(v) && !cell.equalsIgnoreCase("nan")
            || cell.endsWith("d") || cell.endsWith("D") || cell.endsWith("f") || cell.endsWith("F")) {
          throw f.bad("line " + (li + 1) + ", column " + (c + 1) + ": "
              + (cell.isEmpty() ? "an empty cell" : "`" + cell + "` is not a number")
              + (rows == 0 && li == f.skipLines() && !cell.isEmpty() ? " (a header line? skip it: load_csv(\"…\", 1))" : ""));
        }
        if (count == values.length) values = java.util.Arrays.copyOf(values, 2 * count);
        values[count++] = v;
      }
      rows++;
    }
    if (rows == 0) throw f.bad("no data rows" + (f.skipLines() > 0 ? " after " + f.skipLines() + " skipped lines" : ""));
    return new Table(new Shape(rows, cols), java.util.Arrays.copyOf(values, count));
  }
}
