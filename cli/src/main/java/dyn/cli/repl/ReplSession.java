package dyn.cli.repl;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Renderer;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.Recordable;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.DeepStack;
import dyn.compiler.syntax.Parse;
import dyn.compiler.syntax.Stmt;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.exec.Executor;
import dyn.runtime.exec.RunOutcome;
import dyn.runtime.exec.StepFailure;
import dyn.runtime.sink.Num;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The REPL without any terminal: one accumulating module, fed chunk by chunk.
 *
 * <p>The module is a list of top-level statements' source texts, keyed by what they declare.
 * Each chunk is compiled as the kept statements followed by the chunk; when that has errors they
 * are reported and the chunk is dropped, so the module always compiles. Re-declaring a name
 * replaces the earlier statement (REPL only; a file would get a duplicate-name error).
 *
 * <p>{@code train}, {@code report} and {@code check} are actions: a chunk holding one runs the
 * module, and a chunk's reports and checks run only with that chunk (they stay in the module for
 * {@code :plan} and {@code :show}, but later chunks do not print them again).
 */
public final class ReplSession {
  /** The file name diagnostics of typed chunks are shown under. */
  public static final String CHUNK_FILE = "<repl>";

  /** The file name for diagnostics that point into earlier, kept statements. */
  public static final String MODULE_FILE = "<session>";

  private final Path stdlib;
  private final Path outDir;
  private final boolean color;
  private final Completion completion;
  /** Kept statements in the order first declared; a re-declaration keeps its slot. */
  private final LinkedHashMap<String, Entry> module = new LinkedHashMap<>();
  /** Trajectories of the last run that reached each train, by train name. */
  private final Map<String, Trajectory> trajectories = new LinkedHashMap<>();
  private final Map<String, TrainStep> trainSteps = new LinkedHashMap<>();
  private int actions;

  /** One kept statement. {@code action} marks reports and checks, run only with their chunk. */
  private record Entry(String key, String name, String kind, String text, boolean action) {}

  /**
   * @param stdlib the folder of {@code import NAME} modules
   * @param outDir where {@code report csv/json} write
   * @param color ANSI colour in diagnostics
   */
  public ReplSession(Path stdlib, Path outDir, boolean color) {
    this.stdlib = stdlib;
    this.outDir = outDir;
    this.color = color;
    this.completion = new Completion(stdlib);
  }

  /** Submits one chunk: statements, or one colon command. */
  public ReplResult submit(String chunk) {
    try {
      return DeepStack.call("dyn-repl", () -> submitHere(chunk));
    } catch (RuntimeException | Error e) {
      // A bug in dyn must not end the session and lose its state; the chunk is not kept.
      return message("error: internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "\n   = help: this is a bug in dyn; the session goes on without this input\n");
    }
  }

  private ReplResult submitHere(String chunk) {
    String trimmed = chunk.strip();
    if (trimmed.isEmpty()) return new ReplResult.Output("");
    if (trimmed.startsWith(":")) return command(trimmed);
    return statements(chunk, CHUNK_FILE);
  }

  /** True when the chunk only lacks its end (an open bracket or brace); commands never are. */
  public boolean isIncomplete(String chunk) {
    if (chunk.strip().startsWith(":")) return false;
    return Parse.isIncomplete(new Source(CHUNK_FILE, chunk));
  }

  /** Completion candidates for the word ending at {@code cursor} (whole words, not suffixes). */
  public List<String> complete(String buffer, int cursor) {
    List<String> declared = new ArrayList<>();
    for (Entry e : module.values()) if (e.name != null) declared.add(e.name);
    return completion.candidates(buffer, cursor, declared, recordable());
  }

  /**
   * What each train of the module can record ({@link Observable#recordableBy} its model and
   * data) and each prediction predicts, read from the compiled module: empty when there is none.
   */
  private Map<String, List<Observable>> recordable() {
    if (module.values().stream().noneMatch(e -> "train".equals(e.kind) || "predict".equals(e.kind))) return Map.of();
    Compilation c = Compiler.compile(new Source(MODULE_FILE, moduleText()), options());
    return c.plan().map(Recordable::byName).orElse(Map.of());
  }


  /** The accumulated module as one script text. */
  public String moduleText() {
    return module.values().stream().map(e -> e.text + "\n").collect(Collectors.joining());
  }

  // ---- statements ------------------------------------------------------------------------

  private ReplResult statements(String chunk, String file) {
    Source chunkSource = new Source(file, chunk.endsWith("\n") ? chunk : chunk + "\n");
    if (Parse.isIncomplete(chunkSource)) return new ReplResult.Incomplete();
    Parse.Result parsed = Parse.parse(chunkSource);
    if (hasErrors(parsed.diagnostics())) return diagnostics(parsed.diagnostics());
    List<Entry> fresh = new ArrayList<>();
    for (Stmt s : parsed.script().statements()) {
      String text = chunkSource.text().substring(s.span().start(), s.span().end());
      fresh.add(entry(s, text));
    }
    if (fresh.isEmpty()) return new ReplResult.Output("");

    boolean observes = fresh.stream().anyMatch(e -> "observe".equals(e.kind));
    Plan before = observes ? Compiler.compile(new Source(MODULE_FILE, moduleText()), options()).plan().orElse(null) : null;
    LinkedHashMap<String, Entry> next = new LinkedHashMap<>(module);
    for (Entry e : fresh) next.remove(e.key);
    // Compile the kept statements with the chunk last, so chunk lines are easy to map back.
    String prefix = join(next.values(), false);
    String whole = prefix + chunkSource.text();
    Compilation c = Compiler.compile(new Source(file, whole), options());
    if (hasErrors(c.diagnostics())) return diagnostics(relocate(c.diagnostics(), file, lines(prefix)));
    String warnings = c.diagnostics().isEmpty() ? "" : Renderer.render(relocate(c.diagnostics(), file, lines(prefix)), color);

    // Keep the chunk: a re-declared name keeps its slot, new names go last. Until its run
    // succeeds: a train that diverged stayed, and every later chunk re-ran it and failed.
    LinkedHashMap<String, Entry> kept = new LinkedHashMap<>(module);
    for (Entry e : fresh) {
      if (module.containsKey(e.key)) module.put(e.key, e);
    }
    for (Entry e : fresh) module.putIfAbsent(e.key, e);
    boolean runs = fresh.stream().anyMatch(e -> e.action || "train".equals(e.kind));
    boolean changesState = fresh.stream().anyMatch(e -> !e.action);
    if (changesState) {
      trajectories.clear();
      trainSteps.clear();
    }
    String changed = observes && c.plan().isPresent() ? ObserveChanges.describe(before, c.plan().get()) : "";
    if (!runs) return new ReplResult.Output(warnings + defined(fresh) + changed);

    // Run the module without earlier chunks' reports and checks, plus this chunk's actions.
    String exec = join(next.values(), true);
    Compilation ce = Compiler.compile(new Source(file, exec + chunkSource.text()), options());
    ReplResult result = ce.plan().isEmpty() ? diagnostics(relocate(ce.diagnostics(), file, lines(exec)))
        : run(ce.plan().get(), fresh, warnings + changed, file, lines(exec));
    if (result instanceof ReplResult.Diagnostics) {
      module.clear();
      module.putAll(kept);
    }
    return result;
  }

  private ReplResult run(Plan plan, List<Entry> fresh, String warnings, String file, int prefixLines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunOutcome outcome = Executor.cpu(null).run(plan, outDir, out);
    remember(plan, outcome);
    if (outcome.failed()) {
      List<Diagnostic> ds = new ArrayList<>();
      for (StepFailure f : outcome.failures()) {
        ds.add(new Diagnostic(Diagnostic.Severity.ERROR, f.isInternal() ? "internal" : "runtime", f.origin(),
            f.describe(), List.of(), f.hint()));
      }
      return diagnostics(relocate(ds, file, prefixLines));
    }
    StringBuilder sb = new StringBuilder(warnings);
    for (Entry e : fresh) {
      if ("train".equals(e.kind)) sb.append(summary(e.name)).append('\n');
    }
    String reports = bytes.toString(StandardCharsets.UTF_8);
    if (!reports.isEmpty() && sb.length() > 0) sb.append('\n');
    sb.append(reports);
    return new ReplResult.Output(sb.toString());
  }

  private void remember(Plan plan, RunOutcome outcome) {
    for (Step s : plan.steps()) {
      if (!(s instanceof TrainStep)) continue;
      TrainStep t = (TrainStep) s;
      outcome.results().trajectory(t.id()).ifPresent(tr -> {
        trajectories.put(t.name(), tr);
        trainSteps.put(t.name(), t);
      });
    }
  }

  /** {@code gf: loss 1.2e-09 at t = 16 (412 steps, 0.05 s)}. */
  private String summary(String train) {
    Trajectory tr = trajectories.get(train);
    if (tr == null) return train + ": did not run";
    StringBuilder sb = new StringBuilder(train).append(": ");
    double[][] loss = tr.series().get(Observable.LOSS);
    double t = tr.times().isEmpty() ? 0 : tr.times().get(tr.times().size() - 1);
    if (loss != null && loss.length > 0) {
      // The loss's last record, on its own grid: it may end before the train's last record.
      t = tr.timesOf(Observable.LOSS).get(loss.length - 1);
      sb.append("loss ").append(Num.format(loss[loss.length - 1][0])).append(" at ");
    } else {
      sb.append("trained to ");
    }
    sb.append("t = ").append(Num.format(t));
    if (tr.stats() != null) {
      sb.append(" (").append(tr.stats().steps()).append(" steps, ")
          .append(Num.format(tr.stats().seconds(), 3)).append(" s)");
    }
    return sb.toString();
  }

  private static String defined(List<Entry> fresh) {
    List<String> names = new ArrayList<>();
    for (Entry e : fresh) if (e.name != null) names.add(e.kind + " " + e.name);
    String out = names.isEmpty() ? "" : "defined " + String.join(", ", names) + "\n";
    if (fresh.stream().anyMatch(e -> "backend".equals(e.kind))) {
      out += "note: the REPL runs on the cpu; a `backend` statement applies to `dyn run` of the saved script\n";
    }
    return out;
  }

  private Entry entry(Stmt s, String text) {
    if (s instanceof Stmt.Import) {
      String m = ((Stmt.Import) s).module().name();
      return new Entry("import " + m, null, "import", text, false);
    }
    if (s instanceof Stmt.Param) {
      String n = ((Stmt.Param) s).name().name();
      return new Entry(n, n, "param", text, false);
    }
    if (s instanceof Stmt.Instance) {
      Stmt.Instance i = (Stmt.Instance) s;
      String n = i.name().name();
      return new Entry(n, n, i.kind().name().toLowerCase(java.util.Locale.ROOT), text, false);
    }
    if (s instanceof Stmt.Definition) {
      Stmt.Definition d = (Stmt.Definition) s;
      String n = d.name().name();
      String kind = d.kind() == Stmt.DefinitionKind.MODEL ? "model definition" : "dataset";
      return new Entry("def " + n, n, kind, text, false);
    }
    if (s instanceof Stmt.Observe) {
      // Identical observe lines are one; different ones accumulate as in a file.
      return new Entry("observe " + text.replaceAll("\\s+", " "), null, "observe", text, false);
    }
    if (s instanceof Stmt.Backend) {
      // One slot, so a second `backend` line replaces the first instead of being a duplicate.
      return new Entry("backend", null, "backend", text, false);
    }
    String kind = s instanceof Stmt.Report ? "report" : "check";
    return new Entry(kind + " #" + (++actions), null, kind, text, true);
  }

  private static String join(Iterable<Entry> entries, boolean withoutActions) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      if (withoutActions && e.action) continue;
      sb.append(e.text).append('\n');
    }
    return sb.toString();
  }

  private static int lines(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
    return n;
  }

  /**
   * Moves diagnostics of the combined text back to where the user sees them: lines of the chunk
   * count from 1 of the chunk; lines of kept statements are shown as {@value #MODULE_FILE}.
   */
  private static List<Diagnostic> relocate(List<Diagnostic> ds, String file, int prefixLines) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      List<Diagnostic.Related> related = new ArrayList<>();
      for (Diagnostic.Related r : d.related()) related.add(new Diagnostic.Related(relocate(r.where(), file, prefixLines), r.message()));
      out.add(new Diagnostic(d.severity(), d.code(), relocate(d.where(), file, prefixLines), d.message(), related, d.hint()));
    }
    return out;
  }

  private static Origin relocate(Origin o, String file, int prefixLines) {
    if (!o.file().equals(file)) return o;
    if (o.line() > prefixLines) return new Origin(file, o.line() - prefixLines, o.column(), o.length(), o.sourceLine());
    return new Origin(MODULE_FILE, o.line(), o.column(), o.length(), o.sourceLine());
  }

  private ReplResult diagnostics(List<Diagnostic> ds) {
    return new ReplResult.Diagnostics(ds, Renderer.render(ds, color));
  }

  private static boolean hasErrors(List<Diagnostic> ds) {
    return ds.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  private Compiler.Options options() {
    return new Compiler.Options(Map.of(), stdlib);
  }

  // ---- commands --------------------------------------------------------------------------

  private ReplResult command(String line) {
    int space = line.indexOf(' ');
    String word = (space < 0 ? line.substring(1) : line.substring(1, space)).toLowerCase(java.util.Locale.ROOT);
    String arg = space < 0 ? "" : line.substring(space + 1).strip();
    List<Command> matches = Command.matching(word);
    if (matches.size() != 1) {
      String why = matches.isEmpty() ? "unknown command `:" + word + "`"
          : "ambiguous command `:" + word + "` (" + matches.stream().map(c -> ":" + c.word()).collect(Collectors.joining(", ")) + ")";
      return message("error: " + why + "\n   = help: :help lists the commands\n");
    }
    switch (matches.get(0)) {
      case LOAD:
        return load(arg);
      case PLAN:
        return plan();
      case SHOW:
        return show(arg);
      case SAVE:
        return save(arg);
      case PLOT:
        return plot(arg);
      case RESET:
        module.clear();
        trajectories.clear();
        trainSteps.clear();
        return new ReplResult.Output("session cleared\n");
      case HELP:
        return new ReplResult.Output(help());
      case QUIT:
      default:
        return new ReplResult.Quit();
    }
  }

  private static ReplResult message(String text) {
    return new ReplResult.Diagnostics(List.of(), text);
  }

  private ReplResult load(String arg) {
    if (arg.isEmpty()) return message("error: :load needs a file, e.g. :load examples/saddle_linear.dyn\n");
    Path file = Path.of(arg);
    String text;
    try {
      text = Source.read(file).text();
    } catch (IOException e) {
      return message("error: cannot read " + arg + (e instanceof java.nio.file.NoSuchFileException ? ": no such file" : ": " + e.getMessage()) + "\n");
    }
    ReplResult r = statements(text, arg);
    if (r instanceof ReplResult.Incomplete) return message("error: " + arg + " ends inside an open bracket or brace\n");
    if (r instanceof ReplResult.Output) return new ReplResult.Output("loaded " + arg + "\n" + ((ReplResult.Output) r).text());
    return r;
  }

  private ReplResult plan() {
    if (module.isEmpty()) return new ReplResult.Output("nothing defined yet\n");
    Compilation c = Compiler.compile(new Source(MODULE_FILE, moduleText()), options());
    if (c.plan().isEmpty()) return diagnostics(c.diagnostics());
    return new ReplResult.PlanShown(PlanPrinter.print(c.plan().get()));
  }

  /** The file the last {@code :save} wrote: saving there again replaces it, any other file is kept. */
  private Path saved;

  private ReplResult save(String arg) {
    if (arg.isEmpty()) return message("error: :save needs a file, e.g. :save study.dyn\n");
    if (module.isEmpty()) return message("error: nothing defined yet, so nothing to save\n");
    Path file = Path.of(arg).toAbsolutePath().normalize();
    if (java.nio.file.Files.exists(file) && !file.equals(saved)) {
      return message("error: " + arg + " exists; this session did not write it, so it is kept\n"
          + "   = help: choose another name, or delete the file first\n");
    }
    try {
      dyn.runtime.sink.AtomicFiles.writeString(file, moduleText());
    } catch (IOException e) {
      return message("error: cannot write " + arg + ": " + e.getMessage() + "\n");
    }
    saved = file;
    return new ReplResult.Output("saved " + module.size() + (module.size() == 1 ? " statement" : " statements")
        + " to " + arg + "\n");
  }

  private ReplResult show(String name) {
    if (name.isEmpty()) {
      if (module.isEmpty()) return new ReplResult.Output("nothing defined yet\n");
      return new ReplResult.Output(moduleText());
    }
    List<Entry> hits = new ArrayList<>();
    for (Entry e : module.values()) if (name.equals(e.name)) hits.add(e);
    if (hits.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Entry e : module.values()) if (e.name != null) names.add(e.name);
      String hint = dyn.compiler.diag.Suggest.closest(name, names).map(s -> "\n   = help: did you mean `" + s + "`?").orElse("");
      return message("error: nothing named `" + name + "` in this session" + hint + "\n");
    }
    StringBuilder sb = new StringBuilder();
    for (Entry e : hits) {
      sb.append(e.text).append('\n');
      if ("train".equals(e.kind) && trajectories.containsKey(name)) sb.append(finals(name));
    }
    return new ReplResult.Output(sb.toString());
  }

  /** The last recorded value of every observable of a train that ran. */
  private String finals(String train) {
    Trajectory tr = trajectories.get(train);
    StringBuilder sb = new StringBuilder();
    double t = tr.times().isEmpty() ? 0 : tr.times().get(tr.times().size() - 1);
    sb.append("  final values at t = ").append(Num.format(t)).append(":\n");
    for (Map.Entry<Observable, double[][]> s : tr.series().entrySet()) {
      double[][] v = s.getValue();
      if (v.length == 0) continue;
      double[] last = v[v.length - 1];
      sb.append("    ").append(train).append('.').append(s.getKey().scriptName()).append(" = ");
      double own = tr.timesOf(s.getKey()).get(v.length - 1);
      if (last.length == 1) {
        sb.append(Num.format(last[0]));
      } else {
        List<String> parts = new ArrayList<>();
        for (double x : last) parts.add(Num.format(x));
        sb.append('[').append(String.join(", ", parts)).append(']');
      }
      // A series on a grid of its own may end earlier than the train's last record.
      if (own != t) sb.append(" (at t = ").append(Num.format(own)).append(')');
      sb.append('\n');
    }
    return sb.toString();
  }

  private ReplResult plot(String arg) {
    if (arg.isEmpty()) return message("error: :plot needs series, e.g. :plot gf.loss gd.loss\n");
    List<TextPlot.Line> lines = new ArrayList<>();
    for (String ref : arg.split("[\\s,]+")) {
      int dot = ref.indexOf('.');
      String train = dot < 0 ? ref : ref.substring(0, dot);
      String obs = dot < 0 ? "loss" : ref.substring(dot + 1);
      if (!trajectories.containsKey(train)) {
        Optional<String> why = runAll();
        if (why.isPresent()) return message(why.get());
      }
      Trajectory tr = trajectories.get(train);
      if (tr == null) return message("error: no train named `" + train + "` has run in this session\n");
      Observable o = null;
      for (Observable c : Observable.values()) if (c.scriptName().equals(obs)) o = c;
      double[][] v = o == null ? null : tr.series().get(o);
      if (v == null) {
        return message("error: `" + train + "." + obs + "` was not recorded\n   = help: add e.g. `observe "
            + obs + " at log(0.01, 10, 40)`; recorded: " + tr.series().keySet().stream()
                .map(Observable::scriptName).collect(Collectors.joining(", ")) + "\n");
      }
      double[] ts = tr.timesOf(o).stream().mapToDouble(Double::doubleValue).toArray();
      int width = v.length == 0 ? 0 : v[0].length;
      for (int k = 0; k < width; k++) {
        double[] ys = new double[v.length];
        for (int i = 0; i < v.length; i++) ys[i] = v[i][k];
        // Components from 0, as tables, CSV headers and figure legends number them.
        lines.add(new TextPlot.Line(train + "." + obs + (width > 1 ? "[" + k + "]" : ""), ts, ys));
      }
    }
    return new ReplResult.Output(TextPlot.render(lines));
  }

  /** Runs the module (no reports or checks) so that every train has a trajectory. */
  private Optional<String> runAll() {
    Compilation c = Compiler.compile(new Source(MODULE_FILE, join(module.values(), true)), options());
    if (c.plan().isEmpty()) return Optional.of(Renderer.render(c.diagnostics(), color));
    RunOutcome outcome = Executor.cpu(null).run(c.plan().get(), outDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    remember(c.plan().get(), outcome);
    return Optional.empty();
  }

  /** The {@code :help} text. */
  static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Type dyn statements (import, param, data, model, train, observe, report, check);\n");
    sb.append("they accumulate, and a name declared again replaces its earlier statement.\n");
    sb.append("A chunk with train, report or check runs and prints its results.\n");
    sb.append("An open ( [ or { continues on the next line.\n\ncommands (any unique prefix works):\n");
    for (Command c : Command.values()) {
      String head = ":" + c.word() + (c.args.isEmpty() ? "" : " " + c.args);
      sb.append("  ").append(head).append(" ".repeat(Math.max(1, 16 - head.length()))).append(c.description).append('\n');
    }
    return sb.toString();
  }
}
