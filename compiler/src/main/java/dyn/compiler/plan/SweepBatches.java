package dyn.compiler.plan;

import java.util.List;

/**
 * Which points of a sweep run as batched programs ({@code dyn plan}, text and JSON): the points
 * grouped by plan shape, and those that run alone with the reason. Computed by the command line
 * (it compiles every point and asks the runtime which plans fit a batch); the compiler only
 * prints it.
 *
 * @param points the sweep's point count
 * @param threadBatch the most consecutive points one thread takes ({@code --batch B})
 * @param shapes the plan shapes, each with its tasks (one task: alone, no other point shares it)
 * @param alone the points that cannot join a batch, grouped by the reason
 * @param skipped why nothing was listed (too many points to compile), or null
 */
public record SweepBatches(int points, int threadBatch, List<Shape> shapes, List<Alone> alone,
    String skipped) {
  public SweepBatches {
    shapes = List.copyOf(shapes);
    alone = List.copyOf(alone);
  }

  /** Points of one plan shape; {@code varying}: the swept params that differ among them. */
  public record Shape(List<Integer> tasks, List<String> varying) {
    public Shape {
      tasks = List.copyOf(tasks);
      varying = List.copyOf(varying);
    }
  }

  /** Points that run alone for one reason. */
  public record Alone(String reason, List<Integer> tasks) {
    public Alone {
      tasks = List.copyOf(tasks);
    }
  }

  /** A listing that was not made, and why. */
  public static SweepBatches skipped(int points, int threadBatch, String why) {
    return new SweepBatches(points, threadBatch, List.of(), List.of(), why);
  }

  /** How many points run batched: those in shapes of two or more. */
  public int batched() {
    int n = 0;
    for (Shape s : shapes) if (s.tasks().size() > 1) n += s.tasks().size();
    return n;
  }
}
