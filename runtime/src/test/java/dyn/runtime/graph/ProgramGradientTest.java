package dyn.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reverse mode against central finite differences, one graph per op and broadcast shape. The
 * scalar checked is Σ w ⊙ f(θ) for a fixed random w, so every output entry's gradient counts.
 */
class ProgramGradientTest {
  private static final int D = 3;
  private static final int N = 4;
  /** Parameters: A 2×3, b 2×1, r 1×4, s 1×1, C 2×4, v 3×1. */
  private static final int[][] SHAPES = {{2, 3}, {2, 1}, {1, 4}, {1, 1}, {2, 4}, {3, 1}};

  private static final class Nodes {
    final GraphBuilder g = new GraphBuilder();
    final int x = g.input(D, N);
    final int a = g.param(0, 2, 3);
    final int b = g.param(1, 2, 1);
    final int r = g.param(2, 1, 4);
    final int s = g.param(3, 1, 1);
    final int c = g.param(4, 2, 4);
    final int v = g.param(5, 3, 1);
    final int h = g.matmul(a, x);
  }

  private static List<Object[]> cases() {
    List<Object[]> c = new ArrayList<>();
    add(c, "matmul", (n, g) -> g.matmul(n.a, n.x));
    add(c, "matmul of two params", (n, g) -> g.matmul(g.transpose(n.v), g.transpose(n.a)));
    for (Op.BinaryFn fn : Op.BinaryFn.values()) {
      boolean div = fn == Op.BinaryFn.DIV;
      add(c, fn + " same shape", (n, g) -> g.binary(fn, n.h, div ? pos(g, n.c) : n.c));
      add(c, fn + " column broadcast", (n, g) -> g.binary(fn, n.h, div ? pos(g, n.b) : n.b));
      add(c, fn + " row broadcast", (n, g) -> g.binary(fn, div ? pos(g, n.r) : n.r, n.h));
      add(c, fn + " scalar broadcast", (n, g) -> g.binary(fn, n.h, div ? pos(g, n.s) : n.s));
    }
    for (Op.UnaryFn fn : Op.UnaryFn.values()) {
      boolean positive = fn == Op.UnaryFn.LOG || fn == Op.UnaryFn.SQRT;
      add(c, "unary " + fn, (n, g) -> g.unary(fn, positive ? pos(g, n.h) : n.h));
    }
    add(c, "power 3", (n, g) -> g.power(n.h, 3));
    add(c, "power 1.5", (n, g) -> g.power(pos(g, n.h), 1.5));
    add(c, "transpose", (n, g) -> g.transpose(n.h));
    for (Op.Axis axis : Op.Axis.values()) add(c, "sum " + axis, (n, g) -> g.sum(axis, n.h));
    add(c, "diag", (n, g) -> g.matmul(g.diag(n.v, 2, 3), n.x));
    add(c, "rows slice", (n, g) -> g.binary(Op.BinaryFn.MUL, g.slice(n.h, 1, 1), g.slice(n.c, 0, 1)));
    add(c, "stack", (n, g) -> g.unary(Op.UnaryFn.SQUARE, g.concat(true, n.h, n.r, n.c)));
    add(c, "concat", (n, g) -> g.unary(Op.UnaryFn.TANH, g.concat(false, n.h, n.b, n.c)));
    add(c, "bilinear attention head", (n, g) -> g.binary(Op.BinaryFn.MUL,
        g.matmul(g.slice(n.a, 0, 1), n.x), g.matmul(g.slice(n.a, 1, 1), n.x)));
    add(c, "param used twice", (n, g) -> g.binary(Op.BinaryFn.MUL, n.h, g.matmul(n.a, n.x)));
    add(c, "two-layer tanh", (n, g) -> g.matmul(g.transpose(g.binary(Op.BinaryFn.ADD,
        g.unary(Op.UnaryFn.TANH, g.binary(Op.BinaryFn.ADD, n.h, n.b)), n.r)),
        g.unary(Op.UnaryFn.SIGMOID, n.h)));
    return c;
  }

  /** x² + 0.5: a positive version of a node, for log, sqrt, division, fractional powers. */
  private static int pos(GraphBuilder g, int a) {
    return g.binary(Op.BinaryFn.ADD, g.unary(Op.UnaryFn.SQUARE, a), g.constant(1, 1, 0.5));
  }

  private static void add(List<Object[]> c, String name, BiFunction<Nodes, GraphBuilder, Integer> f) {
    c.add(new Object[] {name, f});
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> everyOpMatchesFiniteDifferences() {
    return cases().stream().map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
      Nodes n = new Nodes();
      int out = ((BiFunction<Nodes, GraphBuilder, Integer>) c[1]).apply(n, n.g);
      check(n.g.build(out));
    }));
  }

  private static void check(Graph graph) {
    Program p = Program.compile(graph, SHAPES, D, N, CpuBackend.INSTANCE);
    double[] x = new double[D * N];
    for (int i = 0; i < x.length; i++) x[i] = CounterRng.normal(1, i);
    double[] theta = new double[p.paramCount()];
    for (int i = 0; i < theta.length; i++) theta[i] = 0.7 * CounterRng.normal(2, i);
    p.setInput(x);
    p.setParams(theta);
    p.forward();
    int len = p.outputRows(0) * p.outputCols(0);
    double[] w = new double[len];
    for (int i = 0; i < len; i++) w[i] = CounterRng.normal(3, i);
    p.backward(0, w);
    double[] grad = new double[theta.length];
    p.paramGradient(grad);
    double eps = 1e-6;
    for (int i = 0; i < theta.length; i++) {
      double keep = theta[i];
      theta[i] = keep + eps;
      double up = weighted(p, theta, w);
      theta[i] = keep - eps;
      double down = weighted(p, theta, w);
      theta[i] = keep;
      double fd = (up - down) / (2 * eps);
      assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "∂/∂θ[" + i + "]");
    }
  }

  private static double weighted(Program p, double[] theta, double[] w) {
    p.setParams(theta);
    p.forward();
    double s = 0;
    double[] f = p.output(0);
    for (int i = 0; i < w.length; i++) s += w[i] * f[i];
    return s;
  }

  @Test
  void forwardComputesBroadcastValues() {
    GraphBuilder g = new GraphBuilder();
    int m = g.constant(2, 3, 1, 2, 3, 4, 5, 6);
    int col = g.constant(2, 1, 10, 20);
    int row = g.constant(1, 3, 100, 200, 300);
    int out1 = g.binary(Op.BinaryFn.ADD, m, col);
    int out2 = g.binary(Op.BinaryFn.MUL, row, m);
    int out3 = g.sum(Op.Axis.ROWS, m);
    int out4 = g.matmul(m, g.transpose(m));
    Program p = Program.compileData(g.build(out1, out2, out3, out4), CpuBackend.INSTANCE);
    p.forward();
    assertTrue(java.util.Arrays.equals(new double[] {11, 12, 13, 24, 25, 26}, p.output(0)));
    assertTrue(java.util.Arrays.equals(new double[] {100, 400, 900, 400, 1000, 1800}, p.output(1)));
    assertTrue(java.util.Arrays.equals(new double[] {5, 7, 9}, p.output(2)));
    assertTrue(java.util.Arrays.equals(new double[] {14, 32, 32, 77}, p.output(3)));
  }
}
