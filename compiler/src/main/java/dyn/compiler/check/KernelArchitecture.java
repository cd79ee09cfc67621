package dyn.compiler.check;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TheoryStep.KernelLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model's forward graph as a fully connected chain f = W_{L+1} φ_L(… φ_1(W_1 x)) / γ and
 * works out what the infinite-width kernel recursion needs per layer: σ² (fan-in × the variance
 * of an effective weight entry, from the declared draw, the init scale and the
 * parametrization's init and forward multipliers) and ρ (the layer's NTK weight: lr multiplier ×
 * forward multiplier² × fan-in). Anything else has no closed-form kernel here, and the reason
 * is returned for the diagnostic.
 */
final class KernelArchitecture {
  /** Activations whose Gaussian expectations T and Ṫ dyn has in closed form. */
  static final Set<Op.UnaryFn> CLOSED_FORM =
      Set.of(Op.UnaryFn.LINEAR, Op.UnaryFn.RELU, Op.UnaryFn.SQUARE);

  /** The layers, or the reason there are none. */
  record Result(List<KernelLayer> layers, double outputScale, String problem, String hint) {}

  private KernelArchitecture() {}

  static Result of(ModelSpec spec, InitSpec init) {
    if (init.kind() != InitSpec.Kind.DECLARED) {
      return fail("its init is `" + init.kind().name().toLowerCase(java.util.Locale.ROOT)
          + "`, not a Gaussian draw", "use the default init (`init = gaussian`)");
    }
    Graph g = spec.forward();
    if (g.outputs().size() != 1) return fail("it has several outputs", null);
    int node = g.outputs().get(0);
    double outputScale = 1;
    Op op = g.nodes().get(node).op();
    Double gamma = constantRight(g, op, Op.BinaryFn.DIV);
    if (gamma != null) {
      outputScale = 1 / (gamma * gamma);
      node = ((Op.Binary) op).a();
    }
    List<KernelLayer> layers = new ArrayList<>();
    Optional<Op.UnaryFn> after = Optional.empty();
    while (true) {
      op = g.nodes().get(node).op();
      if (op instanceof Op.Unary) {
        Op.UnaryFn fn = ((Op.Unary) op).fn();
        if (layers.isEmpty()) {
          return fail("its output goes through `" + name(fn) + "`; the kernel recursion needs a"
              + " linear output layer", null);
        }
        if (!CLOSED_FORM.contains(fn)) {
          return fail("activation `" + name(fn) + "` has no closed-form Gaussian expectation in"
              + " dyn", "closed forms exist for linear, relu and square");
        }
        after = Optional.of(fn);
        node = ((Op.Unary) op).a();
        continue;
      }
      if (!(op instanceof Op.MatMul)) {
        return fail("it is not a chain of dense layers `W @ act(…)` (found "
            + describe(op) + ")", "the kernels are for fully connected nets such as `two_layer`"
            + " and `deep_linear`");
      }
      Op.MatMul m = (Op.MatMul) op;
      Op left = g.nodes().get(m.a()).op();
      double forward = 1;
      Double c = constantRight(g, left, Op.BinaryFn.MUL);
      if (c != null) {
        forward = c;
        left = g.nodes().get(((Op.Binary) left).a()).op();
      }
      if (!(left instanceof Op.Param)) {
        return fail("a product's left factor is not a weight matrix", null);
      }
      int p = ((Op.Param) left).index();
      ParamSpec ps = spec.params().get(p);
      if (!(ps.init() instanceof ParamSpec.Distribution.Normal)
          || ((ParamSpec.Distribution.Normal) ps.init()).mean() != 0) {
        return fail("weight `" + ps.name() + "` is not drawn from a centred normal",
            "declare it `~ normal(0, v)`");
      }
      double v = ((ParamSpec.Distribution.Normal) ps.init()).variance();
      double entry = v * Math.pow(init.scale() * ps.scaling().init() * forward, 2);
      int fanIn = ps.cols();
      layers.add(new KernelLayer(p, entry * fanIn, ps.scaling().lr() * forward * forward * fanIn,
          after));
      after = Optional.empty();
      node = m.b();
      if (g.nodes().get(node).op() instanceof Op.Input) break;
    }
    // Read output-first, each layer carries the activation applied to its own output.
    Collections.reverse(layers);
    List<KernelLayer> fixed = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      KernelLayer k = layers.get(l);
      // Two products with nothing between them are a linear activation.
      boolean hidden = l + 1 < layers.size();
      fixed.add(hidden && k.activation().isEmpty() ? withLinear(k) : k);
    }
    return new Result(fixed, outputScale, null, null);
  }

  private static KernelLayer withLinear(KernelLayer k) {
    return new KernelLayer(k.param(), k.weightVariance(), k.weightRate(),
        Optional.of(Op.UnaryFn.LINEAR));
  }

  /** The constant c of {@code a FN c} (a 1×1 constant on the right), else null. */
  private static Double constantRight(Graph g, Op op, Op.BinaryFn fn) {
    if (!(op instanceof Op.Binary) || ((Op.Binary) op).fn() != fn) return null;
    Op b = g.nodes().get(((Op.Binary) op).b()).op();
    if (!(b instanceof Op.Constant) || ((Op.Constant) b).values().size() != 1) return null;
    return ((Op.Constant) b).values().get(0);
  }

  private static String name(Op.UnaryFn fn) {
    return fn.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String describe(Op op) {
    if (op instanceof Op.Binary) {
      return "an elementwise `" + name(((Op.Binary) op).fn()) + "`";
    }
    if (op instanceof Op.Input) return "the input used directly";
    return "`" + op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "`";
  }

  private static String name(Op.BinaryFn fn) {
    switch (fn) {
      case ADD: return "+";
      case SUB: return "-";
      case MUL: return "*";
      default: return "/";
    }
  }

  private static Result fail(String problem, String hint) {
    return new Result(List.of(), 1, problem, hint);
  }
}
