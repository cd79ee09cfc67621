package dyn.cli.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code squeue -h -r -o %i|%T[|%o]}: a job or array element and its state.
 *
 * @param jobId the array job id (the part before {@code _}), or the job id
 * @param arrayTask the array index, or -1 for a job that is not an array element (or an
 *     unexpanded {@code 12_[3-5]} record)
 * @param state the long state name, e.g. PENDING, RUNNING, COMPLETED, FAILED
 * @param command the submitted script ({@code %o}), empty if not asked for
 */
public record QueuedTask(String jobId, int arrayTask, String state, String command) {
  /** States after which a job will not run again by itself. */
  static final Set<String> TERMINAL = Set.of(
      "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY",
      "BOOT_FAIL", "DEADLINE", "SPECIAL_EXIT", "REVOKED");

  /** Whether the job has ended (successfully or not). */
  public boolean ended() {
    return TERMINAL.contains(state);
  }

  /** Parses squeue lines; blank lines are skipped, malformed ones rejected. */
  public static List<QueuedTask> parse(String squeueOutput) {
    List<QueuedTask> out = new ArrayList<>();
    for (String raw : squeueOutput.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) continue;
      String[] f = line.split("\\|", 3);
      if (f.length < 2) throw new IllegalArgumentException("unexpected squeue line `" + line + "`");
      String id = f[0].strip();
      // CANCELLED shows as "CANCELLED by 0" in some versions: the first word is the state.
      String state = f[1].strip().split("\\s+")[0];
      String command = f.length > 2 ? f[2].strip() : "";
      int us = id.indexOf('_');
      int task = -1;
      String job = id;
      if (us > 0) {
        job = id.substring(0, us);
        String rest = id.substring(us + 1);
        if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) task = Integer.parseInt(rest);
      }
      out.add(new QueuedTask(job, task, state, command));
    }
    return out;
  }
}
