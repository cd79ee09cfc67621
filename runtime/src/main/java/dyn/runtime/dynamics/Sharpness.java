package dyn.runtime.dynamics;

import dyn.runtime.random.CounterRng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Sharpness S(θ) = λ_max(∇²L(θ)), the top eigenvalue of the loss Hessian (wave2 §4.4), by
 * Lanczos with full reorthogonalization on Hessian-vector products. Hv is the central
 * difference of the analytic gradient, (∇L(θ + εv) − ∇L(θ − εv))/(2ε) with ε = 1e-5·(1 + ‖θ‖)
 * for unit v: its error is O(ε²) from the third derivative plus O(u‖∇L‖/ε) from rounding,
 * ~1e-10 relative in float64. Lanczos returns the algebraically largest Ritz value of the
 * Krylov space, so a large negative eigenvalue cannot masquerade as the top one (as it can in
 * power iteration); with {@code steps} ≥ the parameter count it is exact up to the Hv error.
 * The start vector is a fixed pseudo-random unit vector, so a run is reproducible.
 */
final class Sharpness {
  /** Krylov dimension: enough for the top eigenvalue of a Hessian to ~1e-8 in practice. */
  static final int STEPS = 40;
  private static final long START_STREAM = 0x5A4E_5E55L;

  private final Objective objective;
  private final int size;
  private final int steps;
  private final double[][] q;
  private final double[] w;
  private final double[] plus;
  private final double[] minus;
  private final double[] probe;

  Sharpness(Objective objective, int size) {
    this.objective = objective;
    this.size = size;
    this.steps = Math.min(STEPS, size);
    this.q = new double[steps + 1][size];
    this.w = new double[size];
    this.plus = new double[size];
    this.minus = new double[size];
    this.probe = new double[size];
  }

  /** λ_max of ∇²L at θ (θ is left unchanged). */
  double top(double[] theta) {
    CounterRng.fillNormal(START_STREAM, 0, q[0], size);
    scale(q[0], 1.0 / norm(q[0]));
    double[] alpha = new double[steps];
    double[] beta = new double[steps];
    double eps = 1e-5 * (1.0 + norm(theta));
    int m = 0;
    for (int j = 0; j < steps; j++) {
      hessianTimes(theta, q[j], eps);
      alpha[j] = dot(q[j], w);
      // Full reorthogonalization against every earlier vector (twice is enough, Parlett).
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i <= j; i++) axpy(-dot(q[i], w), q[i], w);
      }
      m = j + 1;
      double b = norm(w);
      if (j + 1 == steps || b <= 1e-12 * Math.max(1.0, Math.abs(alpha[j]))) break;
      beta[j] = b;
      for (int k = 0; k < size; k++) q[j + 1][k] = w[k] / b;
    }
    DMatrixRMaj t = new DMatrixRMaj(m, m);
    for (int j = 0; j < m; j++) {
      t.set(j, j, alpha[j]);
      if (j + 1 < m) {
        t.set(j, j + 1, beta[j]);
        t.set(j + 1, j, beta[j]);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false, true);
    if (!eig.decompose(t)) throw new IllegalStateException("Lanczos tridiagonal eig failed");
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
    return top;
  }

  /** w = H v by central differences of ∇L. */
  private void hessianTimes(double[] theta, double[] v, double eps) {
    for (int k = 0; k < size; k++) probe[k] = theta[k] + eps * v[k];
    objective.valueAndGradient(probe, plus);
    for (int k = 0; k < size; k++) probe[k] = theta[k] - eps * v[k];
    objective.valueAndGradient(probe, minus);
    for (int k = 0; k < size; k++) w[k] = (plus[k] - minus[k]) / (2 * eps);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void scale(double[] a, double c) {
    for (int i = 0; i < a.length; i++) a[i] *= c;
  }

  private static void axpy(double c, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) y[i] += c * x[i];
  }
}
