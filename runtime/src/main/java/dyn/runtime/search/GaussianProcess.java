package dyn.runtime.search;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Zero-mean Gaussian-process regression with fixed hyperparameters: the posterior mean and
 * variance at new inputs, from a Cholesky factor of K + noise·I.
 *
 * <p>The factorization and the triangular solves are EJML's (ejml-ddense, already the runtime's
 * dense linear-algebra library): a maintained, pure-Java implementation, so the search runs where
 * dyn runs with no native library, and a few hundred observations factor in milliseconds.
 * CARBS trains its hyperparameters with Adam at lr 1e-4 for 1000 steps, which barely moves them
 * from their initial values (wave2.md §3.5); fixing them at those values is the faithful port.
 */
final class GaussianProcess {
  /** A covariance function of two inputs. */
  @FunctionalInterface
  interface Kernel {
    double k(double[] a, double[] b);
  }

  private final Kernel kernel;
  private final double[][] x;
  private final double[] lower;
  private final double[] alpha;
  private final int n;

  /**
   * Conditions on observations {@code y} at inputs {@code x}.
   *
   * @param noise the observation noise variance added to the diagonal (jitter included)
   */
  GaussianProcess(Kernel kernel, double[][] x, double[] y, double noise) {
    this.kernel = kernel;
    this.x = x.clone();
    this.n = x.length;
    DMatrixRMaj k = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = kernel.k(x[i], x[j]);
        k.set(i, j, v);
        k.set(j, i, v);
      }
      k.add(i, i, noise);
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    double extra = 0;
    DMatrixRMaj work = k.copy();
    // Duplicated inputs (a resampled point) make K singular up to the noise; should rounding
    // still defeat the factorization, add jitter until it succeeds, as GPyTorch and pyro do.
    while (!chol.decompose(work)) {
      extra = extra == 0 ? 1e-8 : extra * 10;
      if (extra > 1) throw new IllegalStateException("the GP's covariance is not positive definite");
      work = k.copy();
      for (int i = 0; i < n; i++) work.add(i, i, extra);
    }
    DMatrixRMaj l = chol.getT(null);
    this.lower = l.data;
    double[] a = y.clone();
    TriangularSolver_DDRM.solveL(lower, a, n);
    TriangularSolver_DDRM.solveTranL(lower, a, n);
    this.alpha = a;
  }

  /** Posterior mean and variance at {@code q}: {@code {mean, variance}}. */
  double[] predict(double[] q) {
    double[] ks = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      ks[i] = kernel.k(x[i], q);
      mean += ks[i] * alpha[i];
    }
    TriangularSolver_DDRM.solveL(lower, ks, n);
    double var = kernel.k(q, q);
    for (double v : ks) var -= v * v;
    return new double[] {mean, Math.max(var, 1e-12)};
  }

  /** CARBS's kernel for output, cost and success: linear (x·x′) plus Matérn-3/2 with length ℓ. */
  static Kernel linearPlusMatern32(double lengthscale) {
    return (a, b) -> {
      double dot = 0;
      double r2 = 0;
      for (int i = 0; i < a.length; i++) {
        dot += a[i] * b[i];
        double d = (a[i] - b[i]) / lengthscale;
        r2 += d * d;
      }
      double s = Math.sqrt(3 * r2);
      return dot + (1 + s) * StrictMath.exp(-s);
    };
  }

  /** The squared-exponential kernel of the Pareto GP (one input: transformed log-cost). */
  static Kernel rbf(double lengthscale) {
    return (a, b) -> {
      double r2 = 0;
      for (int i = 0; i < a.length; i++) {
        double d = (a[i] - b[i]) / lengthscale;
        r2 += d * d;
      }
      return StrictMath.exp(-0.5 * r2);
    };
  }
}
