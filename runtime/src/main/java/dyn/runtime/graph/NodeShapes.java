package dyn.runtime.graph;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;

/**
 * The shape rules of graph nodes compiled for input width n: one copy, shared by the CPU
 * {@link Program} and the device program of the CUDA backend, so the two agree node for node.
 */
public final class NodeShapes {
  private NodeShapes() {}

  /**
   * Sets rows[i] and cols[i] for node i, whose inputs' shapes are already set.
   *
   * @throws IllegalArgumentException when the node's inputs do not fit
   */
  public static void resolve(int i, Graph.Node node, int[][] ps, int inputRows, int n, int[] rows,
      int[] cols) {
    Op op = node.op();
    int r;
    int c;
    if (op instanceof Op.Input) {
      r = inputRows;
      c = n;
    } else if (op instanceof Op.Param) {
      int[] s = ps[((Op.Param) op).index()];
      r = s[0];
      c = s[1];
    } else if (op instanceof Op.MatMul) {
      Op.MatMul m = (Op.MatMul) op;
      if (cols[m.a()] != rows[m.b()]) throw shapeError(i, "matmul of " + dims(rows, cols, m.a()) + " and " + dims(rows, cols, m.b()));
      r = rows[m.a()];
      c = cols[m.b()];
    } else if (op instanceof Op.Binary) {
      Op.Binary b = (Op.Binary) op;
      r = broadcast(i, rows[b.a()], rows[b.b()]);
      c = broadcast(i, cols[b.a()], cols[b.b()]);
    } else if (op instanceof Op.Unary) {
      r = rows[((Op.Unary) op).a()];
      c = cols[((Op.Unary) op).a()];
    } else if (op instanceof Op.Power) {
      r = rows[((Op.Power) op).a()];
      c = cols[((Op.Power) op).a()];
    } else if (op instanceof Op.Transpose) {
      r = cols[((Op.Transpose) op).a()];
      c = rows[((Op.Transpose) op).a()];
    } else if (op instanceof Op.Sum) {
      Op.Sum s = (Op.Sum) op;
      r = s.axis() == Op.Axis.COLUMNS ? rows[s.a()] : 1;
      c = s.axis() == Op.Axis.ROWS ? cols[s.a()] : 1;
    } else if (op instanceof Op.Slice) {
      Op.Slice sl = (Op.Slice) op;
      if (sl.start() + sl.count() > rows[sl.a()]) throw shapeError(i, "rows out of range of " + dims(rows, cols, sl.a()));
      r = sl.count();
      c = cols[sl.a()];
    } else if (op instanceof Op.Concat) {
      Op.Concat cat = (Op.Concat) op;
      int first = cat.parts().get(0);
      r = cat.vertical() ? 0 : rows[first];
      c = cat.vertical() ? cols[first] : 0;
      for (int part : cat.parts()) {
        if (cat.vertical() ? cols[part] != c : rows[part] != r) throw shapeError(i, "cannot join " + dims(rows, cols, part));
        if (cat.vertical()) r += rows[part];
        else c += cols[part];
      }
    } else if (op instanceof Op.Whiten) {
      r = rows[((Op.Whiten) op).a()];
      c = cols[((Op.Whiten) op).a()];
    } else if (op instanceof Op.Shuffle) {
      r = rows[((Op.Shuffle) op).a()];
      c = cols[((Op.Shuffle) op).a()];
    } else if (op instanceof Op.Mask) {
      r = rows[((Op.Mask) op).a()];
      c = cols[((Op.Mask) op).a()];
    } else if (op instanceof Op.Corrupt) {
      r = rows[((Op.Corrupt) op).a()];
      c = cols[((Op.Corrupt) op).a()];
    } else if (op instanceof Op.Load) {
      r = ((Op.Load) op).rows();
      c = ((Op.Load) op).cols();
    } else if (op instanceof Op.Diag) {
      r = ((Op.Diag) op).rows();
      c = ((Op.Diag) op).cols();
    } else if (op instanceof Op.Orthogonal) {
      r = ((Op.Orthogonal) op).n();
      c = r;
    } else if (op instanceof Op.Normal) {
      r = ((Op.Normal) op).rows();
      c = ((Op.Normal) op).cols();
    } else {
      // Constant: its shape is the compiler's.
      r = node.rows();
      c = node.cols();
    }
    rows[i] = r;
    cols[i] = c;
  }

  private static int broadcast(int i, int x, int y) {
    if (x == y || y == 1) return x;
    if (x == 1) return y;
    throw shapeError(i, "cannot broadcast " + x + " against " + y);
  }

  private static String dims(int[] rows, int[] cols, int i) {
    return rows[i] + "×" + cols[i];
  }

  static IllegalArgumentException shapeError(int i, String what) {
    return new IllegalArgumentException("node " + i + ": " + what);
  }
}
