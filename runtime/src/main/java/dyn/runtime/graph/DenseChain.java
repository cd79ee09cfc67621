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
  /**
   * ∂L/∂W_l, in whichever orientation wastes fewer padded lanes (see {@link #transposedGradient}):
   * ∂L/∂W_lᵀ padded (in_l × outP_l), or ∂L/∂W_l itself padded (out_l × inP_l, inP_l the input
   * width padded).
   */
  private final double[][] gw;
  /**
   * Per layer, whether {@link #gw} holds ∂L/∂W_lᵀ (vectors over the layer's outputs) rather than
   * ∂L/∂W_l (vectors over its inputs). Each element is the same sum over samples in the same
   * order either way; only the padding differs, e.g. a 16 → 10 layer costs 16×16 lanes one way
   * and 10×16 the other.
   */
  private final boolean[] transposedGradient;
  /** Rows of each layer's {@link #gw}. */
  private final int[] gradRows;
  private final double[] x;
  /** x sample-major (n × padded d), only when layer 0's gradient is kept as ∂L/∂W_0. */
  private final double[] xRows;
  /** y sample-major, padded like the last layer; the padded lanes hold σ(0) (see setTarget). */
  private final double[] yT;
  /** y as given (outputs × n), for the loss in the generic path's order ({@link #mseValue}). */
  private final double[] y;
  /** Sum of squared residuals per share of samples: at the share's first row, zero elsewhere. */
  private final double[] rowLoss;
  private final int weightRows;
  /** Multiply–adds of the per-sample phase, all samples. */
  private final long perSampleWork;
  /** Multiply–adds of the weight-gradient phase. */
  private final long weightWork;
  /** Not final: a {@link #withShapes} chain never splits (see there). */
  private SplitChooser splitter;
  /** Multiply–adds of the forward pass, all samples. */
  private final long forwardWork;
  private final VectorKernels.Rows samples = this::samples;
  private final VectorKernels.Rows forward = this::forward;
  private final VectorKernels.Rows weights = this::weights;
  private final VectorKernels.Rows seeded = this::seededSamples;
  private final VectorKernels.Rows forwardResidual = this::forwardResidual;
  private final VectorKernels.Rows backward = this::backPropagate;
  /** Whether the buffers hold a {@link #mseValueFirst} pass that {@link #finishGradient} may finish. */
  private boolean pending;
  private boolean pendingSplit;
  /** The seed of {@link #seededGradient}, sample-major and padded like yT; null until set. */
  private double[] seedT;

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
    gw = new double[layers][];
    transposedGradient = new boolean[layers];
    gradRows = new int[layers];
    for (int l = 0; l < layers; l++) {
      int[] s = shapes[params[l]];
      out[l] = s[0];
      in[l] = s[1];
      outP[l] = VectorKernels.padded(out[l]);
      paramOffset[l] = paramOffsets[params[l]];
      wt[l] = new double[in[l] * outP[l]];
      int inP = VectorKernels.padded(in[l]);
      transposedGradient[l] = (long) in[l] * outP[l] <= (long) out[l] * inP;
      gradRows[l] = transposedGradient[l] ? in[l] : out[l];
      gw[l] = new double[transposedGradient[l] ? in[l] * outP[l] : out[l] * inP];
      if (l > 0) wp[l] = new double[out[l] * outP[l - 1]];
      z[l] = new double[n * outP[l]];
      h[l] = act[l] == null ? z[l] : new double[n * outP[l]];
      gh[l] = new double[n * outP[l]];
      gz[l] = act[l] == null ? gh[l] : new double[n * outP[l]];
    }
    x = new double[d * n];
    xRows = transposedGradient[0] ? null : new double[n * VectorKernels.padded(d)];
    yT = new double[n * outP[layers - 1]];
    y = new double[out[layers - 1] * n];
    rowLoss = new double[n];
    int rowsOfWeights = 0;
    long work = 0;
    long wWork = 0;
    long fWork = 0;
    for (int l = 0; l < layers; l++) {
      rowsOfWeights += gradRows[l];
      fWork += (long) n * in[l] * outP[l];
      work += (long) n * in[l] * outP[l] * (l == 0 ? 2 : 3);
      wWork += (long) n * gw[l].length;
    }
    weightRows = rowsOfWeights;
    perSampleWork = work;
    weightWork = wWork;
    forwardWork = fWork;
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

  private static volatile boolean warm32;
  private static Thread warmer32;

  /**
   * Starts, once per JVM, a daemon thread that exercises the single-precision kernels for a
   * float32 training, as {@link #warmUp} does for float64. Separate from it: float64 runs
   * should not pay for it on a small machine.
   */
  static synchronized void warmUp32() {
    if (warmer32 != null) return;
    warmer32 = new Thread(() -> warm32 = exercise(true), "dyn-warmup32");
    warmer32.setDaemon(true);
    warmer32.start();
  }

  /**
   * As {@link #awaitWarm}, for the single-precision kernels. A float32 training has no other
   * path to take meanwhile (the generic path is float64, and switching would make the results
   * depend on the JIT's timing), so it waits, then runs its kernels compiled or not.
   */
  static boolean awaitWarm32(long millis) throws InterruptedException {
    if (!warm32) joinWarmUp(true, millis);
    return warm32;
  }

  /** Whether the fused kernels have been exercised enough to be compiled. */
  static boolean warm() {
    return warm;
  }

  /** Whether the single-precision kernels have been exercised enough to be compiled. */
  static boolean warm32() {
    return warm32;
  }

  /**
   * Waits, at most {@code millis}, for the warm-up to finish; whether the kernels are warm. Starts
   * the warm-up if nothing has yet.
   */
  static boolean awaitWarm(long millis) throws InterruptedException {
    if (!warm) joinWarmUp(false, millis);
    return warm;
  }

  /** Starts the float64 or float32 warm-up if it has not started, and waits for it, at most millis. */
  private static void joinWarmUp(boolean float32, long millis) throws InterruptedException {
    Thread t;
    synchronized (DenseChain.class) {
      if (float32) {
        warmUp32();
      } else {
        warmUp();
      }
      t = float32 ? warmer32 : warmer;
    }
    t.join(millis);
  }

  /**
   * Runs the fused kernels (float64, or float32) on small made-up chains until a round of passes
   * is fast, i.e. compiled; false when that did not happen within 30 s or the kernels failed.
   * (A training waits at most 1 s for it; the long deadline only lets a warm-up on a busy
   * machine finish for the trainings after: DenseChainTest saw the float32 one take 8.5 s of a
   * 10 s deadline on the 2-core VM while the suite ran, and miss it twice in a dozen runs.)
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
      // A wide input into a narrow layer: layer 0's gradient kept as ∂L/∂W_0 (from x by rows).
      Pass c = new Pass(5, new int[] {lanes + 1, 2, 3}, new Op.UnaryFn[] {null, null}, float32);
      // Compiled, the passes take a few microseconds; interpreted, some hundreds. Warm once 32
      // rounds in a row are fast; a JVM that never compiles them keeps the generic path.
      long deadline = System.nanoTime() + 30_000_000_000L;
      int fastInARow = 0;
      while (fastInARow < 32 && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        a.run();
        b.run();
        c.run();
        fastInARow = System.nanoTime() - t0 < FAST_ROUND_NANOS ? fastInARow + 1 : 0;
      }
      return fastInARow >= 32;
    } catch (RuntimeException | LinkageError e) {
      // The generic path serves; nothing is lost but speed.
      return false;
    }
  }

  /** Compiled, the three warm-up passes (≈3k multiply–adds) take well under this. */
  private static final long FAST_ROUND_NANOS = 15_000;

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
        chain.mseValue(theta);
      }
    }
  }

  int layers() {
    return layers;
  }

  /** Outputs of layer l (rows of W_l). */
  int outWidth(int l) {
    return out[l];
  }

  /** Inputs of layer l (columns of W_l). */
  int inWidth(int l) {
    return in[l];
  }

  /** Where W_l starts in θ. */
  int paramOffset(int l) {
    return paramOffset[l];
  }

  /** Whether layer l's activation maps 0 to 0 (or it has none). */
  boolean zeroAtZero(int l) {
    return SubChain.zeroAtZero(act[l]);
  }

  /**
   * A chain with the same activations, input and target but other layer shapes (W_l is
   * shapes[l], at offsets[l] of its own θ), run on the calling thread: the narrower chain of a
   * {@link SubChain}.
   */
  DenseChain withShapes(int[][] shapes, int[] offsets) {
    int[] params = new int[layers];
    for (int l = 0; l < layers; l++) params[l] = l;
    DenseChain c = new DenseChain(n, in[0], shapes, params, act, offsets);
    // Serial always: the loss is summed per share of samples, so a split (chosen by timing)
    // would change its last bits, and AGF's line searches compare losses.
    c.splitter = new SplitChooser(false);
    c.setInput(x);
    c.setTarget(y);
    return c;
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
    if (xRows != null) padTransposed(xIn, 0, in[0], n, xRows, VectorKernels.padded(in[0]));
  }

  /**
   * Sets y. The padded lanes of yT hold σ(0) of the last activation (0 without one): a padded
   * column of the last layer computes σ(Σ a·0) = σ(0), so its residual is exactly zero and the
   * residual kernel can run over whole vectors with no mask.
   */
  void setTarget(double[] yIn) {
    int last = layers - 1;
    System.arraycopy(yIn, 0, y, 0, y.length);
    double[] padding = {0.0};
    if (act[last] != null) CpuBackend.unary(act[last], padding, padding, 0, 1);
    Arrays.fill(yT, padding[0]);
    padTransposed(yIn, 0, out[last], n, yT, outP[last]);
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
    pending = false;
    loadWeights(theta);
    boolean split = splitter.next();
    VectorKernels.forRows(n, perSampleWork, split, samples);
    VectorKernels.forRows(weightRows, weightWork, split, weights);
    unpadGradients(grad);
    return sum(rowLoss) / (2.0 * n);
  }

  /**
   * Fixes the seed s (outputs × n, as y) of {@link #seededGradient}: ∂/∂θ of Σ ⟨f, s⟩, the
   * gradient of a linear functional of the output. AGF's utility phase needs exactly that, with
   * s = r/n for its frozen residual r, at every Euler step of a round.
   */
  void setSeed(double[] seed) {
    if (seedT == null) seedT = new double[yT.length];
    // Padded lanes stay zero, so they send nothing back.
    padTransposed(seed, 0, out[layers - 1], n, seedT, outP[layers - 1]);
  }

  /**
   * ∂/∂θ Σ_μ ⟨f(x_μ; θ), s_μ⟩ into grad (all of it) for the seed of {@link #setSeed}: the
   * backward pass of {@link #mseValueAndGradient} with s in place of the residual, so its bits
   * are those of the generic path's backward from the same seed.
   */
  void seededGradient(double[] theta, double[] grad) {
    if (seedT == null) throw new IllegalStateException("setSeed first");
    pending = false;
    loadWeights(theta);
    boolean split = splitter.next();
    VectorKernels.forRows(n, perSampleWork, split, seeded);
    VectorKernels.forRows(weightRows, weightWork, split, weights);
    unpadGradients(grad);
  }

  /**
   * The first half of {@link #mseValueAndGradient}: its forward pass and residual, and its loss
   * (the same bits: the same shares of samples, summed alike). {@link #finishGradient} then
   * completes that pass's gradient from the state left behind. A line search that rejects most
   * of its trial points needs only their loss, a third of a pass.
   */
  double mseValueFirst(double[] theta) {
    loadWeights(theta);
    pendingSplit = splitter.next();
    // perSampleWork, not the forward's: the same decision to split as the whole pass, so the
    // loss is summed over the same shares.
    VectorKernels.forRows(n, perSampleWork, pendingSplit, forwardResidual);
    pending = true;
    return sum(rowLoss) / (2.0 * n);
  }

  /** ∂L/∂θ at the θ of the last {@link #mseValueFirst}, into grad (all of it). */
  void finishGradient(double[] grad) {
    if (!pending) throw new IllegalStateException("no pass to finish: mseValueFirst first");
    pending = false;
    VectorKernels.forRows(n, perSampleWork, pendingSplit, backward);
    VectorKernels.forRows(weightRows, weightWork, pendingSplit, weights);
    unpadGradients(grad);
  }

  /** Samples [lo, hi): forward and residual (the first half of {@link #samples}). */
  private void forwardResidual(int lo, int hi) {
    forward(lo, hi);
    int wl = outP[layers - 1];
    rowLoss[lo] = VectorKernels.residual(h[layers - 1], yT, gh[layers - 1], 1.0 / n, lo * wl, hi * wl);
    Arrays.fill(rowLoss, lo + 1, hi, 0.0);
  }

  private void unpadGradients(double[] grad) {
    for (int l = 0; l < layers; l++) {
      if (transposedGradient[l]) {
        unpadTransposed(gw[l], outP[l], out[l], in[l], grad, paramOffset[l]);
      } else {
        unpad(gw[l], VectorKernels.padded(in[l]), out[l], in[l], grad, paramOffset[l]);
      }
    }
  }

  // The copies in and out of the padded layouts are small static methods of their own, as are
  // the products: called several times per pass, they reach the optimising compiler within the
  // warm-up and compile in a millisecond or two each, where loops written inline in
  // mseValueAndGradient would wait for that whole method's (slow, late) compilation and run
  // profiled until then.

  /**
   * dst[p·w + j] = src[off + j·cols + p]: a rows × cols block, transposed and padded (a weight of
   * θ into its kernel layout; x or y, feature-major, into sample-major rows).
   */
  private static void padTransposed(double[] src, int off, int rows, int cols, double[] dst,
      int w) {
    for (int j = 0; j < rows; j++) {
      for (int p = 0; p < cols; p++) dst[p * w + j] = src[off + j * cols + p];
    }
  }

  /** dst[j·w + p] = src[off + j·cols + p]: a rows × cols block of θ, padded. */
  private static void pad(double[] src, int off, int rows, int cols, double[] dst, int w) {
    for (int j = 0; j < rows; j++) System.arraycopy(src, off + j * cols, dst, j * w, cols);
  }

  /**
   * The inverse of {@link #padTransposed}, into dst at off. The generic path hands out its
   * gradient as 0.0 + g ({@link Program#paramGradient}), which turns −0 into +0; so does this.
   */
  private static void unpadTransposed(double[] src, int w, int rows, int cols, double[] dst,
      int off) {
    for (int j = 0; j < rows; j++) {
      for (int p = 0; p < cols; p++) dst[off + j * cols + p] = 0.0 + src[p * w + j];
    }
  }

  /** The inverse of {@link #pad}, into dst at off (0.0 + g as above). */
  private static void unpad(double[] src, int w, int rows, int cols, double[] dst, int off) {
    for (int j = 0; j < rows; j++) {
      for (int p = 0; p < cols; p++) dst[off + j * cols + p] = 0.0 + src[j * w + p];
    }
  }

  private static double sum(double[] a) {
    double s = 0.0;
    for (double v : a) s += v;
    return s;
  }

  /**
   * L(θ) alone, with the generic path's bits: the same forward products, and the squared
   * residuals summed in its order (output by output, samples ascending). For recording the loss
   * along a training without leaving the compiled kernels.
   */
  double mseValue(double[] theta) {
    pending = false;
    loadWeights(theta);
    VectorKernels.forRows(n, forwardWork, forward);
    int last = layers - 1;
    return squaredError(h[last], outP[last], y, out[last], n) / (2.0 * n);
  }

  /** Σ (f − y)² with f sample-major (padded width w) and y outputs × n, in y's storage order. */
  private static double squaredError(double[] f, int w, double[] y, int c, int n) {
    double s = 0.0;
    for (int i = 0; i < c; i++) {
      for (int mu = 0; mu < n; mu++) {
        double r = f[mu * w + i] - y[i * n + mu];
        s += r * r;
      }
    }
    return s;
  }

  private void loadWeights(double[] theta) {
    for (int l = 0; l < layers; l++) {
      padTransposed(theta, paramOffset[l], out[l], in[l], wt[l], outP[l]);
      if (l > 0) pad(theta, paramOffset[l], out[l], in[l], wp[l], outP[l - 1]);
    }
  }

  /** Samples [lo, hi): forward, residual, and back through every layer to ∂L/∂z_l. */
  private void samples(int lo, int hi) {
    forwardResidual(lo, hi);
    backPropagate(lo, hi);
  }

  /** Samples [lo, hi): forward, the fixed seed as ∂/∂f, and back to ∂/∂z_l (see setSeed). */
  private void seededSamples(int lo, int hi) {
    forward(lo, hi);
    int wl = outP[layers - 1];
    System.arraycopy(seedT, lo * wl, gh[layers - 1], lo * wl, (hi - lo) * wl);
    backPropagate(lo, hi);
  }

  /** Samples [lo, hi), with ∂/∂h of the last layer in place: back through every layer. */
  private void backPropagate(int lo, int hi) {
    int last = layers - 1;
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

  /** Samples [lo, hi): every layer's z_l and h_l. */
  private void forward(int lo, int hi) {
    for (int l = 0; l < layers; l++) {
      if (l == 0) {
        // A(μ, p) = x[p, μ]: x is d × n.
        VectorKernels.rows(lo, hi, in[0], outP[0], x, 1, n, wt[0], z[0]);
      } else {
        VectorKernels.rows(lo, hi, in[l], outP[l], h[l - 1], outP[l - 1], 1, wt[l], z[l]);
      }
      if (act[l] != null) CpuBackend.unary(act[l], z[l], h[l], lo * outP[l], hi * outP[l]);
    }
  }

  /**
   * Rows [lo, hi) of all the {@link #gw} stacked: ∂L/∂W_lᵀ (p, j) or ∂L/∂W_l (j, p), both
   * Σ_μ h_{l−1}(μ, p) gz_l(μ, j) with h_{−1} = x.
   */
  private void weights(int lo, int hi) {
    int base = 0;
    for (int l = 0; l < layers; l++) {
      int from = Math.max(lo, base) - base;
      int to = Math.min(hi, base + gradRows[l]) - base;
      if (from < to) {
        int w = outP[l];
        if (transposedGradient[l]) {
          if (l == 0) {
            VectorKernels.rows(from, to, n, w, x, n, 1, gz[0], gw[0]);
          } else {
            VectorKernels.rows(from, to, n, w, h[l - 1], 1, outP[l - 1], gz[l], gw[l]);
          }
        } else {
          double[] hin = l == 0 ? xRows : h[l - 1];
          VectorKernels.rows(from, to, n, VectorKernels.padded(in[l]), gz[l], 1, w, hin, gw[l]);
        }
      }
      base += gradRows[l];
    }
  }
}
