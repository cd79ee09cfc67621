package dyn.cli.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's task list, as {@code dyn run --prepare} writes it to {@code tasks.tsv}: a header
 * {@code task<TAB>axis…<TAB>key}, then one line per point.
 *
 * @param sweepDir the folder holding tasks.tsv and points/
 * @param axes the swept parameters, in column order
 * @param tasks the points, in task order
 */
public record SweepTasks(Path sweepDir, List<String> axes, List<Task> tasks) {
  public SweepTasks {
    axes = List.copyOf(axes);
    tasks = List.copyOf(tasks);
  }

  /**
   * One point of the sweep.
   *
   * @param index the 0-based task number (the Slurm array index)
   * @param values the axis values as printed in tasks.tsv, in axis order
   * @param key the hash that a result must carry to count as this point's
   */
  public record Task(int index, List<String> values, String key) {
    public Task {
      values = List.copyOf(values);
    }
  }

  /** The parameters of a task as {@code name=value} pairs, for messages. */
  public Map<String, String> params(Task task) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < axes.size(); i++) m.put(axes.get(i), task.values().get(i));
    return m;
  }

  /** The folder of one point's files. */
  public Path pointDir(int task) {
    return sweepDir.resolve("points").resolve(Integer.toString(task));
  }

  /** Reads a tasks.tsv. */
  public static SweepTasks read(Path tasksTsv) throws IOException {
    List<String> lines = Files.readAllLines(tasksTsv, StandardCharsets.UTF_8);
    return parse(tasksTsv.toAbsolutePath().getParent(), lines, tasksTsv.toString());
  }

  /** Parses the lines of a tasks.tsv; {@code name} is used in error messages. */
  static SweepTasks parse(Path sweepDir, List<String> lines, String name) throws IOException {
    if (lines.isEmpty()) throw new IOException(name + ": empty (no header line)");
    String[] header = lines.get(0).split("\t", -1);
    if (header.length < 2 || !header[0].equals("task") || !header[header.length - 1].equals("key")) {
      throw new IOException(name + ":1: header must be `task<TAB>…<TAB>key`, got `" + lines.get(0) + "`");
    }
    List<String> axes = List.of(header).subList(1, header.length - 1);
    List<Task> tasks = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) continue;
      String[] cells = line.split("\t", -1);
      if (cells.length != header.length) {
        throw new IOException(name + ":" + (i + 1) + ": " + cells.length + " columns, header has " + header.length);
      }
      int index;
      try {
        index = Integer.parseInt(cells[0]);
      } catch (NumberFormatException e) {
        throw new IOException(name + ":" + (i + 1) + ": task `" + cells[0] + "` is not a number");
      }
      if (index != tasks.size()) {
        throw new IOException(name + ":" + (i + 1) + ": expected task " + tasks.size() + ", got " + index);
      }
      tasks.add(new Task(index, List.of(cells).subList(1, cells.length - 1), cells[cells.length - 1]));
    }
    return new SweepTasks(sweepDir, axes, tasks);
  }
}
