package dyn.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused dense-chain path must give the generic path's bits: the same gradient, to the last
 * bit (and the same loss up to summation order), for every shape class (widths that fill whole vectors and ones that
 * do not, sample counts with odd tiles, activations, depth, products big enough to be split over
 * threads). The generic path is the reference: its gradients are checked against finite
 * differences in ProgramGradientTest.
 */
class DenseChainTest {
  /** A chain x → W_1 → σ → … → W_L; acts[l] null means no activation after layer l. */
  private static Graph chain(Op.UnaryFn... acts) {
    List<Graph.Node> nodes = new ArrayList<>();
    nodes.add(new Graph.Node(new Op.Input(0), 0, Graph.BATCH));
    int prev = 0;
    for (int l = 0; l < acts.length; l++) {
      nodes.add(new Graph.Node(new Op.Param(l), 0, 0));
      nodes.add(new Graph.Node(new Op.MatMul(nodes.size() - 1, prev), 0, Graph.BATCH));
      prev = nodes.size() - 1;
      if (acts[l] != null) {
        nodes.add(new Graph.Node(new Op.Unary(acts[l], prev), 0, Graph.BATCH));
        prev = nodes.size() - 1;
      }
    }
    return new Graph(nodes, List.of(prev));
  }

  private static void assertSameBits(Graph g, int[] widths, int n, long seed) {
    int[][] shapes = new int[widths.length - 1][];
    for (int l = 0; l + 1 < widths.length; l++) shapes[l] = new int[] {widths[l + 1], widths[l]};
    int d = widths[0];
    int c = widths[widths.length - 1];
    Random rnd = new Random(seed);
    double[] x = new double[d * n];
    double[] y = new double[c * n];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = rnd.nextGaussian();
    Program fused = Program.compile(g, shapes, d, n, CpuBackend.INSTANCE);
    Program generic = Program.compileGeneric(g, shapes, d, n, CpuBackend.INSTANCE);
    assertTrue(fused.hasFusedMse(), "the chain should take the fused path");
    assertFalse(generic.hasFusedMse());
    double[] theta = new double[fused.paramCount()];
    for (int i = 0; i < theta.length; i++) theta[i] = 0.3 * rnd.nextGaussian();
    fused.setInput(x);
    fused.setTarget(y);
    generic.setInput(x);
    double[] gf = new double[theta.length];
    double[] gg = new double[theta.length];
    // Twice: the second pass must not see the first one's buffers.
    for (int rep = 0; rep < 2; rep++) {
      double lf = fused.mseValueAndGradient(theta, gf);
      double lg = genericMse(generic, theta, y, n, gg);
      // The loss is summed in another order (it only guards against divergence).
      assertEquals(lg, lf, 1e-13 * lg, "loss");
      // The loss alone (what a training records) is summed in the generic order: the same bits.
      assertEquals(Double.doubleToLongBits(lg), Double.doubleToLongBits(fused.mseValue(theta)),
          "recorded loss");
      for (int i = 0; i < theta.length; i++) {
        assertEquals(Double.doubleToLongBits(gg[i]), Double.doubleToLongBits(gf[i]),
            "gradient " + i + ": " + gg[i] + " vs " + gf[i]);
      }
      for (int i = 0; i < theta.length; i++) theta[i] -= 0.1 * gg[i];
    }
  }

  /** Objective's generic arithmetic, written out. */
  private static double genericMse(Program p, double[] theta, double[] y, int n, double[] grad) {
    p.setParams(theta);
    p.forward();
    double[] f = p.output(0);
    double[] seed = new double[y.length];
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      double r = f[i] - y[i];
      s += r * r;
      seed[i] = r * (1.0 / n);
    }
    p.backward(0, seed);
    p.paramGradient(grad);
    return s / (2.0 * n);
  }

  @Test
  void twoLayerLinearMatchesBitForBit() {
    assertSameBits(chain(null, null), new int[] {10, 16, 10}, 128, 1);
    assertSameBits(chain(null, null), new int[] {20, 64, 20}, 512, 2);
  }

  @Test
  void oddWidthsAndSampleCountsMatch() {
    assertSameBits(chain(null, null), new int[] {3, 5, 1}, 7, 3);
    assertSameBits(chain(null, null), new int[] {1, 1, 1}, 1, 4);
    assertSameBits(chain(null, null), new int[] {9, 17, 11}, 33, 5);
    // A wide input into a narrow layer, and a narrow output after a wide one: the weight
    // gradients are then computed as ∂L/∂W rather than ∂L/∂Wᵀ (fewer padded lanes).
    assertSameBits(chain(null, null), new int[] {30, 3, 2}, 19, 15);
    assertSameBits(chain(Op.UnaryFn.RELU, null), new int[] {10, 16, 10}, 128, 16);
  }

  @Test
  void activationsMatch() {
    assertSameBits(chain(Op.UnaryFn.RELU, null), new int[] {6, 24, 3}, 50, 6);
    assertSameBits(chain(Op.UnaryFn.TANH, null), new int[] {6, 12, 3}, 50, 7);
    assertSameBits(chain(Op.UnaryFn.SQUARE, null), new int[] {8, 8, 8}, 20, 8);
    assertSameBits(chain(Op.UnaryFn.SIGMOID, Op.UnaryFn.TANH), new int[] {5, 9, 4}, 13, 9);
    // σ(0) ≠ 0 at the output: the padded output lanes must still add nothing to the loss.
    assertSameBits(chain(Op.UnaryFn.TANH, Op.UnaryFn.SIGMOID), new int[] {5, 9, 3}, 13, 13);
    assertSameBits(chain(null, Op.UnaryFn.COS), new int[] {4, 16, 10}, 32, 14);
  }

  @Test
  void deepChainsMatch() {
    assertSameBits(chain(null, null, null), new int[] {7, 12, 12, 5}, 40, 10);
    assertSameBits(chain(Op.UnaryFn.TANH, Op.UnaryFn.RELU, null, null), new int[] {4, 9, 16, 8, 2}, 21, 11);
  }

  @Test
  void productsSplitOverThreadsMatch() {
    assertSameBits(chain(Op.UnaryFn.RELU, null), new int[] {40, 96, 30}, 700, 12);
  }

  @Test
  void otherGraphsTakeTheGenericPath() {
    // W x with a bias-like second use of the input: not a chain.
    List<Graph.Node> nodes = new ArrayList<>();
    nodes.add(new Graph.Node(new Op.Input(0), 0, Graph.BATCH));
    nodes.add(new Graph.Node(new Op.Param(0), 0, 0));
    nodes.add(new Graph.Node(new Op.MatMul(1, 0), 0, Graph.BATCH));
    nodes.add(new Graph.Node(new Op.Binary(Op.BinaryFn.ADD, 2, 0), 0, Graph.BATCH));
    Graph g = new Graph(nodes, List.of(3));
    Program p = Program.compile(g, new int[][] {{4, 4}}, 4, 8, CpuBackend.INSTANCE);
    assertFalse(p.hasFusedMse());
    // The same parameter twice: W (W x).
    nodes = new ArrayList<>();
    nodes.add(new Graph.Node(new Op.Input(0), 0, Graph.BATCH));
    nodes.add(new Graph.Node(new Op.Param(0), 0, 0));
    nodes.add(new Graph.Node(new Op.MatMul(1, 0), 0, Graph.BATCH));
    nodes.add(new Graph.Node(new Op.MatMul(1, 2), 0, Graph.BATCH));
    p = Program.compile(new Graph(nodes, List.of(3)), new int[][] {{4, 4}}, 4, 8, CpuBackend.INSTANCE);
    assertFalse(p.hasFusedMse());
  }

  /**
   * The warm-ups that trainings wait for (at most 1 s each) reach compiled kernels: a warm-up
   * that threw, or whose kernels never ran fast, would make every training wait out that second
   * (float64 then takes the generic path; float32 runs its kernels slow).
   */
  @Test
  void warmUpsReachCompiledKernels() throws InterruptedException {
    assertTrue(DenseChain.awaitWarm(30_000), "float64 kernels warm");
    assertTrue(DenseChain.awaitWarm32(30_000), "float32 kernels warm");
  }

  /**
   * A float32 chain whose products are large enough for OpenBLAS (sgemm, A read both ways
   * round) gives the float64 gradient to single precision: a wrong transpose or leading
   * dimension would be off by O(1).
   */
  @Test
  void float32ProductsThroughBlasMatchFloat64() {
    int n = 512;
    int d = 64;
    int width = 128;
    int c = 24;
    assumeTrue(VectorKernels.blas32(n, d, VectorKernels.padded32(width)), "OpenBLAS not loaded");
    int[][] shapes = {{width, d}, {c, width}};
    int[] offsets = {0, width * d};
    Op.UnaryFn[] acts = {Op.UnaryFn.TANH, null};
    Random rnd = new Random(7);
    double[] x = new double[d * n];
    double[] y = new double[c * n];
    double[] theta = new double[width * d + c * width];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = rnd.nextGaussian();
    for (int i = 0; i < theta.length; i++) theta[i] = rnd.nextGaussian() / Math.sqrt(d);
    DenseChain.Layout layout = new DenseChain.Layout(new int[] {0, 1}, acts);
    DenseChain f64 = DenseChain.of(layout, shapes, offsets, n, d);
    DenseChain32 f32 = new DenseChain32(layout, shapes, offsets, n, d);
    f64.setInput(x);
    f64.setTarget(y);
    f32.setInput(x);
    f32.setTarget(y);
    double[] g64 = new double[theta.length];
    double[] g32 = new double[theta.length];
    double l64 = f64.mseValueAndGradient(theta, g64);
    double l32 = f32.mseValueAndGradient(theta, g32);
    assertEquals(l64, l32, 1e-5 * l64);
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < theta.length; i++) {
      diff += (g64[i] - g32[i]) * (g64[i] - g32[i]);
      norm += g64[i] * g64[i];
    }
    assertTrue(norm > 0 && Math.sqrt(diff / norm) < 1e-4,
        "float32 gradient differs by " + Math.sqrt(diff / norm));
  }
}
