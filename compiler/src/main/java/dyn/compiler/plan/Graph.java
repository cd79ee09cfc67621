package dyn.compiler.plan;

import java.util.List;

/**
 * A static computation over 2-D matrices, in SSA form: node i may only read nodes with smaller
 * indices. Models' forward passes and datasets' generators are both graphs; the runtime
 * evaluates them, and differentiates model graphs with respect to their {@link Op.Param}s.
 *
 * <p>Every value is a matrix: a scalar is 1×1 and a vector of length d is d×1.
 *
 * @param nodes the nodes, in evaluation order
 * @param outputs indices of the nodes whose values are the graph's results
 */
public record Graph(List<Node> nodes, List<Integer> outputs) {
  /**
   * The column count recorded for per-sample values in model graphs: the number of samples n is
   * only known when the model meets a dataset, so {@code x} is d×BATCH, {@code W @ x} is r×BATCH.
   */
  public static final int BATCH = -1;

  public Graph {
    nodes = List.copyOf(nodes);
    outputs = List.copyOf(outputs);
    for (int i = 0; i < nodes.size(); i++) {
      for (int in : nodes.get(i).op().inputs()) {
        if (in < 0 || in >= i) {
          throw new IllegalArgumentException("node " + i + " reads node " + in);
        }
      }
    }
  }

  /** One value: the op that computes it and its shape. */
  public record Node(Op op, int rows, int cols) {}

  /** The node computing output k. */
  public Node output(int k) {
    return nodes.get(outputs.get(k));
  }
}
