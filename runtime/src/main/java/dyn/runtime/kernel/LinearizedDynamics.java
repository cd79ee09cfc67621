package dyn.runtime.kernel;

import dyn.compiler.plan.Dynamics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Training of the linearized model f_0 + J(θ − θ_0) on L = (1/2n)Σ‖y − f‖² in closed form
 * (wave2.md §2.1). With Θ = U diag(λ) Uᵀ the train Gram block and r_0 = f_0(X) − Y:
 *
 * <pre>
 *   f_t(X) − Y = U diag(g_t(λ)) Uᵀ r_0
 *   f_t(x*)   = f_0(x*) − Θ(x*, X) U diag((1 − g_t(λ))/λ) Uᵀ r_0
 * </pre>
 *
 * with g_t(λ) = e^{−λt/n} for gradient flow and (1 − ηλ/n)^k at t = kη for gradient descent
 * (exact for the linear model, not an approximation of the flow). (1 − g)/λ is taken to its
 * limit t/n (or kη/n) for λ → 0.
 */
public final class LinearizedDynamics {
  /** Train and test loss at each time (test NaN without a test split). */
  public record Losses(double[] train, double[] test) {}

  private LinearizedDynamics() {}

  /**
   * @param kernel Θ on train then test rows, (nTr+nTe)×(nTr+nTe) row-major (rows are
   *     sample-major: sample i, output c is row i·out + c)
   * @param f0 f_0 on the same rows
   * @param y targets on the same rows
   * @param trainRows n·out
   * @param samples n, the train sample count (the 1/n of the loss)
   * @param lr η for gradient descent, NaN for gradient flow
   */
  public static Losses solve(double[] kernel, double[] f0, double[] y, int trainRows, int samples,
      int testSamples, double lr, double[] times) {
    double steps = 0;
    for (double t : times) steps = Math.max(steps, Double.isNaN(lr) ? 0 : Dynamics.stepAt(t, lr));
    // Gradient descent over fewer steps than rows: iterating the (exact) linear update costs
    // steps·rows² against the rows³ of an eigendecomposition.
    if (!Double.isNaN(lr) && steps < trainRows) {
      return iterate(kernel, f0, y, trainRows, samples, testSamples, lr, times);
    }
    return spectral(kernel, f0, y, trainRows, samples, testSamples, lr, times);
  }

  /** f ← f − (η/n)Θ(·, X)(f(X) − y), step by step, on train and test rows together. */
  static Losses iterate(double[] kernel, double[] f0, double[] y, int trainRows, int samples,
      int testSamples, double lr, double[] times) {
    int all = f0.length;
    int m = trainRows;
    double[] f = f0.clone();
    double[] r = new double[m];
    double[] train = new double[times.length];
    double[] test = new double[times.length];
    Integer[] order = new Integer[times.length];
    for (int k = 0; k < times.length; k++) order[k] = k;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
    long done = 0;
    for (int idx : order) {
      long target = Dynamics.stepAt(times[idx], lr);
      for (; done < target; done++) {
        for (int i = 0; i < m; i++) r[i] = f[i] - y[i];
        for (int a = 0; a < all; a++) {
          double s = 0;
          int row = a * all;
          for (int i = 0; i < m; i++) s += kernel[row + i] * r[i];
          f[a] -= lr / samples * s;
        }
      }
      double tr = 0;
      for (int i = 0; i < m; i++) tr += (f[i] - y[i]) * (f[i] - y[i]);
      double te = 0;
      for (int a = m; a < all; a++) te += (f[a] - y[a]) * (f[a] - y[a]);
      train[idx] = tr / (2.0 * samples);
      test[idx] = all > m ? te / (2.0 * testSamples) : Double.NaN;
    }
    return new Losses(train, test);
  }

  /** Eigenvalues (clipped at 0: round-off of a PSD kernel) and eigenvectors of Θ(X, X). */
  private record TrainSpectrum(double[] lambda, double[][] u) {}

  /** The spectrum of the train block (first m rows and columns) of an all×all kernel. */
  private static TrainSpectrum trainSpectrum(double[] kernel, int all, int m, String what) {
    double[] gram = new double[m * m];
    for (int i = 0; i < m; i++) System.arraycopy(kernel, i * all, gram, i * m, m);
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(m, true, true);
    if (!dec.decompose(new DMatrixRMaj(m, m, true, gram))) {
      throw new IllegalStateException("the eigensolver did not converge on " + what);
    }
    double[] lambda = new double[m];
    double[][] u = new double[m][];
    for (int j = 0; j < m; j++) {
      lambda[j] = Math.max(dec.getEigenvalue(j).getReal(), 0);
      u[j] = dec.getEigenVector(j).getData().clone();
    }
    return new TrainSpectrum(lambda, u);
  }

  /** The closed form through Θ's eigendecomposition (any number of steps, and flow). */
  static Losses spectral(double[] kernel, double[] f0, double[] y, int trainRows, int samples,
      int testSamples, double lr, double[] times) {
    int all = f0.length;
    int m = trainRows;
    int te = all - m;
    TrainSpectrum sp = trainSpectrum(kernel, all, m, "the empirical NTK");
    double[] lambda = sp.lambda();
    double[][] u = sp.u();
    double[] proj = new double[m]; // Uᵀ r_0
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (int i = 0; i < m; i++) s += u[j][i] * (f0[i] - y[i]);
      proj[j] = s;
    }
    // Θ(x*, X) U, column j: the test rows' view of eigenvector j.
    double[][] crossU = new double[m][te];
    for (int j = 0; j < m; j++) {
      for (int a = 0; a < te; a++) {
        double s = 0;
        int row = (m + a) * all;
        for (int i = 0; i < m; i++) s += kernel[row + i] * u[j][i];
        crossU[j][a] = s;
      }
    }
    double[] train = new double[times.length];
    double[] test = new double[times.length];
    double[] coef = new double[m];
    double[] ft = new double[te];
    for (int k = 0; k < times.length; k++) {
      double t = times[k];
      double loss = 0;
      for (int j = 0; j < m; j++) {
        double g;
        double filter;
        if (Double.isNaN(lr)) {
          double e = lambda[j] * t / samples;
          g = Math.exp(-e);
          filter = e < 1e-12 ? t / samples : -Math.expm1(-e) / lambda[j];
        } else {
          double steps = Dynamics.stepAt(t, lr);
          double q = 1 - lr * lambda[j] / samples;
          g = Math.pow(q, steps);
          filter = lambda[j] * lr / samples < 1e-12 ? steps * lr / samples : (1 - g) / lambda[j];
        }
        // ‖U diag(g) Uᵀ r_0‖² = Σ g_j² (u_jᵀ r_0)², U orthogonal.
        loss += g * g * proj[j] * proj[j];
        coef[j] = filter * proj[j];
      }
      train[k] = loss / (2.0 * samples);
      if (te == 0) {
        test[k] = Double.NaN;
        continue;
      }
      for (int a = 0; a < te; a++) ft[a] = f0[m + a];
      for (int j = 0; j < m; j++) {
        if (coef[j] == 0) continue;
        for (int a = 0; a < te; a++) ft[a] -= crossU[j][a] * coef[j];
      }
      double s = 0;
      for (int a = 0; a < te; a++) s += (y[m + a] - ft[a]) * (y[m + a] - ft[a]);
      test[k] = s / (2.0 * testSamples);
    }
    return new Losses(train, test);
  }

  /**
   * The losses averaged over an ensemble of infinitely wide nets (Lee et al. 2019): the NTK Θ is
   * deterministic and f_0 ~ N(0, K) with K the NNGP on the same rows, so with D_t = diag(g_t),
   * Φ_t = diag((1 − g_t)/λ), P = Θ(x*, X)U and r = f_0(X) − Y:
   *
   * <pre>
   *   E‖f_t(X) − Y‖²  = ‖D_t UᵀY‖² + tr(D_t UᵀK_XX U D_t)
   *   E‖f_t(x*) − y*‖² = ‖P Φ_t UᵀY − y*‖² + tr K_** − 2 tr(P Φ_t UᵀK_X*)
   *                                       + tr(P Φ_t UᵀK_XX U Φ_t Pᵀ)
   * </pre>
   *
   * (the mean prediction is f_0 = 0's; the traces are f_0's variance carried through training).
   *
   * @param nngp K on the same rows as {@code kernel}
   */
  public static Losses ensemble(double[] kernel, double[] nngp, double[] y, int trainRows,
      int samples, int testSamples, double lr, double[] times) {
    int all = y.length;
    int m = trainRows;
    int te = all - m;
    TrainSpectrum sp = trainSpectrum(kernel, all, m, "the NTK");
    double[] lambda = sp.lambda();
    double[][] u = sp.u();
    double[] projY = new double[m];
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (int i = 0; i < m; i++) s += u[j][i] * y[i];
      projY[j] = s;
    }
    // S = Uᵀ K_XX U; P = Θ(x*, X) U (column j: crossU[j]); R = PᵀP; q_j = Σ_a P_aj (UᵀK_X*)_ja.
    double[][] ku = new double[m][m]; // K_XX u_j, by j
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < m; i++) {
        double s = 0;
        for (int l = 0; l < m; l++) s += nngp[i * all + l] * u[j][l];
        ku[j][i] = s;
      }
    }
    double[][] sMat = new double[m][m];
    for (int j = 0; j < m; j++) {
      for (int l = 0; l < m; l++) {
        double s = 0;
        for (int i = 0; i < m; i++) s += u[j][i] * ku[l][i];
        sMat[j][l] = s;
      }
    }
    double[][] crossU = new double[m][te];
    double[] q = new double[m];
    double traceTest = 0;
    for (int a = 0; a < te; a++) traceTest += nngp[(m + a) * all + m + a];
    for (int j = 0; j < m; j++) {
      double qj = 0;
      for (int a = 0; a < te; a++) {
        double s = 0;
        double k = 0;
        int row = (m + a) * all;
        for (int i = 0; i < m; i++) {
          s += kernel[row + i] * u[j][i];
          k += nngp[row + i] * u[j][i]; // (UᵀK_X*)_ja = u_jᵀ K(X, x*_a)
        }
        crossU[j][a] = s;
        qj += s * k;
      }
      q[j] = qj;
    }
    double[][] r = new double[m][m];
    for (int j = 0; j < m; j++) {
      for (int l = j; l < m; l++) {
        double s = 0;
        for (int a = 0; a < te; a++) s += crossU[j][a] * crossU[l][a];
        r[j][l] = s;
        r[l][j] = s;
      }
    }
    double[] train = new double[times.length];
    double[] test = new double[times.length];
    double[] g = new double[m];
    double[] filter = new double[m];
    double[] mean = new double[te];
    for (int k = 0; k < times.length; k++) {
      double t = times[k];
      double loss = 0;
      for (int j = 0; j < m; j++) {
        if (Double.isNaN(lr)) {
          double e = lambda[j] * t / samples;
          g[j] = Math.exp(-e);
          filter[j] = e < 1e-12 ? t / samples : -Math.expm1(-e) / lambda[j];
        } else {
          double steps = Dynamics.stepAt(t, lr);
          g[j] = Math.pow(1 - lr * lambda[j] / samples, steps);
          filter[j] = lambda[j] * lr / samples < 1e-12 ? steps * lr / samples
              : (1 - g[j]) / lambda[j];
        }
        loss += g[j] * g[j] * (projY[j] * projY[j] + sMat[j][j]);
      }
      train[k] = loss / (2.0 * samples);
      if (te == 0) {
        test[k] = Double.NaN;
        continue;
      }
      // Mean: f_t(x*) = P Φ_t UᵀY (f_0 = 0).
      java.util.Arrays.fill(mean, 0);
      for (int j = 0; j < m; j++) {
        double c = filter[j] * projY[j];
        for (int a = 0; a < te; a++) mean[a] += crossU[j][a] * c;
      }
      double s = 0;
      for (int a = 0; a < te; a++) s += (y[m + a] - mean[a]) * (y[m + a] - mean[a]);
      double variance = traceTest;
      for (int j = 0; j < m; j++) {
        variance -= 2 * filter[j] * q[j];
        for (int l = 0; l < m; l++) variance += filter[j] * filter[l] * sMat[j][l] * r[l][j];
      }
      test[k] = (s + variance) / (2.0 * testSamples);
    }
    return new Losses(train, test);
  }
}
