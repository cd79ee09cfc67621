package dyn.compiler.check;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Parametrization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a parametrization and an output scale γ to an unrolled model.
 *
 * <p>Each trained tensor's role is read off the forward graph: a parameter whose product
 * {@code W @ z} has z depending on x and on no parameter is input-layer, the parameter of the
 * product that is the model output is output-layer, and any other left factor of a product is
 * hidden. The hidden width n is the row count of the input-layer tensors. {@link AbcTable} turns
 * role and n into the init, forward and learning-rate multipliers; forward multipliers become
 * {@code w * n^{−a}} nodes right after each parameter, and γ a final {@code f̃ / γ} node. The
 * standard parametrization with γ = 1 returns the model unchanged.
 */
public final class Parametrizer {
  private Parametrizer() {}

  /** The rewritten model, or the reason the parametrization does not apply. */
  public record Result(ModelSpec model, String error) {
    static Result fail(String why) {
      return new Result(null, why);
    }
  }

  /**
   * Applies {@code kind} and {@code gamma} (γ &gt; 0) to {@code spec}. Under {@code standard} the
   * roles are still inferred where they can be (for labels and the coordinate check), with every
   * multiplier exactly 1; a model without roles stays as it is.
   */
  public static Result apply(ModelSpec spec, Parametrization.Kind kind, double gamma) {
    List<ParamSpec> params = new ArrayList<>(spec.params());
    ParamSpec.Role[] roles = new ParamSpec.Role[params.size()];
    String why = roles(spec, roles);
    if (why == null) why = widthOf(params, roles);
    int width = 0;
    int hiddenLayers = 0;
    if (why != null) {
      if (kind != Parametrization.Kind.STANDARD) {
        return Result.fail("parametrization `" + kind.scriptName() + "` needs each trained tensor"
            + " to be an input, hidden or output layer of `" + spec.name() + "` with one hidden"
            + " width, but " + why + "; only `standard` applies to this model");
      }
    } else {
      width = inputWidth(params, roles);
      hiddenLayers = 1;
      for (ParamSpec.Role r : roles) if (r == ParamSpec.Role.HIDDEN) hiddenLayers++;
      AbcTable row = AbcTable.of(kind);
      for (int p = 0; p < params.size(); p++) {
        ParamSpec.Scaling sc = kind == Parametrization.Kind.STANDARD
            ? new ParamSpec.Scaling(roles[p], 1.0, 1.0, 1.0)
            : row.scaling(roles[p], width);
        params.set(p, params.get(p).withScaling(sc));
      }
    }
    Graph forward = rewrite(spec.forward(), params, gamma);
    return new Result(new ModelSpec(spec.name(), spec.inputDim(), spec.outputDim(), params,
        forward, spec.neurons(), spec.linearInX(),
        new Parametrization(kind, width, hiddenLayers, gamma)), null);
  }

  private static int inputWidth(List<ParamSpec> params, ParamSpec.Role[] roles) {
    for (int p = 0; p < roles.length; p++) {
      if (roles[p] == ParamSpec.Role.INPUT) return params.get(p).rows();
    }
    return 0;
  }

  /** Null when every tensor's shape fits one hidden width n, else why not. */
  private static String widthOf(List<ParamSpec> params, ParamSpec.Role[] roles) {
    int width = inputWidth(params, roles);
    for (int p = 0; p < roles.length; p++) {
      ParamSpec ps = params.get(p);
      boolean fits = (roles[p] == ParamSpec.Role.INPUT && ps.rows() == width)
          || (roles[p] == ParamSpec.Role.OUTPUT && ps.cols() == width)
          || (roles[p] == ParamSpec.Role.HIDDEN && ps.rows() == width && ps.cols() == width);
      if (!fits) {
        return roles[p].name().toLowerCase(java.util.Locale.ROOT) + "-layer tensor `"
            + ps.name() + "` is " + ps.rows() + "×" + ps.cols() + ", which does not fit one"
            + " hidden width n = " + width;
      }
    }
    return null;
  }

  /**
   * Fills roles[p] for every parameter, or says why some parameter has no single role.
   */
  static String roles(ModelSpec spec, ParamSpec.Role[] roles) {
    List<Graph.Node> nodes = spec.forward().nodes();
    boolean[] onX = new boolean[nodes.size()];
    boolean[] onParam = new boolean[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      Op op = nodes.get(i).op();
      onX[i] = op instanceof Op.Input;
      onParam[i] = op instanceof Op.Param;
      for (int in : op.inputs()) {
        onX[i] |= onX[in];
        onParam[i] |= onParam[in];
      }
    }
    Arrays.fill(roles, ParamSpec.Role.NONE);
    int out = spec.forward().outputs().get(0);
    for (int i = 0; i < nodes.size(); i++) {
      if (!(nodes.get(i).op() instanceof Op.MatMul)) continue;
      Op.MatMul mm = (Op.MatMul) nodes.get(i).op();
      Op left = nodes.get(mm.a()).op();
      if (!(left instanceof Op.Param)) continue;
      int p = ((Op.Param) left).index();
      ParamSpec.Role role;
      if (onX[mm.b()] && !onParam[mm.b()]) role = ParamSpec.Role.INPUT;
      else role = ParamSpec.Role.HIDDEN;
      if (i == out) {
        if (role == ParamSpec.Role.INPUT) {
          return "`" + spec.params().get(p).name() + "` both multiplies x and gives the output"
              + " (a single layer has no hidden width)";
        }
        role = ParamSpec.Role.OUTPUT;
      }
      if (roles[p] != ParamSpec.Role.NONE && roles[p] != role) {
        return "`" + spec.params().get(p).name() + "` is used both as "
            + article(roles[p]) + " and as " + article(role);
      }
      roles[p] = role;
    }
    for (int p = 0; p < roles.length; p++) {
      if (roles[p] == ParamSpec.Role.NONE) {
        return "`" + spec.params().get(p).name() + "` is not the left factor of a product"
            + " `W @ z` in the forward pass";
      }
    }
    boolean hasOut = false;
    for (ParamSpec.Role r : roles) hasOut |= r == ParamSpec.Role.OUTPUT;
    if (!hasOut) return "its output is not a product `W_out @ z` of a trained tensor";
    return null;
  }

  private static String article(ParamSpec.Role r) {
    switch (r) {
      case INPUT:
        return "an input layer";
      case OUTPUT:
        return "the output layer";
      default:
        return "a hidden layer";
    }
  }

  /**
   * The forward graph with {@code w · forward} in place of every parameter whose forward
   * multiplier is not 1, and {@code f̃ / γ} as the output when γ ≠ 1. Both are exact graph
   * nodes, so autodiff sees them like any other op.
   */
  static Graph rewrite(Graph g, List<ParamSpec> params, double gamma) {
    List<Graph.Node> nodes = new ArrayList<>();
    int[] map = new int[g.nodes().size()];
    for (int i = 0; i < g.nodes().size(); i++) {
      Graph.Node n = g.nodes().get(i);
      nodes.add(new Graph.Node(GraphBuilder.renumber(n.op(), map), n.rows(), n.cols()));
      map[i] = nodes.size() - 1;
      if (n.op() instanceof Op.Param) {
        double m = params.get(((Op.Param) n.op()).index()).scaling().forward();
        if (m != 1.0) {
          nodes.add(new Graph.Node(new Op.Constant(List.of(m)), 1, 1));
          nodes.add(new Graph.Node(new Op.Binary(Op.BinaryFn.MUL, map[i], nodes.size() - 1),
              n.rows(), n.cols()));
          map[i] = nodes.size() - 1;
        }
      }
    }
    List<Integer> outputs = new ArrayList<>();
    for (int o : g.outputs()) outputs.add(map[o]);
    if (gamma != 1.0) {
      int f = outputs.get(0);
      Graph.Node fn = nodes.get(f);
      nodes.add(new Graph.Node(new Op.Constant(List.of(gamma)), 1, 1));
      nodes.add(new Graph.Node(new Op.Binary(Op.BinaryFn.DIV, f, nodes.size() - 1), fn.rows(),
          fn.cols()));
      outputs.set(0, nodes.size() - 1);
    }
    return new Graph(nodes, outputs);
  }
}
