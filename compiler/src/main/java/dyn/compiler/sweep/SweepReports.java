package dyn.compiler.sweep;

import dyn.compiler.check.Outputs;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.SweepReport;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks reports of sweep results: {@code table(…)}, {@code csv("f.csv", …)},
 * {@code json("f.json", …)} and {@code heatmap("f.svg", TABLE, x = lr, y = gamma, …)}.
 */
final class SweepReports {
  private static final List<String> HEATMAP_KEYS = List.of("x", "y", "title", "xlabel", "ylabel", "z");

  private final Diagnostics diags;
  private final Function<String, List<String>> keys;
  private final List<String> names;
  private final String sweep;
  /** The sweep's gathered report files, which share its folder with dyn's own. */
  private final dyn.compiler.check.ReportFiles files;

  /**
   * @param keys the index params of a table name, null for a non-table
   * @param names every sweep-result name in scope (for suggestions)
   */
  SweepReports(Diagnostics diags, Function<String, List<String>> keys, List<String> names, String sweep) {
    this.diags = diags;
    this.keys = keys;
    this.names = names;
    this.sweep = sweep;
    this.files = new dyn.compiler.check.ReportFiles(diags, java.util.Set.of("sweep-" + sweep),
        "the output folder (the sweep's points, task list and manifest)");
  }

  SweepReport report(Stmt.Report r) {
    Expr.Call c = r.call();
    String kind = c.callee().name();
    if (!SweepPlanner.REPORTS.contains(kind)) {
      UnknownNames.report(diags, c.callee().span(), "report of sweep results", kind, SweepPlanner.REPORTS);
      return null;
    }
    List<Expr.Arg> args = c.args();
    int first = 0;
    String path = "";
    if (!kind.equals("table")) {
      if (args.isEmpty() || args.get(0).name().isPresent() || !(args.get(0).value() instanceof Expr.Str)) {
        diags.error("type", args.isEmpty() ? c.span() : args.get(0).span(), "`" + kind
            + "` takes a file name first, e.g. `" + kind + "(\"" + sweep + (kind.equals("heatmap") ? ".svg" : "." + kind) + "\", …)`");
        return null;
      }
      path = ((Expr.Str) args.get(0).value()).value();
      if (!relative(path, args.get(0))) return null;
      first = 1;
    }
    List<String> items = new ArrayList<>();
    List<Expr.Arg> options = new ArrayList<>();
    boolean ok = true;
    for (int i = first; i < args.size(); i++) {
      Expr.Arg a = args.get(i);
      if (a.name().isPresent()) {
        options.add(a);
        continue;
      }
      String item = item(a.value());
      if (item == null) ok = false;
      else items.add(item);
    }
    if (!ok) return null;
    if (items.isEmpty() && !kind.equals("heatmap")) items.add(sweep);
    for (int i = 0; i < items.size(); i++) {
      if (items.indexOf(items.get(i)) < i) {
        diags.error("duplicate-item", c.span(), "`" + items.get(i) + "` is listed twice", "list each table or fit once");
        return null;
      }
    }
    if (kind.equals("csv") && !oneCsv(c, items)) return null;
    if (!kind.equals("heatmap")) {
      if (!options.isEmpty()) {
        diags.error("bad-argument", options.get(0).span(), "`" + kind + "` of sweep results takes no options");
        return null;
      }
      SweepReport.Kind k = SweepReport.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
      return new SweepReport(diags.origin(r.span()), k, items, path, java.util.Optional.empty());
    }
    return heatmap(r, path, items, options);
  }

  /**
   * A CSV holds one table: fits (one row each), or tables on the same keys side by side. Tables
   * on other keys were paired row by row (an `lr` column filed under `gamma` rows), and a fit
   * beside a table crashed the gather after every point had run.
   */
  private boolean oneCsv(Expr.Call c, List<String> items) {
    String first = items.get(0);
    List<String> firstKeys = keys.apply(first);
    for (String item : items.subList(1, items.size())) {
      List<String> k = keys.apply(item);
      if ((k == null) != (firstKeys == null)) {
        String fit = firstKeys == null ? first : item;
        String table = firstKeys == null ? item : first;
        diags.error("csv-mixed", c.span(), "a `csv` holds tables or fits, not both: `" + fit + "` is a fit and `"
            + table + "` a table", "write them to two files, or both to one `json`");
        return false;
      }
      if (k != null && !k.equals(firstKeys)) {
        diags.error("csv-keys", c.span(), "a `csv` puts tables side by side on the same keys, but `" + first
            + "` is indexed by " + words(firstKeys) + " and `" + item + "` by " + words(k),
            "write them to two files, or both to one `json`");
        return false;
      }
    }
    return true;
  }

  private static String words(List<String> keys) {
    return keys.isEmpty() ? "nothing" : String.join(", ", keys);
  }

  private SweepReport heatmap(Stmt.Report r, String path, List<String> items, List<Expr.Arg> options) {
    Expr.Call c = r.call();
    String ext = path.toLowerCase(Locale.ROOT);
    if (!ext.endsWith(".svg") && !ext.endsWith(".png")) {
      diags.error("bad-extension", c.args().get(0).span(), "a heatmap is written as `.svg` or `.png`, not `" + path + "`");
      return null;
    }
    if (items.size() != 1 || items.get(0).equals(sweep)) {
      diags.error("argument-count", c.span(), "`heatmap` draws one table indexed by two params, e.g. `heatmap(\"loss.svg\", "
          + sweep + ".loss, x = lr, y = gamma)`");
      return null;
    }
    List<String> k = keys.apply(items.get(0));
    if (k == null || k.size() != 2) {
      diags.error("heatmap-needs-two-axes", c.args().get(1).span(), "a heatmap needs a table indexed by two params; `"
          + items.get(0) + "` is indexed by " + (k == null ? "nothing" : k.isEmpty() ? "nothing" : String.join(", ", k)),
          k != null && k.size() > 2 ? "reduce the others first, e.g. `let m = mean(" + items.get(0) + ", over = " + k.get(2) + ")`" : null);
      return null;
    }
    String x = k.get(1);
    String y = k.get(0);
    String title = "";
    String xLabel = null;
    String yLabel = null;
    boolean logZ = true;
    Set<String> seen = new HashSet<>();
    for (Expr.Arg a : options) {
      String key = a.name().get().name();
      if (!HEATMAP_KEYS.contains(key)) {
        UnknownNames.report(diags, a.name().get().span(), "heatmap option", key, HEATMAP_KEYS);
        return null;
      }
      if (!seen.add(key)) {
        diags.error("duplicate-argument", a.name().get().span(), "`" + key + "` is given twice");
        return null;
      }
      Expr v = a.value();
      if (key.equals("x") || key.equals("y")) {
        if (!(v instanceof Expr.Name) || !k.contains(((Expr.Name) v).name())) {
          if (v instanceof Expr.Name) UnknownNames.reportOf(diags, v.span(), items.get(0), "axis", ((Expr.Name) v).name(), k);
          else diags.error("type", v.span(), "`" + key + "` names a swept param: " + String.join(" or ", k));
          return null;
        }
        String n = ((Expr.Name) v).name();
        if (key.equals("x")) {
          x = n;
          if (!seen.contains("y")) y = k.get(0).equals(n) ? k.get(1) : k.get(0);
        } else {
          y = n;
          if (!seen.contains("x")) x = k.get(0).equals(n) ? k.get(1) : k.get(0);
        }
      } else if (key.equals("z")) {
        if (!(v instanceof Expr.Name) || !List.of("log", "linear").contains(((Expr.Name) v).name())) {
          diags.error("type", v.span(), "the colour scale `z` is `log` or `linear`");
          return null;
        }
        logZ = ((Expr.Name) v).name().equals("log");
      } else {
        if (!(v instanceof Expr.Str)) {
          diags.error("type", v.span(), "`" + key + "` takes a string, e.g. `" + key + " = \"…\"`");
          return null;
        }
        String text = ((Expr.Str) v).value();
        if (key.equals("title")) title = text;
        else if (key.equals("xlabel")) xLabel = text;
        else yLabel = text;
      }
    }
    if (x.equals(y)) {
      diags.error("bad-argument", c.span(), "`x` and `y` must be different params");
      return null;
    }
    return new SweepReport(diags.origin(r.span()), SweepReport.Kind.HEATMAP, items, path,
        java.util.Optional.of(new SweepReport.Heatmap(x, y, title, logZ, xLabel == null ? x : xLabel,
            yLabel == null ? y : yLabel)));
  }

  /** A reported name: the sweep (all metrics), {@code s.metric}, or a derived name; null (reported). */
  private String item(Expr e) {
    String n = null;
    if (e instanceof Expr.Name) n = ((Expr.Name) e).name();
    if (e instanceof Expr.Member && ((Expr.Member) e).target() instanceof Expr.Name) {
      n = ((Expr.Name) ((Expr.Member) e).target()).name() + "." + ((Expr.Member) e).member().name();
    }
    if (n == null) {
      diags.error("type", e.span(), "expected sweep results: `" + sweep + "`, `" + sweep + ".METRIC` or the name of a `let`");
      return null;
    }
    if (n.equals(sweep) || names.contains(n)) return n;
    UnknownNames.report(diags, e.span(), "sweep result", n, names);
    return null;
  }

  private boolean relative(String path, Expr.Arg at) {
    return Outputs.relativePath(path, at, diags) && files.claim(path, at.span());
  }
}
