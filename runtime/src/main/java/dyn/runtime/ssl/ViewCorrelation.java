package dyn.runtime.ssl;

import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The positive-pair correlation of a paired dataset, Γ = (1/2n) Σ_μ (x_μ x′_μᵀ + x′_μ x_μᵀ)
 * (reference §5), with its eigenpairs (γ_j, e_j) in descending order: the modes a linear Barlow
 * Twins embedding learns, largest γ first.
 *
 * @param gamma eigenvalues of Γ, descending
 * @param vectors e_j as the rows of an m × m matrix (row j is e_j)
 */
public record ViewCorrelation(double[] gamma, double[][] vectors) {
  /** Γ of the dataset's views x and x2 (m × n each). */
  public static ViewCorrelation of(Dataset data) {
    Matrix x = data.get("x").orElseThrow(() -> new IllegalArgumentException("the dataset has no x"));
    Matrix x2 = data.get("x2").orElseThrow(() -> new IllegalArgumentException(
        "the dataset has no second view x2"));
    return of(x, x2);
  }

  /** Γ of views x and x2 (m × n each, samples as columns). */
  public static ViewCorrelation of(Matrix x, Matrix x2) {
    int m = x.rows;
    int n = x.cols;
    double[] g = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int b = a; b < m; b++) {
        double s = 0;
        for (int mu = 0; mu < n; mu++) {
          s += x.data[a * n + mu] * x2.data[b * n + mu] + x2.data[a * n + mu] * x.data[b * n + mu];
        }
        s /= 2.0 * n;
        g[a * m + b] = s;
        g[b * m + a] = s;
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(m, true, true);
    if (!dec.decompose(new DMatrixRMaj(m, m, true, g))) {
      throw new IllegalStateException("the eigensolver did not converge on the view correlation Γ");
    }
    Integer[] order = new Integer[m];
    double[] values = new double[m];
    for (int j = 0; j < m; j++) {
      order[j] = j;
      values[j] = dec.getEigenvalue(j).getReal();
    }
    Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
    double[] gamma = new double[m];
    double[][] vectors = new double[m][];
    for (int j = 0; j < m; j++) {
      gamma[j] = values[order[j]];
      double[] v = dec.getEigenVector(order[j]).getData().clone();
      double norm = 0;
      for (double c : v) norm += c * c;
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) v[i] /= norm;
      vectors[j] = v;
    }
    return new ViewCorrelation(gamma, vectors);
  }
}
