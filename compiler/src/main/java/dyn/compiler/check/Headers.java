package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds the header of a definition from a call: given arguments are evaluated at the call site,
 * missing ones take their default (evaluated in the definition, after the headers before them).
 */
final class Headers {
  private Headers() {}

  /** The header values, or null when one could not be bound (reported). */
  static Map<String, Value> bind(Program.Definition def, Expr.Call call,
      Map<String, Expr.Arg> bound, Evaluator callSite, Diagnostics callDiags) {
    return bind(def, call, bound, callSite, callDiags, Map.of());
  }

  /**
   * As above, with some headers fixed to given values whatever the call says (a coordinate check
   * re-instantiates a model at other widths); later defaults see the fixed values.
   */
  static Map<String, Value> bind(Program.Definition def, Expr.Call call,
      Map<String, Expr.Arg> bound, Evaluator callSite, Diagnostics callDiags,
      Map<String, Value> fixed) {
    Map<String, Value> values = new LinkedHashMap<>();
    boolean ok = true;
    for (Stmt.Header h : def.syntax().params()) {
      String key = h.name().name();
      Value v;
      if (fixed.containsKey(key)) {
        v = fixed.get(key);
      } else if (bound.containsKey(key)) {
        v = callSite.eval(bound.get(key).value());
      } else if (h.defaultValue().isPresent()) {
        v = Evaluator.scalars(def.unit().diags(), new LinkedHashMap<>(values))
            .eval(h.defaultValue().get());
      } else {
        ArgBinder.require(bound, key, call, callDiags);
        ok = false;
        continue;
      }
      if (v instanceof Value.Bad) ok = false;
      if (v instanceof Value.Ref || v instanceof Value.Aligned || v instanceof Value.Str) {
        callDiags.error("type", bound.get(key).value().span(), "argument `" + key
            + "` must be a number, a boolean, a vector or an activation, got " + Value.describe(v));
        ok = false;
      }
      values.put(key, v);
    }
    return ok ? values : null;
  }
}
