package dyn.runtime.search;

import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.TaskList;
import java.io.IOException;
import java.util.List;

/**
 * Where a search's batches run: here ({@link LocalBatches}) or elsewhere (a Slurm job array). The
 * search loop suggests a batch, writes it to the task list, and hands the batch runner only the
 * tasks that have no recorded result; it reads the recorded ones itself, so resuming works the
 * same wherever the points run.
 */
public interface BatchRunner extends AutoCloseable {
  /**
   * Runs {@code pending} (task numbers of {@code tasks}, whose tasks.tsv is already written) and
   * returns their results in the same order; each one's {@code result.json} is written.
   *
   * @throws Incomplete when some points ended without a result (killed, timed out): the search
   *     stops there, and rerunning it resumes from the recorded points
   */
  List<PointResult> run(TaskList tasks, List<Integer> pending) throws IOException;

  @Override
  default void close() {}

  /** Points of a batch that ended without a result; the search cannot suggest past them. */
  final class Incomplete extends IOException {
    private static final long serialVersionUID = 1L;

    public Incomplete(String message) {
      super(message);
    }
  }
}
