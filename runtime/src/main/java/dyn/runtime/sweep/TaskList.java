package dyn.runtime.sweep;

import dyn.compiler.plan.SweepSpec;
import dyn.runtime.sink.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The points of a sweep as numbered tasks, and the folder layout under the run's output folder:
 * {@code sweep-NAME/tasks.tsv} (header {@code task, params…, key}; values as {@link SweepText}
 * writes them) and {@code sweep-NAME/points/TASK/} with {@code result.json} and {@code log.txt}.
 */
public final class TaskList {
  private final SweepSpec spec;
  private final Path dir;
  private final List<String> keys;

  /**
   * @param outDir the run's output folder
   * @param key identifies results of this script, stdlib and overrides
   */
  public TaskList(SweepSpec spec, Path outDir, SweepKey key) {
    this.spec = spec;
    this.dir = outDir.resolve("sweep-" + spec.name());
    List<String> k = new ArrayList<>();
    for (List<Double> p : spec.points()) k.add(key.of(spec.params(), p));
    this.keys = List.copyOf(k);
  }

  public SweepSpec spec() {
    return spec;
  }

  /** The number of tasks. */
  public int size() {
    return spec.points().size();
  }

  /** {@code OUT/sweep-NAME}. */
  public Path dir() {
    return dir;
  }

  public Path tasksFile() {
    return dir.resolve("tasks.tsv");
  }

  public Path pointDir(int task) {
    return dir.resolve("points").resolve(Integer.toString(task));
  }

  public Path resultFile(int task) {
    return pointDir(task).resolve("result.json");
  }

  public Path logFile(int task) {
    return pointDir(task).resolve("log.txt");
  }

  /** The key a task's result must carry to count. */
  public String key(int task) {
    return keys.get(task);
  }

  /** The point's values, aligned with {@code spec().params()}. */
  public List<Double> values(int task) {
    return spec.points().get(task);
  }

  /** {@code gamma=0.1 lr=0.3}. */
  public String describe(int task) {
    java.util.Map<String, Double> point = new java.util.LinkedHashMap<>();
    for (int i = 0; i < spec.params().size(); i++) point.put(spec.params().get(i), values(task).get(i));
    return SweepText.assignments(point);
  }

  /** The task's result when it is DONE: parses, status ok, and the current key. */
  public java.util.Optional<PointResult> done(int task) {
    return PointResult.read(resultFile(task)).filter(r -> isDone(r, task));
  }

  /** Whether a result read for the task makes it DONE (see {@link #done}). */
  public boolean isDone(PointResult r, int task) {
    return r.status() == PointResult.Status.OK && isFinished(r, task);
  }

  /**
   * Whether a result read for the task is its, failed or not (see {@link #finished}). An ok result
   * must carry every param and metric the sweep declares: one edited or written by something else
   * that lacks one counted as done and gathered as NaN.
   */
  public boolean isFinished(PointResult r, int task) {
    return r.key().equals(key(task)) && r.task() == task && sameValues(r, task)
        && (r.status() != PointResult.Status.OK || complete(r));
  }

  /**
   * Whether every param the result names holds the task's value, bit for bit (the runner writes
   * them as the doubles it ran). A hand-edited value (k = 12345 for a k = 400 task) was accepted:
   * the table took the task list's values, so it showed numbers the file no longer stood for.
   * Params the result lacks are for {@link #complete} to judge.
   */
  public boolean sameValues(PointResult r, int task) {
    List<Double> values = values(task);
    for (int i = 0; i < spec.params().size(); i++) {
      Double v = r.params().get(spec.params().get(i));
      if (v != null && !v.equals(values.get(i))) return false;
    }
    return true;
  }

  private boolean complete(PointResult r) {
    if (!r.params().keySet().containsAll(spec.params())) return false;
    if (!r.metrics().containsKey(SweepSpec.DIVERGED)) return false;
    for (SweepSpec.Metric m : spec.metrics()) if (!r.metrics().containsKey(m.name())) return false;
    return true;
  }

  /**
   * The task's result when it finished with the current key, failed or not. A search counts a
   * failed point as an observation (a failure it models), not as work left to do.
   */
  public java.util.Optional<PointResult> finished(int task) {
    return PointResult.read(resultFile(task)).filter(r -> isFinished(r, task));
  }

  /**
   * The task list a search wrote so far ({@code sweep-NAME/tasks.tsv}): a search point's values
   * come from the batch that suggested it and cannot be derived from the script, so a lone
   * {@code dyn run --task I} (a Slurm array task) reads them here. Every row must carry the key
   * this script, stdlib and overrides give its values; otherwise the file belongs to another
   * version of the study and nothing is run from it.
   *
   * @throws IOException when the file is missing or unreadable
   * @throws IllegalArgumentException saying what does not match, when it is malformed or stale
   */
  public static TaskList recorded(SweepSpec spec, Path outDir, SweepKey key) throws IOException {
    Path file = outDir.resolve("sweep-" + spec.name()).resolve("tasks.tsv");
    List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    String header = "task\t" + String.join("\t", spec.params()) + "\tkey";
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IllegalArgumentException(file + " does not list the params " + String.join(", ", spec.params()));
    }
    List<List<Double>> points = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length != spec.params().size() + 2 || !cells[0].equals(Integer.toString(i - 1))) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not task " + (i - 1) + " with "
            + spec.params().size() + " values and a key");
      }
      List<Double> row = new ArrayList<>();
      try {
        for (int j = 1; j <= spec.params().size(); j++) row.add(SweepText.parse(cells[j]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": a value is not a number: " + e.getMessage());
      }
      points.add(row);
      keys.add(cells[cells.length - 1]);
    }
    TaskList tasks = new TaskList(spec.withPoints(points), outDir, key);
    for (int t = 0; t < tasks.size(); t++) {
      if (!tasks.key(t).equals(keys.get(t))) {
        throw new IllegalArgumentException(file + ": task " + t + " was suggested for another version of"
            + " the script, the stdlib or the overrides");
      }
    }
    return tasks;
  }

  /** Writes tasks.tsv atomically. */
  public void write() throws IOException {
    StringBuilder sb = new StringBuilder("task");
    for (String p : spec.params()) sb.append('\t').append(p);
    sb.append("\tkey\n");
    for (int t = 0; t < size(); t++) {
      sb.append(t);
      for (double v : values(t)) sb.append('\t').append(SweepText.num(v));
      sb.append('\t').append(key(t)).append('\n');
    }
    AtomicFiles.writeString(tasksFile(), sb.toString());
  }
}
