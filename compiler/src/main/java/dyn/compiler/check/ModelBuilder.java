package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Body;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates a model definition: unrolls its body into a forward {@link Graph} with shapes,
 * collects its parameters and neuron decomposition, and decides whether it is linear in x. The
 * input width d is the header parameter named {@code d}.
 */
public final class ModelBuilder extends BodyWalker {
  private final Program.Definition def;
  private final GraphBuilder graph;
  private final List<ParamSpec> params = new ArrayList<>();
  private final Map<String, Integer> paramIndex = new LinkedHashMap<>();
  private ModelSpec.Neurons neurons;
  private boolean sawNeurons;
  private Value.Tensor output;
  private boolean sawReturn;

  private ModelBuilder(Program.Definition def, Map<String, Value> headers, GraphBuilder graph,
      Diagnostics diags) {
    super(diags, headers, graph, false, 0);
    this.def = def;
    this.graph = graph;
  }

  /**
   * The unrolled model, or empty when its body has errors.
   *
   * @param diags where body errors go: a collector for the definition's own file
   */
  public static Optional<ModelSpec> build(Program.Definition def, Map<String, Value> headers,
      Diagnostics diags) {
    Value d = headers.get("d");
    if (!(d instanceof Value.Num) || ((Value.Num) d).value() < 1
        || ((Value.Num) d).value() != Math.rint(((Value.Num) d).value())) {
      diags.error("no-input-width", def.syntax().name().span(), "model `" + def.name()
          + "` needs a header parameter `d` (its input dimension) bound to a whole number ≥ 1");
      return Optional.empty();
    }
    int width = (int) ((Value.Num) d).value();
    GraphBuilder graph = new GraphBuilder();
    ModelBuilder m = new ModelBuilder(def, headers, graph, diags);
    m.env.put("x", graph.add(new Op.Input(0), width, Shapes.BATCH, true));
    int before = m.diags.list().size();
    m.walk(def.syntax().body());
    if (!m.sawReturn) {
      m.diags.error("no-return", def.syntax().name().span(),
          "model `" + def.name() + "` has no `return`");
    } else if (m.output != null && (!m.output.xDependent() || m.output.cols() != Shapes.BATCH)) {
      m.diags.error("output-not-per-sample", def.syntax().name().span(), "model `" + def.name()
          + "` must return one column per sample (c×n), got " + Shapes.show(m.output));
    }
    if (m.diags.list().size() > before || m.output == null) return Optional.empty();
    return Optional.of(new ModelSpec(def.name(), width, m.output.rows(), m.params,
        graph.build(List.of(m.output.node())), Optional.ofNullable(m.neurons),
        !m.eval.nonlinear()));
  }

  @Override
  public Void visitTensor(Body.Tensor b) {
    // A failed declaration still binds its name, so uses of it do not add "unknown name" noise.
    if (!declare(b)) env.putIfAbsent(b.name().name(), new Value.Bad());
    return null;
  }

  private boolean declare(Body.Tensor b) {
    String base = b.name().name();
    String name = base;
    Integer member = null;
    if (b.index().isPresent()) {
      member = eval.integer(b.index().get(), "a family index");
      if (member == null) return false;
      name = base + "[" + member + "]";
    }
    List<Integer> dims = new ArrayList<>();
    for (Expr e : b.shape()) {
      Integer n = eval.count(e, "a dimension", 1);
      if (n == null) return false;
      dims.add(n);
    }
    if (dims.isEmpty() || dims.size() > 2) {
      diags.error("bad-shape", b.span(), "a parameter shape is [rows] or [rows, cols]");
      return false;
    }
    ParamSpec.Distribution dist = distribution(b.distribution());
    if (dist == null) return false;
    if (paramIndex.containsKey(name) || (member == null && env.containsKey(name))) {
      diags.error("duplicate-name", b.name().span(), "`" + name + "` is already defined");
      return false;
    }
    int rows = dims.get(0);
    int cols = dims.size() == 2 ? dims.get(1) : 1;
    paramIndex.put(name, params.size());
    Value.Tensor t = graph.add(new Op.Param(params.size()), rows, cols, false);
    params.add(new ParamSpec(name, rows, cols, dist));
    if (member == null) {
      env.put(name, t);
    } else {
      Value f = env.get(base);
      Map<Integer, Value.Tensor> members = new LinkedHashMap<>();
      if (f instanceof Value.Family) members.putAll(((Value.Family) f).members());
      members.put(member, t);
      env.put(base, new Value.Family(base, members));
    }
    return true;
  }

  private ParamSpec.Distribution distribution(Expr.Call c) {
    String f = c.callee().name();
    int n = f.equals("constant") ? 1 : 2;
    List<Expr> a = eval.positional(c, n);
    if (a == null) return null;
    List<Double> v = new ArrayList<>();
    for (Expr e : a) {
      Double d = eval.number(e, "an argument of `" + f + "`");
      if (d == null) return null;
      v.add(d);
    }
    switch (f) {
      case "normal":
        if (v.get(1) < 0) {
          diags.error("bad-distribution", a.get(1).span(), "the variance of `normal` must be ≥ 0, got "
              + Format.num(v.get(1)));
          return null;
        }
        return new ParamSpec.Distribution.Normal(v.get(0), v.get(1));
      case "uniform":
        if (!(v.get(0) < v.get(1))) {
          diags.error("bad-distribution", c.span(), "`uniform(lo, hi)` needs lo < hi");
          return null;
        }
        return new ParamSpec.Distribution.Uniform(v.get(0), v.get(1));
      default:
        return new ParamSpec.Distribution.Constant(v.get(0));
    }
  }

  @Override
  public Void visitNeuron(Body.Neuron b) {
    if (sawNeurons) {
      diags.error("duplicate-neurons", b.span(), "a model has at most one `neuron` declaration");
      return null;
    }
    sawNeurons = true;
    Integer count = eval.count(b.count(), "the neuron count", 1);
    if (count == null) return null;
    List<ModelSpec.Part> parts = new ArrayList<>();
    for (Expr p : b.parts()) {
      ModelSpec.Part part = NeuronParts.part(p, b.index().name(), count, paramIndex, params, diags);
      if (part == null) return null;
      parts.add(part);
    }
    neurons = new ModelSpec.Neurons(count, parts);
    return null;
  }

  @Override
  public Void visitReturn(Body.Return b) {
    Value v = eval.eval(b.value());
    if (sawReturn) {
      diags.error("duplicate-return", b.span(), "a model returns once");
      return null;
    }
    sawReturn = true;
    if (v instanceof Value.Bad) return null;
    output = eval.tensor(v, b.value().span());
    return null;
  }

  @Override
  protected void assignOther(Body.Assign b, Value v) {
    diags.error("not-a-local", b.name().span(), "`" + b.name().name()
        + "` is not a local; declare it with `let` first");
  }
}
