package dyn.runtime.graph;

import dyn.compiler.plan.Op;
import dyn.runtime.backend.VectorKernels;

/**
 * {@link DenseChain} in single precision, for trainings with {@code dtype = "float32"}: the data,
 * the weights (rounded from θ as each pass loads them), the activations and the gradient are
 * float32, with twice the lanes per vector of the float64 path. The gradient is handed back as
 * float64 for the float64 parameter update. Same layout and phases as {@link DenseChain}; see
 * there.
 */
final class DenseChain32 {
  private final int layers;
  private final int n;
  private final int[] in;
  private final int[] out;
  private final int[] outP;
  private final int[] paramOffset;
  private final Op.UnaryFn[] act;
  private final float[][] wt;
  private final float[][] wp;
  private final float[][] z;
  private final float[][] h;
  private final float[][] gz;
  private final float[][] gh;
  private final float[][] gwt;
  private final float[] x;
  private final float[] yT;
  private final float[] rowLoss;
  private final int weightRows;
  private final long perSampleWork;
  private final long weightWork;
  private final SplitChooser splitter;
  /** Whether some product is large enough for OpenBLAS (passes then run unsplit). */
  private final boolean blas;
  private final VectorKernels.Rows samples = this::samples;
  private final VectorKernels.Rows weights = this::weights;

  DenseChain32(DenseChain.Layout layout, int[][] shapes, int[] paramOffsets, int n, int d) {
    int[] params = layout.params();
    this.layers = params.length;
    this.n = n;
    this.act = layout.acts();
    in = new int[layers];
    out = new int[layers];
    outP = new int[layers];
    paramOffset = new int[layers];
    wt = new float[layers][];
    wp = new float[layers][];
    z = new float[layers][];
    h = new float[layers][];
    gz = new float[layers][];
    gh = new float[layers][];
    gwt = new float[layers][];
    long work = 0;
    long wWork = 0;
    int rows = 0;
    for (int l = 0; l < layers; l++) {
      int[] s = shapes[params[l]];
      out[l] = s[0];
      in[l] = s[1];
      outP[l] = VectorKernels.padded32(out[l]);
      paramOffset[l] = paramOffsets[params[l]];
      wt[l] = new float[in[l] * outP[l]];
      gwt[l] = new float[in[l] * outP[l]];
      if (l > 0) wp[l] = new float[out[l] * outP[l - 1]];
      z[l] = new float[n * outP[l]];
      h[l] = act[l] == null ? z[l] : new float[n * outP[l]];
      gh[l] = new float[n * outP[l]];
      gz[l] = act[l] == null ? gh[l] : new float[n * outP[l]];
      rows += in[l];
      work += (long) n * in[l] * outP[l] * (l == 0 ? 2 : 3);
      wWork += (long) n * in[l] * outP[l];
    }
    x = new float[d * n];
    yT = new float[n * outP[layers - 1]];
    rowLoss = new float[n];
    weightRows = rows;
    perSampleWork = work;
    weightWork = wWork;
    splitter = new SplitChooser(VectorKernels.wouldSplit(n, perSampleWork));
    boolean large = false;
    for (int l = 0; l < layers; l++) large |= VectorKernels.blas32(n, in[l], outP[l]);
    blas = large;
  }

  void setInput(double[] xIn) {
    for (int i = 0; i < x.length; i++) x[i] = (float) xIn[i];
  }

  void setTarget(double[] yIn) {
    int c = out[layers - 1];
    int w = outP[layers - 1];
    for (int i = 0; i < c; i++) {
      for (int mu = 0; mu < n; mu++) yT[mu * w + i] = (float) yIn[i * n + mu];
    }
  }

  /** L(θ) and ∇L(θ) (into grad, as float64) from single-precision passes. */
  double mseValueAndGradient(double[] theta, double[] grad) {
    loadWeights(theta);
    // Passes with BLAS-sized products run whole on this thread, OpenBLAS's own threads sharing
    // each product; split into shares of rows, every product would stay on dyn's kernels.
    boolean split = !blas && splitter.next();
    VectorKernels.forRows(n, perSampleWork, split, samples);
    VectorKernels.forRows(weightRows, weightWork, split, weights);
    for (int l = 0; l < layers; l++) {
      int off = paramOffset[l];
      int o = out[l];
      int k = in[l];
      int w = outP[l];
      float[] g = gwt[l];
      for (int j = 0; j < o; j++) {
        for (int p = 0; p < k; p++) grad[off + j * k + p] = g[p * w + j];
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
      float[] t = wt[l];
      for (int j = 0; j < o; j++) {
        for (int p = 0; p < k; p++) t[p * w + j] = (float) theta[off + j * k + p];
      }
      if (l > 0) {
        float[] q = wp[l];
        int wi = outP[l - 1];
        for (int j = 0; j < o; j++) {
          for (int p = 0; p < k; p++) q[j * wi + p] = (float) theta[off + j * k + p];
        }
      }
    }
  }

  private void samples(int lo, int hi) {
    for (int l = 0; l < layers; l++) {
      if (l == 0) {
        VectorKernels.rows32OrBlas(lo, hi, n, in[0], outP[0], x, 1, n, wt[0], z[0]);
      } else {
        VectorKernels.rows32OrBlas(lo, hi, n, in[l], outP[l], h[l - 1], outP[l - 1], 1, wt[l],
            z[l]);
      }
      if (act[l] != null) {
        for (int i = lo * outP[l]; i < hi * outP[l]; i++) h[l][i] = (float) value(act[l], z[l][i]);
      }
    }
    int last = layers - 1;
    VectorKernels.residual32(h[last], yT, gh[last], rowLoss, 1.0f / n, lo, hi, outP[last],
        out[last]);
    for (int l = last; l >= 0; l--) {
      int w = outP[l];
      if (act[l] != null) {
        float[] za = z[l];
        float[] ha = h[l];
        float[] g = gh[l];
        float[] ga = gz[l];
        for (int i = lo * w; i < hi * w; i++) ga[i] = (float) (g[i] * slope(act[l], za[i], ha[i]));
      }
      if (l > 0) {
        VectorKernels.rows32OrBlas(lo, hi, n, out[l], outP[l - 1], gz[l], w, 1, wp[l], gh[l - 1]);
      }
    }
  }

  private void weights(int lo, int hi) {
    int base = 0;
    for (int l = 0; l < layers; l++) {
      int from = Math.max(lo, base) - base;
      int to = Math.min(hi, base + in[l]) - base;
      if (from < to) {
        if (l == 0) {
          VectorKernels.rows32OrBlas(from, to, in[0], n, outP[0], x, n, 1, gz[0], gwt[0]);
        } else {
          VectorKernels.rows32OrBlas(from, to, in[l], n, outP[l], h[l - 1], 1, outP[l - 1], gz[l],
              gwt[l]);
        }
      }
      base += in[l];
    }
  }

  /** fn(a), evaluated in double and rounded by the caller. */
  static double value(Op.UnaryFn fn, double a) {
    switch (fn) {
      case NEG: return -a;
      case LINEAR: return a;
      case RELU: return a > 0 ? a : 0.0;
      case TANH: return Math.tanh(a);
      case SQUARE: return a * a;
      case SIGMOID: return 1.0 / (1.0 + Math.exp(-a));
      case EXP: return Math.exp(a);
      case LOG: return Math.log(a);
      case SQRT: return Math.sqrt(a);
      case ABS: return Math.abs(a);
      case SIN: return Math.sin(a);
      case COS: return Math.cos(a);
      default: throw new IllegalArgumentException("unknown unary op " + fn);
    }
  }

  /** fn'(a), given out = fn(a), as {@code CpuBackend.unaryBackward} uses it. */
  static double slope(Op.UnaryFn fn, double a, double out) {
    switch (fn) {
      case NEG: return -1.0;
      case LINEAR: return 1.0;
      case RELU: return a > 0 ? 1.0 : 0.0;
      case TANH: return 1.0 - out * out;
      case SQUARE: return 2.0 * a;
      case SIGMOID: return out * (1.0 - out);
      case EXP: return out;
      case LOG: return 1.0 / a;
      case SQRT: return 0.5 / out;
      case ABS: return Math.signum(a);
      case SIN: return Math.cos(a);
      case COS: return -Math.sin(a);
      default: throw new IllegalArgumentException("unknown unary op " + fn);
    }
  }
}
