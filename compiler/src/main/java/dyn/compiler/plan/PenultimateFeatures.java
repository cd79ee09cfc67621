package dyn.compiler.plan;

import java.util.OptionalInt;

/**
 * Finds a model's penultimate-layer features: the h of an output f = W @ h, where W does not
 * depend on x and h does. On the way from the output to that product it steps over what the
 * last layer may add that does not mix samples: a bias or other x-independent term added or
 * subtracted ({@code W @ h + b}), a 1×1 x-independent factor or divisor (a parametrization's
 * forward multiplier, the output scale's {@code / γ}), and {@code linear}. Neural-collapse
 * metrics are defined on these features (wave2.md §4.3); for a linear model f = W @ x they are
 * the inputs themselves.
 */
public final class PenultimateFeatures {
  private PenultimateFeatures() {}

  /** The node holding the D×n features h, or empty when the output is not such a layer. */
  public static OptionalInt node(Graph g) {
    if (g.outputs().size() != 1) return OptionalInt.empty();
    boolean[] onX = dependsOnInput(g);
    int node = g.outputs().get(0);
    while (true) {
      Op op = g.nodes().get(node).op();
      if (op instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) op;
        return !onX[m.a()] && onX[m.b()] ? OptionalInt.of(m.b()) : OptionalInt.empty();
      } else if (op instanceof Op.Unary && ((Op.Unary) op).fn() == Op.UnaryFn.LINEAR) {
        node = ((Op.Unary) op).a();
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        boolean additive = b.fn() == Op.BinaryFn.ADD || b.fn() == Op.BinaryFn.SUB;
        if (onX[b.a()] == onX[b.b()]) return OptionalInt.empty();
        int other = onX[b.a()] ? b.b() : b.a();
        if (!additive && !scalar(g, other)) return OptionalInt.empty();
        // Dividing by the features (c / (W @ h)) is not a layer on top of them.
        if (b.fn() == Op.BinaryFn.DIV && onX[b.b()]) return OptionalInt.empty();
        node = onX[b.a()] ? b.a() : b.b();
      } else {
        return OptionalInt.empty();
      }
    }
  }

  private static boolean scalar(Graph g, int node) {
    Graph.Node n = g.nodes().get(node);
    return n.rows() == 1 && n.cols() == 1;
  }

  /** For each node, whether its value changes with the input x. */
  private static boolean[] dependsOnInput(Graph g) {
    boolean[] on = new boolean[g.nodes().size()];
    for (int i = 0; i < on.length; i++) {
      Op op = g.nodes().get(i).op();
      on[i] = op instanceof Op.Input;
      for (int in : op.inputs()) on[i] |= on[in];
    }
    return on;
  }
}
