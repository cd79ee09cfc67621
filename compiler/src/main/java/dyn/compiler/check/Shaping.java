package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Op;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Row slices and concatenation, in model and dataset bodies: {@code rows(e, start, count)},
 * {@code stack(a, b, …)} (one above the other) and {@code concat(a, b, …)} (side by side). They
 * let one input matrix carry several blocks (a transformer's [z; x_q]) and datasets assemble
 * their columns. All three are linear, so they keep a model linear in x.
 */
final class Shaping {
  private final Evaluator eval;
  private final Diagnostics diags;
  private final GraphBuilder graph;

  Shaping(Evaluator eval, Diagnostics diags, GraphBuilder graph) {
    this.eval = eval;
    this.diags = diags;
    this.graph = graph;
  }

  Value call(String f, Expr.Call e) {
    if (f.equals("rows")) return rows(e);
    return join(f.equals("stack"), e);
  }

  private Value rows(Expr.Call e) {
    List<Expr> a = eval.positional(e, 3);
    if (a == null) return new Value.Bad();
    Value.Tensor t = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
    Integer start = eval.count(a.get(1), "the first row of `rows`", 0);
    Integer count = eval.count(a.get(2), "the row count of `rows`", 1);
    if (t == null || start == null || count == null) return new Value.Bad();
    if (t.rows() == Shapes.BATCH || start + count > t.rows()) {
      diags.error("shape", e.span(), "`rows` " + start + " … " + (start + count - 1) + " of "
          + Shapes.show(t) + " are out of range");
      return new Value.Bad();
    }
    return graph.add(new Op.Slice(t.node(), start, count), count, t.cols(), t.xDependent());
  }

  private Value join(boolean vertical, Expr.Call e) {
    String name = vertical ? "stack" : "concat";
    List<Value.Tensor> parts = new ArrayList<>();
    boolean bad = false;
    for (Expr.Arg arg : e.args()) {
      if (arg.name().isPresent()) {
        diags.error("named-argument", arg.span(), "`" + name + "` takes positional arguments only");
        return new Value.Bad();
      }
      Value.Tensor t = eval.tensor(eval.eval(arg.value()), arg.value().span());
      if (t == null) bad = true;
      parts.add(t);
    }
    if (bad) return new Value.Bad();
    if (parts.isEmpty()) {
      diags.error("argument-count", e.span(), "`" + name + "` needs at least one argument");
      return new Value.Bad();
    }
    Value.Tensor first = parts.get(0);
    int along = 0;
    boolean x = false;
    List<Integer> nodes = new ArrayList<>();
    for (Value.Tensor t : parts) {
      int shared = vertical ? t.cols() : t.rows();
      int own = vertical ? t.rows() : t.cols();
      if (shared != (vertical ? first.cols() : first.rows()) || own == Shapes.BATCH) {
        diags.error("shape", e.span(), "`" + name + "` cannot join " + Shapes.show(first)
            + " and " + Shapes.show(t) + (vertical ? ": column" : ": row") + " counts differ");
        return new Value.Bad();
      }
      along += own;
      x |= t.xDependent();
      nodes.add(t.node());
    }
    if (parts.size() == 1) return first;
    return vertical
        ? graph.add(new Op.Concat(nodes, true), along, first.cols(), x)
        : graph.add(new Op.Concat(nodes, false), first.rows(), along, x);
  }
}
