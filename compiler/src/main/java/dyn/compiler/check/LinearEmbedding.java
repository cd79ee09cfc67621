package dyn.compiler.check;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;

/**
 * Whether a model is the linear embedding f(x) = W x of reference §5 (one trained tensor W,
 * d × m, applied to the input and nothing else): the model whose Barlow Twins dynamics the
 * stepwise closed form and the view-aligned init describe. Read off the forward graph, so a
 * scaled output (γ, a parametrization's multiplier), a bias or a second layer is refused.
 */
final class LinearEmbedding {
  private LinearEmbedding() {}

  /** Why the model is not f(x) = W x, or null when it is. */
  static String problem(ModelSpec m) {
    if (m.params().size() != 1) {
      return "it has " + m.params().size() + " parameter tensors, and the closed form is for one"
          + " matrix W with f(x) = W x";
    }
    Graph g = m.forward();
    Graph.Node out = g.output(0);
    if (out.op() instanceof Op.MatMul) {
      Op.MatMul mm = (Op.MatMul) out.op();
      if (g.nodes().get(mm.a()).op() instanceof Op.Param
          && g.nodes().get(mm.b()).op() instanceof Op.Input) {
        return null;
      }
    }
    return "its output is not W @ x (a scale, bias, activation or second layer changes the"
        + " dynamics the closed form describes)";
  }
}
