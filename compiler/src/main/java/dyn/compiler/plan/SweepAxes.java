package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The axes of a sweep as a reader of {@code dyn plan} wants them: each axis (one param, or the
 * params of a {@code zip}) with its distinct values in grid order and how they are spaced. The
 * plan keeps only the points, so the spacing is recognised from the values: {@code log} when
 * consecutive ratios agree to 1e-9, {@code linear} when differences do, else {@code list}.
 */
final class SweepAxes {
  private SweepAxes() {}

  /**
   * One axis.
   *
   * @param params the params that vary together (one unless a zip)
   * @param values one tuple (aligned with params) per position, in grid order
   * @param spacing {@code log}, {@code linear} or {@code list}
   */
  record Axis(List<String> params, List<List<Double>> values, String spacing) {
    /** {@code gamma} or {@code zip(a, b)}. */
    String name() {
      return params.size() == 1 ? params.get(0) : "zip(" + String.join(", ", params) + ")";
    }
  }

  static List<Axis> of(SweepSpec spec) {
    List<Axis> axes = new ArrayList<>();
    for (List<String> group : spec.groups()) {
      List<Integer> cols = new ArrayList<>();
      for (String p : group) cols.add(spec.params().indexOf(p));
      Set<List<Double>> tuples = new LinkedHashSet<>();
      for (List<Double> point : spec.points()) {
        List<Double> t = new ArrayList<>();
        for (int c : cols) t.add(point.get(c));
        tuples.add(List.copyOf(t));
      }
      List<List<Double>> values = new ArrayList<>(tuples);
      axes.add(new Axis(group, values, group.size() == 1 ? spacing(values) : "list"));
    }
    return axes;
  }

  private static String spacing(List<List<Double>> values) {
    if (values.size() < 3) return "list";
    boolean log = true;
    boolean linear = true;
    double r0 = values.get(1).get(0) / values.get(0).get(0);
    double d0 = values.get(1).get(0) - values.get(0).get(0);
    for (int i = 1; i < values.size(); i++) {
      double a = values.get(i - 1).get(0);
      double b = values.get(i).get(0);
      log &= a > 0 && b > 0 && Math.abs(b / a - r0) <= 1e-9 * Math.abs(r0);
      linear &= Math.abs((b - a) - d0) <= 1e-9 * Math.max(Math.abs(d0), Math.abs(b));
    }
    return linear && d0 != 0 ? "linear" : log && r0 != 1 ? "log" : "list";
  }

  /** The text listing of a sweep for {@link PlanPrinter}, ending in a newline. */
  static String text(SweepSpec spec) {
    StringBuilder out = new StringBuilder();
    if (spec.search().isPresent()) {
      out.append(search(spec));
    } else {
      axes(spec, out);
    }
    for (SweepSpec.Metric m : spec.metrics()) {
      out.append("  metric ").append(m.name()).append(" = ").append(PlanPrinter.check(m.value()))
          .append('\n');
    }
    for (Derived d : spec.derived()) out.append("  let ").append(derived(d)).append('\n');
    for (SweepReport r : spec.reports()) {
      out.append("  report ").append(r.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!r.path().isEmpty()) out.append(" \"").append(r.path()).append('"');
      out.append(": ").append(String.join(", ", r.items()));
      r.heatmap().ifPresent(h -> out.append(" (x = ").append(h.x()).append(", y = ").append(h.y())
          .append(')'));
      out.append('\n');
    }
    for (SweepCheck c : spec.checks()) out.append("  check ").append(c.text()).append('\n');
    return out.toString();
  }

  /** The grid's axes, each with its values. */
  private static void axes(SweepSpec spec, StringBuilder out) {
    out.append("sweep ").append(spec.name()).append("  (line ").append(spec.origin().line())
        .append("): ").append(spec.points().size()).append(" points over ")
        .append(String.join(", ", spec.params()))
        .append("; each point is this plan with the swept params overridden (the steps and metrics show the base values)\n");
    for (Axis a : of(spec)) {
      out.append("  axis ").append(a.name()).append(": ").append(a.values().size())
          .append(a.params().size() == 1 ? " values" : " positions");
      if (!a.spacing().equals("list")) {
        out.append(", ").append(a.spacing()).append("-spaced from ")
            .append(tuple(a.values().get(0))).append(" to ")
            .append(tuple(a.values().get(a.values().size() - 1)));
      }
      out.append(": ");
      List<String> shown = new ArrayList<>();
      int n = a.values().size();
      for (int i = 0; i < n; i++) {
        if (n > 10 && i == 3) {
          shown.add("…");
          i = n - 3;
        }
        shown.add(tuple(a.values().get(i)));
      }
      out.append(String.join(" ", shown)).append('\n');
    }
  }

  /** A search's listing: what it optimizes, at what cost, with what budget, over which space. */
  static String search(SweepSpec spec) {
    SearchSpec s = spec.search().orElseThrow();
    StringBuilder out = new StringBuilder();
    out.append("sweep ").append(spec.name()).append("  (line ").append(spec.origin().line())
        .append("): carbs search over ").append(String.join(", ", spec.params())).append("; ")
        .append(s.maximize() ? "maximize " : "minimize ").append(s.objective()).append("; cost = ")
        .append(s.cost().map(c -> "metric " + c).orElse("wall time (seconds)")).append("; budget ");
    List<String> budget = new ArrayList<>();
    if (s.budget() > 0) budget.add(s.budget() + " points");
    if (Double.isFinite(s.costBudget())) budget.add("total cost " + PlanPrinter.num(s.costBudget()));
    out.append(String.join(" or ", budget)).append("; seed ").append(s.seed()).append("; radius ")
        .append(PlanPrinter.num(s.radius())).append(", ").append(s.randomStarts())
        .append(" random starts, resample ")
        .append(s.resample() == 0 ? "never" : "every " + s.resample() + " successes")
        .append("; each point is this plan with the searched params overridden\n");
    for (SearchSpec.Param p : s.params()) {
      out.append("  param ").append(p.name()).append(": ")
          .append(p.scale().name().toLowerCase(java.util.Locale.ROOT))
          .append(p.integer() ? " integer" : "").append(" from ").append(PlanPrinter.num(p.lo()))
          .append(" to ").append(PlanPrinter.num(p.hi())).append(", starting at ")
          .append(PlanPrinter.num(p.center())).append('\n');
    }
    return out.toString();
  }

  /** {@code eta = max(s.edge, over = lr)}, {@code small = fit_power(eta, where = gamma < 0.25)}. */
  static String derived(Derived d) {
    if (d instanceof Derived.Reduce) {
      Derived.Reduce r = (Derived.Reduce) d;
      return r.name() + " = " + r.op().name().toLowerCase(java.util.Locale.ROOT) + "(" + r.source()
          + ", over = " + String.join(", ", r.over()) + ")  [by " + (r.keys().isEmpty() ? "nothing"
          : String.join(", ", r.keys())) + "]";
    }
    if (d instanceof Derived.Frontier) {
      return d.name() + " = frontier(" + ((Derived.Frontier) d).column() + ")  [by cost]";
    }
    Derived.PowerFit f = (Derived.PowerFit) d;
    return f.name() + " = fit_power(" + f.source() + ", x = " + f.x() + ", where = "
        + f.range().show(f.x(), PlanPrinter::num) + ", level = " + PlanPrinter.num(f.level()) + ")";
  }

  private static String tuple(List<Double> t) {
    List<String> s = new ArrayList<>();
    for (double x : t) s.add(PlanPrinter.num(x));
    return t.size() == 1 ? s.get(0) : "(" + String.join(", ", s) + ")";
  }
}
