package dyn.runtime.graph;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.backend.Backend;
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
  private final Backend be;
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
  private final double[] y;

  private DenseChain(Backend be, int n, int d, int[][] shapes, int[] params, Op.UnaryFn[] act,
      int[] paramOffsets) {
    this.be = be;
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
    y = new double[out[layers - 1] * n];
  }

  /**
   * The chain in {@code g}, or null when g is anything else: exactly one input, and from it a
   * sequence of {@code param @ previous}, each optionally followed by one unary function, ending
   * at the single output, with no other nodes and each parameter used once.
   */
  static DenseChain match(Backend be, Graph g, int[][] shapes, int[] paramOffsets, int n, int d) {
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
    // Stored output-first; the chain runs input-first.
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
    return new DenseChain(be, n, d, shapes, ps, as, paramOffsets);
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
    System.arraycopy(yIn, 0, y, 0, y.length);
  }

  /**
   * L(θ) = (1/2n) Σ ‖f(x) − y‖², writing ∇L(θ) into grad[0, paramCount) (all of it: the chain
   * uses every parameter).
   */
  double mseValueAndGradient(double[] theta, double[] grad) {
    loadWeights(theta);
    forward();
    int last = layers - 1;
    int c = out[last];
    int w = outP[last];
    double[] f = h[last];
    double[] seed = gh[last];
    double inv = 1.0 / n;
    double s = 0.0;
    // Row-major order of f, as the generic objective sums it.
    for (int i = 0; i < c; i++) {
      int yi = i * n;
      for (int mu = 0; mu < n; mu++) {
        double r = f[mu * w + i] - y[yi + mu];
        s += r * r;
        seed[mu * w + i] = r * inv;
      }
    }
    backward(grad);
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

  private void forward() {
    for (int l = 0; l < layers; l++) {
      if (l == 0) {
        // A(μ, p) = x[p, μ]: x is d × n.
        VectorKernels.product(n, in[0], outP[0], x, 1, n, wt[0], z[0]);
      } else {
        VectorKernels.product(n, in[l], outP[l], h[l - 1], outP[l - 1], 1, wt[l], z[l]);
      }
      if (act[l] != null) be.unary(act[l], z[l], h[l], z[l].length);
    }
  }

  private void backward(double[] grad) {
    for (int l = layers - 1; l >= 0; l--) {
      int w = outP[l];
      if (act[l] != null) {
        Arrays.fill(gz[l], 0.0);
        be.unaryBackward(act[l], z[l], h[l], gh[l], gz[l], gz[l].length);
      }
      // ∂L/∂W_lᵀ (p, j) = Σ_μ h_{l−1}(μ, p) gz(μ, j).
      if (l == 0) {
        VectorKernels.product(in[0], n, w, x, n, 1, gz[0], gwt[0]);
      } else {
        VectorKernels.product(in[l], n, w, h[l - 1], 1, outP[l - 1], gz[l], gwt[l]);
        // ∂L/∂h_{l−1} (μ, p) = Σ_j gz(μ, j) W_l(j, p).
        VectorKernels.product(n, out[l], outP[l - 1], gz[l], w, 1, wp[l], gh[l - 1]);
      }
      int off = paramOffset[l];
      int o = out[l];
      int k = in[l];
      double[] gw = gwt[l];
      for (int j = 0; j < o; j++) {
        for (int p = 0; p < k; p++) grad[off + j * k + p] = 0.0 + gw[p * w + j];
      }
    }
  }
}
