package dyn.cli.slurm;

import dyn.runtime.search.BatchRunner;
import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.TaskList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A search's batches as Slurm job arrays: the batch's pending tasks are submitted as one
 * {@code sbatch --array=…} of the sweep's array script (task I runs {@code dyn run … --task I},
 * which reads point I's values from the tasks.tsv the search just wrote), followed with squeue
 * like {@code --wait}, and their {@code result.json} files read back. A point that Slurm ended
 * without a result (cancelled, timed out, out of memory) stops the search: it cannot suggest the
 * next batch without that point, and rerunning the command resumes from the recorded points.
 */
final class SlurmBatches implements BatchRunner {
  private final SlurmClient slurm;
  private final Path arrayScript;
  private final int maxParallel;
  private final double pollSeconds;
  private final PrintStream out;
  private final PrintStream err;

  SlurmBatches(SlurmClient slurm, Path arrayScript, int maxParallel, double pollSeconds, PrintStream out,
      PrintStream err) {
    this.slurm = slurm;
    this.arrayScript = arrayScript;
    this.maxParallel = maxParallel;
    this.pollSeconds = pollSeconds;
    this.out = out;
    this.err = err;
  }

  @Override
  public List<PointResult> run(TaskList tasks, List<Integer> pending) throws IOException {
    Path slurmDir = arrayScript.getParent();
    Path logDir = slurmDir.resolve("logs");
    String array = ArrayRanges.spec(pending, maxParallel);
    String jobId;
    List<QueuedTask> ended;
    try {
      jobId = slurm.submit(List.of("--array=" + array), arrayScript);
      SlurmSweep.record(slurmDir, "array", jobId, array);
      out.println("submitted array job " + jobId + ": tasks " + array + " (" + pending.size()
          + " point(s) of the search's batch); slurm logs " + logDir.resolve(jobId + "_<task>.out"));
      ended = SlurmSweep.follow(slurm, jobId, pollSeconds, err);
    } catch (SlurmException e) {
      throw new IOException(e.getMessage() + " (is Slurm installed and its controller reachable? sinfo; SLURM_CONF)", e);
    }
    SlurmSweep.reportSlurmFailures(ended, SweepTasks.read(tasks.tasksFile()), logDir, jobId, err);
    List<PointResult> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int t : pending) {
      Optional<PointResult> r = tasks.finished(t);
      if (r.isPresent()) {
        results.add(r.get());
      } else {
        missing.add("task " + t + " (" + tasks.describe(t) + "; log: " + tasks.logFile(t) + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new Incomplete("array job " + jobId + " ended without a result for " + String.join(", ", missing));
    }
    return results;
  }
}
