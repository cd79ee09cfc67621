package dyn.compiler;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Planner;
import dyn.compiler.resolve.Program;
import dyn.compiler.resolve.Resolver;
import dyn.compiler.resolve.Unit;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.DeepStack;
import dyn.compiler.syntax.Parse;
import dyn.compiler.syntax.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiler facade: source text in, a {@link Plan} or diagnostics out. Never throws for a bad
 * script; every problem becomes a diagnostic with a span.
 *
 * <p>Stages: parse → resolve (with stdlib imports and overrides) → check and plan. A stage runs
 * only when the earlier ones reported no errors; each stage reports all of its own errors. Every
 * stage runs on a {@link DeepStack}, as each recurses once per level of expression nesting.
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles a script.
   *
   * @param source the script
   * @param options command-line overrides and where the stdlib lives
   */
  public static Compilation compile(Source source, Options options) {
    return DeepStack.call("dyn-compile", () -> compileHere(source, options));
  }

  private static Compilation compileHere(Source source, Options options) {
    Parse.Result parsed = Parse.parse(source);
    Diagnostics diags = new Diagnostics(source);
    parsed.diagnostics().forEach(diags::add);
    if (diags.hasErrors()) return new Compilation(Optional.empty(), diags.list());
    return compile(new Unit(source, parsed.script(), diags), options);
  }

  /**
   * Compiles an already parsed script (the REPL and tests build the syntax tree themselves).
   *
   * @param script the syntax tree of {@code source}
   */
  public static Compilation compile(Source source, Script script, Options options) {
    return DeepStack.call("dyn-compile", () -> compile(new Unit(source, script, new Diagnostics(source)), options));
  }

  private static Compilation compile(Unit main, Options options) {
    Map<String, String> values = new java.util.LinkedHashMap<>(options.overrides());
    values.putAll(options.point());
    Program program = Resolver.resolve(main, options.stdlibDir(), values);
    if (hasErrors(program)) return new Compilation(Optional.empty(), all(program));
    Optional<Plan> plan = Planner.plan(program, options.overrides().keySet(),
        !options.point().isEmpty());
    if (hasErrors(program)) plan = Optional.empty();
    return new Compilation(plan, all(program));
  }

  /**
   * Parses and resolves a script once, for compiling it at many points of its sweep: a point's
   * values change numbers, never names, so only the overrides and what follows them (checking and
   * planning) are redone per point. The script and each module keep one syntax tree; each point
   * gets diagnostics of its own (starting from the resolver's warnings), so points may compile
   * on several threads at once.
   *
   * @return the prepared script, or empty when it does not parse or resolve (compile it with
   *     {@link #compile(Source, Options)} to get the diagnostics)
   */
  public static Optional<Prepared> prepare(Source source, Options options) {
    return DeepStack.call("dyn-compile", () -> {
      Parse.Result parsed = Parse.parse(source);
      if (parsed.diagnostics().stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
        return Optional.empty();
      }
      Unit main = new Unit(source, parsed.script(), new Diagnostics(source));
      parsed.diagnostics().forEach(main.diags()::add);
      Program program = Resolver.resolve(main, options.stdlibDir(), options.overrides());
      return hasErrors(program) ? Optional.empty() : Optional.of(new Prepared(program, options));
    });
  }

  /** A script parsed and resolved once ({@link #prepare}); thread-safe. */
  public static final class Prepared {
    private final Program resolved;
    private final Options options;

    private Prepared(Program resolved, Options options) {
      this.resolved = resolved;
      this.options = options;
    }

    /**
     * The script compiled at one point: the same compilation as {@code compile(source,
     * options.atPoint(point))}.
     */
    public Compilation at(Map<String, String> point) {
      return DeepStack.call("dyn-compile", () -> {
        Program program = resolved.withFreshDiagnostics();
        Map<String, String> values = new java.util.LinkedHashMap<>(options.overrides());
        values.putAll(point);
        program = program.withOverrides(Resolver.overrides(program, values));
        if (hasErrors(program)) return new Compilation(Optional.empty(), all(program));
        Optional<Plan> plan = Planner.plan(program, options.overrides().keySet(), !point.isEmpty());
        if (hasErrors(program)) plan = Optional.empty();
        return new Compilation(plan, all(program));
      });
    }
  }

  private static boolean hasErrors(Program p) {
    return all(p).stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** The script's diagnostics, then each module's. */
  private static List<Diagnostic> all(Program p) {
    List<Diagnostic> out = new ArrayList<>(p.main().diags().list());
    for (Unit u : p.modules()) out.addAll(u.diags().list());
    return out;
  }

  /**
   * Compilation options.
   *
   * @param overrides {@code param} values given on the command line ({@code alpha=1e-6}); the raw
   *     text, so the checker can report a malformed value with its name
   * @param stdlibDir the folder holding {@code NAME.dyn} for {@code import NAME}
   * @param point the values of one sweep point (applied like overrides; a swept param may not be
   *     in {@code overrides})
   */
  public record Options(Map<String, String> overrides, Path stdlibDir, Map<String, String> point) {
    public Options {
      overrides = Map.copyOf(overrides);
      point = Map.copyOf(point);
    }

    /** Options for a whole script (not one sweep point). */
    public Options(Map<String, String> overrides, Path stdlibDir) {
      this(overrides, stdlibDir, Map.of());
    }

    /** The same options for one point of a sweep (whose plan's sweep lists no points). */
    public Options atPoint(Map<String, String> pointValues) {
      return new Options(overrides, stdlibDir, pointValues);
    }
  }
}
