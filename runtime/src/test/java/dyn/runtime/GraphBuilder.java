package dyn.runtime;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import java.util.ArrayList;
import java.util.List;

/** Test-side builder of plan graphs: each method appends a node and returns its index. */
public final class GraphBuilder {
  private final List<Graph.Node> nodes = new ArrayList<>();
  private final List<int[]> shapes = new ArrayList<>();

  public int add(Op op, int rows, int cols) {
    nodes.add(new Graph.Node(op, rows, cols));
    shapes.add(new int[] {rows, cols});
    return nodes.size() - 1;
  }

  public int rows(int i) {
    return shapes.get(i)[0];
  }

  public int cols(int i) {
    return shapes.get(i)[1];
  }

  public int input(int d, int n) {
    return add(new Op.Input(0), d, n);
  }

  public int param(int index, int rows, int cols) {
    return add(new Op.Param(index), rows, cols);
  }

  public int constant(int rows, int cols, double... values) {
    List<Double> v = new ArrayList<>();
    for (double x : values) v.add(x);
    return add(new Op.Constant(v), rows, cols);
  }

  public int matmul(int a, int b) {
    return add(new Op.MatMul(a, b), rows(a), cols(b));
  }

  public int binary(Op.BinaryFn fn, int a, int b) {
    return add(new Op.Binary(fn, a, b), Math.max(rows(a), rows(b)), Math.max(cols(a), cols(b)));
  }

  public int unary(Op.UnaryFn fn, int a) {
    return add(new Op.Unary(fn, a), rows(a), cols(a));
  }

  public int power(int a, double p) {
    return add(new Op.Power(a, p), rows(a), cols(a));
  }

  public int transpose(int a) {
    return add(new Op.Transpose(a), cols(a), rows(a));
  }

  public int sum(Op.Axis axis, int a) {
    return add(new Op.Sum(axis, a), axis == Op.Axis.COLUMNS ? rows(a) : 1,
        axis == Op.Axis.ROWS ? cols(a) : 1);
  }

  public int normal(int rows, int cols, long stream) {
    return add(new Op.Normal(rows, cols, stream), rows, cols);
  }

  public int orthogonal(int n, long stream) {
    return add(new Op.Orthogonal(n, stream), n, n);
  }

  public int diag(int a, int rows, int cols) {
    return add(new Op.Diag(a, rows, cols), rows, cols);
  }

  public int whiten(int a) {
    return add(new Op.Whiten(a), rows(a), cols(a));
  }

  public int slice(int a, int start, int count) {
    return add(new Op.Slice(a, start, count), count, cols(a));
  }

  public int concat(boolean vertical, int... parts) {
    List<Integer> p = new ArrayList<>();
    int r = 0;
    int c = 0;
    for (int part : parts) {
      p.add(part);
      r = vertical ? r + rows(part) : rows(part);
      c = vertical ? cols(part) : c + cols(part);
    }
    return add(new Op.Concat(p, vertical), r, c);
  }

  public Graph build(int... outputs) {
    List<Integer> out = new ArrayList<>();
    for (int o : outputs) out.add(o);
    return new Graph(nodes, out);
  }
}
