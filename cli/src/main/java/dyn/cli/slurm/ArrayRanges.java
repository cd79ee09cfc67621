package dyn.cli.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Slurm's array index syntax: {@code 0-3,5,7-9}, optionally followed by {@code %K} to run at
 * most K tasks at once.
 */
public final class ArrayRanges {
  private ArrayRanges() {}

  /** Compresses task numbers (any order, duplicates ignored) into ranges, e.g. 0-3,5. */
  public static String format(List<Integer> tasks) {
    if (tasks.isEmpty()) throw new IllegalArgumentException("no tasks");
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int t : new TreeSet<>(tasks)) {
      if (t < 0) throw new IllegalArgumentException("negative task " + t);
      if (start != null && t == prev + 1) {
        prev = t;
        continue;
      }
      if (start != null) parts.add(range(start, prev));
      start = t;
      prev = t;
    }
    parts.add(range(start, prev));
    return String.join(",", parts);
  }

  /** The {@code --array} value: ranges plus {@code %K} when a limit is given (K > 0). */
  public static String spec(List<Integer> tasks, int maxParallel) {
    return format(tasks) + (maxParallel > 0 ? "%" + maxParallel : "");
  }

  /** Expands ranges such as {@code 0-3,5} (a {@code %K} suffix is ignored) back into task numbers. */
  public static List<Integer> parse(String spec) {
    String s = spec.contains("%") ? spec.substring(0, spec.indexOf('%')) : spec;
    List<Integer> out = new ArrayList<>();
    for (String part : s.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        out.add(Integer.parseInt(part.trim()));
      } else {
        int a = Integer.parseInt(part.substring(0, dash).trim());
        int b = Integer.parseInt(part.substring(dash + 1).trim());
        for (int i = a; i <= b; i++) out.add(i);
      }
    }
    return out;
  }

  private static String range(int a, int b) {
    return a == b ? Integer.toString(a) : a + "-" + b;
  }
}
