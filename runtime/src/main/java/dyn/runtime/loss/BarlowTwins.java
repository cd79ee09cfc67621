package dyn.runtime.loss;

import dyn.runtime.backend.Matrix;

/**
 * Barlow Twins on paired views (reference §5, Simon et al. 2023), without batch-norm or centring:
 * with embeddings z = f(x_μ) and z′ = f(x′_μ) of the two views of n samples,
 *
 * <pre>
 *   C = (1/2n) Σ_μ (z_μ z′_μᵀ + z′_μ z_μᵀ),   L = Σ_a (1 − C_aa)² + λ Σ_{a≠b} C_ab².
 * </pre>
 *
 * C is the symmetrised, uncentred cross-correlation, so for a linear embedding f(x) = W x it is
 * exactly W Γ Wᵀ with Γ = (1/2n) Σ_μ (x_μ x′_μᵀ + x′_μ x_μᵀ), and at λ = 1 the loss is
 * ‖C − I‖_F², whose gradient flow is dW/dt = −4(C − I) W Γ: the setting of §5's closed form.
 *
 * <p>The model is evaluated once on the 2n columns [x | x′]: {@code f} holds f(x) in columns
 * 0 … n−1 and f(x′) in columns n … 2n−1 of each row. With G = ∂L/∂C (symmetric),
 * ∂L/∂z = (1/n) G z′ and ∂L/∂z′ = (1/n) G z. There are no labels.
 */
public final class BarlowTwins implements LossFunction {
  private final int dims;
  private final double offDiagonal;
  private final double[] c;

  /**
   * @param dims the embedding dimension (the model's outputs)
   * @param offDiagonal λ ≥ 0
   */
  public BarlowTwins(int dims, double offDiagonal) {
    this.dims = dims;
    this.offDiagonal = offDiagonal;
    this.c = new double[dims * dims];
  }

  /** n is the number of pairs; f is dims × 2n. */
  @Override
  public double value(double[] f, double[] y, int n) {
    return valueAndSeed(f, y, n, null);
  }

  @Override
  public double valueAndSeed(double[] f, double[] y, int n, double[] seed) {
    crossCorrelation(f, dims, n, c);
    double loss = 0.0;
    // G = ∂L/∂C, kept in c: −2(1 − C_aa) on the diagonal, 2λ C_ab off it.
    for (int a = 0; a < dims; a++) {
      for (int b = 0; b < dims; b++) {
        double v = c[a * dims + b];
        if (a == b) {
          loss += (1 - v) * (1 - v);
          c[a * dims + b] = -2 * (1 - v);
        } else {
          loss += offDiagonal * v * v;
          c[a * dims + b] = 2 * offDiagonal * v;
        }
      }
    }
    if (seed == null) return loss;
    int cols = 2 * n;
    double inv = 1.0 / n;
    for (int a = 0; a < dims; a++) {
      for (int mu = 0; mu < n; mu++) {
        double s1 = 0;
        double s2 = 0;
        for (int b = 0; b < dims; b++) {
          double g = c[a * dims + b];
          s1 += g * f[b * cols + n + mu];
          s2 += g * f[b * cols + mu];
        }
        seed[a * cols + mu] = s1 * inv;
        seed[a * cols + n + mu] = s2 * inv;
      }
    }
    return loss;
  }

  /**
   * C = (1/2n) Σ_μ (z_μ z′_μᵀ + z′_μ z_μᵀ) (dims × dims, row-major, into {@code out}) of the
   * embeddings f = [z | z′] (dims × 2n).
   */
  public static void crossCorrelation(double[] f, int dims, int n, double[] out) {
    int cols = 2 * n;
    for (int a = 0; a < dims; a++) {
      for (int b = a; b < dims; b++) {
        double s = 0;
        for (int mu = 0; mu < n; mu++) {
          s += f[a * cols + mu] * f[b * cols + n + mu] + f[a * cols + n + mu] * f[b * cols + mu];
        }
        s /= 2.0 * n;
        out[a * dims + b] = s;
        out[b * dims + a] = s;
      }
    }
  }

  /**
   * The two views stacked as one 2d × n matrix [x; x′] (x on rows 0 … d−1): a minibatch
   * that takes columns keeps each sample's views together.
   */
  public static Matrix stackViews(Matrix x, Matrix x2) {
    if (x.rows != x2.rows || x.cols != x2.cols) {
      throw new IllegalArgumentException("the views x and x2 differ in shape");
    }
    double[] out = new double[2 * x.data.length];
    System.arraycopy(x.data, 0, out, 0, x.data.length);
    System.arraycopy(x2.data, 0, out, x.data.length, x2.data.length);
    return new Matrix(2 * x.rows, x.cols, out);
  }

  /**
   * Unstacks [x; x′] (2d × n) into the model's input [x | x′] (d × 2n), into {@code out}.
   */
  public static void sideBySide(double[] stacked, int d, int n, double[] out) {
    for (int r = 0; r < d; r++) {
      System.arraycopy(stacked, r * n, out, r * 2 * n, n);
      System.arraycopy(stacked, (d + r) * n, out, r * 2 * n + n, n);
    }
  }
}
