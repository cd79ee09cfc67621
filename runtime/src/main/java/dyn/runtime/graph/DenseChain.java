package dyn.runtime.graph;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.VectorKernels;
import java.util.Arrays;

/**
 * The fused path for the commonest graph of the field, a chain of dense layers
 * f(x) = σ_L(W_L ⋯ σ_1(W_1 x)) (each σ optional) under the mean-squared loss: one pass computes
 * the loss and ∂L/∂θ with no per-node dispatch and every product register-tiled ({@link
 * VectorKernels}).
 *
 * <p>Activations are kept sample-major (n × width, the width padded to whole vectors), so that
 * every product — forward, weight gradient and input gradient — is a vector-over-the-output-width
 * product whose sums run in the same ascending order as {@link Program}'s generic kernels: the
 * two paths give the same bits, which {@code DenseChainTest} checks. Padded lanes carry zeros
 * (or harmless junk through an activation) and are never read back into a real result.
 */
final class DenseChain {
  private final int layers;
  private final int n;
  private final int[] in;
  private final int[] out;
  private final int[] outP;
  private final int[] paramOffset;
  private final Op.UnaryFn[] act;
  /** W_lᵀ padded: in_l × outP_l. */
  private final double[][] wt;
  /** W_l padded: out_l × outP_{l−1} (l ≥ 1 only: layer 0's input gradient is not needed). */
  private final double[][] wp;
  private final double[][] z;
  private final double[][] h;
  private final double[][] gz;
  private final double[][] gh;
  /** ∂L/∂W_lᵀ padded: in_l × outP_l. */
  private final double[][] gwt;
  private final double[] x;
  /** y sample-major, padded like the last layer. */
  private final double[] yT;
  private final double[] rowLoss;
  private final int weightRows;
  /** Multiply–adds of the per-sample phase, all samples. */
  private final long perSampleWork;
  /** Multiply–adds of the weight-gradient phase. */
  private final long weightWork;
  private final SplitChooser splitter;
  private final VectorKernels.Rows samples = this::samples;
  private final VectorKernels.Rows weights = this::weights;

  private DenseChain(int n, int d, int[][] shapes, int[] params, Op.UnaryFn[] act,
      int[] paramOffsets) {
    this.layers = params.length;
    this.n = n;
    this.act = act;
    in = new int[layers];
    out = new int[layers];
    outP = new int[layers];
    paramOffset = new int[layers];
    wt = new double[layers][];
    wp = new double[layers][];
    z = new double[layers][];
    h = new double[layers][];
    gz = new double[layers][];
    gh = new double[layers][];
    gwt = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int[] s = shapes[params[l]];
      out[l] = s[0];
      in[l] = s[1];
      outP[l] = VectorKernels.padded(out[l]);
      paramOffset[l] = paramOffsets[params[l]];
      wt[l] = new double[in[l] * outP[l]];
      gwt[l] = new double[in[l] * outP[l]];
      if (l > 0) wp[l] = new double[out[l] * outP[l - 1]];
      z[l] = new double[n * outP[l]];
      h[l] = act[l] == null ? z[l] : new double[n * outP[l]];
      gh[l] = new double[n * outP[l]];
      gz[l] = act[l] == null ? gh[l] : new double[n * outP[l]];
    }
    x = new double[d * n];
    yT = new double[n * outP[layers - 1]];
    rowLoss = new double[n];
    int rowsOfWeights = 0;
    long work = 0;
    for (int l = 0; l < layers; l++) {
      rowsOfWeights += in[l];
      work += (long) n * in[l] * outP[l] * (l == 0 ? 2 : 3);
    }
    weightRows = rowsOfWeights;
    perSampleWork = work;
    long wWork = 0;
    for (int l = 0; l < layers; l++) wWork += (long) n * in[l] * outP[l];
    weightWork = wWork;
    splitter = new SplitChooser(VectorKernels.wouldSplit(n, perSampleWork));
  }

  /** The parameters of a chain, input layer first, and the activation after each (or null). */
  record Layout(int[] params, Op.UnaryFn[] acts) {}

  /**
   * The chain in {@code g}, or null when g is anything else: exactly one input, and from it a
   * sequence of {@code param @ previous}, each optionally followed by one unary function, ending
   * at the single output, with no other nodes and each parameter used once.
   */
  static Layout layout(Graph g, int[][] shapes, int d) {
    if (g.outputs().size() != 1) return null;
    int size = g.nodes().size();
    int node = g.outputs().get(0);
    int[] params = new int[size];
    Op.UnaryFn[] acts = new Op.UnaryFn[size];
    int layers = 0;
    int used = 0;
    boolean[] seen = new boolean[shapes.length];
    while (true) {
      Op op = g.nodes().get(node).op();
      Op.UnaryFn fn = null;
      if (op instanceof Op.Unary) {
        fn = ((Op.Unary) op).fn();
        node = ((Op.Unary) op).a();
        op = g.nodes().get(node).op();
        used++;
      }
      if (!(op instanceof Op.MatMul)) return null;
      Op.MatMul m = (Op.MatMul) op;
      Op w = g.nodes().get(m.a()).op();
      if (!(w instanceof Op.Param)) return null;
      int p = ((Op.Param) w).index();
      if (seen[p]) return null;
      seen[p] = true;
      params[layers] = p;
      acts[layers] = fn;
      layers++;
      used += 2;
      node = m.b();
      if (g.nodes().get(node).op() instanceof Op.Input) {
        used++;
        break;
      }
    }
    if (used != size || layers != shapes.length) return null;
    // Found output-first; the chain runs input-first.
    int[] ps = new int[layers];
    Op.UnaryFn[] as = new Op.UnaryFn[layers];
    for (int l = 0; l < layers; l++) {
      ps[l] = params[layers - 1 - l];
      as[l] = acts[layers - 1 - l];
    }
    for (int l = 0; l < layers; l++) {
      int inDim = l == 0 ? d : shapes[ps[l - 1]][0];
      if (shapes[ps[l]][1] != inDim) return null;
    }
    return new Layout(ps, as);
  }

  /** The float64 chain of a layout. */
  static DenseChain of(Layout layout, int[][] shapes, int[] paramOffsets, int n, int d) {
    return new DenseChain(n, d, shapes, layout.params(), layout.acts(), paramOffsets);
  }

  private static volatile boolean warm;
  private static Thread warmer;

  /**
   * Starts, once per JVM, a daemon thread that runs the fused kernels on a small made-up chain
   * until the JIT has compiled them. Vector-API code runs some hundred times slower interpreted
   * than compiled, so until {@link #warm} the objective takes the generic path (the same
   * gradient bits) and the warm-up overlaps with start-up work on the other core.
   */
  static synchronized void warmUp() {
    if (warmer != null) return;
    warmer = new Thread(() -> warm = exercise(false), "dyn-warmup");
    warmer.setDaemon(true);
    warmer.start();
  }

  private static Thread warmer32;

  /**
   * Starts, once per JVM, a daemon thread that exercises the single-precision kernels for a
   * float32 training (which has no generic fallback to wait on: this only gets them compiled
   * sooner). Separate from {@link #warmUp}: float64 runs should not pay for it on a small
   * machine.
   */
  static synchronized void warmUp32() {
    if (warmer32 != null) return;
    warmer32 = new Thread(() -> exercise(true), "dyn-warmup32");
    warmer32.setDaemon(true);
    warmer32.start();
  }

  /** Whether the fused kernels have been exercised enough to be compiled. */
  static boolean warm() {
    return warm;
  }

  /**
   * Runs the fused kernels (float64, or float32) on small made-up chains until a pair of passes
   * is fast, i.e. compiled; false when that did not happen within 10 s or the kernels failed.
   */
  private static boolean exercise(boolean float32) {
    try {
      // Two chains that between them take every branch of the kernels (whole tiles, an odd
      // vector, odd rows, outputs with and without a partial vector, with and without an
      // activation), so that no compiled kernel meets an untaken branch later and deoptimises.
      int lanes = float32 ? VectorKernels.LANES32 : VectorKernels.LANES;
      // Small, so that interpreted passes are cheap and the JIT's counters fill quickly.
      Pass a = new Pass(5, new int[] {2, lanes, lanes + 1},
          new Op.UnaryFn[] {Op.UnaryFn.TANH, null}, float32);
      Pass b = new Pass(5, new int[] {1, 3 * lanes, 2 * lanes},
          new Op.UnaryFn[] {null, Op.UnaryFn.RELU}, float32);
      // Compiled, a pair of passes takes a few microseconds; interpreted, some hundreds. Warm
      // once 32 pairs in a row are fast; a JVM that never compiles them keeps the generic path.
      long deadline = System.nanoTime() + 10_000_000_000L;
      int fastInARow = 0;
      while (fastInARow < 32 && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        a.run();
        b.run();
        fastInARow = System.nanoTime() - t0 < FAST_PAIR_NANOS ? fastInARow + 1 : 0;
      }
      return fastInARow >= 32;
    } catch (RuntimeException | LinkageError e) {
      // The generic path serves; nothing is lost but speed.
      return false;
    }
  }

  /** A compiled pair of warm-up passes (≈3k multiply–adds) takes well under this. */
  private static final long FAST_PAIR_NANOS = 15_000;

  /** One made-up chain with its data, for the warm-up. */
  private static final class Pass {
    private final DenseChain chain;
    private final DenseChain32 chain32;
    private final double[] theta;
    private final double[] grad;

    Pass(int n, int[] widths, Op.UnaryFn[] acts, boolean float32) {
      int layers = widths.length - 1;
      int[][] shapes = new int[layers][];
      int[] offsets = new int[layers];
      int[] params = new int[layers];
      int total = 0;
      for (int l = 0; l < layers; l++) {
        shapes[l] = new int[] {widths[l + 1], widths[l]};
        offsets[l] = total;
        params[l] = l;
        total += widths[l + 1] * widths[l];
      }
      chain = float32 ? null : new DenseChain(n, widths[0], shapes, params, acts, offsets);
      chain32 = float32
          ? new DenseChain32(new Layout(params, acts), shapes, offsets, n, widths[0]) : null;
      theta = new double[total];
      grad = new double[total];
      double[] x = new double[widths[0] * n];
      double[] y = new double[widths[layers] * n];
      for (int i = 0; i < x.length; i++) x[i] = Math.sin(i);
      for (int i = 0; i < y.length; i++) y[i] = Math.cos(i);
      for (int i = 0; i < total; i++) theta[i] = 0.1 * Math.sin(3 * i);
      if (float32) {
        chain32.setInput(x);
        chain32.setTarget(y);
      } else {
        chain.setInput(x);
        chain.setTarget(y);
      }
    }

    void run() {
      if (chain32 != null) {
        chain32.mseValueAndGradient(theta, grad);
      } else {
        chain.mseValueAndGradient(theta, grad);
      }
    }
  }

  /** Rows of the output (the last layer's width). */
  int outputRows() {
    return out[layers - 1];
  }

  /** The largest product of one pass, in multiply–adds. */
  long largestProduct() {
    long most = 0;
    for (int l = 0; l < layers; l++) most = Math.max(most, (long) n * in[l] * outP[l]);
    return most;
  }

  void setInput(double[] xIn) {
    System.arraycopy(xIn, 0, x, 0, x.length);
  }

  void setTarget(double[] yIn) {
    int c = out[layers - 1];
    int w = outP[layers - 1];
    for (int i = 0; i < c; i++) {
      for (int mu = 0; mu < n; mu++) yT[mu * w + i] = yIn[i * n + mu];
    }
  }

  /**
   * L(θ) = (1/2n) Σ ‖f(x) − y‖², writing ∇L(θ) into grad[0, paramCount) (all of it: the chain
   * uses every parameter). The gradient has the generic path's bits; the loss is summed in
   * another order (it only guards against divergence; recorded losses come from {@link
   * Program#forward}).
   *
   * <p>Two phases, each split over the cores when large: per-sample work (forward, residual and
   * the gradients flowing back through the activations, row μ by row μ), then the weight
   * gradients (row p of each ∂L/∂W_lᵀ, a sum over all samples). Neither result depends on the
   * split.
   */
  double mseValueAndGradient(double[] theta, double[] grad) {
    loadWeights(theta);
    boolean split = splitter.next();
    VectorKernels.forRows(n, perSampleWork, split, samples);
    VectorKernels.forRows(weightRows, weightWork, split, weights);
    for (int l = 0; l < layers; l++) {
      int off = paramOffset[l];
      int o = out[l];
      int k = in[l];
      int w = outP[l];
      double[] gw = gwt[l];
      for (int j = 0; j < o; j++) {
        for (int p = 0; p < k; p++) grad[off + j * k + p] = 0.0 + gw[p * w + j];
      }
    }
    double s = 0.0;
    for (int mu = 0; mu < n; mu++) s += rowLoss[mu];
    return s / (2.0 * n);
  }

  private void loadWeights(double[] theta) {
    for (int l = 0; l < layers; l++) {
      int off = paramOffset[l];
      int o = out[l];
      int k = in[l];
      int w = outP[l];
      double[] t = wt[l];
      for (int j = 0; j < o; j++) {
        for (int p = 0; p < k; p++) t[p * w + j] = theta[off + j * k + p];
      }
      if (l > 0) {
        double[] q = wp[l];
        int wi = outP[l - 1];
        for (int j = 0; j < o; j++) System.arraycopy(theta, off + j * k, q, j * wi, k);
      }
    }
  }

  /** Samples [lo, hi): forward, residual, and back through every layer to ∂L/∂z_l. */
  private void samples(int lo, int hi) {
    for (int l = 0; l < layers; l++) {
      if (l == 0) {
        // A(μ, p) = x[p, μ]: x is d × n.
        VectorKernels.rows(lo, hi, in[0], outP[0], x, 1, n, wt[0], z[0]);
      } else {
        VectorKernels.rows(lo, hi, in[l], outP[l], h[l - 1], outP[l - 1], 1, wt[l], z[l]);
      }
      if (act[l] != null) CpuBackend.unary(act[l], z[l], h[l], lo * outP[l], hi * outP[l]);
    }
    int last = layers - 1;
    VectorKernels.residual(h[last], yT, gh[last], rowLoss, 1.0 / n, lo, hi, outP[last], out[last]);
    for (int l = last; l >= 0; l--) {
      int w = outP[l];
      if (act[l] != null) {
        Arrays.fill(gz[l], lo * w, hi * w, 0.0);
        CpuBackend.unaryBackward(act[l], z[l], h[l], gh[l], gz[l], lo * w, hi * w);
      }
      // ∂L/∂h_{l−1} (μ, p) = Σ_j gz(μ, j) W_l(j, p).
      if (l > 0) VectorKernels.rows(lo, hi, out[l], outP[l - 1], gz[l], w, 1, wp[l], gh[l - 1]);
    }
  }

  /** Rows [lo, hi) of all the ∂L/∂W_lᵀ stacked: (p, j) = Σ_μ h_{l−1}(μ, p) gz_l(μ, j). */
  private void weights(int lo, int hi) {
    int base = 0;
    for (int l = 0; l < layers; l++) {
      int from = Math.max(lo, base) - base;
      int to = Math.min(hi, base + in[l]) - base;
      if (from < to) {
        if (l == 0) {
          VectorKernels.rows(from, to, n, outP[0], x, n, 1, gz[0], gwt[0]);
        } else {
          VectorKernels.rows(from, to, n, outP[l], h[l - 1], 1, outP[l - 1], gz[l], gwt[l]);
        }
      }
      base += in[l];
    }
  }
}
