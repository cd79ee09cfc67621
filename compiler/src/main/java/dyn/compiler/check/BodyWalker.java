package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.syntax.Body;
import dyn.compiler.syntax.BodyVisitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unrolls a definition body: {@code let}, reassignment and {@code for} are handled here (a
 * {@code require} was checked before the walk); tensor,
 * neuron, return and output statements by the model or dataset subclass.
 */
abstract class BodyWalker implements BodyVisitor<Void> {
  /** Loops longer than this are almost surely a mistake and would make huge graphs. */
  private static final int MAX_ITERATIONS = 100_000;

  protected final Diagnostics diags;
  protected final Map<String, Value> env = new LinkedHashMap<>();
  protected final Evaluator eval;
  private final List<String> locals = new ArrayList<>();

  BodyWalker(Diagnostics diags, Map<String, Value> headers, GraphBuilder graph, boolean dataset,
      long seed) {
    this.diags = diags;
    env.putAll(headers);
    this.eval = new Evaluator(diags, env, graph, dataset, seed);
  }

  void walk(List<Body> body) {
    for (Body b : body) b.accept(this);
  }

  /** Checked on the arguments before the walk ({@link Requirements}); nothing to unroll. */
  @Override
  public Void visitRequire(Body.Require b) {
    return null;
  }

  @Override
  public Void visitLet(Body.Let b) {
    Value v = eval.eval(b.value());
    String n = b.name().name();
    if (locals.contains(n) || env.containsKey(n)) {
      diags.error("duplicate-name", b.name().span(), "`" + n + "` is already defined",
          "use `" + n + " = …` to give it a new value");
      return null;
    }
    env.put(n, v);
    locals.add(n);
    return null;
  }

  @Override
  public Void visitAssign(Body.Assign b) {
    Value v = eval.eval(b.value());
    String n = b.name().name();
    if (locals.contains(n)) {
      env.put(n, v);
    } else {
      assignOther(b, v);
    }
    return null;
  }

  /** An assignment to something that is not a {@code let} local. */
  protected abstract void assignOther(Body.Assign b, Value v);

  @Override
  public Void visitFor(Body.For b) {
    Integer from = eval.integer(b.from(), "a loop bound");
    Integer to = eval.integer(b.to(), "a loop bound");
    if (from == null || to == null) return null;
    if ((long) to - from >= MAX_ITERATIONS) {
      diags.error("loop-too-long", b.span(), "loop of " + ((long) to - from + 1)
          + " iterations is longer than the limit of " + MAX_ITERATIONS);
      return null;
    }
    String var = b.variable().name();
    Value saved = env.get(var);
    for (int i = from; i <= to; i++) {
      int mark = locals.size();
      env.put(var, new Value.Num(i));
      walk(b.body());
      // Locals of one iteration do not leak into the next.
      while (locals.size() > mark) env.remove(locals.remove(locals.size() - 1));
    }
    if (saved != null) env.put(var, saved);
    else env.remove(var);
    return null;
  }
}
