package dyn.runtime.kernel;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;

/**
 * The empirical NTK of any model on a fixed set of inputs: Θ = J M Jᵀ at θ, where J is the
 * (n·c)×P Jacobian of the outputs f_c(x_i) (row i·c + c') and M the per-tensor learning-rate
 * multipliers, so Θ is the kernel of the train's own dynamics df/dt = −(1/n)Θ(f − y).
 *
 * <p>Where the model allows it (dense layers under any parametrization: {@link LayerGram}), Θ is
 * assembled from per-layer Gram matrices of one batched forward and backward pass, without J.
 *
 * <p>Otherwise: one reverse pass per (sample, output) on a batch-of-one program gives a row of J
 * (O(P) each, no (n·c)×P work beyond the rows themselves), then Θ = (J√M)(J√M)ᵀ is one
 * symmetric rank-k product (BLAS dsyrk, half a gemm).
 * This holds J, n·c·P doubles, at once; a Jacobian-vector-product route would avoid that but
 * costs n·c forward-mode passes over the whole batch per column block, which is more work for
 * the sizes a CPU run records (n·c ≤ a few thousand). The compiler refuses a train whose J or Θ
 * would not fit in memory.
 */
public final class JacobianKernel {
  private final Program single;
  private final double[] x;
  private final int d;
  private final int n;
  private final int out;
  private final int params;
  private final double[] rootRates;
  /** The Jacobian-free route, or null where the model is not of its form. */
  private final LayerGram gram;

  /** @param x the inputs, d×n row-major */
  public JacobianKernel(ModelSpec model, double[] x, int n) {
    this(model, x, n, true);
  }

  /** As above; {@code layerGram} false keeps the per-sample route (tests compare the two). */
  JacobianKernel(ModelSpec model, double[] x, int n, boolean layerGram) {
    this.d = model.inputDim();
    this.n = n;
    this.out = model.outputDim();
    this.x = x.clone();
    int[][] shapes = FlatParams.shapes(model);
    this.gram = layerGram ? LayerGram.of(model, shapes, this.x, n) : null;
    if (gram != null) { // the batch-of-one program and √M belong to the per-sample route only
      this.single = null;
      this.params = 0;
      this.rootRates = null;
      return;
    }
    this.single = Program.compile(model.forward(), shapes, d, 1, CpuBackend.INSTANCE);
    this.params = single.paramCount();
    this.rootRates = new double[params];
    for (int p = 0; p < model.params().size(); p++) {
      ParamSpec ps = model.params().get(p);
      double r = Math.sqrt(ps.scaling().lr());
      int off = single.paramOffset(p);
      for (int k = 0; k < ps.rows() * ps.cols(); k++) rootRates[off + k] = r;
    }
  }

  /** Rows (and columns) of Θ: n·c. */
  public int size() {
    return n * out;
  }

  /** Θ at θ, row-major (n·c)×(n·c), row index i·c + c'. */
  public double[] at(double[] theta) {
    if (gram != null) return gram.at(theta);
    int size = size();
    double[] jac = new double[size * params];
    double[] column = new double[d];
    double[] seed = new double[out];
    double[] row = new double[params];
    single.setParams(theta);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < d; r++) column[r] = x[r * n + i];
      single.setInput(column);
      single.forward();
      for (int c = 0; c < out; c++) {
        java.util.Arrays.fill(seed, 0);
        seed[c] = 1;
        single.backward(0, seed);
        single.paramGradient(row);
        int base = (i * out + c) * params;
        for (int p = 0; p < params; p++) jac[base + p] = row[p] * rootRates[p];
      }
    }
    double[] kernel = new double[size * size];
    CpuBackend.gramRows(size, params, jac, kernel);
    return kernel;
  }

  /**
   * The model's outputs (c×n, row-major) at the θ of the last {@link #at} call where that call
   * computed them (the Jacobian-free route runs the whole batch forward); null otherwise.
   */
  public double[] lastOutput() {
    return gram != null ? gram.output() : null;
  }

  /** 1 − ⟨A, B⟩_F/(‖A‖_F‖B‖_F): 0 when B is A rescaled (wave2.md §2.2). */
  public static double distance(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return 1 - ab / Math.sqrt(aa * bb);
  }

  /** ⟨Θ, yyᵀ⟩_F/(‖Θ‖_F‖y‖²) with y flattened in Θ's row order (wave2.md §2.2). */
  public static double alignment(double[] kernel, double[] y) {
    int size = y.length;
    double num = 0;
    double norm = 0;
    double yy = 0;
    for (int i = 0; i < size; i++) {
      yy += y[i] * y[i];
      double s = 0;
      for (int j = 0; j < size; j++) {
        double k = kernel[i * size + j];
        s += k * y[j];
        norm += k * k;
      }
      num += y[i] * s;
    }
    return num / (Math.sqrt(norm) * yy);
  }
}
