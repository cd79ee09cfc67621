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
    Unit main = parsed(source);
    if (main.diags().hasErrors()) return new Compilation(Optional.empty(), main.diags().list());
    return compile(main, options);
  }

  /** The script parsed, its syntax errors and warnings in its diagnostics. */
  private static Unit parsed(Source source) {
    Parse.Result parsed = Parse.parse(source);
    Diagnostics diags = new Diagnostics(source);
    parsed.diagnostics().forEach(diags::add);
    return new Unit(source, parsed.script(), diags);
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
    return checkAndPlan(Resolver.resolve(main, options.stdlibDir(), values(options)), options);
  }

  /** The command line's values, then the point's (a point's params are overrides too). */
  private static Map<String, String> values(Options options) {
    Map<String, String> values = new java.util.LinkedHashMap<>(options.overrides());
    values.putAll(options.point());
    return values;
  }

  /** The plan of a resolved program, or its diagnostics; nothing is planned past an error. */
  private static Compilation checkAndPlan(Program program, Options options) {
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
   * on several threads at once. A script that does not parse or resolve is compiled whole at
   * each point instead, which reports its errors there.
   */
  public static Prepared prepare(Source source, Options options) {
    return DeepStack.call("dyn-compile", () -> {
      Unit main = parsed(source);
      if (main.diags().hasErrors()) return new Prepared(source, null, options);
      Program program = Resolver.resolve(main, options.stdlibDir(), values(options));
      return new Prepared(source, hasErrors(program) ? null : program, options);
    });
  }

  /** A script parsed and resolved once ({@link #prepare}); thread-safe. */
  public static final class Prepared {
    private final Source source;
    /** Null when the script did not parse or resolve. */
    private final Program resolved;
    private final Options options;

    private Prepared(Source source, Program resolved, Options options) {
      this.source = source;
      this.resolved = resolved;
      this.options = options;
    }

    /** Whether the script was parsed and resolved once (else each point compiles it whole). */
    public boolean resolvedOnce() {
      return resolved != null;
    }

    /**
     * The script compiled at one point: the same compilation as {@code compile(source,
     * options.atPoint(point))}.
     */
    public Compilation at(Map<String, String> point) {
      Options here = options.atPoint(point);
      if (resolved == null) return compile(source, here);
      return DeepStack.call("dyn-compile", () -> {
        Program program = resolved.withFreshDiagnostics();
        program = program.withOverrides(Resolver.overrides(program, values(here)));
        return checkAndPlan(program, here);
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
