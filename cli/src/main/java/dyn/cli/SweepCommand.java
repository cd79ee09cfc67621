package dyn.cli;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Renderer;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.SweepSpec;
import dyn.compiler.source.Source;
import dyn.runtime.exec.Backends;
import dyn.runtime.exec.Engine;
import dyn.runtime.sink.Num;
import dyn.runtime.sweep.DataDigests;
import dyn.runtime.sweep.Gather;
import dyn.runtime.sweep.PointCompiler;
import dyn.runtime.sweep.PointResult;
import dyn.runtime.sweep.RunContext;
import dyn.runtime.sweep.SweepKey;
import dyn.runtime.sweep.SweepRunner;
import dyn.runtime.sweep.TaskList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code dyn run} on a script with a {@code sweep}, and {@code dyn gather}: the sweep execution
 * contract (docs/SWEEPS.md). {@code --prepare} writes the task list, {@code --task I} runs one
 * point, a plain run runs every point not yet done ({@code --jobs K} at once) and then gathers.
 */
final class SweepCommand {
  private SweepCommand() {}

  /**
   * Runs the sweep command for an already compiled plan (the base point).
   *
   * @param chosen where the points' train steps run (null: the CPU, as for {@code gather})
   */
  static int run(Invocation inv, Plan plan, Backends.Choice chosen, PrintStream out, PrintStream err,
      DiagnosticPrinter printer, boolean terminal) {
    // Ctrl-C mid-sweep: no temporary left in any point's folder, and a line that says what was kept.
    try (Interruption stop = Interruption.ofSweep(Main.outDir(inv), err)) {
      return sweep(inv, plan, chosen, out, err, printer, terminal);
    }
  }

  private static int sweep(Invocation inv, Plan plan, Backends.Choice chosen, PrintStream out,
      PrintStream err, DiagnosticPrinter printer, boolean terminal) {
    Backends.Choice backend = chosen != null ? chosen : Backends.cpu();
    Engine engine = backend.engine();
    Optional<SweepSpec> sweep = plan.sweep();
    if (sweep.isEmpty()) {
      if (inv.command.equals("gather") || inv.line.hasOption("prepare") || inv.line.hasOption("task")) {
        printer.error(inv.script + " has no `sweep` statement; `"
            + (inv.command.equals("gather") ? "gather" : inv.line.hasOption("prepare") ? "--prepare" : "--task")
            + "` works on sweeps only");
        return ExitCodes.USAGE_OR_SCRIPT;
      }
      throw new IllegalStateException("not a sweep");
    }
    SweepSpec spec = sweep.get();
    if (inv.line.hasOption("sweep") && !inv.line.getOptionValue("sweep").equals(spec.name())) {
      printer.error("no sweep named `" + inv.line.getOptionValue("sweep") + "` in " + inv.script
          + " (its sweep is `" + spec.name() + "`)");
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    Path outDir = Main.outDir(inv);
    boolean verbose = inv.line.hasOption("verbose") || terminal;
    TaskList tasks;
    try {
      tasks = new TaskList(spec, outDir, key(inv, plan));
    } catch (IOException e) {
      printer.error("cannot read " + inv.script + " or the stdlib: " + e.getMessage());
      return ExitCodes.RUNTIME;
    }
    dyn.runtime.exec.Progress progress;
    RunContext context;
    try {
      progress = ProgressMode.parse(inv.line.getOptionValue("progress", "off")).reporter(err, terminal);
      context = new RunContext(Files.readString(inv.script, StandardCharsets.UTF_8), inv.args,
          inv.overrides, backend.name());
    } catch (Invocation.UsageError e) {
      printer.error(e.getMessage());
      return ExitCodes.USAGE_OR_SCRIPT;
    } catch (IOException e) {
      printer.error("cannot read " + inv.script + ": " + e.getMessage());
      return ExitCodes.RUNTIME;
    }
    // Read once: every point compiles the text the sweep key digested, even if the file is
    // edited while the sweep runs (and a point no longer pays a read, ~0.1 ms on the benchmark VM).
    Source source;
    try {
      source = Source.read(inv.script);
    } catch (IOException e) {
      printer.error("cannot read " + inv.script + ": " + e.getMessage());
      return ExitCodes.RUNTIME;
    }
    // Parsed and resolved once: a point redoes only the checking and planning its values change.
    Compiler.Options options = new Compiler.Options(inv.overrides, Home.stdlib());
    Compiler.Prepared prepared = Compiler.prepare(source, options);
    PointCompiler compiler = values -> planOrFailure(prepared.at(values));
    SweepRunner runner = new SweepRunner(tasks, compiler, engine,
        verbose || !inv.command.equals("gather") ? err : null, context).withProgress(progress)
        .withEveryPoint(inv.line.hasOption("verbose")).withThreads(dyn.compiler.syntax.DeepStack::newThread);
    if (inv.line.hasOption("batch")) {
      int b = batch(inv, printer);
      if (b < 1) return ExitCodes.USAGE_OR_SCRIPT;
      runner.withBatchSize(b);
    }
    if (spec.search().isPresent()) {
      return search(inv, plan, spec, outDir, compiler, backend, context, out, err, printer, verbose);
    }
    try {
      if (inv.command.equals("gather")) return gather(tasks, outDir, plan, context, out, err, verbose);
      if (inv.line.hasOption("prepare")) {
        runner.prepare();
        out.println("tasks " + tasks.size() + " " + tasks.tasksFile());
        return ExitCodes.OK;
      }
      if (inv.line.hasOption("task")) return task(inv, tasks, runner, out, printer);
      int jobs = jobs(inv, printer);
      if (jobs < 1) return ExitCodes.USAGE_OR_SCRIPT;
      int atOnce = backend.pointsAtOnce(jobs);
      if (atOnce < jobs && inv.line.hasOption("jobs")) {
        err.println("note: backend " + backend.name() + " runs " + atOnce + " point"
            + (atOnce == 1 ? "" : "s") + " at a time; --jobs " + jobs + " is not used");
      }
      jobs = atOnce;
      long started = System.nanoTime();
      SweepRunner.Summary s = runner.runAll(jobs);
      if (verbose) {
        err.println("sweep " + spec.name() + ": ran " + s.ran() + ", " + s.failed() + " failed in "
            + Num.format((System.nanoTime() - started) / 1e9, 3) + " s");
      }
      return gather(tasks, outDir, plan, context, out, err, verbose);
    } catch (IOException e) {
      printer.error("cannot write under " + outDir + ": " + e.getMessage());
      err.println("   = help: check that the output folder (--out) is writable");
      return ExitCodes.RUNTIME;
    }
  }

  /**
   * A search ({@code sweep s = carbs(…)}): runs or resumes it, then gathers; {@code --task I} runs
   * point I of the task list the search wrote (a Slurm array task). {@code --jobs K}
   * suggests K points at a time (default 1, not the core count: the suggestions depend on K, so a
   * search must give the same points on every machine).
   */
  private static int search(Invocation inv, Plan plan, SweepSpec spec, Path outDir,
      PointCompiler compiler, Backends.Choice backend, RunContext context, PrintStream out,
      PrintStream err, DiagnosticPrinter printer, boolean verbose) {
    Engine engine = backend.engine();
    if (inv.command.equals("gather")) {
      printer.error("`" + spec.name() + "` is a search: it suggests each point from the results"
          + " before it, so there is nothing to gather apart from it; run it with `dyn run` or"
          + " `dyn sweep --on slurm` (both resume after an interruption)");
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    if (inv.line.hasOption("prepare")) {
      // Nothing to write ahead: the batches are suggested as results arrive. The line tells
      // `dyn sweep --on slurm` to drive the search itself, batch by batch.
      out.println("search " + spec.name() + " " + outDir.resolve("sweep-" + spec.name()));
      return ExitCodes.OK;
    }
    if (inv.line.hasOption("task")) {
      try {
        TaskList tasks;
        try {
          tasks = TaskList.recorded(spec, outDir, key(inv, plan));
        } catch (java.nio.file.NoSuchFileException e) {
          printer.error("`" + spec.name() + "` is a search and " + e.getFile() + " does not exist yet: a search"
              + " point's values come from the batch that suggested it; run the search with `dyn run` or"
              + " `dyn sweep --on slurm`, which write that list and run its tasks");
          return ExitCodes.USAGE_OR_SCRIPT;
        } catch (IllegalArgumentException e) {
          printer.error(e.getMessage());
          return ExitCodes.USAGE_OR_SCRIPT;
        }
        SweepRunner runner = new SweepRunner(tasks, compiler, engine, verbose ? err : null, context);
        return task(inv, tasks, runner, out, printer);
      } catch (IOException e) {
        printer.error("cannot read or write under " + outDir + ": " + e.getMessage());
        return ExitCodes.RUNTIME;
      }
    }
    int jobs = 1;
    if (inv.line.hasOption("jobs")) {
      jobs = jobs(inv, printer);
      if (jobs < 1) return ExitCodes.USAGE_OR_SCRIPT;
    }
    try {
      dyn.runtime.search.SearchRunner.Summary s = new dyn.runtime.search.SearchRunner(spec, outDir,
          key(inv, plan), compiler, engine, err, context).withBatches(inv.searchBatches)
          .withPointThreads(backend.pointsAtOnce(jobs)).run(jobs);
      return gather(s.tasks(), outDir, plan, context, out, err, verbose);
    } catch (dyn.runtime.search.BatchRunner.Incomplete e) {
      printer.error(e.getMessage());
      err.println("   = help: the points before them are recorded; run the same command again to resume"
          + " the search from there");
      return ExitCodes.RUNTIME;
    } catch (IOException e) {
      printer.error("cannot write under " + outDir + ": " + e.getMessage());
      err.println("   = help: check that the output folder (--out) is writable");
      return ExitCodes.RUNTIME;
    }
  }

  private static int task(Invocation inv, TaskList tasks, SweepRunner runner, PrintStream out,
      DiagnosticPrinter printer) throws IOException {
    String text = inv.line.getOptionValue("task");
    if (text.contains("-")) return taskRange(text, tasks, runner, out, printer);
    int task;
    try {
      task = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      task = -1;
    }
    if (task < 0 || task >= tasks.size()) {
      printer.error("--task takes a task number from 0 to " + (tasks.size() - 1) + ", got `" + text + "`");
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    if (!java.nio.file.Files.exists(tasks.tasksFile())) tasks.write();
    Optional<PointResult> r = runner.runTask(task);
    if (r.isEmpty()) {
      out.println("task " + task + " already done");
      return ExitCodes.OK;
    }
    if (r.get().status() == PointResult.Status.FAILED) {
      printer.error("task " + task + " (" + tasks.describe(task) + ") failed: " + r.get().message().orElse("")
          + "; log: " + tasks.logFile(task));
      return ExitCodes.RUNTIME;
    }
    out.println("task " + task + " " + tasks.describe(task) + ": "
        + (r.get().metrics().getOrDefault(SweepSpec.DIVERGED, 0.0) > 0 ? "diverged" : "ok")
        + " (" + tasks.resultFile(task) + ")");
    return ExitCodes.OK;
  }

  /**
   * {@code --task I-J}: points I to J (inclusive) that are not DONE, run in batches on this
   * thread; a line per point, as {@code --task I} prints it, and exit 3 when any failed.
   */
  private static int taskRange(String text, TaskList tasks, SweepRunner runner, PrintStream out,
      DiagnosticPrinter printer) throws IOException {
    String[] ends = text.trim().split("-", -1);
    int first = -1;
    int last = -1;
    try {
      if (ends.length == 2) {
        first = Integer.parseInt(ends[0].trim());
        last = Integer.parseInt(ends[1].trim());
      }
    } catch (NumberFormatException e) {
      first = -1;
    }
    if (first < 0 || last < first || last >= tasks.size()) {
      printer.error("--task takes a task number or a range I-J with 0 <= I <= J <= " + (tasks.size() - 1)
          + ", got `" + text + "`");
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    if (!java.nio.file.Files.exists(tasks.tasksFile())) tasks.write();
    List<Integer> range = new ArrayList<>();
    for (int t = first; t <= last; t++) range.add(t);
    java.util.Map<Integer, PointResult> ran = new java.util.HashMap<>();
    for (PointResult r : runner.runTasks(range)) ran.put(r.task(), r);
    boolean failed = false;
    for (int t : range) {
      PointResult r = ran.get(t);
      if (r == null) {
        out.println("task " + t + " already done");
      } else if (r.status() == PointResult.Status.FAILED) {
        failed = true;
        printer.error("task " + t + " (" + tasks.describe(t) + ") failed: " + r.message().orElse("")
            + "; log: " + tasks.logFile(t));
      } else {
        out.println("task " + t + " " + tasks.describe(t) + ": "
            + (r.metrics().getOrDefault(SweepSpec.DIVERGED, 0.0) > 0 ? "diverged" : "ok")
            + " (" + tasks.resultFile(t) + ")");
      }
    }
    return failed ? ExitCodes.RUNTIME : ExitCodes.OK;
  }

  private static int batch(Invocation inv, DiagnosticPrinter printer) {
    try {
      int b = Integer.parseInt(inv.line.getOptionValue("batch").trim());
      if (b >= 1) return b;
    } catch (NumberFormatException e) {
      // reported below
    }
    printer.error("--batch takes a whole number ≥ 1, got `" + inv.line.getOptionValue("batch") + "`");
    return 0;
  }

  private static int gather(TaskList tasks, Path outDir, Plan plan, RunContext context, PrintStream out,
      PrintStream err, boolean verbose) {
    out.println("dyn run " + plan.script());
    SweepSpec spec = tasks.spec();
    for (Plan.ParamValue p : plan.params()) {
      String note = spec.params().contains(p.name()) ? "  (swept)" : p.overridden() ? "  (overridden)" : "";
      out.println("param " + p.name() + " = " + (spec.params().contains(p.name()) ? "…" : Num.exact(p.value())) + note);
    }
    out.println();
    // A report statement outside the sweep block runs in every point: its tables go to each
    // point's log.txt and its files beside it, not here. Say so, once, rather than print nothing.
    long perPoint = plan.steps().stream().filter(st -> st instanceof dyn.compiler.plan.ReportStep).count();
    if (perPoint > 0) {
      out.println("(the script's " + (perPoint == 1 ? "report runs" : perPoint + " reports run")
          + " in every point: tables in " + outDir.resolve("sweep-" + spec.name()).resolve("points")
          + "/TASK/log.txt, files beside it)");
      out.println();
    }
    Gather.Outcome o = Gather.run(tasks, outDir, out, err, verbose ? err : null, plan, context);
    if (!o.pending().isEmpty()) return ExitCodes.RUNTIME;
    if (!o.failures().isEmpty()) {
      for (String f : o.failures()) err.println("error: " + f);
      return ExitCodes.RUNTIME;
    }
    return o.checksPassed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static int jobs(Invocation inv, DiagnosticPrinter printer) {
    if (!inv.line.hasOption("jobs")) return Runtime.getRuntime().availableProcessors();
    try {
      int k = Integer.parseInt(inv.line.getOptionValue("jobs").trim());
      if (k >= 1) return k;
    } catch (NumberFormatException e) {
      // reported below
    }
    printer.error("--jobs takes a whole number ≥ 1, got `" + inv.line.getOptionValue("jobs") + "`");
    return 0;
  }

  /** A point's plan, or its errors rendered into the failure. */
  private static Plan planOrFailure(Compilation c) throws PointCompiler.Failure {
    List<Diagnostic> errors = new ArrayList<>();
    for (Diagnostic d : c.diagnostics()) if (d.severity() == Diagnostic.Severity.ERROR) errors.add(d);
    if (!errors.isEmpty() || c.plan().isEmpty()) {
      String text;
      try {
        text = Renderer.render(errors, false);
      } catch (RuntimeException e) {
        text = errors.toString();
      }
      throw new PointCompiler.Failure(text);
    }
    return c.plan().get();
  }

  /**
   * What decides a point's result besides its values: the script, the stdlib, the overrides and
   * the data files the script loads (by content: a resumed sweep whose CSV was replaced reused
   * every old result before).
   */
  private static SweepKey key(Invocation inv, Plan plan) throws IOException {
    String script = Files.readString(inv.script, StandardCharsets.UTF_8);
    StringBuilder stdlib = new StringBuilder();
    Path dir = Home.stdlib();
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".dyn")).sorted().toList();
      }
      for (Path p : files) {
        stdlib.append(p.getFileName()).append('\n').append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return new SweepKey(script, stdlib.toString(), inv.overrides, DataDigests.of(plan));
  }
}
