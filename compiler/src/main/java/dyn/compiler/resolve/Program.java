package dyn.compiler.resolve;

import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolver's output: every top-level name of the script and its imports, declared before use.
 * Maps keep source order. The AST is untouched; this is new data that points into it.
 *
 * @param main the script
 * @param modules the stdlib modules loaded by {@code import}, in load order
 * @param params script params by name
 * @param overrides parsed command-line values, by param name
 * @param instances data/model/train statements by name
 * @param definitions model and dataset definitions (script or stdlib) by name
 * @param sweeps {@code sweep} statements, in source order
 * @param derives top-level {@code let} statements (values derived from sweep results) by name
 * @param sweepReports reports that read sweep results (planned by the sweep planner, not as steps)
 * @param sweepChecks checks that read sweep results
 * @param backend the script's {@code backend} statement, if it has a valid one
 */
public record Program(
    Unit main,
    List<Unit> modules,
    Map<String, Stmt.Param> params,
    Map<String, Double> overrides,
    Map<String, Stmt.Instance> instances,
    Map<String, Definition> definitions,
    List<Stmt.Observe> observes,
    List<Stmt.Report> reports,
    List<Stmt.Check> checks,
    List<Stmt.Sweep> sweeps,
    Map<String, Stmt.Derive> derives,
    List<Stmt.Report> sweepReports,
    List<Stmt.Check> sweepChecks,
    Optional<Stmt.Backend> backend) {

  /** A program without a {@code backend} statement. */
  public Program(Unit main, List<Unit> modules, Map<String, Stmt.Param> params,
      Map<String, Double> overrides, Map<String, Stmt.Instance> instances,
      Map<String, Definition> definitions, List<Stmt.Observe> observes, List<Stmt.Report> reports,
      List<Stmt.Check> checks, List<Stmt.Sweep> sweeps, Map<String, Stmt.Derive> derives,
      List<Stmt.Report> sweepReports, List<Stmt.Check> sweepChecks) {
    this(main, modules, params, overrides, instances, definitions, observes, reports, checks,
        sweeps, derives, sweepReports, sweepChecks, Optional.empty());
  }

  /** A program without sweeps. */
  public Program(Unit main, List<Unit> modules, Map<String, Stmt.Param> params,
      Map<String, Double> overrides, Map<String, Stmt.Instance> instances,
      Map<String, Definition> definitions, List<Stmt.Observe> observes, List<Stmt.Report> reports,
      List<Stmt.Check> checks) {
    this(main, modules, params, overrides, instances, definitions, observes, reports, checks,
        List.of(), Map.of(), List.of(), List.of());
  }

  /** This program with other parsed overrides (kept in their order, as the resolver's are). */
  public Program withOverrides(Map<String, Double> values) {
    Map<String, Double> kept = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    return new Program(main, modules, params, kept, instances, definitions, observes,
        reports, checks, sweeps, derives, sweepReports, sweepChecks, backend);
  }

  /**
   * This program with a new diagnostics collector in each unit, holding what this one's holds:
   * checking it again reports into its own lists, so one resolved program can be checked at many
   * sweep points, on several threads. The syntax trees and declarations are shared (never
   * modified after resolving).
   */
  public Program withFreshDiagnostics() {
    Map<Unit, Unit> fresh = new java.util.IdentityHashMap<>();
    Unit m = fresh.computeIfAbsent(main, Unit::withFreshDiagnostics);
    List<Unit> mods = new java.util.ArrayList<>();
    for (Unit u : modules) mods.add(fresh.computeIfAbsent(u, Unit::withFreshDiagnostics));
    Map<String, Definition> defs = new java.util.LinkedHashMap<>();
    definitions.forEach((name, d) -> defs.put(name,
        new Definition(d.syntax(), fresh.computeIfAbsent(d.unit(), Unit::withFreshDiagnostics))));
    return new Program(m, List.copyOf(mods), params, overrides, instances, defs, observes,
        reports, checks, sweeps, derives, sweepReports, sweepChecks, backend);
  }

  /** A definition and the file it lives in (for its diagnostics). */
  public record Definition(Stmt.Definition syntax, Unit unit) {
    public String name() {
      return syntax.name().name();
    }
  }

  /** The instance of a given kind with this name, or null. */
  public Stmt.Instance instance(String name, Stmt.InstanceKind kind) {
    Stmt.Instance s = instances.get(name);
    return s != null && s.kind() == kind ? s : null;
  }
}
