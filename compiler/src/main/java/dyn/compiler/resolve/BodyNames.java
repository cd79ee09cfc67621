package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.syntax.Body;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the names inside one model or dataset body, statement by statement: a local must be
 * introduced by {@code let} (or be a dataset output) before it is used; tensors and loop
 * variables are in scope after their declaration. A {@code require} sees only the header
 * parameters and must stand at the top of the body.
 */
final class BodyNames {
  private final Diagnostics diags;
  private final boolean dataset;
  private final Set<String> functions = new LinkedHashSet<>();

  private BodyNames(Diagnostics diags, boolean dataset) {
    this.diags = diags;
    this.dataset = dataset;
    functions.addAll(Builtins.ACTIVATIONS.keySet());
    functions.addAll(Builtins.REDUCTIONS);
    functions.addAll(Builtins.VECTOR_FNS);
    functions.addAll(Builtins.SHAPING);
    if (dataset) functions.addAll(Builtins.DATA_PRIMITIVES);
  }

  static void check(Program.Definition d) {
    boolean dataset = d.syntax().kind() == Stmt.DefinitionKind.DATASET;
    BodyNames b = new BodyNames(d.unit().diags(), dataset);
    Set<String> scope = new LinkedHashSet<>();
    for (Stmt.Header h : d.syntax().params()) {
      h.defaultValue().ifPresent(v -> b.expr(v, scope));
      scope.add(h.name().name());
    }
    b.requirements(d.syntax().body(), Set.copyOf(scope));
    if (!dataset) scope.add("x");
    b.body(d.syntax().body(), scope);
  }

  /**
   * A {@code require} sees the header parameters only, and must come before the body's other
   * statements: it is checked on the arguments before anything in the body is built.
   */
  private void requirements(List<Body> stmts, Set<String> headers) {
    boolean top = true;
    for (Body s : stmts) {
      if (!(s instanceof Body.Require)) {
        top = false;
        if (s instanceof Body.For) misplaced(((Body.For) s).body(), "inside a `for` loop");
        continue;
      }
      if (!top) {
        diags.error("misplaced-require", s.span(), "`require` must come before the other"
            + " statements of a definition body", "move it to the top: requirements are checked on"
            + " the arguments before the body runs");
      }
      expr(((Body.Require) s).condition(), headers);
    }
  }

  private void misplaced(List<Body> stmts, String where) {
    for (Body s : stmts) {
      if (s instanceof Body.Require) {
        diags.error("misplaced-require", s.span(), "`require` is not allowed " + where,
            "move it to the top of the definition body: requirements are checked on the arguments"
                + " before the body runs");
      } else if (s instanceof Body.For) {
        misplaced(((Body.For) s).body(), where);
      }
    }
  }

  private void body(List<Body> stmts, Set<String> scope) {
    for (Body s : stmts) {
      if (s instanceof Body.Require) continue; // checked by requirements(): headers only
      if (s instanceof Body.Tensor) {
        Body.Tensor t = (Body.Tensor) s;
        t.index().ifPresent(i -> expr(i, scope));
        t.shape().forEach(e -> expr(e, scope));
        if (!Builtins.DISTRIBUTIONS.contains(t.distribution().callee().name())) {
          UnknownNames.report(diags, t.distribution().callee().span(), "distribution",
              t.distribution().callee().name(), Builtins.DISTRIBUTIONS);
        }
        t.distribution().args().forEach(a -> expr(a.value(), scope));
        scope.add(t.name().name());
      } else if (s instanceof Body.Neuron) {
        Body.Neuron n = (Body.Neuron) s;
        expr(n.count(), scope);
        Set<String> inner = new LinkedHashSet<>(scope);
        inner.add(n.index().name());
        for (Expr p : n.parts()) {
          if (p instanceof Expr.Index) {
            Expr.Index ix = (Expr.Index) p;
            expr(ix.target(), inner);
            ix.indices().forEach(o -> o.ifPresent(e -> expr(e, inner)));
          }
        }
      } else if (s instanceof Body.Let) {
        Body.Let l = (Body.Let) s;
        expr(l.value(), scope);
        scope.add(l.name().name());
      } else if (s instanceof Body.Assign) {
        Body.Assign a = (Body.Assign) s;
        expr(a.value(), scope);
        String n = a.name().name();
        if (dataset && Builtins.DATA_OUTPUTS.contains(n)) {
          scope.add(n);
        } else if (!scope.contains(n)) {
          List<String> cands = new ArrayList<>(scope);
          if (dataset) cands.addAll(Builtins.DATA_OUTPUTS);
          UnknownNames.report(diags, a.name().span(), "name", n, cands);
        }
      } else if (s instanceof Body.For) {
        Body.For f = (Body.For) s;
        expr(f.from(), scope);
        expr(f.to(), scope);
        Set<String> inner = new LinkedHashSet<>(scope);
        inner.add(f.variable().name());
        body(f.body(), inner);
        // Tensor families declared in a loop stay visible after it.
        for (Body b : f.body()) {
          if (b instanceof Body.Tensor) scope.add(((Body.Tensor) b).name().name());
        }
      } else if (s instanceof Body.Return) {
        if (dataset) diags.error("return-in-dataset", s.span(),
            "a dataset body assigns its outputs (x, y, …) and has no `return`");
        expr(((Body.Return) s).value(), scope);
      }
    }
  }

  private void expr(Expr e, Set<String> scope) {
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      if (!scope.contains(n) && !Builtins.ACTIVATIONS.containsKey(n)) {
        UnknownNames.report(diags, e.span(), "name", n, scope);
      }
    } else if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      String f = c.callee().name();
      if (!functions.contains(f) && !scope.contains(f)) {
        List<String> cands = new ArrayList<>(functions);
        UnknownNames.report(diags, c.callee().span(), "function", f, cands);
      }
      for (Expr.Arg a : c.args()) expr(a.value(), scope);
    } else if (e instanceof Expr.Binary) {
      expr(((Expr.Binary) e).left(), scope);
      expr(((Expr.Binary) e).right(), scope);
    } else if (e instanceof Expr.Unary) {
      expr(((Expr.Unary) e).operand(), scope);
    } else if (e instanceof Expr.Transpose) {
      expr(((Expr.Transpose) e).operand(), scope);
    } else if (e instanceof Expr.Vector) {
      ((Expr.Vector) e).elements().forEach(x -> expr(x, scope));
    } else if (e instanceof Expr.Cond) {
      Expr.Cond c = (Expr.Cond) e;
      expr(c.condition(), scope);
      expr(c.then(), scope);
      expr(c.otherwise(), scope);
    } else if (e instanceof Expr.Index) {
      Expr.Index ix = (Expr.Index) e;
      expr(ix.target(), scope);
      for (Optional<Expr> o : ix.indices()) o.ifPresent(x -> expr(x, scope));
    } else if (e instanceof Expr.Member) {
      diags.error("bad-expression", e.span(), "`.` is not allowed in a definition body");
    }
  }
}
