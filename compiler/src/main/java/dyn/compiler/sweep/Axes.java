package dyn.compiler.sweep;

import dyn.compiler.check.Evaluator;
import dyn.compiler.check.Format;
import dyn.compiler.check.Grid;
import dyn.compiler.check.Value;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands a sweep's space into its points. {@code grid(a = …, b = …)} is the product of its axes
 * (the first varies slowest); {@code zip(a = […], b = […])} pairs equally long axes, one point per
 * position, and may stand inside a grid, as may another grid (its axes join the product).
 *
 * <p>Axis values: a list {@code [0.1, 0.3]}, {@code linspace(a, b, n)} (n evenly spaced from a to
 * b), {@code logspace(a, b, n)} (n geometrically spaced from a to b; a and b are values, not
 * exponents), {@code range(n)} / {@code range(a, b)} / {@code range(a, b, step)} (integers from a
 * up to but excluding b, as the dataset {@code range(n)}), {@code seeds(k)} (0, 1, …, k − 1), or a
 * single number.
 */
public final class Axes {
  /** The space functions. */
  public static final List<String> SPACES = List.of("grid", "zip");

  /** The axis generators. */
  public static final List<String> GENERATORS = List.of("linspace", "logspace", "range", "seeds");

  /** More points than this is surely a mistake for a local run (and a task list nobody reads). */
  static final int MAX_POINTS = Grid.MAX_POINTS;

  private final Diagnostics diags;
  private final Set<String> params;
  private final Evaluator eval;

  /**
   * @param params the script's params (axes must name one)
   * @param env names in scope for axis values (params with their values)
   * @param enumerate false to check the axes without forming their points (the block's rows are
   *     then empty): a sweep point's own compile, which runs one point
   */
  public Axes(Diagnostics diags, Set<String> params, Map<String, Value> env, boolean enumerate) {
    this.diags = diags;
    this.params = params;
    this.eval = Evaluator.scalars(diags, env);
    this.enumerate = enumerate;
  }

  private final boolean enumerate;

  /**
   * A block of points: the params it sets, its axis groups, and its rows.
   *
   * @param names where each param was named, for "swept twice" and command-line errors
   */
  public record Block(List<String> params, List<List<String>> groups, List<List<Double>> rows,
      Map<String, Expr.Arg> names) {}

  /** The points of a space, or null when an error was reported. */
  public Block expand(Expr.Call space) {
    Block b = space(space);
    if (b == null) return null;
    if (!enumerate) return new Block(b.params(), b.groups(), List.of(), b.names());
    if (b.rows().size() > MAX_POINTS) {
      diags.error("sweep-too-large", space.span(), "this sweep has more than " + MAX_POINTS
          + " points");
      return null;
    }
    return b;
  }

  private Block space(Expr.Call c) {
    String f = c.callee().name();
    if (f.equals("grid")) return grid(c);
    if (f.equals("zip")) return zip(c);
    List<String> known = new ArrayList<>(SPACES);
    known.addAll(SearchSpace.METHODS);
    UnknownNames.report(diags, c.callee().span(), "sweep space", f, known);
    return null;
  }

  private Block grid(Expr.Call c) {
    List<Block> parts = new ArrayList<>();
    boolean ok = true;
    if (c.args().isEmpty()) {
      diags.error("empty-axis", c.span(), "`grid()` needs at least one axis, e.g. `grid(lr = [0.1, 0.2])`");
      return null;
    }
    for (Expr.Arg a : c.args()) {
      Block b;
      if (a.name().isPresent()) {
        b = axis(a);
      } else if (a.value() instanceof Expr.Call
          && SPACES.contains(((Expr.Call) a.value()).callee().name())) {
        b = space((Expr.Call) a.value());
      } else {
        diags.error("bad-axis", a.span(), "a grid takes named axes `NAME = VALUES` or a `zip(…)`",
            "e.g. `grid(lr = logspace(1e-3, 1, 7), zip(a = [1, 2], b = [3, 4]))`");
        b = null;
      }
      if (b == null) ok = false;
      else parts.add(b);
    }
    if (!ok || !distinct(parts)) return null;
    List<String> ps = new ArrayList<>();
    List<List<String>> groups = new ArrayList<>();
    Map<String, Expr.Arg> names = new LinkedHashMap<>();
    List<List<Double>> rows = new ArrayList<>();
    rows.add(List.of());
    for (Block b : parts) {
      ps.addAll(b.params());
      groups.addAll(b.groups());
      names.putAll(b.names());
      if (!enumerate) continue;
      List<List<Double>> next = new ArrayList<>();
      for (List<Double> r : rows) {
        for (List<Double> s : b.rows()) {
          List<Double> row = new ArrayList<>(r);
          row.addAll(s);
          next.add(row);
        }
        if (next.size() > MAX_POINTS) break;
      }
      rows = next;
    }
    return new Block(ps, groups, rows, names);
  }

  private Block zip(Expr.Call c) {
    List<Block> parts = new ArrayList<>();
    boolean ok = true;
    if (c.args().isEmpty()) {
      diags.error("empty-axis", c.span(), "`zip()` needs at least one axis, e.g. `zip(a = [1, 2], b = [3, 4])`");
      return null;
    }
    for (Expr.Arg a : c.args()) {
      if (a.name().isEmpty()) {
        diags.error("bad-axis", a.span(), "a zip takes named axes `NAME = VALUES` of equal length");
        ok = false;
        continue;
      }
      Block b = axis(a);
      if (b == null) ok = false;
      else parts.add(b);
    }
    if (!ok || !distinct(parts)) return null;
    int n = parts.get(0).rows().size();
    for (Block b : parts) {
      if (b.rows().size() != n) {
        StringBuilder lengths = new StringBuilder();
        for (Block x : parts) {
          if (lengths.length() > 0) lengths.append(", ");
          lengths.append(x.params().get(0)).append(": ").append(x.rows().size());
        }
        diags.error("zip-lengths", c.span(), "the axes of a zip must have equal lengths (" + lengths + ")",
            "use `grid(…)` for every combination");
        return null;
      }
    }
    List<String> ps = new ArrayList<>();
    Map<String, Expr.Arg> names = new LinkedHashMap<>();
    for (Block b : parts) {
      ps.addAll(b.params());
      names.putAll(b.names());
    }
    List<List<Double>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Double> row = new ArrayList<>();
      for (Block b : parts) row.add(b.rows().get(i).get(0));
      rows.add(row);
    }
    return new Block(ps, List.of(ps), rows, names);
  }

  /** False (reported) when a param is swept twice. */
  private boolean distinct(List<Block> parts) {
    Map<String, Expr.Arg> seen = new LinkedHashMap<>();
    boolean ok = true;
    for (Block b : parts) {
      for (Map.Entry<String, Expr.Arg> e : b.names().entrySet()) {
        if (seen.put(e.getKey(), e.getValue()) != null) {
          diags.error("swept-twice", e.getValue().name().get().span(), "param `" + e.getKey()
              + "` is swept twice in one sweep");
          ok = false;
        }
      }
    }
    return ok;
  }

  /** One named axis {@code lr = logspace(…)}, or null (reported). */
  private Block axis(Expr.Arg a) {
    String name = a.name().get().name();
    if (!params.contains(name)) {
      UnknownNames.report(diags, a.name().get().span(), "param", name, params);
      return null;
    }
    List<Double> values = values(a.value(), name);
    if (values == null) return null;
    if (values.isEmpty()) {
      diags.error("empty-axis", a.value().span(), "the axis `" + name + "` has no values");
      return null;
    }
    List<List<Double>> rows = new ArrayList<>();
    for (double v : values) rows.add(List.of(v));
    Map<String, Expr.Arg> names = new LinkedHashMap<>();
    names.put(name, a);
    return new Block(List.of(name), List.of(List.of(name)), rows, names);
  }

  /** The values of an axis, or null (reported). Empty lists are returned for the caller to word. */
  List<Double> values(Expr e, String axis) {
    if (e instanceof Expr.Vector) {
      List<Double> out = new ArrayList<>();
      boolean ok = true;
      for (Expr x : ((Expr.Vector) e).elements()) {
        Double v = eval.number(x, "a value of `" + axis + "`");
        if (v == null) ok = false;
        else out.add(v);
      }
      return ok ? out : null;
    }
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      String f = c.callee().name();
      if (GENERATORS.contains(f)) return generator(c, f);
      if (SPACES.contains(f)) {
        diags.error("bad-axis", c.span(), "`" + f + "(…)` cannot be the values of one axis",
            "put it beside the axes: `grid(" + axis + " = […], " + f + "(…))`");
        return null;
      }
      UnknownNames.report(diags, c.callee().span(), "axis function", f, GENERATORS);
      return null;
    }
    Double v = eval.number(e, "the axis `" + axis + "`");
    return v == null ? null : List.of(v);
  }

  private List<Double> generator(Expr.Call c, String f) {
    List<Expr.Arg> args = c.args();
    int min = f.equals("seeds") || f.equals("range") ? 1 : 3;
    int max = f.equals("seeds") ? 1 : 3;
    if (args.size() < min || args.size() > max || args.stream().anyMatch(a -> a.name().isPresent())) {
      String usage;
      switch (f) {
        case "linspace": usage = "`linspace(from, to, n)`"; break;
        case "logspace": usage = "`logspace(from, to, n)`, e.g. `logspace(1e-3, 1, 7)`"; break;
        case "range": usage = "`range(n)`, `range(from, to)` or `range(from, to, step)`"; break;
        default: usage = "`seeds(k)` (the seeds 0, 1, …, k − 1)"; break;
      }
      diags.error("argument-count", c.span(), "expected " + usage);
      return null;
    }
    if (f.equals("seeds")) {
      Integer k = eval.count(args.get(0).value(), "the number of seeds", 0, MAX_POINTS, null);
      if (k == null) return null;
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < k; i++) out.add((double) i);
      return out;
    }
    if (f.equals("range")) {
      List<Integer> xs = new ArrayList<>();
      for (Expr.Arg a : args) {
        Integer v = eval.integer(a.value(), "a bound of `range`");
        if (v == null) return null;
        xs.add(v);
      }
      int from = xs.size() == 1 ? 0 : xs.get(0);
      int to = xs.size() == 1 ? xs.get(0) : xs.get(1);
      int step = xs.size() == 3 ? xs.get(2) : 1;
      if (step == 0) {
        diags.error("bad-range", args.get(2).span(), "the step of `range` must not be 0");
        return null;
      }
      List<Double> out = new ArrayList<>();
      for (long i = from; step > 0 ? i < to : i > to; i += step) {
        out.add((double) i);
        if (out.size() > MAX_POINTS) break;
      }
      return out;
    }
    Double a = eval.number(args.get(0).value(), "the start of `" + f + "`");
    Double b = eval.number(args.get(1).value(), "the end of `" + f + "`");
    Integer n = eval.count(args.get(2).value(), "the number of values", 0, MAX_POINTS, null);
    if (a == null || b == null || n == null) return null;
    if (f.equals("logspace") && (a <= 0 || b <= 0)) {
      diags.error("bad-logspace", (a <= 0 ? args.get(0) : args.get(1)).span(),
          "`logspace` spaces positive values geometrically; got " + Format.num(a <= 0 ? a : b),
          "give the end values themselves, e.g. `logspace(1e-3, 10, 9)`, not exponents");
      return null;
    }
    return f.equals("linspace") ? linspace(a, b, n) : logspace(a, b, n);
  }

  /** n evenly spaced values from a to b, both ends exact. */
  public static List<Double> linspace(double a, double b, int n) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(n == 1 ? a : i == n - 1 ? b : a + (b - a) * i / (n - 1));
    return out;
  }

  /**
   * n geometrically spaced values from a to b, both ends exact. Each value is 10 to an evenly
   * spaced exponent, so {@code logspace(1e-2, 1e2, 9)} gives exactly 0.01, 0.1, 1, 10, 100 at the
   * whole exponents (as typed), not 0.1 × (1 + ε).
   */
  public static List<Double> logspace(double a, double b, int n) {
    double la = Math.log10(a);
    double lb = Math.log10(b);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double e = n == 1 ? la : la + (lb - la) * i / (n - 1);
      double v = i == 0 ? a : i == n - 1 ? b : Math.pow(10, e);
      // Whole exponents are the values a researcher reads off the axis: make them exact.
      if (i > 0 && i < n - 1 && Math.abs(e - Math.rint(e)) < 1e-12) v = Double.parseDouble("1e" + (long) Math.rint(e));
      out.add(v);
    }
    return out;
  }
}
