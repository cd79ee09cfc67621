package dyn.cli;

import dyn.cli.lsp.LspServer;
import dyn.cli.repl.Repl;
import dyn.cli.slurm.Shell;
import dyn.cli.slurm.SlurmClient;
import dyn.cli.slurm.SlurmSweep;
import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.SweepBatches;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.DeepStack;
import dyn.runtime.backend.cuda.CudaUnavailable;
import dyn.runtime.exec.Backends;
import dyn.runtime.exec.Progress;
import dyn.runtime.exec.RunOutcome;
import dyn.runtime.exec.StepFailure;
import dyn.runtime.sink.Manifest;
import dyn.runtime.sink.Num;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dyn} command. {@link #run(String[], PrintStream, PrintStream)} is the whole program
 * without {@code System.exit}, so tests drive exactly what users run.
 */
public final class Main {
  private Main() {}

  /** Entry point of the launcher. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    // Colour and progress only for a person at a terminal, never for pipes or tests.
    boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
    System.exit(run(withLauncherProgress(args), System.in, out, err, terminal));
  }

  /**
   * The launcher shows progress ({@code --progress=auto}) unless the command line says otherwise;
   * {@link #run} called in-process (tests, golden runs) leaves it off.
   */
  static String[] withLauncherProgress(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) return args;
    for (String a : args) {
      if (a.equals("--progress") || a.startsWith("--progress=")) return args;
    }
    String[] withMode = Arrays.copyOf(args, args.length + 1);
    withMode[args.length] = "--progress=auto";
    return withMode;
  }

  /**
   * Runs one command.
   *
   * @return the exit code ({@link ExitCodes})
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err, false);
  }

  /** Runs one command reading {@code in} ({@code dyn repl} is the only command that reads it). */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, false);
  }

  /** Runs one command; {@code terminal} says a person is watching (colour, progress on stderr). */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    return run(args, in, out, err, terminal, null);
  }

  /** As {@link #run(String[], InputStream, PrintStream, PrintStream, boolean)}, a search's batches run by {@code batches}. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal,
      dyn.runtime.search.BatchRunner batches) {
    if (args.length == 0) {
      err.print(Invocation.help());
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    String command = args[0];
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      out.print(Invocation.help());
      return ExitCodes.OK;
    }
    if (!Invocation.COMMANDS.containsKey(command)) {
      err.println("error: unknown command `" + command + "` (expected "
          + String.join(", ", Invocation.COMMANDS.keySet()) + ")"
          + dyn.compiler.diag.Suggest.closest(command, Invocation.COMMANDS.keySet())
              .map(c -> "; did you mean `" + c + "`?").orElse(""));
      err.print(Invocation.help());
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    if (command.equals("repl")) return repl(args, in, out, err);
    if (command.equals("lsp")) return lsp(args, in, out, err);
    if (command.equals("sweep")) return sweep(args, out, err);
    boolean debug = Arrays.asList(args).contains("--debug");
    Invocation inv;
    try {
      inv = Invocation.parse(command, Arrays.copyOfRange(args, 1, args.length));
      inv.searchBatches = batches;
    } catch (Invocation.UsageError e) {
      err.println("error: " + e.getMessage());
      err.println("usage: dyn " + command + " SCRIPT.dyn [NAME=VALUE …] [options]; see `dyn " + command + " --help`");
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    if (inv.line.hasOption("help")) {
      out.print(Invocation.help(command));
      return ExitCodes.OK;
    }
    boolean color = inv.line.hasOption("color") || terminal;
    DiagnosticPrinter printer = new DiagnosticPrinter(err, color, debug);
    try {
      // On a deep stack as the compiler is: plan printers and check evaluation recurse per level.
      return DeepStack.call("dyn-" + command, () -> dispatch(inv, out, err, printer, terminal));
    } catch (RuntimeException | Error e) {
      printer.internal(e);
      return ExitCodes.RUNTIME;
    }
  }

  /** {@code dyn repl} takes no script: it has its own front end ({@link Repl}). */
  private static int repl(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String usage = "usage: dyn repl\n  " + Invocation.COMMANDS.get("repl")
        + "\n  inside, :help lists the commands; see docs/REPL.md\n";
    if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
      out.print(usage);
      return ExitCodes.OK;
    }
    if (args.length > 1) {
      err.println("error: `dyn repl` takes no arguments (got `" + args[1] + "`); use :load FILE inside");
      err.print(usage);
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    return Repl.run(in, out, err, Home.stdlib());
  }

  /**
   * {@code dyn lsp} takes no script: it speaks the Language Server Protocol on {@code in} and
   * {@code out}, and stdout carries nothing else.
   */
  private static int lsp(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String usage = "usage: dyn lsp [--debug]\n  " + Invocation.COMMANDS.get("lsp")
        + "\n  an editor starts it; --debug logs protocol problems with stack traces on stderr\n";
    boolean debug = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        out.print(usage);
        return ExitCodes.OK;
      } else if (args[i].equals("--debug")) {
        debug = true;
      } else if (!args[i].equals("--stdio")) { // what VS Code's client appends
        err.println("error: `dyn lsp` takes no script or option `" + args[i] + "`; an editor opens files through the protocol");
        err.print(usage);
        return ExitCodes.USAGE_OR_SCRIPT;
      }
    }
    return LspServer.serve(in, out, Home.stdlib(), debug);
  }

  /** {@code dyn sweep} has its own options and runs other commands through this class. */
  private static int sweep(String[] args, PrintStream out, PrintStream err) {
    SlurmSweep sweep = new SlurmSweep(
        new SlurmSweep.Dyn() {
          @Override
          public int run(List<String> a, PrintStream o, PrintStream e) {
            return Main.run(a.toArray(new String[0]), o, e);
          }

          @Override
          public int search(List<String> a, dyn.runtime.search.BatchRunner batches, PrintStream o, PrintStream e) {
            return Main.run(a.toArray(new String[0]), System.in, o, e, false, batches);
          }
        },
        new SlurmClient(Shell.system()),
        SlurmSweep.currentDyn(Home.root()),
        Path.of(""));
    return sweep.run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }

  private static int dispatch(
      Invocation inv, PrintStream out, PrintStream err, DiagnosticPrinter printer, boolean terminal) {
    Backends.Choice backend = null;
    // --backend cpu or cuda is resolved before the script is read (a missing GPU is reported
    // first); auto, and the script's `backend`, only after it compiled: auto weighs the plan.
    String flag = inv.line.getOptionValue("backend");
    boolean run = inv.command.equals("run");
    if (run && flag != null && !flag.equals("auto")) {
      backend = chooseBackend(flag, false, null, err, printer);
      if (backend == null) return ExitCodes.USAGE_OR_SCRIPT;
    }
    Optional<Plan> plan = compile(inv, printer);
    if (plan.isEmpty()) return ExitCodes.USAGE_OR_SCRIPT;
    if (run) {
      Optional<String> fromScript = plan.get().backend();
      if (flag != null && fromScript.isPresent() && !fromScript.get().equals(flag)) {
        err.println("note: --backend " + flag + " overrides the script's `backend " + fromScript.get() + "`");
      }
      if (backend == null) {
        boolean scripted = flag == null && fromScript.isPresent();
        String requested = flag != null ? flag : fromScript.orElse("cpu");
        backend = chooseBackend(requested, scripted, plan.get(), err, printer);
        if (backend == null) return ExitCodes.USAGE_OR_SCRIPT;
      }
    }
    if (run || inv.command.equals("gather")) {
      Path outDir = outDir(inv);
      Optional<String> problem = OutputFolder.problem(outDir);
      if (problem.isPresent()) {
        printer.error("cannot write outputs to " + outDir + ": " + problem.get());
        err.println("   = help: choose a folder that can be created and written with --out DIR; nothing was run");
        return ExitCodes.USAGE_OR_SCRIPT;
      }
    }
    switch (inv.command) {
      case "check":
        out.println(inv.script + ": ok");
        return ExitCodes.OK;
      case "plan":
        {
          SweepBatches batches = plan.get().sweep().isPresent() ? batchListing(inv, plan.get().sweep().get()) : null;
          if (inv.line.hasOption("json")) {
            out.print(PlanJson.write(plan.get(), batches));
          } else {
            out.print(PlanPrinter.print(plan.get()));
            if (batches != null) out.print(SweepBatchListing.text(batches));
          }
        }
        out.flush();
        return ExitCodes.OK;
      default:
        if (isSweepCommand(inv, plan.get())) {
          return SweepCommand.run(inv, plan.get(), backend, out, err, printer, terminal);
        }
        return execute(inv, plan.get(), backend, out, err, printer, terminal);
    }
  }

  /** Which of the sweep's points run batched (compiling each point), or null. */
  private static SweepBatches batchListing(Invocation inv, dyn.compiler.plan.SweepSpec spec) {
    try {
      return SweepBatchListing.of(Source.read(inv.script), new Compiler.Options(inv.overrides, Home.stdlib()), spec);
    } catch (IOException e) {
      return null;
    }
  }

  /** Compiles the script, printing every diagnostic (warnings too). Empty on errors. */
  private static Optional<Plan> compile(Invocation inv, DiagnosticPrinter printer) {
    Source source;
    try {
      source = Source.read(inv.script);
    } catch (NoSuchFileException e) {
      printer.error("cannot read " + inv.script + ": no such file");
      return Optional.empty();
    } catch (IOException e) {
      printer.error("cannot read " + inv.script + ": " + e.getMessage());
      return Optional.empty();
    }
    Compilation c = Compiler.compile(source, new Compiler.Options(inv.overrides, Home.stdlib()));
    printer.print(c.diagnostics());
    boolean errors = c.diagnostics().stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    return errors ? Optional.empty() : c.plan();
  }

  /**
   * Resolves {@code --backend} or the script's {@code backend} statement before anything runs;
   * null (after an error naming what is missing, never a stack trace) when it cannot run here.
   * auto says on stderr what it chose.
   *
   * @param fromScript true when the name came from the script's {@code backend} statement
   * @param plan the compiled plan, which auto weighs; null before compiling (cpu, cuda)
   */
  private static Backends.Choice chooseBackend(String requested, boolean fromScript, Plan plan,
      PrintStream err, DiagnosticPrinter printer) {
    try {
      Backends.Choice c = Backends.select(requested, plan);
      if (c.note() != null) err.println("note: " + c.note());
      return c;
    } catch (CudaUnavailable e) {
      printer.error("the cuda backend cannot run here: " + e.getMessage());
      if (fromScript) {
        err.println("   = note: the script asks for it with `backend " + requested + "`");
        err.println("   = help: run with --backend cpu, or write `backend auto` to use a GPU only when one is usable");
      } else {
        err.println("   = help: use --backend cpu, or --backend auto to use a GPU only when one is usable");
      }
      return null;
    } catch (IllegalArgumentException e) {
      printer.error(e.getMessage());
      return null;
    }
  }

  private static int execute(Invocation inv, Plan plan, Backends.Choice backend, PrintStream out,
      PrintStream err, DiagnosticPrinter printer, boolean terminal) {
    Path outDir = outDir(inv);
    boolean verbose = inv.line.hasOption("verbose") || terminal;
    Progress progress;
    try {
      progress = ProgressMode.parse(inv.line.getOptionValue("progress", "off")).reporter(err, terminal);
    } catch (Invocation.UsageError e) {
      printer.error(e.getMessage());
      return ExitCodes.USAGE_OR_SCRIPT;
    }
    Manifest manifest = Manifest.forPlan(plan).started(Instant.now());
    long start = System.nanoTime();
    RunOutcome outcome;
    // The hook is in place before the header, so whoever sees the header may stop the run.
    try (Interruption stop = new Interruption(outDir, () -> writeManifest(manifest, inv, outDir, backend.name(),
        Manifest.Status.FAILED, ExitCodes.RUNTIME, (System.nanoTime() - start) / 1e9,
        List.of(Interruption.FAILURE), List.of()), err)) {
      out.println("dyn run " + inv.script);
      for (Plan.ParamValue p : plan.params()) {
        out.println("param " + p.name() + " = " + Num.exact(p.value()) + (p.overridden() ? "  (overridden)" : ""));
      }
      out.println();
      out.flush();
      outcome = backend.executor(verbose ? err : null).withProgress(progress).run(plan, outDir, out);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (verbose) err.println("done in " + Num.format(seconds, 3) + " s");
    int code = outcome.failed() ? ExitCodes.RUNTIME : outcome.checksPassed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    if (outcome.failed()) printer.printFailures(outcome.failures());
    Optional<String> notWritten = writeManifest(manifest, inv, outDir, backend.name(), outcome, code, seconds);
    if (notWritten.isPresent()) {
      printer.error("cannot write " + outDir.resolve(Manifest.FILE) + ": " + notWritten.get());
      err.println("   = help: check that the output folder (--out) is writable");
      return ExitCodes.RUNTIME;
    }
    if (verbose) err.println("wrote " + outDir.resolve(Manifest.FILE));
    return code;
  }

  /**
   * Writes {@code manifest.json} beside the run's outputs, for failed runs too (status
   * {@code failed}, the failures, and hashes of only the files written whole before the failure).
   *
   * @return the reason when the manifest could not be written
   */
  private static Optional<String> writeManifest(Manifest manifest, Invocation inv, Path outDir,
      String backend, RunOutcome outcome, int code, double seconds) {
    Manifest.Status status = code == ExitCodes.RUNTIME ? Manifest.Status.FAILED
        : code == ExitCodes.CHECK_FAILED ? Manifest.Status.CHECKS_FAILED : Manifest.Status.OK;
    List<String> failures = new ArrayList<>();
    for (StepFailure f : outcome.failures()) {
      failures.add(f.origin().file() + ":" + f.origin().line() + ":" + f.origin().column() + ": " + f.describe());
    }
    return writeManifest(manifest, inv, outDir, backend, status, code, seconds, failures, outcome.written());
  }

  private static Optional<String> writeManifest(Manifest manifest, Invocation inv, Path outDir, String backend,
      Manifest.Status status, int code, double seconds, List<String> failures, List<Path> written) {
    try {
      manifest.script(new String(Files.readAllBytes(inv.script), StandardCharsets.UTF_8))
          .command(inv.args).overrides(inv.overrides).backend(backend)
          .finish(status, code, Instant.now(), seconds, failures);
      for (Path file : written) manifest.output(outDir, file);
      manifest.write(outDir);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** A script with a sweep runs point by point; `gather`, --prepare and --task are for sweeps only. */
  private static boolean isSweepCommand(Invocation inv, Plan plan) {
    return plan.sweep().isPresent() || inv.command.equals("gather")
        || inv.line.hasOption("prepare") || inv.line.hasOption("task");
  }

  /** {@code --out}, else {@code out/<script name>}. */
  static Path outDir(Invocation inv) {
    return inv.line.hasOption("out") ? Path.of(inv.line.getOptionValue("out")) : Path.of("out", baseName(inv.script));
  }

  static String baseName(Path script) {
    String name = script.getFileName().toString();
    return name.endsWith(".dyn") ? name.substring(0, name.length() - 4) : name;
  }
}
