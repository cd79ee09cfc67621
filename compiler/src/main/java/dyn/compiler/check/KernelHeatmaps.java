package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.KernelHeatmapSpec;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks {@code report heatmap("k.svg", k, title = "…")} outside a sweep: the Gram matrix of a
 * kernel prediction ({@code ntk}/{@code nngp}) on its data's train inputs, as a figure. A file
 * that is not .svg/.png, a name that is no kernel, an unknown option and a kernel on too many
 * inputs are positioned errors.
 */
final class KernelHeatmaps {
  private final Diagnostics diags;
  private final Map<String, TheoryStep> theories;

  KernelHeatmaps(Diagnostics diags, Map<String, TheoryStep> theories) {
    this.diags = diags;
    this.theories = theories;
  }

  /** The most inputs a kernel heatmap draws: N² cells, each one element of the figure. */
  static final int HEATMAP_MAX_POINTS = 256;

  /**
   * {@code heatmap("k.svg", k, title = "…")}: a kernel prediction's Gram matrix on its data's
   * train inputs. (A heatmap of a sweep table is the sweep planner's.)
   */
  ReportStep report(Stmt.Report r, int id) {
    Expr.Call c = r.call();
    List<Expr.Arg> args = c.args();
    String usage = "`heatmap` takes a file name and a kernel prediction, e.g. `heatmap(\"k.svg\","
        + " k)` with `predict k = ntk(net, data)` (or a sweep table and two axes)";
    if (args.isEmpty() || args.get(0).name().isPresent()
        || !(args.get(0).value() instanceof Expr.Str)) {
      diags.error("type", args.isEmpty() ? c.span() : args.get(0).span(), usage);
      return null;
    }
    Expr.Str file = (Expr.Str) args.get(0).value();
    String path = file.value();
    if (!Outputs.relativePath(path, args.get(0), diags)) return null;
    String ext = path.toLowerCase(Locale.ROOT);
    if (!ext.endsWith(".svg") && !ext.endsWith(".png")) {
      diags.error("bad-extension", file.span(), "a heatmap is written as `.svg` or `.png`, not `"
          + path + "`", "name the file e.g. `kernel.svg` or `kernel.png`");
      return null;
    }
    String title = "";
    Expr kernelArg = null;
    for (Expr.Arg a : args.subList(1, args.size())) {
      if (a.name().isEmpty()) {
        if (kernelArg != null) {
          diags.error("argument-count", a.span(), usage);
          return null;
        }
        kernelArg = a.value();
        continue;
      }
      String key = a.name().get().name();
      if (!key.equals("title")) {
        UnknownNames.report(diags, a.name().get().span(), "heatmap option", key, List.of("title"));
        return null;
      }
      if (!(a.value() instanceof Expr.Str)) {
        diags.error("type", a.value().span(), "`title` is a string");
        return null;
      }
      title = ((Expr.Str) a.value()).value();
    }
    if (kernelArg == null) {
      diags.error("argument-count", c.span(), usage);
      return null;
    }
    String name = kernelArg instanceof Expr.Name ? ((Expr.Name) kernelArg).name() : null;
    TheoryStep kernel = name != null ? theories.get(name) : null;
    if (kernel == null || !(kernel.theory() instanceof TheoryStep.Kernel)) {
      // An unknown name was reported by the resolver, a failed kernel by its own statement.
      if (kernel != null || !(kernelArg instanceof Expr.Name)) {
        diags.error("type", kernelArg.span(), usage);
      }
      return null;
    }
    TheoryStep.Kernel k = (TheoryStep.Kernel) kernel.theory();
    if (k.points() > HEATMAP_MAX_POINTS) {
      diags.error("heatmap-too-large", kernelArg.span(), "kernel `" + name + "` is on "
          + k.points() + " inputs, a heatmap of " + k.points() + "² cells; it draws at most "
          + HEATMAP_MAX_POINTS + " inputs", "predict the kernel on a smaller dataset for the"
          + " figure, e.g. `predict k_small = " + k.method() + "(net, few)`");
      return null;
    }
    return ReportStep.heatmap(id, diags.origin(r.span()), path,
        new KernelHeatmapSpec(name, k, title));
  }

}
