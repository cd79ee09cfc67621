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
      kappa = kappa(lambda, n, ridge, start > 0 ? start : 1e-8);
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

  /**
   * κ > 0 solving g(u) = Σ_i λ_i/(λ_i + e^u) + δe^{−u} − n = 0 in u = ln κ, by Newton's method
   * safeguarded with a bracket. g is decreasing in u and one pass over the spectrum gives both g
   * and g'(u) = −Σ_i L_i(1 − L_i) − δ/κ (L_i = λ_i/(λ_i + κ)), so each step costs what a
   * bracketing step does while the steps converge quadratically: some 6 passes against a
   * regula falsi's 16 on a 10⁵-mode spectrum. A step that leaves the bracket, or that a flat g
   * makes unreliable, is replaced by the bracket's midpoint (or, before both ends are known, by a
   * move of growing length towards the root), so the solve cannot leave the valid branch, which
   * an unguarded solver started from a guess (the public code's {@code fsolve}) can.
   */
  static double kappa(double[] lambda, double n, double ridge, double guess) {
    double lo = Double.NEGATIVE_INFINITY; // g(lo) > 0
    double hi = Double.POSITIVE_INFINITY; // g(hi) < 0
    double floor = Math.log(Double.MIN_NORMAL); // κ stays a positive normal number
    double u = Math.max(Math.log(guess), floor);
    double reach = 2; // the longest move (in ln κ) while one end is still unknown
    for (int i = 0; i < 400; i++) {
      double k = Math.exp(u);
      double s1 = 0;
      double s2 = 0;
      for (double l : lambda) {
        double learn = l / (l + k);
        s1 += learn;
        s2 += learn * (1 - learn);
      }
      double g = s1 + ridge / k - n;
      if (g == 0 || (g < 0 && u <= floor)) return k;
      if (g > 0) lo = u; else hi = u;
      double slope = -(s2 + ridge / k);
      double next = u - g / slope;
      if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
        // One end unknown: move towards the root by Newton's step, at most `reach`, growing.
        double limit = g > 0 ? u + reach : u - reach;
        if (!(slope < 0) || Double.isNaN(next) || (g > 0 ? next > limit : next < limit)) {
          next = limit;
          reach *= 2;
        }
      } else if (!(next > lo && next < hi)) {
        next = (lo + hi) / 2;
      }
      next = Math.max(next, floor);
      if (Math.abs(next - u) <= 1e-15 * Math.max(1, Math.abs(u))
          || hi - lo <= 1e-15 * Math.max(1, Math.abs(u))) {
        return Math.exp(next);
      }
      u = next;
    }
    return Math.exp(u);
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
    // Spectra usually come sorted (power laws, a measured kernel's eigenvalues): one pass, no sort.
    boolean descending = true;
    boolean ascending = true;
    for (int i = 1; i < lambda.length && (descending || ascending); i++) {
      descending &= lambda[i] <= lambda[i - 1];
      ascending &= lambda[i] >= lambda[i - 1];
    }
    if (descending) return lambda[k];
    if (ascending) return lambda[lambda.length - 1 - k];
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
      if (!(lambda[i] >= 0 && lambda[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("eigenvalue " + i + " is " + lambda[i]
            + "; a kernel's eigenvalues are ≥ 0");
      }
    }
    if (!(n > 0)) throw new IllegalArgumentException("n = " + n + "; the risk needs n > 0 samples");
    if (!(ridge >= 0)) throw new IllegalArgumentException("ridge = " + ridge + " < 0");
    if (!(noise >= 0)) throw new IllegalArgumentException("noise = " + noise + " < 0");
  }
}
