package dyn.runtime.kernel;

/**
 * The empirical NTK Θ̂(x, x') = Σ_p m_p ∂f(x)/∂θ_p ∂f(x')/∂θ_p of a finite dense chain with a
 * scalar output, by the factored per-layer sum of wave2.md §1.3: layer l contributes
 * m_l a_l² (δ^l(x)·δ^l(x'))(h^{l−1}(x)·h^{l−1}(x')), with δ^l = ∂f/∂z^l. This costs one forward
 * and one backward pass per input plus two N×N Gram matrices per layer, and never builds the
 * N×P Jacobian (a 4096-wide layer has 4096·d weights but needs only two vectors per input).
 */
public final class EmpiricalNtk {
  private EmpiricalNtk() {}

  /**
   * Θ̂ on the columns of x (d×N, row-major).
   *
   * @param weights w_l, row-major n_l × n_{l−1}, input layer first; the last has one row
   * @param forward a_l: layer l uses a_l·w_l
   * @param rates m_l: the learning-rate multiplier of w_l
   * @param acts φ after each hidden layer (as many as weights minus one)
   */
  public static double[] of(double[][] weights, int[] rows, double[] forward, double[] rates,
      GaussianExpectations[] acts, double[] x, int d, int count) {
    int layers = weights.length;
    int[] in = new int[layers];
    for (int l = 0; l < layers; l++) in[l] = l == 0 ? d : rows[l - 1];
    if (rows[layers - 1] != 1) throw new IllegalArgumentException("the output is a scalar");
    double[][][] h = new double[layers][count][]; // h^{l}: input of layer l, per sample
    double[][][] delta = new double[layers][count][];
    for (int s = 0; s < count; s++) {
      double[] a = new double[d];
      for (int r = 0; r < d; r++) a[r] = x[r * count + s];
      double[][] z = new double[layers][];
      for (int l = 0; l < layers; l++) {
        h[l][s] = a;
        z[l] = matVec(weights[l], rows[l], in[l], a, forward[l]);
        a = l < layers - 1 ? apply(acts[l], z[l]) : z[l];
      }
      double[] g = {1.0};
      for (int l = layers - 1; l >= 0; l--) {
        delta[l][s] = g;
        if (l == 0) break;
        double[] back = matTVec(weights[l], rows[l], in[l], g, forward[l]);
        for (int i = 0; i < back.length; i++) back[i] *= derivative(acts[l - 1], z[l - 1][i]);
        g = back;
      }
    }
    double[] theta = new double[count * count];
    for (int l = 0; l < layers; l++) {
      double c = rates[l] * forward[l] * forward[l];
      for (int i = 0; i < count; i++) {
        for (int j = i; j < count; j++) {
          double v = c * dot(delta[l][i], delta[l][j]) * dot(h[l][i], h[l][j]);
          theta[i * count + j] += v;
          if (j != i) theta[j * count + i] += v;
        }
      }
    }
    return theta;
  }

  private static double[] matVec(double[] w, int rows, int cols, double[] a, double scale) {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) s += w[i * cols + j] * a[j];
      out[i] = scale * s;
    }
    return out;
  }

  private static double[] matTVec(double[] w, int rows, int cols, double[] g, double scale) {
    double[] out = new double[cols];
    for (int i = 0; i < rows; i++) {
      double gi = scale * g[i];
      for (int j = 0; j < cols; j++) out[j] += w[i * cols + j] * gi;
    }
    return out;
  }

  private static double[] apply(GaussianExpectations phi, double[] z) {
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) out[i] = value(phi, z[i]);
    return out;
  }

  static double value(GaussianExpectations phi, double z) {
    switch (phi) {
      case LINEAR: return z;
      case RELU: return Math.max(z, 0);
      case SQUARE: return z * z;
      default: throw new IllegalArgumentException("no erf activation in dyn's models");
    }
  }

  static double derivative(GaussianExpectations phi, double z) {
    switch (phi) {
      case LINEAR: return 1;
      case RELU: return z > 0 ? 1 : 0;
      case SQUARE: return 2 * z;
      default: throw new IllegalArgumentException("no erf activation in dyn's models");
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
