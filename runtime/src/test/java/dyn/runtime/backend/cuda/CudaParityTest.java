package dyn.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.GraphBuilder;
import dyn.runtime.Studies;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.Trainer;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.graph.GraphProgram;
import dyn.runtime.graph.Program;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * CPU/GPU parity in float64: every Backend op (CudaBackend against CpuBackend), every graph op
 * through a device-resident program (values and reverse-mode gradients against Program), and
 * short GD, SGD and gradient-flow runs (final θ and loss curves). Tolerance: 1e-9 relative to
 * the size of the compared quantity; the GPU sums in a different order (tiled products,
 * tree reductions, fused multiply-adds), so bit equality is not expected. Skipped, loudly,
 * without a GPU.
 */
class CudaParityTest {
  private static final double RTOL = 1e-9;

  private static double[] random(long stream, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) v[i] = CounterRng.normal(stream, i);
    return v;
  }

  private static double[] positive(long stream, int len) {
    double[] v = random(stream, len);
    for (int i = 0; i < len; i++) v[i] = v[i] * v[i] + 0.5;
    return v;
  }

  /** max |a − b| ≤ rtol · max(1, max |a|), element by element reported. */
  private static void assertClose(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what + ": length");
    double scale = 1.0;
    for (double w : want) scale = Math.max(scale, Math.abs(w));
    for (int i = 0; i < want.length; i++) {
      assertTrue(Math.abs(want[i] - got[i]) <= RTOL * scale,
          what + "[" + i + "]: cpu " + want[i] + ", gpu " + got[i] + " (scale " + scale + ")");
    }
  }

  // ---- Backend ops, one by one -----------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> everyBackendOpMatchesTheCpu() {
    List<DynamicTest> t = new ArrayList<>();
    int[][] sizes = {{1, 1, 1}, {3, 5, 2}, {67, 45, 33}, {130, 70, 300}, {64, 64, 64}, {1, 257, 129}};
    for (int[] s : sizes) {
      for (int ta = 0; ta < 2; ta++) {
        for (int tb = 0; tb < 2; tb++) {
          for (int acc = 0; acc < 2; acc++) {
            boolean a = ta == 1, b = tb == 1, c = acc == 1;
            t.add(DynamicTest.dynamicTest("gemm " + s[0] + "×" + s[1] + "×" + s[2] + (a ? " ta" : "")
                + (b ? " tb" : "") + (c ? " acc" : ""), () -> gemm(a, b, s[0], s[1], s[2], c)));
          }
        }
      }
    }
    int[][] shapes = {{7, 9}, {7, 1}, {1, 9}, {1, 1}};
    for (Op.BinaryFn fn : Op.BinaryFn.values()) {
      for (int[] as : shapes) {
        for (int[] bs : shapes) {
          t.add(DynamicTest.dynamicTest("binary " + fn + " " + as[0] + "×" + as[1] + " ∘ " + bs[0] + "×" + bs[1],
              () -> binary(fn, as[0], as[1], bs[0], bs[1])));
        }
      }
    }
    for (Op.UnaryFn fn : Op.UnaryFn.values()) t.add(DynamicTest.dynamicTest("unary " + fn, () -> unary(fn)));
    for (double p : new double[] {2, 3, 1.5, -0.5}) t.add(DynamicTest.dynamicTest("power " + p, () -> power(p)));
    for (Op.Axis axis : Op.Axis.values()) {
      for (int[] s : new int[][] {{5, 7}, {1, 3000}, {3000, 1}, {300, 500}}) {
        t.add(DynamicTest.dynamicTest("sum " + axis + " " + s[0] + "×" + s[1], () -> sum(axis, s[0], s[1])));
      }
    }
    t.add(DynamicTest.dynamicTest("transpose", () -> transpose()));
    t.add(DynamicTest.dynamicTest("axpy and dot", () -> axpyDot()));
    return t.stream();
  }

  private static void gemm(boolean ta, boolean tb, int m, int n, int k, boolean acc) throws CudaUnavailable {
    Gpu.require("gemm parity");
    CudaBackend gpu = CudaBackend.open();
    double[] a = random(1, m * k);
    double[] b = random(2, k * n);
    double[] c0 = random(3, m * n);
    double[] want = c0.clone();
    double[] got = c0.clone();
    CpuBackend.INSTANCE.gemm(ta, tb, m, n, k, a, b, want, acc);
    gpu.gemm(ta, tb, m, n, k, a, b, got, acc);
    assertClose(want, got, "gemm");
  }

  private static void binary(Op.BinaryFn fn, int ar, int ac, int br, int bc) throws CudaUnavailable {
    Gpu.require("binary parity");
    CudaBackend gpu = CudaBackend.open();
    int r = Math.max(ar, br);
    int c = Math.max(ac, bc);
    double[] a = random(4, ar * ac);
    double[] b = fn == Op.BinaryFn.DIV ? positive(5, br * bc) : random(5, br * bc);
    double[] want = new double[r * c];
    double[] got = new double[r * c];
    CpuBackend.INSTANCE.binary(fn, a, ar, ac, b, br, bc, want, r, c);
    gpu.binary(fn, a, ar, ac, b, br, bc, got, r, c);
    assertClose(want, got, "binary");
    double[] gout = random(6, r * c);
    double[] gaW = random(7, ar * ac);
    double[] gbW = random(8, br * bc);
    double[] gaG = gaW.clone();
    double[] gbG = gbW.clone();
    CpuBackend.INSTANCE.binaryBackward(fn, a, ar, ac, b, br, bc, gout, r, c, gaW, gbW);
    gpu.binaryBackward(fn, a, ar, ac, b, br, bc, gout, r, c, gaG, gbG);
    assertClose(gaW, gaG, "∂a");
    assertClose(gbW, gbG, "∂b");
    double[] only = random(7, ar * ac);
    double[] onlyW = only.clone();
    CpuBackend.INSTANCE.binaryBackward(fn, a, ar, ac, b, br, bc, gout, r, c, onlyW, null);
    gpu.binaryBackward(fn, a, ar, ac, b, br, bc, gout, r, c, only, null);
    assertClose(onlyW, only, "∂a alone");
    if (ar == br && ac == bc) {
      // a ∘ a with one gradient array for both operands, as Program passes it.
      double[] sameW = random(22, ar * ac);
      double[] sameG = sameW.clone();
      CpuBackend.INSTANCE.binaryBackward(fn, b, br, bc, b, br, bc, gout, r, c, sameW, sameW);
      gpu.binaryBackward(fn, b, br, bc, b, br, bc, gout, r, c, sameG, sameG);
      assertClose(sameW, sameG, "∂ of x ∘ x");
    }
  }

  private static void unary(Op.UnaryFn fn) throws CudaUnavailable {
    Gpu.require("unary parity");
    CudaBackend gpu = CudaBackend.open();
    int len = 1000;
    boolean pos = fn == Op.UnaryFn.LOG || fn == Op.UnaryFn.SQRT;
    double[] a = pos ? positive(9, len) : random(9, len);
    a[0] = 0.0;   // relu's and abs's kink: both backends take the subgradient 0
    if (pos) a[0] = 1.0;
    double[] want = new double[len];
    double[] got = new double[len];
    CpuBackend.INSTANCE.unary(fn, a, want, len);
    gpu.unary(fn, a, got, len);
    assertClose(want, got, "unary " + fn);
    double[] gout = random(10, len);
    double[] gaW = random(11, len);
    double[] gaG = gaW.clone();
    CpuBackend.INSTANCE.unaryBackward(fn, a, want, gout, gaW, len);
    gpu.unaryBackward(fn, a, want, gout, gaG, len);
    assertClose(gaW, gaG, "unary backward " + fn);
  }

  private static void power(double p) throws CudaUnavailable {
    Gpu.require("power parity");
    CudaBackend gpu = CudaBackend.open();
    int len = 777;
    double[] a = positive(12, len);
    double[] want = new double[len];
    double[] got = new double[len];
    CpuBackend.INSTANCE.power(a, p, want, len);
    gpu.power(a, p, got, len);
    assertClose(want, got, "power");
    double[] gout = random(13, len);
    double[] gaW = random(14, len);
    double[] gaG = gaW.clone();
    CpuBackend.INSTANCE.powerBackward(a, p, gout, gaW, len);
    gpu.powerBackward(a, p, gout, gaG, len);
    assertClose(gaW, gaG, "power backward");
  }

  private static void sum(Op.Axis axis, int r, int c) throws CudaUnavailable {
    Gpu.require("sum parity");
    CudaBackend gpu = CudaBackend.open();
    double[] a = random(15, r * c);
    int outLen = axis == Op.Axis.ALL ? 1 : axis == Op.Axis.ROWS ? c : r;
    double[] want = new double[outLen];
    double[] got = new double[outLen];
    CpuBackend.INSTANCE.sum(axis, a, r, c, want);
    gpu.sum(axis, a, r, c, got);
    assertClose(want, got, "sum");
    double[] gout = random(16, outLen);
    double[] gaW = random(17, r * c);
    double[] gaG = gaW.clone();
    CpuBackend.INSTANCE.sumBackward(axis, gout, r, c, gaW);
    gpu.sumBackward(axis, gout, r, c, gaG);
    assertClose(gaW, gaG, "sum backward");
  }

  private static void transpose() throws CudaUnavailable {
    Gpu.require("transpose parity");
    CudaBackend gpu = CudaBackend.open();
    int r = 37;
    int c = 91;
    double[] a = random(18, r * c);
    for (boolean acc : new boolean[] {false, true}) {
      double[] want = random(19, r * c);
      double[] got = want.clone();
      CpuBackend.INSTANCE.transpose(a, r, c, want, acc);
      gpu.transpose(a, r, c, got, acc);
      assertClose(want, got, "transpose");
    }
  }

  private static void axpyDot() throws CudaUnavailable {
    Gpu.require("axpy/dot parity");
    CudaBackend gpu = CudaBackend.open();
    for (int len : new int[] {1, 255, 256, 257, 100_000, 1_000_003}) {
      double[] x = random(20, len);
      double[] yW = random(21, len);
      double[] yG = yW.clone();
      CpuBackend.INSTANCE.axpy(-0.37, x, yW, len);
      gpu.axpy(-0.37, x, yG, len);
      assertClose(yW, yG, "axpy");
      double want = CpuBackend.INSTANCE.dot(x, yW, len);
      double got = gpu.dot(x, yW, len);
      // A dot of random vectors cancels; compare against Σ|x y|, the size of its terms.
      double terms = 0;
      for (int i = 0; i < len; i++) terms += Math.abs(x[i] * yW[i]);
      assertEquals(want, got, RTOL * Math.max(1, terms), "dot of length " + len);
    }
  }

  // ---- Graph programs: values and gradients ---------------------------------------------

  private static final int D = 3;
  private static final int N = 4;
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

  private static int pos(GraphBuilder g, int a) {
    return g.binary(Op.BinaryFn.ADD, g.unary(Op.UnaryFn.SQUARE, a), g.constant(1, 1, 0.5));
  }

  @TestFactory
  Stream<DynamicTest> everyGraphOpMatchesTheCpuProgram() {
    List<Object[]> c = new ArrayList<>();
    c.add(new Object[] {"matmul", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.matmul(n.a, n.x)});
    c.add(new Object[] {"matmul of params", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.matmul(g.transpose(n.v), g.transpose(n.a))});
    for (Op.BinaryFn fn : Op.BinaryFn.values()) {
      boolean div = fn == Op.BinaryFn.DIV;
      c.add(new Object[] {fn + " column broadcast", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(fn, n.h, div ? pos(g, n.b) : n.b)});
      c.add(new Object[] {fn + " row broadcast", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(fn, div ? pos(g, n.r) : n.r, n.h)});
      c.add(new Object[] {fn + " scalar", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(fn, n.h, div ? pos(g, n.s) : n.s)});
    }
    for (Op.UnaryFn fn : Op.UnaryFn.values()) {
      boolean positive = fn == Op.UnaryFn.LOG || fn == Op.UnaryFn.SQRT;
      c.add(new Object[] {"unary " + fn, (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.unary(fn, positive ? pos(g, n.h) : n.h)});
    }
    c.add(new Object[] {"power 3", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.power(n.h, 3)});
    for (Op.Axis axis : Op.Axis.values()) {
      c.add(new Object[] {"sum " + axis, (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.sum(axis, n.h)});
    }
    c.add(new Object[] {"diag", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.matmul(g.diag(n.v, 2, 3), n.x)});
    c.add(new Object[] {"slice", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(Op.BinaryFn.MUL, g.slice(n.h, 1, 1), g.slice(n.c, 0, 1))});
    c.add(new Object[] {"stack", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.unary(Op.UnaryFn.SQUARE, g.concat(true, n.h, n.r, n.c))});
    c.add(new Object[] {"concat", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.unary(Op.UnaryFn.TANH, g.concat(false, n.h, n.b, n.c))});
    c.add(new Object[] {"param used twice", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(Op.BinaryFn.MUL, n.h, g.matmul(n.a, n.x))});
    c.add(new Object[] {"random leaf", (BiFunction<Nodes, GraphBuilder, Integer>) (n, g) -> g.binary(Op.BinaryFn.ADD, n.h, g.matmul(n.a, g.matmul(g.orthogonal(3, 77), g.normal(3, 4, 78))))});
    return c.stream().map(k -> DynamicTest.dynamicTest((String) k[0], () -> {
      Gpu.require("graph parity");
      Nodes n = new Nodes();
      @SuppressWarnings("unchecked")
      int out = ((BiFunction<Nodes, GraphBuilder, Integer>) k[1]).apply(n, n.g);
      programParity(n.g.build(out));
    }));
  }

  private static void programParity(Graph graph) throws CudaUnavailable {
    GraphProgram cpu = GraphProgram.of(Program.compile(graph, SHAPES, D, N, CpuBackend.INSTANCE));
    CudaProgram gpu = CudaProgram.compile(graph, SHAPES, D, N);
    double[] x = random(1, D * N);
    double[] theta = random(2, cpu.paramCount());
    for (GraphProgram p : new GraphProgram[] {cpu, gpu}) {
      p.setInput(x);
      p.setParams(theta);
      p.forward();
    }
    assertClose(cpu.output(0).clone(), gpu.output(0).clone(), "forward");
    double[] seed = random(3, cpu.outputRows(0) * cpu.outputCols(0));
    double[] gc = new double[theta.length];
    double[] gg = new double[theta.length];
    cpu.backward(0, seed);
    cpu.paramGradient(gc);
    gpu.backward(0, seed);
    gpu.paramGradient(gg);
    assertClose(gc, gg, "∂θ");
    // The device-side squared error against a target: loss and seeded gradient.
    double[] y = random(4, seed.length);
    gpu.setTarget(y);
    double sq = gpu.squaredError(true, 0.25);
    double[] f = cpu.output(0);
    double want = 0;
    for (int i = 0; i < y.length; i++) {
      double r = f[i] - y[i];
      want += r * r;
      seed[i] = 0.25 * r;
    }
    assertEquals(want, sq, RTOL * Math.max(1, want), "Σ(f − y)²");
    cpu.backward(0, seed);
    cpu.paramGradient(gc);
    gpu.paramGradient(gg);
    assertClose(gc, gg, "∂θ of the squared error");
  }

  // ---- Short training runs ---------------------------------------------------------------

  /** f = W2 tanh(W1 x + b): a nonlinear model with a broadcast bias. */
  private static ModelSpec tanhNet(int d, int width, int c) {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(d, 1);
    int w1 = g.param(0, width, d);
    int b = g.param(1, width, 1);
    int w2 = g.param(2, c, width);
    int f = g.matmul(w2, g.unary(Op.UnaryFn.TANH, g.binary(Op.BinaryFn.ADD, g.matmul(w1, x), b)));
    List<ParamSpec> params = List.of(
        new ParamSpec("W1", width, d, new ParamSpec.Distribution.Normal(0, 1.0 / d)),
        new ParamSpec("b", width, 1, new ParamSpec.Distribution.Normal(0, 0.1)),
        new ParamSpec("W2", c, width, new ParamSpec.Distribution.Normal(0, 1.0 / width)));
    return new ModelSpec("tanh_net", d, c, params, g.build(f), Optional.empty(), false);
  }

  private static final ProgramFactory GPU = (g, s, r, n) -> {
    try {
      return CudaProgram.compile(g, s, r, n);
    } catch (CudaUnavailable e) {
      throw new IllegalStateException(e);
    }
  };

  private static void trainingParity(Dynamics dynamics, ModelSpec model, List<Double> grid)
      throws TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 64, new double[] {5, 3, 2, 1}, 0, 5));
    Parameters theta0 = Initializer.draw(Studies.modelStep(model, 0.3, 2, InitSpec.Kind.DECLARED), null);
    Trajectory cpu = Trainer.train(Studies.train(dynamics, grid, Observable.LOSS), model, theta0, data);
    Trajectory gpu = Trainer.train(Studies.train(dynamics, grid, Observable.LOSS), model, theta0, data, GPU);
    assertEquals(cpu.times(), gpu.times());
    double[][] lc = cpu.series().get(Observable.LOSS);
    double[][] lg = gpu.series().get(Observable.LOSS);
    for (int g = 0; g < lc.length; g++) assertClose(lc[g], lg[g], "loss at grid point " + g);
    assertClose(FlatParams.flatten(cpu.finalParams()), FlatParams.flatten(gpu.finalParams()), "final θ");
  }

  @Test
  void gradientDescentMatchesTheCpu() throws TrainingFailure {
    Gpu.require("GD training parity");
    trainingParity(new Dynamics.GradientDescent(0.02, 300), tanhNet(6, 16, 6), Studies.linearGrid(6, 6));
    trainingParity(new Dynamics.GradientDescent(0.01, 300), Studies.twoLayerLinear(6, 8, 6), Studies.linearGrid(3, 6));
  }

  @Test
  void sgdMatchesTheCpu() throws TrainingFailure {
    Gpu.require("SGD training parity");
    trainingParity(new Dynamics.Sgd(0.02, 200, 16, 3), tanhNet(6, 16, 6), Studies.linearGrid(4, 4));
  }

  @Test
  void gradientFlowMatchesTheCpu() throws TrainingFailure {
    Gpu.require("gradient-flow training parity");
    trainingParity(new Dynamics.GradientFlow(3.0, 1e-10, 1e-12, 100_000), tanhNet(6, 16, 6), Studies.linearGrid(3, 6));
  }
}
