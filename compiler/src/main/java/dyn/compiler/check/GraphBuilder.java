package dyn.compiler.check;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import java.util.ArrayList;
import java.util.List;

/** Appends SSA nodes while a body is unrolled, then freezes them into a {@link Graph}. */
public final class GraphBuilder {
  private final List<Graph.Node> nodes = new ArrayList<>();

  /** Appends a node and returns it as a tensor value. */
  public Value.Tensor add(Op op, int rows, int cols, boolean xDependent) {
    nodes.add(new Graph.Node(op, rows, cols));
    return new Value.Tensor(nodes.size() - 1, rows, cols, xDependent);
  }

  /** A constant column vector (a 1×1 scalar when it has one entry). */
  public Value.Tensor constant(List<Double> column) {
    return add(new Op.Constant(column), column.size(), 1, false);
  }

  /** A constant rows×cols matrix filled with one value. */
  public Value.Tensor filled(int rows, int cols, double v) {
    List<Double> values = new ArrayList<>(rows * cols);
    for (int i = 0; i < rows * cols; i++) values.add(v);
    return add(new Op.Constant(values), rows, cols, false);
  }

  /** The graph with every node kept. */
  public Graph build(List<Integer> outputs) {
    return new Graph(nodes, outputs);
  }

  /**
   * The graph restricted to the nodes the outputs need, renumbered in the same order. Dataset
   * graphs are pruned so that a split of size 0 (n_test = 0) draws nothing.
   */
  public Graph buildPruned(List<Integer> outputs) {
    boolean[] live = new boolean[nodes.size()];
    for (int o : outputs) live[o] = true;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (live[i]) for (int in : nodes.get(i).op().inputs()) live[in] = true;
    }
    int[] map = new int[nodes.size()];
    List<Graph.Node> kept = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!live[i]) continue;
      map[i] = kept.size();
      Graph.Node n = nodes.get(i);
      kept.add(new Graph.Node(renumber(n.op(), map), n.rows(), n.cols()));
    }
    List<Integer> outs = new ArrayList<>();
    for (int o : outputs) outs.add(map[o]);
    return new Graph(kept, outs);
  }

  static Op renumber(Op op, int[] m) {
    if (op instanceof Op.MatMul) {
      Op.MatMul o = (Op.MatMul) op;
      return new Op.MatMul(m[o.a()], m[o.b()]);
    }
    if (op instanceof Op.Binary) {
      Op.Binary o = (Op.Binary) op;
      return new Op.Binary(o.fn(), m[o.a()], m[o.b()]);
    }
    if (op instanceof Op.Unary) return new Op.Unary(((Op.Unary) op).fn(), m[((Op.Unary) op).a()]);
    if (op instanceof Op.Power) return new Op.Power(m[((Op.Power) op).a()], ((Op.Power) op).exponent());
    if (op instanceof Op.Transpose) return new Op.Transpose(m[((Op.Transpose) op).a()]);
    if (op instanceof Op.Sum) return new Op.Sum(((Op.Sum) op).axis(), m[((Op.Sum) op).a()]);
    if (op instanceof Op.Diag) {
      Op.Diag o = (Op.Diag) op;
      return new Op.Diag(m[o.a()], o.rows(), o.cols());
    }
    if (op instanceof Op.Whiten) return new Op.Whiten(m[((Op.Whiten) op).a()]);
    if (op instanceof Op.Shuffle) {
      return new Op.Shuffle(m[((Op.Shuffle) op).a()], ((Op.Shuffle) op).stream());
    }
    if (op instanceof Op.Mask) {
      Op.Mask o = (Op.Mask) op;
      return new Op.Mask(m[o.a()], o.p(), o.stream());
    }
    if (op instanceof Op.Corrupt) {
      Op.Corrupt o = (Op.Corrupt) op;
      return new Op.Corrupt(m[o.a()], o.fraction(), o.classes(), o.stream());
    }
    if (op instanceof Op.Slice) {
      Op.Slice o = (Op.Slice) op;
      return new Op.Slice(m[o.a()], o.start(), o.count());
    }
    if (op instanceof Op.Concat) {
      Op.Concat o = (Op.Concat) op;
      List<Integer> parts = new ArrayList<>();
      for (int part : o.parts()) parts.add(m[part]);
      return new Op.Concat(parts, o.vertical());
    }
    return op; // leaves: Input, Param, Constant, Normal, Orthogonal, Load
  }
}
