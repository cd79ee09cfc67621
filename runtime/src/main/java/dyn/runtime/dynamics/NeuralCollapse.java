package dyn.runtime.dynamics;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.PenultimateFeatures;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Neural collapse NC1 of the training set (Papyan, Han &amp; Donoho 2020; wave2.md §4.3): with
 * penultimate-layer features h_i ∈ R^D ({@link PenultimateFeatures}), class means μ_c over the
 * K classes present and the global mean μ_G over all N samples,
 * Σ_W = (1/N) Σ_i (h_i − μ_{c(i)})(h_i − μ_{c(i)})ᵀ, Σ_B = (1/K) Σ_c (μ_c − μ_G)(μ_c − μ_G)ᵀ and
 * NC1 = (1/K) tr(Σ_W Σ_B⁺), ⁺ the Moore–Penrose pseudo-inverse. NC1 → 0 as the features
 * collapse onto their class means.
 */
final class NeuralCollapse {
  private final Program features;
  private final int[] classes;

  /**
   * @param x the training inputs, d×n row-major
   * @param classes each sample's class, as {@link dyn.runtime.loss.Labels#classes} reads it
   */
  NeuralCollapse(ModelSpec model, double[] x, int n, int[] classes) {
    Graph g = model.forward();
    int h = PenultimateFeatures.node(g).orElseThrow(() -> new IllegalStateException(
        "nc1 needs a model whose output is a linear layer W @ h; " + model.name() + " is not"));
    Graph upToFeatures = new Graph(g.nodes().subList(0, h + 1), java.util.List.of(h));
    this.features = Program.compile(upToFeatures, FlatParams.shapes(model), model.inputDim(), n,
        CpuBackend.INSTANCE);
    features.setInput(x);
    this.classes = classes;
  }

  /** NC1 at θ. */
  double at(double[] theta) {
    features.setParams(theta);
    features.forward();
    return nc1(features.output(0), features.outputRows(0), classes);
  }

  /**
   * NC1 of features h (D×N row-major, sample j in column j) with the given classes. Writing
   * M̃ = [μ_c − μ_G]_c (D×K) = U S Vᵀ (thin SVD, rank r), Σ_B⁺ = K Σ_{i≤r} u_i u_iᵀ / s_i², so
   * NC1 = (1/N) Σ_{i≤r} Σ_j (u_i·(h_j − μ_{c(j)}))² / s_i²: no D×D matrix is formed, and the SVD of
   * M̃ keeps singular values down to round-off of M̃ itself (Σ_B's eigenvalues are their
   * squares). Singular values ≤ max(D, K)·ε·s_max count as 0, NumPy's matrix_rank tolerance.
   */
  static double nc1(double[] h, int dim, int[] classes) {
    int n = classes.length;
    int top = 0;
    for (int c : classes) top = Math.max(top, c + 1);
    double[][] mean = new double[top][dim];
    int[] count = new int[top];
    for (int c : classes) count[c]++;
    double[] global = new double[dim];
    for (int r = 0; r < dim; r++) {
      for (int j = 0; j < n; j++) {
        double v = h[r * n + j];
        mean[classes[j]][r] += v;
        global[r] += v;
      }
      global[r] /= n;
    }
    int k = 0;
    for (int c = 0; c < top; c++) if (count[c] > 0) k++;
    DMatrixRMaj between = new DMatrixRMaj(dim, k);
    for (int c = 0, col = 0; c < top; c++) {
      if (count[c] == 0) continue;
      for (int r = 0; r < dim; r++) {
        mean[c][r] /= count[c];
        between.set(r, col, mean[c][r] - global[r]);
      }
      col++;
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(dim, k, true, false, true);
    if (!svd.decompose(between)) {
      throw new IllegalStateException("the SVD of the class means did not converge");
    }
    double[] s = svd.getSingularValues();
    DMatrixRMaj u = svd.getU(null, false);
    double largest = 0.0;
    for (double v : s) largest = Math.max(largest, v);
    double cut = Math.max(dim, k) * Math.ulp(1.0) * largest;
    double total = 0.0;
    double[] within = new double[dim];
    for (int j = 0; j < n; j++) {
      for (int r = 0; r < dim; r++) within[r] = h[r * n + j] - mean[classes[j]][r];
      for (int i = 0; i < s.length; i++) {
        if (!(s[i] > cut)) continue;
        double p = 0.0;
        for (int r = 0; r < dim; r++) p += u.get(r, i) * within[r];
        total += p * p / (s[i] * s[i]);
      }
    }
    return total / n;
  }
}
