package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names in sweep statements. A metric reads a point's series, so it is checked like a check
 * condition; axes, reductions and fits are checked by the sweep planner, which knows their types.
 */
final class SweepNames {
  private final Diagnostics diags;
  private final Set<String> params;
  private final List<Stmt.Sweep> sweeps;
  private final Map<String, Stmt.Derive> derives;

  SweepNames(Diagnostics diags, Set<String> params, List<Stmt.Sweep> sweeps,
      Map<String, Stmt.Derive> derives) {
    this.diags = diags;
    this.params = params;
    this.sweeps = sweeps;
    this.derives = derives;
  }

  void check(TopLevelNames top) {
    for (Stmt.Sweep w : sweeps) {
      for (Stmt.Metric m : w.metrics()) top.check(m.value());
    }
    if (sweeps.isEmpty()) {
      for (Stmt.Derive d : derives.values()) {
        diags.error("let-without-sweep", d.span(), "a top-level `let` derives a value from sweep"
            + " results, and this script has no `sweep`",
            "use `param " + d.name().name() + " = …` for a number");
      }
    }
  }

  /** True when the expression names one of {@code names} (as a value or as {@code name.member}). */
  static boolean mentions(Expr e, Set<String> names) {
    if (e instanceof Expr.Name) return names.contains(((Expr.Name) e).name());
    if (e instanceof Expr.Member) return mentions(((Expr.Member) e).target(), names);
    if (e instanceof Expr.Call) {
      for (Expr.Arg a : ((Expr.Call) e).args()) if (mentions(a.value(), names)) return true;
      return false;
    }
    if (e instanceof Expr.Binary) {
      return mentions(((Expr.Binary) e).left(), names) || mentions(((Expr.Binary) e).right(), names);
    }
    if (e instanceof Expr.Unary) return mentions(((Expr.Unary) e).operand(), names);
    return false;
  }
}
