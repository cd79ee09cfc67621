package dyn.cli.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * How a sweep's pending points map onto the tasks of one Slurm job array. With a batch size of 1
 * array task I runs point I (the array is the pending points themselves, e.g. {@code 1-4,9}).
 * With B &gt; 1 the pending points are cut into contiguous runs of at most B points, array task k
 * runs run k ({@code dyn run … --task I-J}, which batches the run's points on one thread), and the
 * runs are written one {@code I-J} per line to the ranges file the array script reads: line k+1 is
 * task k's. Runs never bridge a done point, so a task never touches a finished result.
 *
 * @param batch the most points one array task runs (≥ 1)
 * @param runs the contiguous runs of pending points, in task order
 */
public record ArrayChunks(int batch, List<Run> runs) {
  /** Points {@code first} to {@code last}, inclusive, all pending. */
  public record Run(int first, int last) {
    /** The run as {@code dyn run --task} takes it: {@code I-J} (also when I = J). */
    public String range() {
      return first + "-" + last;
    }

    /** The points of the run. */
    public List<Integer> points() {
      List<Integer> p = new ArrayList<>();
      for (int t = first; t <= last; t++) p.add(t);
      return p;
    }
  }

  public ArrayChunks {
    if (batch < 1) throw new IllegalArgumentException("batch " + batch + " < 1");
    runs = List.copyOf(runs);
  }

  /** Cuts the pending points (ascending task numbers) into runs of at most {@code batch}. */
  public static ArrayChunks of(List<Integer> pending, int batch) {
    List<Run> runs = new ArrayList<>();
    int first = -1;
    int last = -1;
    for (int t : pending) {
      if (first >= 0 && t == last + 1 && t - first < batch) {
        last = t;
        continue;
      }
      if (first >= 0) runs.add(new Run(first, last));
      first = t;
      last = t;
    }
    if (first >= 0) runs.add(new Run(first, last));
    return new ArrayChunks(batch, runs);
  }

  /** Whether array tasks take runs from the ranges file (B &gt; 1) rather than one point each. */
  public boolean batched() {
    return batch > 1;
  }

  /** The {@code --array} value: the pending points (B = 1) or the run numbers 0…n-1, plus {@code %K}. */
  public String arraySpec(int maxParallel) {
    List<Integer> indices = new ArrayList<>();
    for (int k = 0; k < runs.size(); k++) indices.add(batched() ? k : runs.get(k).first());
    return ArrayRanges.spec(indices, maxParallel);
  }

  /** The ranges file: one {@code I-J} per line, line k+1 for array task k. */
  public String rangesFile() {
    StringBuilder sb = new StringBuilder();
    for (Run r : runs) sb.append(r.range()).append('\n');
    return sb.toString();
  }

  /** The points that array task {@code arrayTask} runs; empty for an index this array does not have. */
  public List<Integer> points(int arrayTask) {
    if (!batched()) {
      return runs.stream().anyMatch(r -> r.first() == arrayTask) ? List.of(arrayTask) : List.of();
    }
    return arrayTask >= 0 && arrayTask < runs.size() ? runs.get(arrayTask).points() : List.of();
  }
}
