package dyn.cli.slurm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every point of a sweep, and the points still to run: everything not
 * {@link PointState#DONE DONE} in the sense of the sweep contract (result.json parses, status
 * "ok", key equal to tasks.tsv's). This is what makes resubmission run only missing or failed
 * points.
 */
public final class PendingPoints {
  private static final JsonFactory JSON = new JsonFactory();

  private final SweepTasks tasks;
  private final Map<Integer, PointState> states;

  private PendingPoints(SweepTasks tasks, Map<Integer, PointState> states) {
    this.tasks = tasks;
    this.states = states;
  }

  /** Reads every point's result.json. */
  public static PendingPoints of(SweepTasks tasks) {
    Map<Integer, PointState> states = new LinkedHashMap<>();
    for (SweepTasks.Task t : tasks.tasks()) {
      states.put(t.index(), state(tasks.pointDir(t.index()).resolve("result.json"), t.key()));
    }
    return new PendingPoints(tasks, states);
  }

  /** The state of one point whose result should be at {@code resultJson} with {@code key}. */
  static PointState state(Path resultJson, String key) {
    String status = null;
    String foundKey = null;
    boolean diverged = false;
    try (JsonParser p = JSON.createParser(Files.readAllBytes(resultJson))) {
      if (p.nextToken() != JsonToken.START_OBJECT) return PointState.UNREADABLE;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("status") && value == JsonToken.VALUE_STRING) {
          status = p.getText();
        } else if (field.equals("key") && value == JsonToken.VALUE_STRING) {
          foundKey = p.getText();
        } else if (field.equals("metrics") && value == JsonToken.START_OBJECT) {
          // Every ok result records `diverged`; the sweep's own metrics are checked where the
          // plan is known (TaskList), which reruns a point missing one.
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            diverged |= p.currentName().equals("diverged");
            p.nextToken();
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) return PointState.UNREADABLE;
    } catch (NoSuchFileException e) {
      return PointState.MISSING;
    } catch (IOException e) {
      return PointState.UNREADABLE;
    }
    if (status == null || foundKey == null) return PointState.UNREADABLE;
    if (!foundKey.equals(key)) return PointState.STALE;
    if (status.equals("ok")) return diverged ? PointState.DONE : PointState.UNREADABLE;
    return PointState.FAILED;
  }

  /** The tasks to (re)run, in task order. */
  public List<Integer> pending() {
    List<Integer> out = new ArrayList<>();
    states.forEach((task, s) -> {
      if (s != PointState.DONE) out.add(task);
    });
    return out;
  }

  /** The state of a task. */
  public PointState state(int task) {
    return states.get(task);
  }

  /** How many points are in each state (every state present, zeros included). */
  public Map<PointState, Integer> counts() {
    Map<PointState, Integer> m = new EnumMap<>(PointState.class);
    for (PointState s : PointState.values()) m.put(s, 0);
    states.values().forEach(s -> m.merge(s, 1, Integer::sum));
    return m;
  }

  /** A one-line summary such as {@code 6 points: 4 done, 1 failed, 1 missing}. */
  public String summary() {
    StringBuilder sb = new StringBuilder().append(tasks.tasks().size()).append(" points: ");
    List<String> parts = new ArrayList<>();
    counts().forEach((s, n) -> {
      if (n > 0) parts.add(n + " " + s.name().toLowerCase(java.util.Locale.ROOT));
    });
    return sb.append(parts.isEmpty() ? "none" : String.join(", ", parts)).toString();
  }

  /** The task list these states belong to. */
  public SweepTasks tasks() {
    return tasks;
  }
}
