package dyn.cli.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slurm commands dyn uses: {@code sbatch} to submit and {@code squeue} to follow. No
 * {@code sacct}: a cluster may keep no accounting (the single-node test set-up has none), and
 * squeue keeps ended jobs for MinJobAge, long enough to read their final state.
 */
public final class SlurmClient {
  private final Shell shell;

  public SlurmClient(Shell shell) {
    this.shell = shell;
  }

  /** The sbatch command line that {@link #submit} runs. */
  public static List<String> sbatchCommand(List<String> options, Path script) {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
    argv.addAll(options);
    argv.add(script.toString());
    return argv;
  }

  /** Submits a batch script; returns the job id. */
  public String submit(List<String> options, Path script) throws SlurmException {
    List<String> argv = sbatchCommand(options, script);
    Shell.Result r = shell.exec(argv);
    if (!r.ok()) throw new SlurmException(failure(argv, r));
    // --parsable prints "id" or "id;cluster".
    String id = r.out().strip().split(";")[0].strip();
    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      throw new SlurmException(String.join(" ", argv) + " printed no job id: `" + r.out().strip() + "`");
    }
    return id;
  }

  /**
   * The elements of a job (one per array task), with their states. Empty once Slurm has
   * forgotten the job (it ended more than MinJobAge ago).
   */
  public List<QueuedTask> tasks(String jobId) throws SlurmException {
    List<String> argv = List.of("squeue", "-h", "-r", "-t", "all", "-j", jobId, "-o", "%i|%T");
    Shell.Result r = shell.exec(argv);
    if (!r.ok()) {
      if (r.err().contains("Invalid job id")) return List.of();
      throw new SlurmException(failure(argv, r));
    }
    return QueuedTask.parse(r.out());
  }

  /** This user's jobs that are not over yet and were submitted from {@code script}. */
  public List<QueuedTask> active(Path script) throws SlurmException {
    List<String> argv = List.of("squeue", "-h", "-u", System.getProperty("user.name"), "-o", "%i|%T|%o");
    Shell.Result r = shell.exec(argv);
    if (!r.ok()) throw new SlurmException(failure(argv, r));
    List<QueuedTask> out = new ArrayList<>();
    for (QueuedTask t : QueuedTask.parse(r.out())) {
      if (!t.ended() && t.command().equals(script.toString())) out.add(t);
    }
    return out;
  }

  private static String failure(List<String> argv, Shell.Result r) {
    String msg = (r.err().strip() + "\n" + r.out().strip()).strip();
    return "`" + String.join(" ", argv) + "` failed (exit " + r.code() + ")" + (msg.isEmpty() ? "" : ": " + msg);
  }
}
