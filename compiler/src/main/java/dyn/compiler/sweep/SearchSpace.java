package dyn.compiler.sweep;

import dyn.compiler.check.Evaluator;
import dyn.compiler.check.Format;
import dyn.compiler.check.Value;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.SearchSpec;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a search space, {@code carbs(lr = log(1e-5, 10), width = log_int(16, 1024),
 * minimize = loss, cost = flops, budget = 60, seed = 0)}: each argument whose value is a space
 * ({@code log}, {@code log_int}, {@code logit}, {@code linear}, {@code int}) is a searched param;
 * every other argument is an option. Reports every problem it finds, with the did-you-mean of the
 * names in scope.
 */
final class SearchSpace {
  /** The search methods (space functions that are not grids). */
  static final List<String> METHODS = List.of("carbs");

  /** Param spaces, by script name. */
  static final List<String> SPACES = List.of("log", "log_int", "logit", "linear", "int");

  /** Options of {@code carbs(…)}. */
  static final List<String> OPTIONS = List.of("minimize", "maximize", "cost", "budget", "max_cost",
      "seed", "radius", "random_starts", "resample");

  private final Diagnostics diags;
  private final Set<String> params;
  private final Map<String, Value> env;
  private final Evaluator eval;

  SearchSpace(Diagnostics diags, Set<String> params, Map<String, Value> env) {
    this.diags = diags;
    this.params = params;
    this.env = env;
    this.eval = Evaluator.scalars(diags, env);
  }

  /** The compiled space and where each param was named; null when an error was reported. */
  record Compiled(SearchSpec spec, Map<String, Expr.Arg> names) {}

  /**
   * @param metrics the sweep block's metric names (the objective and the cost must be one)
   */
  Compiled compile(Expr.Call c, List<String> metrics) {
    boolean ok = true;
    List<SearchSpec.Param> ps = new ArrayList<>();
    Map<String, Expr.Arg> names = new LinkedHashMap<>();
    Map<String, Expr.Arg> options = new LinkedHashMap<>();
    for (Expr.Arg a : c.args()) {
      if (a.name().isEmpty()) {
        diags.error("bad-axis", a.span(), "`carbs(…)` takes named params `NAME = SPACE` and options",
            "e.g. `carbs(lr = log(1e-4, 1), minimize = loss, budget = 40)`");
        ok = false;
        continue;
      }
      String name = a.name().get().name();
      boolean space = a.value() instanceof Expr.Call && SPACES.contains(((Expr.Call) a.value()).callee().name());
      Map<String, Expr.Arg> into = space ? names : options;
      if (into.containsKey(name)) {
        diags.error(space ? "swept-twice" : "duplicate-option", a.name().get().span(), space
            ? "param `" + name + "` is searched twice" : "option `" + name + "` is given twice");
        ok = false;
        continue;
      }
      if (space) {
        SearchSpec.Param p = param(name, a);
        if (p == null) ok = false;
        else ps.add(p);
        names.put(name, a);
      } else if (!OPTIONS.contains(name)) {
        if (params.contains(name)) {
          diags.error("bad-axis", a.value().span(), "a searched param takes a space, e.g. `" + name
              + " = log(1e-3, 1)`", "spaces: " + String.join(", ", SPACES));
        } else {
          UnknownNames.report(diags, a.name().get().span(), "search option", name, OPTIONS);
        }
        ok = false;
      } else {
        options.put(name, a);
      }
    }
    if (ps.isEmpty() && ok) {
      diags.error("empty-axis", c.span(), "`carbs(…)` needs at least one searched param, e.g. `lr = log(1e-4, 1)`");
      return null;
    }
    Expr.Arg min = options.get("minimize");
    Expr.Arg max = options.get("maximize");
    String objective = null;
    if ((min == null) == (max == null)) {
      diags.error("search-objective", c.span(), min == null
          ? "`carbs(…)` needs what to optimize: `minimize = METRIC` or `maximize = METRIC`"
          : "give `minimize` or `maximize`, not both");
      ok = false;
    } else {
      objective = metric(min != null ? min : max, metrics);
      if (objective == null) ok = false;
    }
    Optional<String> cost = Optional.empty();
    if (options.containsKey("cost")) {
      String m = metric(options.get("cost"), metrics);
      if (m == null) ok = false;
      else cost = Optional.of(m);
    }
    int budget = 0;
    double maxCost = Double.POSITIVE_INFINITY;
    if (options.containsKey("budget")) {
      Integer b = eval.count(options.get("budget").value(), "the budget (a number of points)", 1);
      if (b == null) ok = false;
      else budget = b;
    }
    if (options.containsKey("max_cost")) {
      Double m = positive(options.get("max_cost"), "the total cost");
      if (m == null) ok = false;
      else maxCost = m;
    }
    if (!options.containsKey("budget") && !options.containsKey("max_cost")) {
      diags.error("search-budget", c.span(), "`carbs(…)` needs a budget: `budget = N` points,"
          + " `max_cost = C` in units of the cost, or both");
      ok = false;
    }
    long seed = 0;
    if (options.containsKey("seed")) {
      Integer s = eval.integer(options.get("seed").value(), "the search's seed");
      if (s == null) ok = false;
      else seed = s;
    }
    double radius = 0.3;
    if (options.containsKey("radius")) {
      Double r = positive(options.get("radius"), "the search radius");
      if (r == null) ok = false;
      else radius = r;
    }
    int starts = 4;
    if (options.containsKey("random_starts")) {
      Integer s = eval.count(options.get("random_starts").value(), "the number of random starts", 1);
      if (s == null) ok = false;
      else starts = s;
    }
    int resample = 0;
    if (options.containsKey("resample")) {
      Integer s = eval.count(options.get("resample").value(), "the resampling period", 0);
      if (s == null) ok = false;
      else resample = s;
    }
    if (!ok) return null;
    return new Compiled(new SearchSpec(ps, objective, max != null, cost, budget, maxCost, seed,
        radius, starts, resample), names);
  }

  private Double positive(Expr.Arg a, String what) {
    Double v = eval.number(a.value(), what);
    if (v == null) return null;
    if (!(v > 0) || Double.isInfinite(v)) {
      diags.error("bad-option", a.value().span(), what + " must be a positive number, got " + Format.num(v));
      return null;
    }
    return v;
  }

  /** The metric an option names, or null (reported). */
  private String metric(Expr.Arg a, List<String> metrics) {
    String option = a.name().get().name();
    if (!(a.value() instanceof Expr.Name)) {
      diags.error("bad-option", a.value().span(), "`" + option + "` names a metric of the sweep's block,"
          + " e.g. `" + option + " = " + (metrics.isEmpty() ? "loss" : metrics.get(0)) + "`",
          "define it in the block: `{ loss = final(gd.loss) }`");
      return null;
    }
    String n = ((Expr.Name) a.value()).name();
    if (!metrics.contains(n)) {
      UnknownNames.report(diags, a.value().span(), "metric", n, metrics);
      return null;
    }
    return n;
  }

  /** {@code lr = log(1e-5, 10)}, or null (reported). */
  private SearchSpec.Param param(String name, Expr.Arg a) {
    if (!params.contains(name)) {
      UnknownNames.report(diags, a.name().get().span(), "param", name, params);
      return null;
    }
    Expr.Call s = (Expr.Call) a.value();
    String f = s.callee().name();
    if (s.args().size() != 2 || s.args().stream().anyMatch(x -> x.name().isPresent())) {
      diags.error("argument-count", s.span(), "expected `" + f + "(lo, hi)`, the smallest and largest value");
      return null;
    }
    Double lo = eval.number(s.args().get(0).value(), "the low end of `" + name + "`");
    Double hi = eval.number(s.args().get(1).value(), "the high end of `" + name + "`");
    if (lo == null || hi == null) return null;
    if (!(lo < hi)) {
      diags.error("empty-range", s.span(), "the range of `" + name + "` is empty: the low end "
          + Format.num(lo) + " is not below the high end " + Format.num(hi),
          "write `" + f + "(lo, hi)` with lo < hi; to fix a param, set it with `param` instead");
      return null;
    }
    boolean integer = f.equals("int") || f.equals("log_int");
    SearchSpec.Scale scale = f.startsWith("log") ? (f.equals("logit") ? SearchSpec.Scale.LOGIT
        : SearchSpec.Scale.LOG) : SearchSpec.Scale.LINEAR;
    if (scale == SearchSpec.Scale.LOG && lo <= 0) {
      diags.error("bad-logspace", s.args().get(0).span(), "`" + f + "` searches positive values;"
          + " got " + Format.num(lo), "give the end values themselves, not exponents");
      return null;
    }
    if (scale == SearchSpec.Scale.LOGIT && (lo <= 0 || hi >= 1)) {
      diags.error("bad-logit", s.span(), "`logit` searches values strictly between 0 and 1; got "
          + Format.num(lo) + " to " + Format.num(hi));
      return null;
    }
    if (integer && Math.ceil(lo) > Math.floor(hi)) {
      diags.error("empty-range", s.span(), "the range of `" + name + "` holds no whole number");
      return null;
    }
    if (integer) {
      lo = Math.ceil(lo);
      hi = Math.floor(hi);
    }
    return new SearchSpec.Param(name, scale, integer, lo, hi, center(name, scale, integer, lo, hi));
  }

  /** The param's script value when it lies in the range, else the middle in basic space. */
  private double center(String name, SearchSpec.Scale scale, boolean integer, double lo, double hi) {
    Value v = env.get(name);
    if (v instanceof Value.Num) {
      double x = ((Value.Num) v).value();
      if (x >= lo && x <= hi) return x;
    }
    double mid;
    switch (scale) {
      case LOG: mid = Math.sqrt(lo * hi); break;
      case LOGIT:
        double b = (Math.log10(lo / (1 - lo)) + Math.log10(hi / (1 - hi))) / 2;
        mid = 1 / (Math.pow(10, -b) + 1);
        break;
      default: mid = (lo + hi) / 2; break;
    }
    return integer ? Math.rint(mid) : mid;
  }
}
