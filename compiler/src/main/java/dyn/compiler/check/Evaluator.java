package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Op;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.source.Span;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.ExprVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Symbolic evaluation of one expression: compile-time scalars are computed, tensor expressions
 * append nodes to a {@link GraphBuilder} with their inferred shapes. Reports shape errors with
 * spans and tracks whether anything nonlinear is applied to a value that depends on x.
 */
public final class Evaluator implements ExprVisitor<Value> {
  private final Diagnostics diags;
  private final Map<String, Value> env;
  private final GraphBuilder graph; // null: only compile-time values are allowed
  private final boolean dataset;
  private final long seed;
  private int sites;
  private boolean nonlinear;

  /**
   * @param env the names in scope (mutated by the body walker, read here)
   * @param graph where tensor nodes go, or null for a scalar-only context
   * @param dataset whether data primitives are allowed
   * @param seed the dataset seed for random streams
   */
  public Evaluator(Diagnostics diags, Map<String, Value> env, GraphBuilder graph, boolean dataset,
      long seed) {
    this.diags = diags;
    this.env = env;
    this.graph = graph;
    this.dataset = dataset;
    this.seed = seed;
  }

  /** A scalar-only evaluator over the given names. */
  public static Evaluator scalars(Diagnostics diags, Map<String, Value> env) {
    return new Evaluator(diags, env, null, false, 0);
  }

  public Value eval(Expr e) {
    return e.accept(this);
  }

  /** True once a nonlinear function of x was built. */
  public boolean nonlinear() {
    return nonlinear;
  }

  /** Evaluates to a number, or reports "expected a number" and returns null. */
  public Double number(Expr e, String what) {
    Value v = eval(e);
    if (v instanceof Value.Num) return ((Value.Num) v).value();
    if (!(v instanceof Value.Bad)) {
      diags.error("type", e.span(), what + " must be a number, got " + Value.describe(v));
    }
    return null;
  }

  /** Evaluates to a whole number ≥ min, or reports and returns null. */
  public Integer count(Expr e, String what, int min) {
    Double v = number(e, what);
    if (v == null) return null;
    if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
      diags.error("bad-count", e.span(), what + " must be a whole number ≥ " + min + ", got "
          + Format.num(v));
      return null;
    }
    return (int) (double) v;
  }

  /**
   * A count with a ceiling: what would be built from it (grid times, sweep points) is checked
   * before it is built, so a typo such as {@code 1e9} is an error here, not minutes of work.
   */
  public Integer count(Expr e, String what, int min, int max, String hint) {
    Integer n = count(e, what, min);
    if (n == null || n <= max) return n;
    diags.error("too-many-points", e.span(), String.format(java.util.Locale.ROOT,
        "%s must be at most %,d, got %,d", what, max, n), hint);
    return null;
  }

  /** Evaluates to a whole number of either sign (an index, a seed), or reports and returns null. */
  public Integer integer(Expr e, String what) {
    Double v = number(e, what);
    if (v == null) return null;
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      diags.error("bad-integer", e.span(), what + " must be a whole number, got " + Format.num(v));
      return null;
    }
    return (int) (double) v;
  }

  // ---- leaves ----

  @Override
  public Value visitNum(Expr.Num e) {
    return new Value.Num(e.value());
  }

  @Override
  public Value visitStr(Expr.Str e) {
    return new Value.Str(e.value());
  }

  @Override
  public Value visitBool(Expr.Bool e) {
    return new Value.Bool(e.value());
  }

  @Override
  public Value visitName(Expr.Name e) {
    Value v = env.get(e.name());
    if (v != null) return v;
    Op.UnaryFn act = Builtins.ACTIVATIONS.get(e.name());
    if (act != null) return new Value.Act(act, e.name());
    UnknownNames.value(diags, e.span(), e.name(), null, env.keySet());
    return new Value.Bad();
  }

  @Override
  public Value visitVector(Expr.Vector e) {
    List<Double> xs = new ArrayList<>();
    for (Expr x : e.elements()) {
      Double d = number(x, "a vector element");
      if (d == null) return new Value.Bad();
      xs.add(d);
    }
    return new Value.Vec(xs);
  }

  // ---- calls ----

  @Override
  public Value visitCall(Expr.Call e) {
    String f = e.callee().name();
    Value bound = env.get(f);
    if (bound instanceof Value.Act) return unary(((Value.Act) bound).fn(), f, e);
    // Otherwise a call looks for a function: a header named `whiten` does not hide whiten(x).
    if (f.equals("aligned")) {
      List<Expr> a = positional(e, 1);
      if (a == null) return new Value.Bad();
      Value d = eval(a.get(0));
      if (d instanceof Value.Ref) return new Value.Aligned(((Value.Ref) d).name());
      if (!(d instanceof Value.Bad)) diags.error("type", a.get(0).span(), "`aligned` takes a data name");
      return new Value.Bad();
    }
    if (f.equals("len")) return length(e);
    if (f.equals("whole")) return whole(e);
    if (f.equals("min") || f.equals("max")) return extreme(f, e);
    Op.UnaryFn fn = Builtins.ACTIVATIONS.get(f);
    if (fn != null) return unary(fn, f, e);
    if (Builtins.REDUCTIONS.contains(f) && graph != null) return reduce(f, e);
    if (Builtins.SHAPING.contains(f) && graph != null) return new Shaping(this, diags, graph).call(f, e);
    if (Builtins.DATA_PRIMITIVES.contains(f) && dataset && graph != null) {
      return new DataPrimitives(this, diags, graph).call(f, e);
    }
    if (bound instanceof Value.Bad) return bound;
    if (bound != null) {
      diags.error("not-a-function", e.callee().span(), "`" + f + "` is " + Value.describe(bound)
          + ", not a function");
      return new Value.Bad();
    }
    List<String> fns = new ArrayList<>(Builtins.ACTIVATIONS.keySet());
    fns.addAll(Builtins.VECTOR_FNS);
    if (graph != null) fns.addAll(Builtins.REDUCTIONS);
    if (graph != null) fns.addAll(Builtins.SHAPING);
    if (dataset) fns.addAll(Builtins.DATA_PRIMITIVES);
    UnknownNames.report(diags, e.callee().span(), "function", f, fns);
    return new Value.Bad();
  }

  /** {@code len(v)}: the number of elements of a compile-time vector (a width list's depth). */
  private Value length(Expr.Call e) {
    List<Expr> a = positional(e, 1);
    if (a == null) return new Value.Bad();
    Value v = eval(a.get(0));
    if (v instanceof Value.Bad) return v;
    if (!(v instanceof Value.Vec)) {
      diags.error("type", a.get(0).span(), "`len` takes a vector such as `[64, 64]`, got "
          + Value.describe(v));
      return new Value.Bad();
    }
    return new Value.Num(((Value.Vec) v).values().size());
  }

  /**
   * {@code whole(n)}: true when a compile-time number (or every element of a vector) is a whole
   * number, the test a {@code require} on a size needs.
   */
  private Value whole(Expr.Call e) {
    List<Expr> a = positional(e, 1);
    if (a == null) return new Value.Bad();
    Value v = eval(a.get(0));
    if (v instanceof Value.Bad) return v;
    List<Double> xs = numbers(v);
    if (xs == null) {
      diags.error("type", a.get(0).span(), "`whole` takes a number or a vector, got "
          + Value.describe(v));
      return new Value.Bad();
    }
    return new Value.Bool(xs.stream().allMatch(x -> x == Math.rint(x) && !Double.isInfinite(x)));
  }

  /** {@code min(a, b, …)} / {@code max(…)} of compile-time numbers, or of one vector's elements. */
  private Value extreme(String f, Expr.Call e) {
    List<Double> xs = new ArrayList<>();
    for (Expr.Arg arg : e.args()) {
      if (arg.name().isPresent()) {
        diags.error("named-argument", arg.span(), "`" + f + "` takes positional arguments only");
        return new Value.Bad();
      }
      Value v = eval(arg.value());
      if (v instanceof Value.Bad) return v;
      List<Double> vs = numbers(v);
      if (vs == null) {
        diags.error("type", arg.value().span(), "`" + f + "` takes numbers or vectors, got "
            + Value.describe(v));
        return new Value.Bad();
      }
      xs.addAll(vs);
    }
    if (xs.isEmpty()) {
      diags.error("argument-count", e.span(), "`" + f + "` of nothing: it needs at least one"
          + " number", "guard it: `len(v) >= 1 and " + f + "(v) …`");
      return new Value.Bad();
    }
    double r = xs.get(0);
    for (double x : xs) r = f.equals("min") ? Math.min(r, x) : Math.max(r, x);
    return new Value.Num(r);
  }

  /** The numbers of a compile-time number or vector, or null for anything else. */
  private static List<Double> numbers(Value v) {
    if (v instanceof Value.Num) return List.of(((Value.Num) v).value());
    if (v instanceof Value.Vec) return ((Value.Vec) v).values();
    return null;
  }

  /** The positional arguments of a builtin function, exactly n of them, or null (reported). */
  List<Expr> positional(Expr.Call e, int n) {
    List<Expr> out = new ArrayList<>();
    for (Expr.Arg a : e.args()) {
      if (a.name().isPresent()) {
        diags.error("named-argument", a.span(), "`" + e.callee().name()
            + "` takes positional arguments only");
        return null;
      }
      out.add(a.value());
    }
    if (out.size() != n) {
      diags.error("argument-count", e.span(), "`" + e.callee().name() + "` takes " + n
          + (n == 1 ? " argument" : " arguments") + ", got " + out.size());
      return null;
    }
    return out;
  }

  /** The next random stream of this dataset body. */
  long nextStream() {
    return Streams.mix(seed, sites++);
  }

  private Value unary(Op.UnaryFn fn, String name, Expr.Call e) {
    List<Expr> a = positional(e, 1);
    if (a == null) return new Value.Bad();
    Value v = eval(a.get(0));
    if (v instanceof Value.Bad) return v;
    if (v instanceof Value.Num) {
      double r = ScalarMath.apply(fn, ((Value.Num) v).value());
      if (!Double.isFinite(r)) {
        diags.error("not-finite", e.span(), "`" + name + "` of " + Format.num(((Value.Num) v).value())
            + " is not a finite number");
        return new Value.Bad();
      }
      return new Value.Num(r);
    }
    Value.Tensor t = tensor(v, a.get(0).span());
    if (t == null) return new Value.Bad();
    if (fn == Op.UnaryFn.LINEAR) return t;
    if (t.xDependent() && fn != Op.UnaryFn.NEG) nonlinear = true;
    return graph.add(new Op.Unary(fn, t.node()), t.rows(), t.cols(), t.xDependent());
  }

  private Value reduce(String f, Expr.Call e) {
    List<Expr> a = positional(e, 1);
    if (a == null) return new Value.Bad();
    Value v = eval(a.get(0));
    if (v instanceof Value.Bad) return v;
    Value.Tensor t = tensor(v, a.get(0).span());
    if (t == null) return new Value.Bad();
    switch (f) {
      case "sum_rows":
        return graph.add(new Op.Sum(Op.Axis.ROWS, t.node()), 1, t.cols(), t.xDependent());
      case "sum_cols":
        return graph.add(new Op.Sum(Op.Axis.COLUMNS, t.node()), t.rows(), 1, t.xDependent());
      case "sum":
        return graph.add(new Op.Sum(Op.Axis.ALL, t.node()), 1, 1, t.xDependent());
      default: // mean
        if (t.cols() == Shapes.BATCH || t.rows() == Shapes.BATCH) {
          diags.error("mean-over-samples", e.span(),
              "`mean` over samples is not available in a model body; use `sum` and divide");
          return new Value.Bad();
        }
        Value.Tensor s = graph.add(new Op.Sum(Op.Axis.ALL, t.node()), 1, 1, t.xDependent());
        Value.Tensor k = graph.constant(List.of((double) t.rows() * t.cols()));
        return graph.add(new Op.Binary(Op.BinaryFn.DIV, s.node(), k.node()), 1, 1, t.xDependent());
    }
  }

  /** A value as a graph tensor (numbers and vectors become constants), or null (reported). */
  Value.Tensor tensor(Value v, Span span) {
    if (v instanceof Value.Tensor) return (Value.Tensor) v;
    if (graph != null && v instanceof Value.Num) return graph.constant(List.of(((Value.Num) v).value()));
    if (graph != null && v instanceof Value.Vec) return graph.constant(((Value.Vec) v).values());
    if (!(v instanceof Value.Bad)) {
      diags.error("type", span, "expected a tensor, got " + Value.describe(v));
    }
    return null;
  }

  // ---- operators ----

  @Override
  public Value visitBinary(Expr.Binary e) {
    Value a = eval(e.left());
    // `and`/`or` stop at a left side that decides, so a guard protects what follows it:
    // `len(widths) >= 1 and min(widths) >= 1` never asks for the minimum of an empty vector.
    if (a instanceof Value.Bool && ((Value.Bool) a).value() == (e.op() == Expr.BinaryOp.OR)
        && (e.op() == Expr.BinaryOp.AND || e.op() == Expr.BinaryOp.OR)) {
      return a;
    }
    Value b = eval(e.right());
    if (a instanceof Value.Bad || b instanceof Value.Bad) return new Value.Bad();
    if (a instanceof Value.Num && b instanceof Value.Num) {
      return ScalarMath.binary(e.op(), ((Value.Num) a).value(), ((Value.Num) b).value());
    }
    switch (e.op()) {
      case AND:
      case OR:
        if (a instanceof Value.Bool && b instanceof Value.Bool) {
          boolean x = ((Value.Bool) a).value();
          boolean y = ((Value.Bool) b).value();
          return new Value.Bool(e.op() == Expr.BinaryOp.AND ? x && y : x || y);
        }
        return typeError(e, a, b);
      case EQ:
      case NE:
        if (a instanceof Value.Bool && b instanceof Value.Bool) {
          return new Value.Bool((a.equals(b)) == (e.op() == Expr.BinaryOp.EQ));
        }
        return typeError(e, a, b);
      case LT:
      case LE:
      case GT:
      case GE:
        return typeError(e, a, b);
      default:
        break;
    }
    if (graph == null) return typeError(e, a, b);
    if (e.op() == Expr.BinaryOp.POW) {
      Value.Tensor t = tensor(a, e.left().span());
      if (t == null) return new Value.Bad();
      if (!(b instanceof Value.Num)) {
        diags.error("type", e.right().span(), "the exponent of `^` must be a number");
        return new Value.Bad();
      }
      double p = ((Value.Num) b).value();
      if (t.xDependent() && p != 1) nonlinear = true;
      return graph.add(new Op.Power(t.node(), p), t.rows(), t.cols(), t.xDependent());
    }
    Value.Tensor l = tensor(a, e.left().span());
    Value.Tensor r = tensor(b, e.right().span());
    if (l == null || r == null) return new Value.Bad();
    boolean x = l.xDependent() || r.xDependent();
    boolean both = l.xDependent() && r.xDependent();
    if (e.op() == Expr.BinaryOp.MATMUL) {
      if (l.cols() != r.rows()) {
        diags.error("shape", e.span(), "cannot multiply " + Shapes.show(l) + " by " + Shapes.show(r)
            + ": inner dimensions " + Shapes.dim(l.cols()) + " and " + Shapes.dim(r.rows())
            + " differ");
        return new Value.Bad();
      }
      if (both) nonlinear = true;
      return graph.add(new Op.MatMul(l.node(), r.node()), l.rows(), r.cols(), x);
    }
    Op.BinaryFn fn = elementwise(e.op());
    var shape = Shapes.broadcast(l, r);
    if (shape.isEmpty()) {
      diags.error("shape", e.span(), "cannot " + verb(fn) + " " + Shapes.show(l) + " and "
          + Shapes.show(r) + ": shapes do not broadcast");
      return new Value.Bad();
    }
    if (fn == Op.BinaryFn.MUL && both) nonlinear = true;
    if (fn == Op.BinaryFn.DIV && r.xDependent()) nonlinear = true;
    // An offset added to a function of x makes it affine, and f(I) is then not its linear map.
    if ((fn == Op.BinaryFn.ADD || fn == Op.BinaryFn.SUB) && x && !both) nonlinear = true;
    return graph.add(new Op.Binary(fn, l.node(), r.node()), shape.get()[0], shape.get()[1], x);
  }

  private Value typeError(Expr.Binary e, Value a, Value b) {
    diags.error("type", e.span(), "`" + e.op().symbol + "` cannot combine " + Value.describe(a)
        + " and " + Value.describe(b));
    return new Value.Bad();
  }

  private static Op.BinaryFn elementwise(Expr.BinaryOp op) {
    switch (op) {
      case ADD:
        return Op.BinaryFn.ADD;
      case SUB:
        return Op.BinaryFn.SUB;
      case MUL:
        return Op.BinaryFn.MUL;
      case DIV:
        return Op.BinaryFn.DIV;
      default:
        throw new IllegalStateException(op.name());
    }
  }

  private static String verb(Op.BinaryFn fn) {
    switch (fn) {
      case ADD:
        return "add";
      case SUB:
        return "subtract";
      case MUL:
        return "multiply elementwise";
      default:
        return "divide";
    }
  }

  @Override
  public Value visitUnary(Expr.Unary e) {
    Value v = eval(e.operand());
    if (v instanceof Value.Bad) return v;
    if (e.op() == Expr.UnaryOp.NOT) {
      if (v instanceof Value.Bool) return new Value.Bool(!((Value.Bool) v).value());
      diags.error("type", e.span(), "`not` needs a boolean, got " + Value.describe(v));
      return new Value.Bad();
    }
    if (v instanceof Value.Num) return new Value.Num(-((Value.Num) v).value());
    if (graph == null) {
      diags.error("type", e.span(), "cannot negate " + Value.describe(v));
      return new Value.Bad();
    }
    Value.Tensor t = tensor(v, e.operand().span());
    if (t == null) return new Value.Bad();
    return graph.add(new Op.Unary(Op.UnaryFn.NEG, t.node()), t.rows(), t.cols(), t.xDependent());
  }

  @Override
  public Value visitTranspose(Expr.Transpose e) {
    Value v = eval(e.operand());
    if (v instanceof Value.Bad || v instanceof Value.Num) return v;
    if (graph == null) {
      diags.error("type", e.span(), "cannot transpose " + Value.describe(v) + " here");
      return new Value.Bad();
    }
    Value.Tensor t = tensor(v, e.operand().span());
    if (t == null) return new Value.Bad();
    return graph.add(new Op.Transpose(t.node()), t.cols(), t.rows(), t.xDependent());
  }

  @Override
  public Value visitIndex(Expr.Index e) {
    Value target = eval(e.target());
    if (target instanceof Value.Bad) return target;
    if (target instanceof Value.Vec && e.indices().size() == 1 && e.indices().get(0).isPresent()) {
      return element((Value.Vec) target, e);
    }
    if (!(target instanceof Value.Family) || e.indices().size() != 1
        || e.indices().get(0).isEmpty()) {
      diags.error("bad-index", e.span(),
          "only a tensor family member such as `W[l]` can be indexed here");
      return new Value.Bad();
    }
    Integer i = integer(e.indices().get(0).get(), "a family index");
    if (i == null) return new Value.Bad();
    Value.Family f = (Value.Family) target;
    Value.Tensor t = f.members().get(i);
    if (t == null) {
      diags.error("no-member", e.span(), "`" + f.name() + "[" + i + "]` was not declared; the family has "
          + f.members().keySet());
      return new Value.Bad();
    }
    return t;
  }

  /** {@code v[k]} of a compile-time vector, numbered from 0 like neurons and table columns. */
  private Value element(Value.Vec v, Expr.Index e) {
    Integer k = integer(e.indices().get(0).get(), "a vector index");
    if (k == null) return new Value.Bad();
    if (k < 0 || k >= v.values().size()) {
      diags.error("index-range", e.indices().get(0).get().span(), "index " + k
          + " is outside a vector of " + v.values().size() + " elements (indices run from 0 to "
          + (v.values().size() - 1) + ")");
      return new Value.Bad();
    }
    return new Value.Num(v.values().get(k));
  }

  @Override
  public Value visitMember(Expr.Member e) {
    diags.error("bad-expression", e.span(), "`.` is only allowed in reports and checks");
    return new Value.Bad();
  }

  @Override
  public Value visitCond(Expr.Cond e) {
    Value c = eval(e.condition());
    if (c instanceof Value.Bad) return c;
    if (!(c instanceof Value.Bool)) {
      diags.error("type", e.condition().span(), "the condition of `if` must be a boolean, got "
          + Value.describe(c));
      return new Value.Bad();
    }
    return ((Value.Bool) c).value() ? eval(e.then()) : eval(e.otherwise());
  }
}
