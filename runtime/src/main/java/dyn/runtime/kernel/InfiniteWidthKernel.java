package dyn.runtime.kernel;

import java.util.List;

/**
 * The infinite-width NNGP and NTK of a fully connected network, by the layer recursions of
 * wave2.md §1.2–1.3, written once for every parametrization.
 *
 * <p>Layer l (1 … L+1) computes z^l = W^l h^{l−1} (+ b^l), h^l = φ_l(z^l), h^0 = x, where the
 * effective weights W^l (after any forward multiplier) have i.i.d. entries of variance
 * σ_l²/n_{l−1}. With H^0 = x·x'/d and H^l = T_l(Λ^l):
 *
 * <pre>
 *   K^l = σ_l² H^{l−1} + β_l                          (NNGP; the network's is K^{L+1})
 *   P^{L+1} = 1,  P^l = σ_{l+1}² Ṫ_l(Λ^l) P^{l+1}      (E[δ^l·δ^l'], the backward products)
 *   Θ = Σ_l (ρ_l H^{l−1} + ρ^b_l) P^l                 (NTK)
 * </pre>
 *
 * where ρ_l = (learning-rate multiplier)·(forward multiplier)²·n_{l−1} is what one layer's
 * weights add to Θ per unit of H·P. In the NTK parametrization ρ_l = σ_l² and this is neural
 * tangents' Θ^{l+1} = K^{l+1} + σ_w² Ṫ Θ^l; in the standard one ρ_l = n_{l−1}, the kernel that
 * grows with width. Θ is the kernel of the training dynamics df/dt = −(1/n)Θ(f − y) under
 * dθ/dt = −M∇L, so per-tensor learning rates are part of it.
 */
public final class InfiniteWidthKernel {
  /**
   * One dense layer.
   *
   * @param weightVariance σ_l²: fan-in times the variance of an effective weight entry
   * @param biasVariance β_l (0 without a bias)
   * @param weightRate ρ_l (see the class comment)
   * @param biasRate ρ^b_l (0 without a bias)
   * @param activation φ_l after this layer, or null for the output layer
   */
  public record Layer(double weightVariance, double biasVariance, double weightRate,
      double biasRate, GaussianExpectations activation) {}

  /**
   * NNGP and NTK on a set of N inputs, row-major N×N.
   *
   * @param nngp K^{L+1}(x_i, x_j)
   * @param ntk Θ(x_i, x_j)
   */
  public record Kernels(int size, double[] nngp, double[] ntk) {
    /** Rows {@code rows} × columns {@code cols} of a kernel, row-major. */
    public static double[] block(double[] k, int size, int r0, int rows, int c0, int cols) {
      double[] out = new double[rows * cols];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(k, (r0 + i) * size + c0, out, i * cols, cols);
      }
      return out;
    }
  }

  private InfiniteWidthKernel() {}

  /**
   * Both kernels on the columns of x (d×N, row-major), scaled by {@code outputScale} (1/γ² for
   * a model whose output is divided by γ).
   */
  public static Kernels of(List<Layer> layers, double[] x, int d, int count, double outputScale) {
    if (layers.isEmpty() || layers.get(layers.size() - 1).activation() != null) {
      throw new IllegalArgumentException("the last layer is the linear output layer");
    }
    int n = count;
    int depth = layers.size();
    double[][] h = new double[depth][];
    double[][] tDot = new double[depth][];
    h[0] = gram(x, d, n);
    double[] k = null;
    for (int l = 0; l < depth; l++) {
      Layer layer = layers.get(l);
      k = affine(h[l], layer.weightVariance(), layer.biasVariance());
      if (layer.activation() == null) break;
      h[l + 1] = new double[n * n];
      tDot[l] = new double[n * n];
      GaussianExpectations phi = layer.activation();
      for (int i = 0; i < n; i++) {
        double qi = k[i * n + i];
        for (int j = 0; j < n; j++) {
          double qj = k[j * n + j];
          double c = k[i * n + j];
          h[l + 1][i * n + j] = phi.t(qi, qj, c);
          tDot[l][i * n + j] = phi.tDot(qi, qj, c);
        }
      }
    }
    double[] theta = new double[n * n];
    double[] p = new double[n * n];
    java.util.Arrays.fill(p, 1.0);
    for (int l = depth - 1; l >= 0; l--) {
      Layer layer = layers.get(l);
      for (int i = 0; i < n * n; i++) {
        theta[i] += (layer.weightRate() * h[l][i] + layer.biasRate()) * p[i];
      }
      if (l > 0) {
        for (int i = 0; i < n * n; i++) p[i] *= layer.weightVariance() * tDot[l - 1][i];
      }
    }
    for (int i = 0; i < n * n; i++) {
      k[i] *= outputScale;
      theta[i] *= outputScale;
    }
    return new Kernels(n, k, theta);
  }

  /** Bytes {@link #of} holds at once for N inputs and the given depth (for refusing early). */
  public static long bytesNeeded(int count, int depth) {
    return 8L * count * count * (2L * depth + 3);
  }

  /** x·x'/d for the columns of x. */
  private static double[] gram(double[] x, int d, int n) {
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int r = 0; r < d; r++) s += x[r * n + i] * x[r * n + j];
        g[i * n + j] = s / d;
        g[j * n + i] = s / d;
      }
    }
    return g;
  }

  private static double[] affine(double[] h, double w, double b) {
    double[] k = new double[h.length];
    for (int i = 0; i < h.length; i++) k[i] = w * h[i] + b;
    return k;
  }
}
