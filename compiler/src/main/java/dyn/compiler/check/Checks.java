package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.syntax.Expr;

/** Small argument checks shared by instances and trains, worded the same everywhere. */
final class Checks {
  private Checks() {}

  /** A finite number > 0, or null after "WHAT must be positive, got V" ("… finite and positive" for inf). */
  static Double positive(Evaluator at, Expr e, String what, Diagnostics diags) {
    Double v = at.number(e, what);
    if (v == null) return null;
    if (!(v > 0) || Double.isInfinite(v)) {
      diags.error("not-positive", e.span(), what + (Double.isInfinite(v) ? " must be finite and positive, got "
          : " must be positive, got ") + Format.num(v));
      return null;
    }
    return v;
  }
}
