package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code sweep} statement, compiled: its points (every combination of its axes), what each
 * point records, and what is derived, reported and checked once all points have finished.
 *
 * <p>A point is the whole script compiled again with the point's values as param overrides, so
 * each point is an ordinary {@link Plan}. The points' order (the task numbers) is the grid order:
 * the first axis varies slowest.
 *
 * @param name the sweep's script name
 * @param params the swept params, the columns that index the results table, in axis order
 * @param groups the axes: one param each, or several for a {@code zip(…)} (they vary together)
 * @param points one row of values (aligned with {@code params}) per point; empty in the plan of
 *     one point's own compile, which runs that point only
 * @param metrics the scalars each point records, in source order
 * @param derived reductions and fits, in source order
 * @param reports reports of sweep results, in source order
 * @param checks checks of sweep results, in source order
 * @param search for {@code carbs(…)}: the search that suggests the points as it runs (then
 *     {@code points} is empty at compile time and holds the suggestions so far at run time)
 */
public record SweepSpec(
    String name,
    Origin origin,
    List<String> params,
    List<List<String>> groups,
    List<List<Double>> points,
    List<Metric> metrics,
    List<Derived> derived,
    List<SweepReport> reports,
    List<SweepCheck> checks,
    Optional<SearchSpec> search) {
  /** A grid sweep (no search). */
  public SweepSpec(String name, Origin origin, List<String> params, List<List<String>> groups,
      List<List<Double>> points, List<Metric> metrics, List<Derived> derived,
      List<SweepReport> reports, List<SweepCheck> checks) {
    this(name, origin, params, groups, points, metrics, derived, reports, checks, Optional.empty());
  }

  public SweepSpec {
    params = List.copyOf(params);
    List<List<String>> g = new ArrayList<>();
    for (List<String> x : groups) g.add(List.copyOf(x));
    groups = List.copyOf(g);
    List<List<Double>> p = new ArrayList<>();
    for (List<Double> x : points) {
      if (x.size() != params.size()) throw new IllegalArgumentException("a point has one value per swept param");
      p.add(List.copyOf(x));
    }
    points = List.copyOf(p);
    metrics = List.copyOf(metrics);
    derived = List.copyOf(derived);
    reports = List.copyOf(reports);
    checks = List.copyOf(checks);
  }

  /** The name every point records besides the declared metrics: 1 when training diverged. */
  public static final String DIVERGED = "diverged";

  /** A per-point scalar, {@code loss = final(gd.loss)}. */
  public record Metric(String name, Origin origin, CheckExpr value) {}

  /** The same sweep with these points (a search's suggestions so far). */
  public SweepSpec withPoints(List<List<Double>> points) {
    return new SweepSpec(name, origin, params, groups, points, metrics, derived, reports, checks, search);
  }

  /** The axis group a swept param belongs to. */
  public List<String> groupOf(String param) {
    for (List<String> g : groups) if (g.contains(param)) return g;
    throw new IllegalArgumentException(param + " is not swept");
  }

  /** The derived value of that name, if any. */
  public Optional<Derived> derived(String name) {
    return derived.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
