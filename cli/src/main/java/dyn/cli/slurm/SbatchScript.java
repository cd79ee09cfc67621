package dyn.cli.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two batch scripts of a sweep on Slurm: the array script, whose task I runs sweep point I
 * ({@code dyn run … --task $SLURM_ARRAY_TASK_ID}) or, batched, whose task k runs the range on
 * line k+1 of a ranges file ({@code --task I-J}), and the gather script ({@code dyn gather …}).
 * Every path in them is absolute, and they start dyn with the Java runtime and classes of the
 * dyn that submitted them, so array tasks never build anything (no Maven race between tasks).
 *
 * @param jobName the Slurm job name (the gather job appends {@code -gather})
 * @param workDir the folder tasks start in (where {@code dyn sweep} was run)
 * @param logDir the folder of Slurm's own per-task logs ({@code %A_%a.out})
 * @param dyn the command that starts dyn, e.g. java -Ddyn.home=… -cp … dyn.cli.Main
 * @param scriptArgs script, NAME=VALUE overrides, --out DIR (and --sweep NAME), shared by both
 * @param taskOptions options only the array tasks take, after scriptArgs ({@code --backend NAME}):
 *     the gather trains nothing
 * @param partition {@code --partition}, if given
 * @param time {@code --time}, if given
 * @param cpusPerTask {@code --cpus-per-task} of each array task
 */
public record SbatchScript(
    String jobName,
    Path workDir,
    Path logDir,
    List<String> dyn,
    List<String> scriptArgs,
    List<String> taskOptions,
    Optional<String> partition,
    Optional<String> time,
    int cpusPerTask) {
  public SbatchScript {
    dyn = List.copyOf(dyn);
    scriptArgs = List.copyOf(scriptArgs);
    taskOptions = List.copyOf(taskOptions);
    if (dyn.isEmpty()) throw new IllegalArgumentException("no dyn command");
  }

  /** The array script: submit with {@code sbatch --array=<pending>%K}. */
  public String array() {
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("# Written by `dyn sweep --on slurm`. Array task I runs sweep point I (`dyn run … --task I`)\n");
    sb.append("# and writes points/I/; a point already done is not recomputed. `dyn sweep` submits only the\n");
    sb.append("# pending points, e.g. sbatch --array=0-3,7%4 <this file>.\n");
    directives(sb, jobName, logDir.resolve("%A_%a.out"));
    sb.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
    body(sb);
    List<String> argv = new ArrayList<>(List.of("run"));
    argv.addAll(scriptArgs);
    argv.addAll(taskOptions);
    argv.add("--task");
    sb.append("exec \"$java\" ").append(ShellQuote.words(dyn.subList(1, dyn.size()))).append(' ')
        .append(ShellQuote.words(argv)).append(" \"$SLURM_ARRAY_TASK_ID\"\n");
    return sb.toString();
  }

  /**
   * The array script of a batched sweep: task k runs the points on line k+1 of {@code rangesFile}
   * ({@code dyn run … --batch B --task I-J}); submit with {@code sbatch --array=0-(n-1)%K}. The
   * file is read when the task starts, so dyn sweep writes it only while no earlier array is queued.
   */
  public String batchedArray(Path rangesFile, int batch) {
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("# Written by `dyn sweep --on slurm`. Array task k runs the sweep points on line k+1 of\n");
    sb.append("# ").append(rangesFile.getFileName()).append(" (`dyn run … --task I-J`, up to ").append(batch)
        .append(" points batched on one thread) and writes\n");
    sb.append("# points/I/ … points/J/; a point already done is not recomputed. `dyn sweep` writes that file\n");
    sb.append("# from the pending points and submits e.g. sbatch --array=0-2%4 <this file>.\n");
    directives(sb, jobName, logDir.resolve("%A_%a.out"));
    sb.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
    body(sb);
    sb.append("ranges=").append(ShellQuote.word(rangesFile.toString())).append('\n');
    sb.append("range=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$ranges\")\n");
    sb.append("if [ -z \"$range\" ]; then\n");
    sb.append("  echo \"dyn: array task $SLURM_ARRAY_TASK_ID has no line in $ranges\" >&2\n");
    sb.append("  exit 3\n");
    sb.append("fi\n");
    List<String> argv = new ArrayList<>(List.of("run"));
    argv.addAll(scriptArgs);
    argv.addAll(taskOptions);
    argv.addAll(List.of("--batch", Integer.toString(batch), "--task"));
    sb.append("exec \"$java\" ").append(ShellQuote.words(dyn.subList(1, dyn.size()))).append(' ')
        .append(ShellQuote.words(argv)).append(" \"$range\"\n");
    return sb.toString();
  }

  /** The gather script: submit with {@code sbatch --dependency=afterany:<array job>}. */
  public String gather() {
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("# Written by `dyn sweep --on slurm`: merges the sweep's points into its tables, fits and\n");
    sb.append("# plots once the array job has ended; missing or failed points are listed in the log.\n");
    directives(sb, jobName + "-gather", logDir.resolve("gather-%j.out"));
    sb.append("#SBATCH --cpus-per-task=1\n");
    body(sb);
    List<String> argv = new ArrayList<>(List.of("gather"));
    argv.addAll(scriptArgs);
    sb.append("exec \"$java\" ").append(ShellQuote.words(dyn.subList(1, dyn.size()))).append(' ')
        .append(ShellQuote.words(argv)).append('\n');
    return sb.toString();
  }

  private void directives(StringBuilder sb, String name, Path output) {
    sb.append("#SBATCH --job-name=").append(name).append('\n');
    sb.append("#SBATCH --output=").append(output).append('\n');
    sb.append("#SBATCH --ntasks=1\n");
    partition.ifPresent(p -> sb.append("#SBATCH --partition=").append(p).append('\n'));
    time.ifPresent(t -> sb.append("#SBATCH --time=").append(t).append('\n'));
  }

  private void body(StringBuilder sb) {
    sb.append("set -euo pipefail\n");
    sb.append("cd ").append(ShellQuote.word(workDir.toString())).append('\n');
    sb.append("# The java that submitted the job; set DYN_JAVA where compute nodes keep it elsewhere.\n");
    sb.append("java=").append(ShellQuote.word(dyn.get(0))).append('\n');
    sb.append("if [ -n \"${DYN_JAVA:-}\" ]; then java=\"$DYN_JAVA\"; fi\n");
  }
}
