package dyn.compiler.check;

import java.util.Optional;

/**
 * Shape rules of the graph ops. The batch dimension of model graphs (the number of samples, not
 * known until training) is {@link #BATCH}; it only agrees with itself.
 */
public final class Shapes {
  /** The symbolic sample count in model graphs; also stored in {@code Graph.Node#cols}. */
  public static final int BATCH = dyn.compiler.plan.Graph.BATCH;

  private Shapes() {}

  /** {@code [6×8]}, with {@code n} for the batch dimension. */
  public static String show(int rows, int cols) {
    return "[" + dim(rows) + "×" + dim(cols) + "]";
  }

  static String show(Value.Tensor t) {
    return show(t.rows(), t.cols());
  }

  static String dim(int d) {
    return d == BATCH ? "n" : Integer.toString(d);
  }

  /** The broadcast result of two elementwise operands, or empty when they do not broadcast. */
  static Optional<int[]> broadcast(Value.Tensor a, Value.Tensor b) {
    int r = one(a.rows(), b.rows());
    int c = one(a.cols(), b.cols());
    if (r == Integer.MIN_VALUE || c == Integer.MIN_VALUE) return Optional.empty();
    return Optional.of(new int[] {r, c});
  }

  private static int one(int a, int b) {
    if (a == b) return a;
    if (a == 1) return b;
    if (b == 1) return a;
    return Integer.MIN_VALUE;
  }
}
