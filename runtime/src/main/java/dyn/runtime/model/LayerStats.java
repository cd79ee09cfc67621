package dyn.runtime.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Per-tensor statistics of θ, one component per model tensor in declaration order: the
 * Frobenius norm ‖W_l‖_F, and the effective rank exp(H(p)) of Roy &amp; Vetterli (2007), with
 * p_i = σ_i / Σ_j σ_j the normalized singular values and H the Shannon entropy (natural log).
 * The effective rank is 1 for a rank-one matrix, k for k equal singular values, and 1 for a
 * vector; it is 0 for an all-zero tensor (no singular values to weigh). The top singular values
 * of each tensor are the third statistic, k per tensor.
 */
public final class LayerStats {
  private LayerStats() {}

  /** ‖W_l‖_F per tensor. */
  public static double[] norms(int[][] shapes, double[] theta) {
    double[] out = new double[shapes.length];
    int off = 0;
    for (int t = 0; t < shapes.length; t++) {
      int len = shapes[t][0] * shapes[t][1];
      double s = 0;
      for (int i = off; i < off + len; i++) s += theta[i] * theta[i];
      out[t] = Math.sqrt(s);
      off += len;
    }
    return out;
  }

  /** exp(entropy of the normalized singular values) per tensor. */
  public static double[] effectiveRanks(int[][] shapes, double[] theta) {
    double[] out = new double[shapes.length];
    int off = 0;
    for (int t = 0; t < shapes.length; t++) {
      int r = shapes[t][0];
      int c = shapes[t][1];
      double[] block = new double[r * c];
      System.arraycopy(theta, off, block, 0, block.length);
      out[t] = effectiveRank(new DMatrixRMaj(r, c, true, block));
      off += r * c;
    }
    return out;
  }

  /**
   * The k largest singular values of each tensor, descending, tensor after tensor: component
   * t·k + i is σ_{i+1}(W_t). A tensor with fewer than k singular values (min(rows, cols) &lt; k)
   * pads with 0, the convention σ_i = √λ_i(WᵀW) for i up to the larger side.
   */
  public static double[] topSingularValues(int[][] shapes, double[] theta, int k) {
    double[] out = new double[shapes.length * k];
    int off = 0;
    for (int t = 0; t < shapes.length; t++) {
      int r = shapes[t][0];
      int c = shapes[t][1];
      double[] block = new double[r * c];
      System.arraycopy(theta, off, block, 0, block.length);
      double[] sv = SingularOps_DDRM.singularValues(new DMatrixRMaj(r, c, true, block));
      java.util.Arrays.sort(sv);
      for (int i = 0; i < k && i < sv.length; i++) out[t * k + i] = sv[sv.length - 1 - i];
      off += r * c;
    }
    return out;
  }

  static double effectiveRank(DMatrixRMaj m) {
    double[] sv = SingularOps_DDRM.singularValues(m);
    double total = 0;
    for (double s : sv) total += s;
    if (total == 0) return 0.0;
    double h = 0;
    for (double s : sv) {
      double p = s / total;
      if (p > 0) h -= p * Math.log(p);
    }
    return Math.exp(h);
  }
}
