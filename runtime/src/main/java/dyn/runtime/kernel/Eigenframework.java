package dyn.runtime.kernel;

/**
 * Test and train risk of kernel ridge regression from the kernel's eigenvalues and the target's
 * eigen-coefficients: the eigenlearning framework (Simon, Dickens, Karkada &amp; DeWeese,
 * reference.md §4.1).
 *
 * <p>κ solves Σ_i λ_i/(λ_i + κ) + δ/κ = n; L_i = λ_i/(λ_i + κ); E_0 = n/(n − Σ_i L_i²);
 * test MSE = E_0·(Σ_i (1 − L_i)² v_i² + ε²) against noisy test labels; train MSE =
 * (δ/(nκ))²·test MSE. The KRR predictor these describe is f = k(x, X)(K + δI)⁻¹y with K the
 * n×n Gram matrix, so δ is the ridge added to the Gram matrix.
 */
public final class Eigenframework {
  /**
   * The framework's numbers.
   *
   * @param kappa the effective regularization κ (0 for a ridgeless fit with fewer modes than
   *     samples, which interpolates exactly)
   * @param learnabilities L_i per mode
   * @param e0 the overfitting coefficient E_0 ≥ 1
   * @param testMse E_0·(Σ(1 − L_i)²v_i² + ε²)
   * @param trainMse (δ/(nκ))²·testMse
   * @param targetLearnability Σ v_i² L_i / Σ v_i² (NaN for a zero target)
   */
  public record Result(double kappa, double[] learnabilities, double e0, double testMse,
      double trainMse, double targetLearnability) {}

  private Eigenframework() {}

  /**
   * The risk of KRR with n samples and ridge δ.
   *
   * @param lambda kernel eigenvalues, each ≥ 0 (any order)
   * @param v the target's coefficients in the same eigenbasis (as many as eigenvalues)
   * @param noise ε², the label-noise variance
   */
  public static Result solve(double[] lambda, double[] v, double noise, double n, double ridge) {
    check(lambda, v, noise, n, ridge);
    int modes = 0;
    for (double l : lambda) if (l > 0) modes++;
    double kappa;
    if (ridge == 0 && modes <= n) {
      kappa = 0; // fewer features than samples: the ridgeless fit is exact on every mode
    } else {
      double start = Math.max(ridge / n, nth(lambda, (int) Math.floor(n)));
      kappa = LogBisection.root(k -> sumLearn(lambda, k) + ridge / k - n, 0, start > 0 ? start : 1e-8);
    }
    double[] learn = new double[lambda.length];
    double sumSq = 0;
    double bias = 0;
    double power = 0;
    double learned = 0;
    for (int i = 0; i < lambda.length; i++) {
      learn[i] = lambda[i] == 0 ? 0 : kappa == 0 ? 1 : lambda[i] / (lambda[i] + kappa);
      sumSq += learn[i] * learn[i];
      bias += (1 - learn[i]) * (1 - learn[i]) * v[i] * v[i];
      power += v[i] * v[i];
      learned += learn[i] * v[i] * v[i];
    }
    double e0 = n / (n - sumSq);
    double test = e0 * (bias + noise);
    double train = kappa == 0 ? 0 : Math.pow(ridge / (n * kappa), 2) * test;
    return new Result(kappa, learn, e0, test, train, power == 0 ? Double.NaN : learned / power);
  }

  /** Σ_i λ_i/(λ_i + κ). */
  static double sumLearn(double[] lambda, double kappa) {
    double s = 0;
    for (double l : lambda) s += l / (l + kappa);
    return s;
  }

  /** The k-th largest eigenvalue (0-based), or 0 past the end: the public code's start for κ. */
  static double nth(double[] lambda, int k) {
    if (k >= lambda.length) return 0;
    double[] sorted = lambda.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length - 1 - k];
  }

  static void check(double[] lambda, double[] v, double noise, double n, double ridge) {
    if (lambda.length != v.length) {
      throw new IllegalArgumentException("the spectrum has " + lambda.length
          + " modes but the target " + v.length + " coefficients");
    }
    for (int i = 0; i < lambda.length; i++) {
      if (!(lambda[i] >= 0) || Double.isInfinite(lambda[i])) {
        throw new IllegalArgumentException("eigenvalue " + i + " is " + lambda[i]
            + "; a kernel's eigenvalues are ≥ 0");
      }
    }
    if (!(n > 0)) throw new IllegalArgumentException("n = " + n + "; the risk needs n > 0 samples");
    if (!(ridge >= 0)) throw new IllegalArgumentException("ridge = " + ridge + " < 0");
    if (!(noise >= 0)) throw new IllegalArgumentException("noise = " + noise + " < 0");
  }
}
