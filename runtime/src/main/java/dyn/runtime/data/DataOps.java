package dyn.runtime.data;

import dyn.runtime.random.CounterRng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** The random and linear-algebra primitives of dataset graphs. */
public final class DataOps {
  private DataOps() {}

  /**
   * A Haar-distributed n×n orthogonal matrix, row-major: G has entry (i, j) = normal(stream,
   * i·n + j); G = QR; the result is Q·diag(sign(R_jj)), the sign fix that makes the law of Q
   * exactly Haar (Mezzadri 2007).
   */
  public static double[] haarOrthogonal(int n, long stream) {
    DMatrixRMaj g = new DMatrixRMaj(n, n);
    CounterRng.fillNormal(stream, 0, g.data, n * n);
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
    if (!qr.decompose(g)) throw new IllegalStateException("QR of a Gaussian matrix failed");
    DMatrixRMaj q = qr.getQ(null, false);
    DMatrixRMaj r = qr.getR(null, false);
    double[] out = new double[n * n];
    for (int j = 0; j < n; j++) {
      double sign = r.get(j, j) < 0 ? -1.0 : 1.0;
      for (int i = 0; i < n; i++) out[i * n + j] = sign * q.get(i, j);
    }
    return out;
  }

  /**
   * Random masking ({@code Op.Mask}): out[k] = 0 when uniform(stream, k) &lt; p, else a[k].
   */
  public static void mask(double[] a, double p, long stream, double[] out) {
    for (int k = 0; k < a.length; k++) {
      out[k] = CounterRng.uniform(stream, k) < p ? 0.0 : a[k];
    }
  }

  /**
   * The columns of a (rows×n, row-major) in a random order, into out: start from the identity
   * order, then for i = n−1 … 1 swap positions i and ⌊u·(i+1)⌋, u = uniform(stream, n−1−i)
   * (the same Fisher–Yates convention as SGD's epochs).
   */
  public static void shuffleColumns(double[] a, int rows, int n, long stream, double[] out) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    long counter = 0;
    for (int i = n - 1; i > 0; i--) {
      int j = (int) (CounterRng.uniform(stream, counter++) * (i + 1));
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < n; c++) out[r * n + c] = a[r * n + perm[c]];
    }
  }

  /**
   * Label noise ({@code corrupt(labels, fraction, classes)}): copies the class-index row
   * {@code labels} to {@code out} with exactly k = round(fraction·n) entries replaced by another
   * class drawn uniformly. Positions: the first k of a partial Fisher–Yates shuffle, swapping i
   * with i + ⌊u·(n−i)⌋, u = uniform(stream, i); new class (old + 1 + ⌊u·(classes−1)⌋) mod
   * classes, u = uniform(stream, k + i), so a corrupted label is never its old class.
   *
   * @throws dyn.compiler.data.DataException when a label is not a whole number in [0, classes)
   */
  public static void corruptLabels(double[] labels, double fraction, int classes, long stream, double[] out) {
    int n = labels.length;
    for (int c = 0; c < n; c++) {
      double v = labels[c];
      if (v != Math.rint(v) || v < 0 || v >= classes) {
        throw new dyn.compiler.data.DataException("corrupt: label " + (c + 1) + " of " + n + " is "
            + v + ", not a class index 0 … " + (classes - 1));
      }
    }
    System.arraycopy(labels, 0, out, 0, n);
    int k = (int) Math.round(fraction * n);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = 0; i < k; i++) {
      int j = i + (int) (CounterRng.uniform(stream, i) * (n - i));
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int i = 0; i < k; i++) {
      int shift = 1 + (int) (CounterRng.uniform(stream, k + i) * (classes - 1));
      out[perm[i]] = (labels[perm[i]] + shift) % classes;
    }
  }

  /**
   * Label noise on labels of either layout: a 1×n class-index row as {@link #corruptLabels(double[],
   * double, int, long, double[])}, or classes×n one-hot columns, whose class indices get exactly
   * that noise (same samples, same new classes) and are encoded back; so corrupting one-hot
   * labels equals one-hot encoding the corrupted index row.
   *
   * @throws dyn.compiler.data.DataException when a label is not a class index or a column is not
   *     one-hot (a single 1, the rest 0)
   */
  public static void corruptLabels(double[] labels, int rows, int n, double fraction, int classes,
      long stream, double[] out) {
    if (rows == 1) {
      corruptLabels(labels, fraction, classes, stream, out);
      return;
    }
    double[] index = new double[n];
    for (int j = 0; j < n; j++) {
      int ones = 0;
      for (int c = 0; c < rows; c++) {
        double v = labels[c * n + j];
        if (v == 1.0) {
          ones++;
          index[j] = c;
        } else if (v != 0.0) {
          ones = -1;
          break;
        }
      }
      if (ones != 1) {
        throw new dyn.compiler.data.DataException("corrupt: label column " + (j + 1) + " of " + n
            + " is not one-hot (a single 1 among " + rows + " entries, the rest 0)");
      }
    }
    double[] noisy = new double[n];
    corruptLabels(index, fraction, classes, stream, noisy);
    java.util.Arrays.fill(out, 0, rows * n, 0.0);
    for (int j = 0; j < n; j++) out[(int) noisy[j] * n + j] = 1.0;
  }

  /**
   * Whitens samples-as-columns x (d×n): returns C^{-1/2} x with C = x xᵀ / n, computed from the
   * symmetric eigendecomposition C = Q Λ Qᵀ, so that (1/n) x' x'ᵀ = I up to rounding.
   *
   * @throws IllegalArgumentException when n &lt; d or C is singular
   */
  public static double[] whiten(double[] x, int d, int n) {
    if (n < d) {
      throw new IllegalArgumentException(
          "whiten needs at least as many samples as dimensions (n = " + n + " < d = " + d + ")");
    }
    DMatrixRMaj c = new DMatrixRMaj(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double s = 0.0;
        for (int k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
        c.set(i, j, s / n);
        c.set(j, i, s / n);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(c)) throw new IllegalStateException("eigendecomposition failed in whiten");
    double[] w = new double[d * d];
    double largest = 0.0;
    for (int a = 0; a < d; a++) largest = Math.max(largest, eig.getEigenvalue(a).real);
    for (int a = 0; a < d; a++) {
      double lambda = eig.getEigenvalue(a).real;
      if (!(lambda > 1e-12 * largest)) {
        throw new IllegalArgumentException("whiten: the input covariance is singular");
      }
      DMatrixRMaj v = eig.getEigenVector(a);
      double s = 1.0 / Math.sqrt(lambda);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) w[i * d + j] += s * v.get(i) * v.get(j);
      }
    }
    double[] out = new double[d * n];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double wik = w[i * d + k];
        for (int j = 0; j < n; j++) out[i * n + j] += wik * x[k * n + j];
      }
    }
    return out;
  }
}
