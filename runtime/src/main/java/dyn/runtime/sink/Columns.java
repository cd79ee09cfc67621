package dyn.runtime.sink;

import java.util.List;

/**
 * The layout every terminal table of dyn shares: columns two spaces apart, each as wide as its
 * widest cell, numbers right-aligned (so digits line up), no trailing spaces.
 */
public final class Columns {
  private Columns() {}

  /** Every column right-aligned. */
  public static String align(List<String[]> lines) {
    return align(lines, 0);
  }

  /**
   * The first {@code leftAligned} columns (names) left-aligned, the rest right-aligned; each line
   * ends in a newline.
   */
  public static String align(List<String[]> lines, int leftAligned) {
    int[] width = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int c = 0; c < line.length; c++) width[c] = Math.max(width[c], line[c].length());
    }
    StringBuilder sb = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder row = new StringBuilder();
      for (int c = 0; c < line.length; c++) {
        if (c > 0) row.append("  ");
        String pad = " ".repeat(width[c] - line[c].length());
        row.append(c < leftAligned ? line[c] + pad : pad + line[c]);
      }
      int end = row.length();
      while (end > 0 && row.charAt(end - 1) == ' ') end--;
      sb.append(row, 0, end).append('\n');
    }
    return sb.toString();
  }
}
