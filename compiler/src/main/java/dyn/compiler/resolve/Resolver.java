package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.diag.Suggest;
import dyn.compiler.plan.Plan;
import dyn.compiler.source.Span;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Stmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Name resolution in two passes: first every top-level name of the script and of its imports is
 * declared (so order does not matter), then every use is checked against what is in scope.
 * Reports unknown modules and names (with did-you-mean), duplicates (with the first declaration
 * as a related location), definitions of the wrong kind, and bad command-line overrides.
 */
public final class Resolver {
  private final Unit main;
  private final StdlibLoader loader;
  private final List<Unit> modules = new ArrayList<>();
  private final Set<String> loaded = new LinkedHashSet<>();
  private final Map<String, Declared> declared = new LinkedHashMap<>();
  private final Map<String, Stmt.Param> params = new LinkedHashMap<>();
  private final Map<String, Stmt.Instance> instances = new LinkedHashMap<>();
  private final Map<String, Program.Definition> definitions = new LinkedHashMap<>();
  private final List<Stmt.Observe> observes = new ArrayList<>();
  private final List<Stmt.Report> reports = new ArrayList<>();
  private final List<Stmt.Check> checks = new ArrayList<>();
  private final List<Stmt.Sweep> sweeps = new ArrayList<>();
  private final Map<String, Stmt.Derive> derives = new LinkedHashMap<>();
  private final List<Stmt.Report> sweepReports = new ArrayList<>();
  private final List<Stmt.Check> sweepChecks = new ArrayList<>();
  private Optional<Stmt.Backend> backend = Optional.empty();
  private Stmt.Backend firstBackend;

  private record Declared(Span span, Unit unit) {}

  private Resolver(Unit main, Path stdlibDir) {
    this.main = main;
    this.loader = new StdlibLoader(stdlibDir);
  }

  /** Resolves a parsed script; errors go to the diagnostics of the unit they are in. */
  public static Program resolve(Unit main, Path stdlibDir, Map<String, String> overrides) {
    Resolver r = new Resolver(main, stdlibDir);
    r.declareImports(main);
    r.declareScript();
    Map<String, Double> values = Overrides.parse(overrides, r.params.keySet(), main.diags());
    r.separateSweepOutputs();
    r.checkUses();
    return new Program(main, r.modules, r.params, values, r.instances, r.definitions,
        r.observes, r.reports, r.checks, r.sweeps, r.derives, r.sweepReports, r.sweepChecks, r.backend);
  }

  /**
   * The command-line values of a resolved program's params (a sweep point's among them), parsed;
   * problems go to the script's diagnostics.
   */
  public static Map<String, Double> overrides(Program program, Map<String, String> raw) {
    return Overrides.parse(raw, program.params().keySet(), program.main().diags());
  }

  // ---- pass 1: declare ----

  private void declareImports(Unit unit) {
    for (Stmt s : unit.script().statements()) {
      if (!(s instanceof Stmt.Import)) continue;
      Ident module = ((Stmt.Import) s).module();
      if (!loaded.add(module.name())) continue;
      Optional<Unit> m = loader.load(module, unit.diags());
      if (m.isEmpty()) continue;
      modules.add(m.get());
      declareImports(m.get());
      for (Stmt t : m.get().script().statements()) {
        if (t instanceof Stmt.Definition) {
          declareDefinition((Stmt.Definition) t, m.get());
        } else if (!(t instanceof Stmt.Import)) {
          m.get().diags().error("not-a-definition", t.span(),
              "a library module may only contain `model` and `dataset` definitions and imports");
        }
      }
    }
  }

  private void declareScript() {
    for (Stmt s : main.script().statements()) {
      if (s instanceof Stmt.Param) {
        Stmt.Param p = (Stmt.Param) s;
        if (declare(p.name(), main)) params.put(p.name().name(), p);
      } else if (s instanceof Stmt.Instance) {
        Stmt.Instance i = (Stmt.Instance) s;
        if (declare(i.name(), main)) instances.put(i.name().name(), i);
      } else if (s instanceof Stmt.Definition) {
        declareDefinition((Stmt.Definition) s, main);
      } else if (s instanceof Stmt.Observe) {
        observes.add((Stmt.Observe) s);
      } else if (s instanceof Stmt.Report) {
        reports.add((Stmt.Report) s);
      } else if (s instanceof Stmt.Check) {
        checks.add((Stmt.Check) s);
      } else if (s instanceof Stmt.Sweep) {
        Stmt.Sweep w = (Stmt.Sweep) s;
        if (declare(w.name(), main)) sweeps.add(w);
      } else if (s instanceof Stmt.Derive) {
        Stmt.Derive d = (Stmt.Derive) s;
        if (declare(d.name(), main)) derives.put(d.name().name(), d);
      } else if (s instanceof Stmt.Backend) {
        declareBackend((Stmt.Backend) s);
      }
    }
  }

  /** At most one {@code backend} statement, naming a backend dyn has. */
  private void declareBackend(Stmt.Backend b) {
    Diagnostics d = main.diags();
    if (firstBackend != null) {
      d.add(new Diagnostic(Diagnostic.Severity.ERROR, "duplicate-backend", d.origin(b.span()),
          "a script has at most one `backend` statement",
          List.of(new Diagnostic.Related(d.origin(firstBackend.span()), "first given here")),
          Optional.of("keep one; `--backend` on the command line overrides it for a single run")));
      return;
    }
    firstBackend = b;
    String name = b.name().name();
    if (!Plan.BACKEND_NAMES.contains(name)) {
      d.error("unknown-backend", b.name().span(), "unknown backend `" + name + "`",
          Suggest.closest(name, Plan.BACKEND_NAMES)
              .map(s -> "did you mean `" + s + "`?")
              .orElse("the backends are cpu, cuda and auto"));
      return;
    }
    backend = Optional.of(b);
  }

  private void declareDefinition(Stmt.Definition d, Unit unit) {
    if (declare(d.name(), unit)) definitions.put(d.name().name(), new Program.Definition(d, unit));
  }

  private boolean declare(Ident name, Unit unit) {
    Declared first = declared.get(name.name());
    if (first == null) {
      declared.put(name.name(), new Declared(name.span(), unit));
      return true;
    }
    Diagnostics d = unit.diags();
    d.add(new Diagnostic(Diagnostic.Severity.ERROR, "duplicate-name", d.origin(name.span()),
        "`" + name.name() + "` is declared more than once",
        List.of(new Diagnostic.Related(first.unit().diags().origin(first.span()),
            "previously declared here")),
        first.unit() == unit
            ? Optional.empty()
            // A script name that collides with an imported one is usually a clash nobody chose:
            // the library grew a name the script already used.
            : Optional.of("rename this one; `" + name.name() + "` already comes from an imported module")));
    return false;
  }

  /**
   * Reports and checks that name a sweep or a derived value read the gathered sweep results:
   * they move to their own lists, so a point's plan never contains them.
   */
  private void separateSweepOutputs() {
    Set<String> sweepNames = new LinkedHashSet<>(derives.keySet());
    sweeps.forEach(w -> sweepNames.add(w.name().name()));
    if (sweepNames.isEmpty()) return;
    for (Stmt.Report r : List.copyOf(reports)) {
      if (SweepNames.mentions(r.call(), sweepNames)) {
        reports.remove(r);
        sweepReports.add(r);
      }
    }
    for (Stmt.Check c : List.copyOf(checks)) {
      if (SweepNames.mentions(c.condition(), sweepNames)) {
        checks.remove(c);
        sweepChecks.add(c);
      }
    }
  }

  // ---- pass 2: uses ----

  private void checkUses() {
    TopLevelNames top = new TopLevelNames(main.diags(), params.keySet(), instances, definitions);
    for (Stmt.Param p : params.values()) top.scalar(p.value());
    for (Stmt.Instance i : instances.values()) top.instance(i);
    for (Stmt.Observe o : observes) top.observe(o);
    for (Stmt.Report r : reports) top.report(r);
    for (Stmt.Check c : checks) top.check(c.condition());
    for (Program.Definition d : definitions.values()) BodyNames.check(d);
    new SweepNames(main.diags(), params.keySet(), sweeps, derives).check(top);
  }
}
