package dyn.cli.slurm;

import dyn.runtime.exec.Backends;
import dyn.runtime.search.BatchRunner;
import dyn.runtime.sweep.SweepRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code dyn sweep --on local|slurm SCRIPT [NAME=VALUE…] [options]}. Local is {@code dyn run}.
 * On Slurm: prepare the task list ({@code dyn run --prepare}), find the points not done, cut them
 * into contiguous runs of at most {@code --batch B} points ({@link ArrayChunks}), write an array
 * script whose task k runs run k ({@code dyn run --task I-J}; with B = 1 task I runs point I),
 * submit it for exactly those runs, then either submit a dependent gather job or ({@code --wait})
 * follow the job with squeue and gather here.
 * Resubmitting the same command runs only what is missing or failed.
 */
public final class SlurmSweep {
  /** Exit codes, as dyn.cli.ExitCodes (not imported: this package sits below dyn.cli's Main). */
  static final int OK = 0;
  static final int USAGE = 2;
  static final int RUNTIME = 3;

  private static final Pattern OVERRIDE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Pattern TASKS_LINE = Pattern.compile("(?m)^tasks (\\d+) (.+)$");
  /** What {@code dyn run --prepare} prints for a search: it has no task list ahead of its batches. */
  private static final Pattern SEARCH_LINE = Pattern.compile("(?m)^search (\\S+) (.+)$");

  /** Runs another dyn command in this process ({@code run}, {@code gather}). */
  @FunctionalInterface
  public interface Dyn {
    int run(List<String> args, PrintStream out, PrintStream err);

    /** Runs {@code dyn run …} on a search, its batches run by {@code batches}. */
    default int search(List<String> args, BatchRunner batches, PrintStream out, PrintStream err) {
      throw new UnsupportedOperationException("this dyn cannot run a search's batches elsewhere");
    }
  }

  private final Dyn dyn;
  private final SlurmClient slurm;
  private final List<String> dynCommand;
  private final Path workDir;

  /**
   * @param dyn runs dyn subcommands in-process
   * @param slurm talks to the scheduler
   * @param dynCommand how a batch job starts dyn: java, its options, the main class
   * @param workDir the folder relative paths are resolved against
   */
  public SlurmSweep(Dyn dyn, SlurmClient slurm, List<String> dynCommand, Path workDir) {
    this.dyn = dyn;
    this.slurm = slurm;
    this.dynCommand = List.copyOf(dynCommand);
    this.workDir = workDir.toAbsolutePath().normalize();
  }

  /** The command that starts this very dyn (same java, same classes) with {@code home} as its root. */
  public static List<String> currentDyn(Path home) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return List.of(java, "-Ddyn.home=" + home.toAbsolutePath().normalize(), "-Djava.awt.headless=true",
        "-cp", cp, "dyn.cli.Main");
  }

  /** The options of {@code dyn sweep}. */
  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    o.addOption(Option.builder().longOpt("on").hasArg().argName("local|slurm")
        .desc("where the points run (default local = `dyn run`)").get());
    o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
        .desc("output folder (default out/<script name>)").get());
    o.addOption(Option.builder().longOpt("sweep").hasArg().argName("NAME")
        .desc("which sweep, when the script has several").get());
    o.addOption(Option.builder().longOpt("jobs").hasArg().argName("K").desc("local: points in parallel; a search (local or slurm): suggestions per batch").get());
    o.addOption(Option.builder().longOpt("batch").hasArg().argName("B")
        .desc("slurm: at most B consecutive pending points per array task, batched (default "
            + SweepRunner.DEFAULT_BATCH + "; 1 = one task per point); local: as dyn run --batch").get());
    o.addOption(Option.builder().longOpt("backend").hasArg().argName("cpu|auto|cuda")
        .desc("where the points train (default: the script's `backend`, else cpu); on slurm, in each array task").get());
    o.addOption(Option.builder().longOpt("partition").hasArg().argName("P").desc("slurm: partition").get());
    o.addOption(Option.builder().longOpt("time").hasArg().argName("T").desc("slurm: time limit per point, e.g. 0:30:00").get());
    o.addOption(Option.builder().longOpt("max-parallel").hasArg().argName("K")
        .desc("slurm: at most K array tasks at once (--array=…%K)").get());
    o.addOption(Option.builder().longOpt("cpus-per-task").hasArg().argName("N")
        .desc("slurm: CPUs of each array task (default 1)").get());
    o.addOption(Option.builder().longOpt("wait").desc("slurm: follow the job with squeue, then gather here").get());
    o.addOption(Option.builder().longOpt("dry-run").desc("slurm: print the script and the sbatch command; submit nothing").get());
    o.addOption(Option.builder().longOpt("poll").hasArg().argName("SECONDS")
        .desc("slurm --wait: seconds between squeue calls (default 2)").get());
    return o;
  }

  /** The help text. */
  static String help() {
    StringBuilder sb = new StringBuilder(
        "usage: dyn sweep --on local|slurm SCRIPT.dyn [NAME=VALUE …] [options]\n"
            + "  run a script's sweep here (local, = dyn run) or as a Slurm job array; resubmitting runs\n"
            + "  only the points that are missing or failed. See docs/SLURM.md.\n\noptions:\n");
    for (Option opt : options().getOptions()) {
      String names = (opt.getOpt() != null ? "-" + opt.getOpt() + ", " : "    ") + "--" + opt.getLongOpt()
          + (opt.hasArg() ? " " + opt.getArgName() : "");
      sb.append(String.format(java.util.Locale.ROOT, "  %-28s %s%n", names, opt.getDescription()));
    }
    return sb.toString();
  }

  /** A usage problem, shown as {@code error: …} with the usage line. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** What the command line asks for. */
  record Request(
      String on, Path script, Map<String, String> overrides, Path out, Optional<String> sweep,
      Optional<String> jobs, Optional<String> partition, Optional<String> time, int maxParallel,
      int cpusPerTask, boolean waitForJob, boolean dryRun, double pollSeconds, Optional<Integer> batch,
      Optional<String> backend) {

    /** Points per array task: --batch B, else dyn run's default batch size. */
    int batchSize() {
      return batch.orElse(SweepRunner.DEFAULT_BATCH);
    }
  }

  /** Runs {@code dyn sweep} with the arguments after {@code sweep}. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    Request req;
    try {
      CommandLine line = DefaultParser.builder().get().parse(options(), args);
      if (line.hasOption("help")) {
        out.print(help());
        return OK;
      }
      req = request(line);
    } catch (ParseException | UsageError e) {
      err.println("error: " + e.getMessage());
      err.println("usage: dyn sweep --on local|slurm SCRIPT.dyn [NAME=VALUE …] [options]; see `dyn sweep --help`");
      return USAGE;
    }
    if (req.on().equals("local")) return local(req, out, err);
    try {
      return slurm(req, out, err);
    } catch (SlurmException e) {
      err.println("error: " + e.getMessage());
      err.println("   = help: is Slurm installed and its controller reachable (sinfo; SLURM_CONF)? "
          + "tools/slurm/start.sh starts one on this machine");
      return RUNTIME;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return RUNTIME;
    }
  }

  private Request request(CommandLine line) throws UsageError {
    String on = line.getOptionValue("on", "local");
    if (!on.equals("local") && !on.equals("slurm")) {
      throw new UsageError("unknown --on `" + on + "` (expected local or slurm)");
    }
    Path script = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String arg : line.getArgList()) {
      if (OVERRIDE.matcher(arg).matches() && !arg.endsWith(".dyn")) {
        int eq = arg.indexOf('=');
        if (overrides.put(arg.substring(0, eq), arg.substring(eq + 1)) != null) {
          throw new UsageError("parameter `" + arg.substring(0, eq) + "` is given twice");
        }
      } else if (script == null) {
        script = workDir.resolve(arg).normalize();
      } else {
        throw new UsageError("one script at a time (got `" + script + "` and `" + arg + "`)");
      }
    }
    if (script == null) throw new UsageError("no script given");
    Path out = line.hasOption("out")
        ? workDir.resolve(line.getOptionValue("out")).normalize()
        : workDir.resolve("out").resolve(stem(script));
    return new Request(on, script, overrides, out,
        Optional.ofNullable(line.getOptionValue("sweep")),
        Optional.ofNullable(line.getOptionValue("jobs")),
        Optional.ofNullable(line.getOptionValue("partition")),
        Optional.ofNullable(line.getOptionValue("time")),
        positive(line, "max-parallel", 0),
        positive(line, "cpus-per-task", 1),
        line.hasOption("wait"),
        line.hasOption("dry-run"),
        seconds(line.getOptionValue("poll", "2")),
        line.hasOption("batch") ? Optional.of(positive(line, "batch", 1)) : Optional.empty(),
        backend(line));
  }

  private static Optional<String> backend(CommandLine line) throws UsageError {
    String b = line.getOptionValue("backend");
    if (b != null && !Backends.NAMES.contains(b)) {
      throw new UsageError("unknown --backend `" + b + "` (expected " + String.join(", ", Backends.NAMES) + ")");
    }
    return Optional.ofNullable(b);
  }

  private static int positive(CommandLine line, String name, int dflt) throws UsageError {
    if (!line.hasOption(name)) return dflt;
    String v = line.getOptionValue(name);
    try {
      int k = Integer.parseInt(v);
      if (k >= 1) return k;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageError("--" + name + " expects a whole number ≥ 1, got `" + v + "`");
  }

  private static double seconds(String v) throws UsageError {
    try {
      double s = Double.parseDouble(v);
      if (s >= 0 && Double.isFinite(s)) return s;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageError("--poll expects seconds ≥ 0, got `" + v + "`");
  }

  private static String stem(Path script) {
    String name = script.getFileName().toString();
    return name.endsWith(".dyn") ? name.substring(0, name.length() - 4) : name;
  }

  /** script, overrides, --out DIR [--sweep NAME]: what run --prepare/--task and gather share. */
  static List<String> scriptArgs(Request req) {
    List<String> a = new ArrayList<>();
    a.add(req.script().toString());
    req.overrides().forEach((k, v) -> a.add(k + "=" + v));
    a.add("--out");
    a.add(req.out().toString());
    req.sweep().ifPresent(s -> {
      a.add("--sweep");
      a.add(s);
    });
    return a;
  }

  /**
   * Options for the runs that train the points: {@code --backend NAME} when given. Not for the
   * gather, nor for a search's coordinator on the submitting machine, which may have no GPU.
   */
  static List<String> taskOptions(Request req) {
    return req.backend().map(b -> List.of("--backend", b)).orElse(List.of());
  }

  private int local(Request req, PrintStream out, PrintStream err) {
    List<String> ignored = new ArrayList<>();
    if (req.partition().isPresent()) ignored.add("--partition");
    if (req.time().isPresent()) ignored.add("--time");
    if (req.maxParallel() > 0) ignored.add("--max-parallel");
    if (req.waitForJob()) ignored.add("--wait");
    if (req.dryRun()) ignored.add("--dry-run");
    if (!ignored.isEmpty()) err.println("note: " + String.join(", ", ignored) + " apply to --on slurm only; ignored");
    List<String> a = new ArrayList<>(List.of("run"));
    a.addAll(scriptArgs(req));
    a.addAll(taskOptions(req));
    req.jobs().ifPresent(j -> {
      a.add("--jobs");
      a.add(j);
    });
    req.batch().ifPresent(b -> {
      a.add("--batch");
      a.add(Integer.toString(b));
    });
    return dyn.run(a, out, err);
  }

  private int slurm(Request req, PrintStream out, PrintStream err) throws IOException, SlurmException {
    // 1. The task list, through the same code as `dyn run --prepare`.
    List<String> prepare = new ArrayList<>(List.of("run"));
    prepare.addAll(scriptArgs(req));
    prepare.add("--prepare");
    ByteArrayOutputStream prepOut = new ByteArrayOutputStream();
    ByteArrayOutputStream prepErr = new ByteArrayOutputStream();
    int code = dyn.run(prepare, new PrintStream(prepOut, true, StandardCharsets.UTF_8),
        new PrintStream(prepErr, true, StandardCharsets.UTF_8));
    err.print(prepErr.toString(StandardCharsets.UTF_8));
    String printed = prepOut.toString(StandardCharsets.UTF_8);
    if (code != OK) {
      out.print(printed);
      return code;
    }
    Matcher search = SEARCH_LINE.matcher(printed);
    if (search.find()) return search(req, Path.of(search.group(2).strip()), out, err);
    Matcher m = TASKS_LINE.matcher(printed);
    if (!m.find()) {
      err.println("error: `dyn run --prepare` printed no `tasks N PATH` line:\n" + printed);
      return RUNTIME;
    }
    SweepTasks tasks = SweepTasks.read(Path.of(m.group(2).strip()));
    PendingPoints points = PendingPoints.of(tasks);
    List<Integer> pending = points.pending();
    out.println("sweep " + tasks.sweepDir() + ": " + points.summary());

    if (pending.isEmpty()) {
      out.println("nothing to submit: every point is done; gathering");
      return gather(req, tasks, out, err);
    }

    // 2. The scripts, beside the points they produce.
    Path slurmDir = tasks.sweepDir().resolve("slurm");
    Path logDir = slurmDir.resolve("logs");
    Files.createDirectories(logDir);
    SbatchScript scripts = new SbatchScript(
        "dyn-" + stem(req.script()) + "-" + tasks.sweepDir().getFileName().toString().replaceFirst("^sweep-", ""),
        workDir, logDir, dynCommand, scriptArgs(req), taskOptions(req), req.partition(), req.time(), req.cpusPerTask());
    Path arrayScript = slurmDir.resolve("array.sbatch");
    Path gatherScript = slurmDir.resolve("gather.sbatch");
    Path rangesFile = slurmDir.resolve("ranges.txt");
    ArrayChunks chunks = ArrayChunks.of(pending, req.batchSize());
    String arrayText = chunks.batched() ? scripts.batchedArray(rangesFile, chunks.batch()) : scripts.array();
    writeScript(arrayScript, arrayText);
    writeScript(gatherScript, scripts.gather());
    String array = chunks.arraySpec(req.maxParallel());
    List<String> arrayOptions = List.of("--array=" + array);

    if (req.dryRun()) {
      out.println("dry run: nothing submitted. " + pending.size() + " pending point(s)"
          + (chunks.batched() ? " in " + chunks.runs().size() + " array task(s) of up to " + chunks.batch() + " points" : "")
          + "; " + arrayScript + ":");
      out.println();
      out.print(arrayText);
      out.println();
      if (chunks.batched()) {
        // Not written: a queued array of an earlier submission may still read the file.
        out.println("its " + rangesFile.getFileName() + " (written on submission; line k+1 = array task k):");
        out.print(chunks.rangesFile());
        out.println();
      }
      out.println("would run: " + ShellQuote.words(SlurmClient.sbatchCommand(arrayOptions, arrayScript)));
      out.println("then:      " + (req.waitForJob()
          ? "follow the job with squeue and run `dyn gather` here"
          : ShellQuote.words(SlurmClient.sbatchCommand(List.of("--dependency=afterany:<array job id>"), gatherScript))));
      return OK;
    }

    // 3. Never run a point twice at once: refuse while an earlier submission is still queued.
    List<QueuedTask> active = new ArrayList<>(slurm.active(arrayScript));
    active.addAll(slurm.active(gatherScript));
    if (!active.isEmpty()) {
      String jobs = active.stream().map(t -> t.jobId() + (t.arrayTask() >= 0 ? "_" + t.arrayTask() : "") + " " + t.state())
          .collect(Collectors.joining(", "));
      String ids = active.stream().map(QueuedTask::jobId).distinct().collect(Collectors.joining(","));
      err.println("error: this sweep still has jobs in the queue: " + jobs);
      err.println("   = help: wait for them (squeue -j " + ids + ") or cancel them (scancel " + ids.replace(',', ' ')
          + "), then resubmit: only missing or failed points will run");
      return RUNTIME;
    }

    // 4. Submit. The ranges file is written only now: array tasks read it when they start, so it
    // must not change under a job still queued (refused above).
    if (chunks.batched()) writeFile(rangesFile, chunks.rangesFile(), false);
    String jobId = slurm.submit(arrayOptions, arrayScript);
    record(slurmDir, "array", jobId, array + (chunks.batched() ? " points " + ArrayRanges.format(pending) : ""));
    out.println("submitted array job " + jobId + ": tasks " + array + " (" + pending.size() + " of "
        + tasks.tasks().size() + " points"
        + (chunks.batched() ? "; task k runs line k+1 of " + rangesFile + ", up to " + chunks.batch() + " points each" : "")
        + "); slurm logs " + logDir.resolve(jobId + "_<task>.out"));
    if (!req.waitForJob()) {
      String gatherId = slurm.submit(List.of("--dependency=afterany:" + jobId), gatherScript);
      record(slurmDir, "gather", gatherId, "afterany:" + jobId);
      out.println("submitted gather job " + gatherId + " (after " + jobId + " ends); its output: "
          + logDir.resolve("gather-" + gatherId + ".out"));
      out.println("follow with: squeue -j " + jobId + "," + gatherId);
      return OK;
    }
    List<QueuedTask> ended = follow(slurm, jobId, req.pollSeconds(), err);
    reportSlurmFailures(ended, tasks, chunks, logDir, jobId, err);
    return gather(req, tasks, out, err);
  }

  /**
   * A search on Slurm: this process runs the search loop (it needs each batch's results before it
   * can suggest the next), and each batch of {@code --jobs K} suggestions runs as one job array.
   * There is no gather job: the search gathers here when its budget is spent, as with --wait.
   */
  private int search(Request req, Path sweepDir, PrintStream out, PrintStream err)
      throws IOException, SlurmException {
    Path slurmDir = sweepDir.resolve("slurm");
    Path logDir = slurmDir.resolve("logs");
    Files.createDirectories(logDir);
    SbatchScript scripts = new SbatchScript(
        "dyn-" + stem(req.script()) + "-" + sweepDir.getFileName().toString().replaceFirst("^sweep-", ""),
        workDir, logDir, dynCommand, scriptArgs(req), taskOptions(req), req.partition(), req.time(), req.cpusPerTask());
    Path arrayScript = slurmDir.resolve("array.sbatch");
    writeScript(arrayScript, scripts.array());
    if (req.batch().isPresent()) err.println("note: --batch applies to grid sweeps; a search's array tasks run one point each (--jobs K points per batch)");
    if (!req.waitForJob()) err.println("note: a search always waits for its batches (--wait): it suggests each batch from the results before it");
    if (req.dryRun()) {
      out.println("dry run: nothing submitted. A search submits each batch of --jobs K suggestions as"
          + " one array of " + arrayScript + ":");
      out.println();
      out.print(scripts.array());
      out.println();
      out.println("would run: " + ShellQuote.words(SlurmClient.sbatchCommand(
          List.of("--array=<batch tasks>" + (req.maxParallel() > 0 ? "%" + req.maxParallel() : "")), arrayScript))
          + " per batch, following each with squeue");
      return OK;
    }
    List<QueuedTask> active = slurm.active(arrayScript);
    if (!active.isEmpty()) {
      String ids = active.stream().map(QueuedTask::jobId).distinct().collect(Collectors.joining(","));
      err.println("error: this search still has jobs in the queue: " + ids);
      err.println("   = help: wait for them (squeue -j " + ids + ") or cancel them (scancel " + ids.replace(',', ' ')
          + "), then run the same command again: the search resumes from its recorded points");
      return RUNTIME;
    }
    List<String> a = new ArrayList<>(List.of("run"));
    a.addAll(scriptArgs(req));
    req.jobs().ifPresent(j -> {
      a.add("--jobs");
      a.add(j);
    });
    return dyn.search(a, new SlurmBatches(slurm, arrayScript, req.maxParallel(), req.pollSeconds(), out, err), out, err);
  }

  /** Polls squeue until every element of the job has ended; returns their final states. */
  static List<QueuedTask> follow(SlurmClient slurm, String jobId, double pollSeconds, PrintStream err)
      throws SlurmException {
    String last = "";
    List<QueuedTask> seen = List.of();
    while (true) {
      List<QueuedTask> now = slurm.tasks(jobId);
      if (!now.isEmpty()) seen = now;
      Map<String, Long> byState = new TreeMap<>(now.stream().collect(Collectors.groupingBy(QueuedTask::state, Collectors.counting())));
      String line = byState.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().toLowerCase(java.util.Locale.ROOT))
          .collect(Collectors.joining(", "));
      if (!line.equals(last) && !line.isEmpty()) err.println("slurm job " + jobId + ": " + line);
      last = line;
      if (now.isEmpty() || now.stream().allMatch(QueuedTask::ended)) return seen;
      try {
        Thread.sleep((long) (pollSeconds * 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlurmException("interrupted while waiting for job " + jobId + " (it keeps running; squeue -j " + jobId + ")");
      }
    }
  }

  /** Array tasks that Slurm itself ended badly (killed, timed out…), array task I = point I. */
  static void reportSlurmFailures(
      List<QueuedTask> ended, SweepTasks tasks, Path logDir, String jobId, PrintStream err) {
    List<Integer> all = tasks.tasks().stream().map(SweepTasks.Task::index).toList();
    reportSlurmFailures(ended, tasks, ArrayChunks.of(all, 1), logDir, jobId, err);
  }

  /**
   * Array tasks that Slurm itself ended badly (killed, timed out…), with their Slurm logs. A task
   * of a batched array names its points, and each of them it left without a result.
   */
  static void reportSlurmFailures(
      List<QueuedTask> ended, SweepTasks tasks, ArrayChunks chunks, Path logDir, String jobId, PrintStream err) {
    PendingPoints states = null;
    for (QueuedTask t : ended) {
      if (t.state().equals("COMPLETED") || t.arrayTask() < 0) continue;
      List<Integer> points = chunks.points(t.arrayTask()).stream().filter(p -> p < tasks.tasks().size()).toList();
      if (points.isEmpty()) continue;
      String log = "; slurm log " + logDir.resolve(jobId + "_" + t.arrayTask() + ".out");
      if (!chunks.batched()) {
        err.println("task " + t.arrayTask() + " " + params(tasks, tasks.tasks().get(t.arrayTask())) + ": slurm says "
            + t.state() + log);
        continue;
      }
      err.println("array task " + t.arrayTask() + " (tasks " + ArrayRanges.format(points) + "): slurm says "
          + t.state() + log);
      if (states == null) states = PendingPoints.of(tasks);
      for (int p : points) {
        PointState s = states.state(p);
        if (s != PointState.DONE) {
          err.println("  task " + p + " " + params(tasks, tasks.tasks().get(p)) + ": "
              + s.name().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
  }

  private static String params(SweepTasks tasks, SweepTasks.Task task) {
    return tasks.params(task).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ", "(", ")"));
  }

  private int gather(Request req, SweepTasks tasks, PrintStream out, PrintStream err) {
    List<String> a = new ArrayList<>(List.of("gather"));
    a.addAll(scriptArgs(req));
    int code = dyn.run(a, out, err);
    if (code == RUNTIME && !PendingPoints.of(tasks).pending().isEmpty()) {
      err.println("   = help: run the same `dyn sweep --on slurm` command again: only the missing or failed points run");
    }
    return code;
  }

  private static void writeScript(Path path, String text) throws IOException {
    writeFile(path, text, true);
  }

  /** Writes a file atomically (a temporary file beside it, then a rename). */
  private static void writeFile(Path path, String text, boolean executable) throws IOException {
    Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    if (executable) tmp.toFile().setExecutable(true);
    Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Appends a line to slurm/submissions.tsv: what was submitted when, for the researcher's record. */
  static void record(Path slurmDir, String kind, String jobId, String what) throws IOException {
    Files.writeString(slurmDir.resolve("submissions.tsv"), kind + "\t" + jobId + "\t" + what + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
