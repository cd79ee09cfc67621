package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Plan;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the script's params in dependency order (a param may use params declared after it),
 * applying command-line overrides, and reports cycles.
 */
public final class ParamValues {
  private final Program program;
  private final Diagnostics diags;
  private final Map<String, Value> values = new LinkedHashMap<>();
  private final Set<String> visiting = new HashSet<>();

  private ParamValues(Program program, Diagnostics diags) {
    this.program = program;
    this.diags = diags;
  }

  /** Every param's value (numbers or booleans), in declaration order; failed ones are Bad. */
  public static Map<String, Value> evaluate(Program program, Diagnostics diags) {
    ParamValues p = new ParamValues(program, diags);
    for (String name : program.params().keySet()) p.value(name);
    Map<String, Value> ordered = new LinkedHashMap<>();
    for (String name : program.params().keySet()) ordered.put(name, p.values.get(name));
    return ordered;
  }

  /** The plan's record of param values. */
  public static List<Plan.ParamValue> record(Program program, Map<String, Value> values) {
    List<Plan.ParamValue> out = new ArrayList<>();
    values.forEach((name, v) -> {
      double d = v instanceof Value.Num ? ((Value.Num) v).value()
          : v instanceof Value.Bool && ((Value.Bool) v).value() ? 1 : 0;
      out.add(new Plan.ParamValue(name, d, program.overrides().containsKey(name)));
    });
    return out;
  }

  private Value value(String name) {
    Value done = values.get(name);
    if (done != null) return done;
    Stmt.Param p = program.params().get(name);
    if (!visiting.add(name)) {
      diags.error("param-cycle", p.name().span(), "param `" + name + "` depends on itself");
      values.put(name, new Value.Bad());
      return values.get(name);
    }
    Map<String, Value> env = new LinkedHashMap<>();
    for (String used : names(p.value(), new ArrayList<>())) {
      if (program.params().containsKey(used)) env.put(used, value(used));
    }
    Value v = Evaluator.scalars(diags, env).eval(p.value());
    if (program.overrides().containsKey(name)) {
      double o = program.overrides().get(name);
      v = v instanceof Value.Bool ? new Value.Bool(o != 0) : new Value.Num(o);
    } else if (!(v instanceof Value.Num || v instanceof Value.Bool || v instanceof Value.Bad)) {
      diags.error("type", p.value().span(), "a param must be a number or a boolean, got "
          + Value.describe(v));
      v = new Value.Bad();
    } else if (v instanceof Value.Num num && !Double.isFinite(num.value())) {
      // `param x = 1e999` (past float64's 1.8e308) or `1 / 0` passed silently, as inf or nan;
      // a command-line override of that value is refused already.
      diags.error("not-finite", p.value().span(), "param `" + name + "` is "
          + (Double.isNaN(num.value()) ? "not a number" : "infinite") + ": a param must be a finite number",
          "the largest float64 is about 1.8e308; a division by zero gives inf");
      v = new Value.Bad();
    }
    visiting.remove(name);
    values.putIfAbsent(name, v);
    return values.get(name);
  }

  private static List<String> names(Expr e, List<String> into) {
    if (e instanceof Expr.Name) {
      into.add(((Expr.Name) e).name());
    } else if (e instanceof Expr.Binary) {
      names(((Expr.Binary) e).left(), into);
      names(((Expr.Binary) e).right(), into);
    } else if (e instanceof Expr.Unary) {
      names(((Expr.Unary) e).operand(), into);
    } else if (e instanceof Expr.Call) {
      ((Expr.Call) e).args().forEach(a -> names(a.value(), into));
    } else if (e instanceof Expr.Cond) {
      names(((Expr.Cond) e).condition(), into);
      names(((Expr.Cond) e).then(), into);
      names(((Expr.Cond) e).otherwise(), into);
    } else if (e instanceof Expr.Vector) {
      ((Expr.Vector) e).elements().forEach(x -> names(x, into));
    } else if (e instanceof Expr.Transpose) {
      names(((Expr.Transpose) e).operand(), into);
    }
    return into;
  }
}
