package dyn.compiler.sweep;

import dyn.compiler.check.Evaluator;
import dyn.compiler.check.Outputs;
import dyn.compiler.check.Value;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.Derived;
import dyn.compiler.plan.SweepCheck;
import dyn.compiler.plan.SweepExpr;
import dyn.compiler.plan.SweepReport;
import dyn.compiler.plan.SweepSpec;
import dyn.compiler.resolve.Program;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks and compiles a script's {@code sweep}, its {@code let} reductions and fits, and the
 * reports and checks of sweep results into a {@link SweepSpec}. Every statement is checked even
 * after another failed; the spec exists only when none failed.
 */
public final class SweepPlanner {
  /** Reductions over one axis, by script name. */
  public static final Map<String, Derived.Reduction> REDUCTIONS = reductions();

  /** The fit functions. */
  public static final List<String> FITS = List.of("fit_power");
  /** Search methods ({@code carbs(…)}) and the scales of a search axis, for editors and the REPL. */
  public static final List<String> SEARCH_METHODS = SearchSpace.METHODS;
  public static final List<String> SEARCH_SCALES = SearchSpace.SPACES;

  /** A search's frontier as a table: {@code frontier(s.lr)}. */
  public static final String FRONTIER = "frontier";

  /** Report kinds of sweep results. */
  public static final List<String> REPORTS = List.of("table", "csv", "json", "heatmap");

  private final Program program;
  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Outputs outputs;
  private final Set<String> commandLine;
  /** What each name denotes so far: the keys of a table, or null for a fit. */
  private final Map<String, List<String>> tables = new LinkedHashMap<>();
  private final Set<String> fits = new HashSet<>();
  private Stmt.Sweep sweep;
  private SearchSpace.Compiled search;

  /** One point's compile: the grid is not enumerated. */
  private final boolean atPoint;

  private SweepPlanner(Program program, Map<String, Value> top, Outputs outputs,
      Set<String> commandLine, boolean atPoint) {
    this.atPoint = atPoint;
    this.program = program;
    this.diags = program.main().diags();
    this.top = top;
    this.outputs = outputs;
    this.commandLine = commandLine;
  }

  /**
   * The sweep of the program, empty when it has none or when an error was reported.
   * {@code atPoint} for one point's compile, whose sweep has no points (Planner says why) and no
   * derived tables, reports or checks (those run over all points, from the sweep's own plan); its
   * axes and metrics are still evaluated and checked.
   *
   * @param top params (with their values) and instances in scope
   * @param commandLine the params set on the command line (not the point's own values): a swept
   *     one is an error
   */
  public static Optional<SweepSpec> plan(Program program, Map<String, Value> top, Outputs outputs,
      Set<String> commandLine, boolean atPoint) {
    if (program.sweeps().isEmpty()) return Optional.empty();
    return new SweepPlanner(program, top, outputs, commandLine, atPoint).plan();
  }

  private Optional<SweepSpec> plan() {
    int errors = errorCount();
    List<Stmt.Sweep> sweeps = program.sweeps();
    for (int i = 1; i < sweeps.size(); i++) {
      diags.error("one-sweep", sweeps.get(i).name().span(), "a script has at most one `sweep` for now",
          "put the axes into one `grid(…)`, or split the study into two scripts");
    }
    sweep = sweeps.get(0);
    Axes.Block block;
    search = null;
    if (SearchSpace.METHODS.contains(sweep.space().callee().name())) {
      List<String> declared = new ArrayList<>();
      for (Stmt.Metric m : sweep.metrics()) declared.add(m.name().name());
      search = new SearchSpace(diags, program.params().keySet(), top).compile(sweep.space(), declared);
      block = search == null ? null : searchBlock(search);
    } else {
      block = new Axes(diags, program.params().keySet(), top, !atPoint).expand(sweep.space());
    }
    if (block != null) {
      for (Map.Entry<String, Expr.Arg> e : block.names().entrySet()) {
        if (commandLine.contains(e.getKey())) {
          diags.error("swept-and-overridden", e.getValue().name().get().span(), "param `" + e.getKey()
              + "` is swept by `" + sweep.name().name() + "` and also set on the command line",
              "drop `" + e.getKey() + "=…` from the command line, or change the axis in the script");
        }
      }
    }
    List<SweepSpec.Metric> metrics = new ArrayList<>();
    Set<String> metricNames = new HashSet<>();
    metricNames.add(SweepSpec.DIVERGED);
    for (Stmt.Metric m : sweep.metrics()) {
      String name = m.name().name();
      if (!metricNames.add(name)) {
        diags.error("duplicate-name", m.name().span(), name.equals(SweepSpec.DIVERGED)
            ? "`diverged` is recorded by every sweep (1 when a point's training diverged); choose another name"
            : "metric `" + name + "` is declared more than once");
        continue;
      }
      CheckExpr value = outputs.metric(m.value());
      if (value != null) metrics.add(new SweepSpec.Metric(name, diags.origin(m.span()), value));
    }
    List<String> params = block == null ? List.of() : block.params();
    for (String metric : metricNames) tables.put(sweep.name().name() + "." + metric, params);

    List<Derived> derived = new ArrayList<>();
    List<SweepReport> reports = new ArrayList<>();
    List<SweepCheck> checks = new ArrayList<>();
    // What is derived, reported and checked over the finished points belongs to the sweep's own
    // plan (the gather reads it); a point's plan needs only its metrics.
    if (!atPoint) {
      for (Stmt.Derive d : program.derives().values()) {
        Derived x = derive(d, block);
        if (x != null) derived.add(x);
      }
      SweepReports sweepReports = new SweepReports(diags, this::lookup, tableNames(), sweep.name().name());
      for (Stmt.Report r : program.sweepReports()) {
        SweepReport x = sweepReports.report(r);
        if (x != null) reports.add(x);
      }
      for (Stmt.Check c : program.sweepChecks()) {
        SweepCheck x = check(c);
        if (x != null) checks.add(x);
      }
    }
    if (errorCount() > errors || block == null) return Optional.empty();
    return Optional.of(new SweepSpec(sweep.name().name(), diags.origin(sweep.span()), block.params(),
        block.groups(), block.rows(), metrics, derived, reports, checks,
        Optional.ofNullable(search).map(SearchSpace.Compiled::spec)));
  }

  /** A search's params as a block: one axis each, and no points until the search suggests them. */
  private static Axes.Block searchBlock(SearchSpace.Compiled search) {
    List<String> params = new ArrayList<>();
    List<List<String>> groups = new ArrayList<>();
    for (dyn.compiler.plan.SearchSpec.Param p : search.spec().params()) {
      params.add(p.name());
      groups.add(List.of(p.name()));
    }
    return new Axes.Block(params, groups, List.of(), search.names());
  }

  /** The keys of a table name ({@code s.loss}, a derived table), or null when it is not one. */
  private List<String> lookup(String name) {
    return tables.get(name);
  }

  private List<String> tableNames() {
    List<String> all = new ArrayList<>(tables.keySet());
    all.addAll(fits);
    return all;
  }

  // ---- let NAME = reduction or fit

  private Derived derive(Stmt.Derive d, Axes.Block block) {
    String name = d.name().name();
    if (!(d.value() instanceof Expr.Call)) {
      diags.error("bad-let", d.value().span(), "a top-level `let` is a reduction or a fit of sweep"
          + " results, e.g. `argmin(" + sweep.name().name() + ".loss, over = lr)` or `fit_power(best)`");
      return null;
    }
    Expr.Call c = (Expr.Call) d.value();
    String f = c.callee().name();
    if (REDUCTIONS.containsKey(f)) return reduce(d, c, REDUCTIONS.get(f), block);
    if (FITS.contains(f)) return fit(d, c);
    if (f.equals(FRONTIER)) return frontier(d, c);
    List<String> known = new ArrayList<>(REDUCTIONS.keySet());
    known.addAll(FITS);
    known.add(FRONTIER);
    UnknownNames.report(diags, c.callee().span(), "reduction", f, known);
    return null;
  }

  /** {@code argmin(s.loss, over = lr)}. */
  private Derived reduce(Stmt.Derive d, Expr.Call c, Derived.Reduction op, Axes.Block block) {
    String f = c.callee().name();
    Expr source = null;
    Expr.Arg over = null;
    for (Expr.Arg a : c.args()) {
      if (a.name().isEmpty() && source == null) source = a.value();
      else if (a.name().isPresent() && a.name().get().name().equals("over") && over == null) over = a;
      else {
        diags.error("bad-argument", a.span(), "`" + f + "` takes a table and `over = AXIS`, e.g. `"
            + f + "(" + sweep.name().name() + ".loss, over = lr)`");
        return null;
      }
    }
    if (source == null || over == null) {
      diags.error("missing-argument", c.span(), "`" + f + "` needs a table and `over = AXIS`, e.g. `"
          + f + "(" + sweep.name().name() + ".loss, over = lr)`");
      return null;
    }
    String table = table(source);
    if (table == null) return null;
    List<String> keys = tables.get(table);
    if (!(over.value() instanceof Expr.Name)) {
      diags.error("bad-argument", over.value().span(), "`over` names a swept param, e.g. `over = lr`");
      return null;
    }
    String axis = ((Expr.Name) over.value()).name();
    if (!keys.contains(axis)) {
      UnknownNames.reportOf(diags, over.value().span(), table, "axis", axis, keys);
      return null;
    }
    List<String> group = new ArrayList<>();
    for (List<String> g : block.groups()) if (g.contains(axis)) group.addAll(g);
    group.retainAll(keys);
    List<String> rest = new ArrayList<>(keys);
    rest.removeAll(group);
    String name = d.name().name();
    tables.put(name, rest);
    return new Derived.Reduce(name, diags.origin(d.span()), op, table, group, axis, rest);
  }

  /** {@code frontier(s.lr)}: a searched param or a metric along a search's frontier, by cost. */
  private Derived frontier(Stmt.Derive d, Expr.Call c) {
    String s = sweep.name().name();
    String usage = "`frontier` takes one searched param or metric of a search, e.g. `frontier(" + s + ".lr)`";
    if (search == null) {
      diags.error("frontier-needs-search", c.callee().span(), "`frontier` reads the cost–performance"
          + " frontier of a search, and `" + s + "` is a grid", "search with `sweep " + s + " = carbs(…)`");
      return null;
    }
    if (c.args().size() != 1 || c.args().get(0).name().isPresent()
        || !(c.args().get(0).value() instanceof Expr.Member)
        || !(((Expr.Member) c.args().get(0).value()).target() instanceof Expr.Name)
        || !((Expr.Name) ((Expr.Member) c.args().get(0).value()).target()).name().equals(s)) {
      diags.error("bad-argument", c.span(), usage);
      return null;
    }
    Expr.Member m = (Expr.Member) c.args().get(0).value();
    String column = m.member().name();
    List<String> known = new ArrayList<>();
    for (dyn.compiler.plan.SearchSpec.Param p : search.spec().params()) known.add(p.name());
    for (String k : tables.keySet()) if (k.startsWith(s + ".")) known.add(k.substring(s.length() + 1));
    if (!known.contains(column)) {
      UnknownNames.report(diags, m.member().span(), "param or metric of `" + s + "`", column, known);
      return null;
    }
    String name = d.name().name();
    tables.put(name, List.of(Derived.COST));
    return new Derived.Frontier(name, diags.origin(d.span()), column);
  }

  /** {@code fit_power(best, x = gamma, where = gamma < 1, level = 0.95)}. */
  private Derived fit(Stmt.Derive d, Expr.Call c) {
    Expr source = null;
    Expr.Arg x = null;
    Expr.Arg where = null;
    Expr.Arg level = null;
    for (Expr.Arg a : c.args()) {
      String key = a.name().map(i -> i.name()).orElse(null);
      if (key == null && source == null) source = a.value();
      else if ("x".equals(key) && x == null) x = a;
      else if ("where".equals(key) && where == null) where = a;
      else if ("level".equals(key) && level == null) level = a;
      else {
        diags.error("bad-argument", a.span(), "`fit_power` takes a table, then optional `x = AXIS`,"
            + " `where = RANGE` and `level = 0.95`");
        return null;
      }
    }
    if (source == null) {
      diags.error("missing-argument", c.span(), "`fit_power` needs a table indexed by one param,"
          + " e.g. `fit_power(best, where = gamma < 1)`");
      return null;
    }
    String table = table(source);
    if (table == null) return null;
    List<String> keys = tables.get(table);
    String axis;
    if (x != null) {
      if (!(x.value() instanceof Expr.Name)) {
        diags.error("bad-argument", x.value().span(), "`x` names a swept param, e.g. `x = gamma`");
        return null;
      }
      axis = ((Expr.Name) x.value()).name();
      if (!keys.contains(axis)) {
        UnknownNames.reportOf(diags, x.value().span(), table, "axis", axis, keys);
        return null;
      }
    } else {
      axis = keys.isEmpty() ? null : keys.get(0);
    }
    if (keys.size() != 1) {
      List<String> others = new ArrayList<>(keys);
      others.remove(axis);
      diags.error("fit-needs-one-axis", source.span(), "a power-law fit needs a table indexed by one"
          + " param; `" + table + "` is " + (keys.isEmpty() ? "a single value" : "indexed by " + String.join(", ", keys)),
          others.isEmpty() ? null : "reduce the others first, e.g. `let m = mean(" + table + ", over = "
              + others.get(0) + ")`");
      return null;
    }
    Derived.Range range = Derived.Range.all();
    if (where != null) {
      range = range(where.value(), axis, Derived.Range.all());
      if (range == null) return null;
    }
    double lvl = 0.95;
    if (level != null) {
      Double v = Evaluator.scalars(diags, top).number(level.value(), "the confidence level");
      if (v == null) return null;
      if (!(v > 0 && v < 1)) {
        diags.error("bad-level", level.value().span(), "a confidence level lies strictly between 0 and 1, e.g. 0.95");
        return null;
      }
      lvl = v;
    }
    String name = d.name().name();
    fits.add(name);
    return new Derived.PowerFit(name, diags.origin(d.span()), table, axis, range, lvl);
  }

  /** {@code gamma < 1}, {@code gamma >= 0.1 and gamma <= 10}, {@code 1 < gamma}, or null (reported). */
  private Derived.Range range(Expr e, String axis, Derived.Range r) {
    if (e instanceof Expr.Binary && ((Expr.Binary) e).op() == Expr.BinaryOp.AND) {
      Derived.Range left = range(((Expr.Binary) e).left(), axis, r);
      return left == null ? null : range(((Expr.Binary) e).right(), axis, left);
    }
    String hint = "e.g. `where = " + axis + " < 1` or `where = " + axis + " >= 0.1 and " + axis + " <= 10`";
    if (!(e instanceof Expr.Binary)) {
      diags.error("bad-range", e.span(), "`where` bounds the fitted param", hint);
      return null;
    }
    Expr.Binary b = (Expr.Binary) e;
    String op = b.op().symbol;
    boolean axisLeft = isName(b.left(), axis);
    boolean axisRight = isName(b.right(), axis);
    if (!List.of("<", "<=", ">", ">=").contains(op) || axisLeft == axisRight) {
      diags.error("bad-range", e.span(), "`where` compares `" + axis + "` with a number", hint);
      return null;
    }
    Double v = Evaluator.scalars(diags, top).number(axisLeft ? b.right() : b.left(), "a bound of `where`");
    if (v == null) return null;
    if (!axisLeft) op = flip(op);
    boolean closed = op.endsWith("=");
    if (op.startsWith("<")) {
      return v < r.hi() || (v == r.hi() && !closed) ? new Derived.Range(r.lo(), r.loClosed(), v, closed) : r;
    }
    return v > r.lo() || (v == r.lo() && !closed) ? new Derived.Range(v, closed, r.hi(), r.hiClosed()) : r;
  }

  private static String flip(String op) {
    switch (op) {
      case "<": return ">";
      case "<=": return ">=";
      case ">": return "<";
      default: return "<=";
    }
  }

  private static boolean isName(Expr e, String name) {
    return e instanceof Expr.Name && ((Expr.Name) e).name().equals(name);
  }

  /** The table an argument names ({@code s.loss} or a derived table), or null (reported). */
  private String table(Expr e) {
    String s = sweep.name().name();
    if (e instanceof Expr.Member && ((Expr.Member) e).target() instanceof Expr.Name
        && ((Expr.Name) ((Expr.Member) e).target()).name().equals(s)) {
      String metric = ((Expr.Member) e).member().name();
      String key = s + "." + metric;
      if (!tables.containsKey(key)) {
        List<String> metrics = new ArrayList<>();
        for (String k : tables.keySet()) if (k.startsWith(s + ".")) metrics.add(k.substring(s.length() + 1));
        UnknownNames.report(diags, ((Expr.Member) e).member().span(), "metric of `" + s + "`", metric, metrics);
        return null;
      }
      return key;
    }
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      if (tables.containsKey(n)) return n;
      if (fits.contains(n)) {
        diags.error("type", e.span(), "`" + n + "` is a fit, not a table");
        return null;
      }
      if (n.equals(s)) {
        diags.error("type", e.span(), "name one metric of the sweep, e.g. `" + s + "."
            + (sweep.metrics().isEmpty() ? SweepSpec.DIVERGED : sweep.metrics().get(0).name().name()) + "`");
        return null;
      }
      UnknownNames.report(diags, e.span(), "table", n, tableNames());
      return null;
    }
    diags.error("type", e.span(), "expected a table of sweep results, e.g. `" + s + ".loss` or the name of a `let`");
    return null;
  }

  // ---- check

  private SweepCheck check(Stmt.Check c) {
    Expr e = c.condition();
    if (!(e instanceof Expr.Binary) || !List.of("<", "<=", ">", ">=").contains(((Expr.Binary) e).op().symbol)) {
      diags.error("check-not-comparison", e.span(), "a check compares two values with <, <=, > or >=");
      return null;
    }
    Expr.Binary b = (Expr.Binary) e;
    SweepExpr l = term(b.left());
    SweepExpr r = term(b.right());
    if (l == null || r == null) return null;
    // Tables are compared value by value of their axis: both must run over the same one.
    java.util.Set<String> axes = new java.util.TreeSet<>();
    collectAxes(l, axes);
    collectAxes(r, axes);
    if (axes.size() > 1) {
      diags.error("bad-check", e.span(), "this check compares tables over different axes ("
          + String.join(", ", axes) + "); component k of each must be the same point");
      return null;
    }
    String text = program.main().text(e.span());
    return new SweepCheck(text, diags.origin(c.span()), new SweepExpr.Compare(b.op().symbol, l, r));
  }

  private SweepExpr term(Expr e) {
    if (e instanceof Expr.Num) return new SweepExpr.Number(((Expr.Num) e).value());
    if (e instanceof Expr.Unary && ((Expr.Unary) e).op() == Expr.UnaryOp.NEG) {
      SweepExpr x = term(((Expr.Unary) e).operand());
      return x == null ? null : new SweepExpr.Arith('-', new SweepExpr.Number(0), x);
    }
    if (e instanceof Expr.Binary && "+-*/".contains(((Expr.Binary) e).op().symbol)) {
      Expr.Binary b = (Expr.Binary) e;
      SweepExpr l = term(b.left());
      SweepExpr r = term(b.right());
      return l == null || r == null ? null : new SweepExpr.Arith(b.op().symbol.charAt(0), l, r);
    }
    if (e instanceof Expr.Member && ((Expr.Member) e).target() instanceof Expr.Name) {
      String n = ((Expr.Name) ((Expr.Member) e).target()).name();
      String field = ((Expr.Member) e).member().name();
      if (fits.contains(n)) {
        if (!Derived.FIT_FIELDS.contains(field)) {
          UnknownNames.report(diags, ((Expr.Member) e).member().span(), "fit field", field, Derived.FIT_FIELDS);
          return null;
        }
        return new SweepExpr.Field(n, field);
      }
    }
    if (e instanceof Expr.Call && ((Expr.Call) e).callee().name().equals("monotone")) {
      Expr.Call call = (Expr.Call) e;
      if (call.args().size() != 1 || call.args().get(0).name().isPresent()) {
        diags.error("bad-check", e.span(), "`monotone` takes one table over one axis, e.g."
            + " `monotone(best)` for `let best = min(…, over = ridge)`");
        return null;
      }
      String n = oneAxisTable(call.args().get(0).value());
      return n == null ? null : new SweepExpr.Monotone(n);
    }
    if (e instanceof Expr.Name && tables.containsKey(((Expr.Name) e).name())
        || e instanceof Expr.Member && tables.containsKey(tableName(e))) {
      String n = oneAxisTable(e);
      return n == null ? null : new SweepExpr.Table(n);
    }
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      Value v = top.get(n);
      if (v instanceof Value.Num) return new SweepExpr.Number(((Value.Num) v).value());
      if (fits.contains(n)) {
        diags.error("type", e.span(), "`" + n + "` is a fit; check one of its fields, e.g. `" + n + ".exponent`");
        return null;
      }
    }
    diags.error("bad-check", e.span(), "a check of sweep results compares numbers, params, fit"
        + " fields such as `fit.exponent` and tables over one axis", "tables are printed with"
        + " `report table(…)`");
    return null;
  }

  private void collectAxes(SweepExpr x, java.util.Set<String> axes) {
    if (x instanceof SweepExpr.Table) axes.addAll(tables.get(((SweepExpr.Table) x).name()));
    if (x instanceof SweepExpr.Arith) {
      collectAxes(((SweepExpr.Arith) x).left(), axes);
      collectAxes(((SweepExpr.Arith) x).right(), axes);
    }
  }

  /** {@code s.metric} or a let's name, as the tables map keys it; null for anything else. */
  private static String tableName(Expr e) {
    if (e instanceof Expr.Name) return ((Expr.Name) e).name();
    if (e instanceof Expr.Member && ((Expr.Member) e).target() instanceof Expr.Name) {
      return ((Expr.Name) ((Expr.Member) e).target()).name() + "." + ((Expr.Member) e).member().name();
    }
    return null;
  }

  /**
   * The name of a table with exactly one axis left, which a check reads as one component per
   * axis value; null (reported) otherwise.
   */
  private String oneAxisTable(Expr e) {
    String n = tableName(e);
    List<String> keys = n == null ? null : tables.get(n);
    if (keys == null) {
      diags.error("bad-check", e.span(), "a check reads a table by the name of a `let` (or `"
          + sweep.name().name() + ".METRIC`)");
      return null;
    }
    if (keys.size() != 1) {
      diags.error("bad-check", e.span(), "table `" + n + "` has " + (keys.isEmpty() ? "no axis"
          : "the axes " + String.join(", ", keys)) + "; a check compares a table over one axis,"
          + " component by component", keys.size() > 1 ? "reduce the others with a `let`, e.g. `let"
          + " best = min(" + n + ", over = " + keys.get(keys.size() - 1) + ")`" : null);
      return null;
    }
    return n;
  }

  private int errorCount() {
    return (int) diags.list().stream()
        .filter(d -> d.severity() == dyn.compiler.diag.Diagnostic.Severity.ERROR).count();
  }

  private static Map<String, Derived.Reduction> reductions() {
    Map<String, Derived.Reduction> m = new LinkedHashMap<>();
    for (Derived.Reduction r : Derived.Reduction.values()) m.put(r.name().toLowerCase(Locale.ROOT), r);
    return m;
  }
}
