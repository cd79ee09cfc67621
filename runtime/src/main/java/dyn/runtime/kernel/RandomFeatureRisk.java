package dyn.runtime.kernel;

/**
 * Test risk of random-feature ridge regression with k features ("More is Better", Simon,
 * Karkada, Ghosh &amp; Belkin; reference.md §4.2). κ and γ solve
 * n = Σ_i L_i + δ/κ and k = Σ_i L_i + kκ/γ with L_i = λ_i/(λ_i + γ); with z = ΣL_i, q = ΣL_i²,
 * x = (q(k − 2z) + z²)/(n(k − q)), E = 1/(1 − x) and
 * b_i = (1 − L_i) − κL_i/(λ_i + γ)·k/(k − q), the test MSE is E·(Σ b_i v_i² + ε²).
 *
 * <p>The solve is parametrized by γ (reference §4.2's robust solver): for δ &gt; 0,
 * κ(γ) = δ/(n − ΣL_i(γ)) on the branch ΣL_i &lt; n, and the second equation is decreasing in
 * γ there, so one bisection on log γ finds it. For δ = 0, ΣL_i = min(k, n) and κ = 0 (k &lt; n)
 * or κ = γ(1 − n/k) (k &gt; n); at k = n the risk is infinite (the double-descent spike).
 */
public final class RandomFeatureRisk {
  /**
   * @param kappa κ
   * @param gamma γ, the feature-side effective regularization (→ κ as k → ∞)
   * @param e0 E = 1/(1 − x)
   * @param testMse E·(Σ b_i v_i² + ε²)
   */
  public record Result(double kappa, double gamma, double e0, double testMse) {}

  private RandomFeatureRisk() {}

  /** The risk with n samples, k features and ridge δ; arguments as {@link Eigenframework#solve}. */
  public static Result solve(double[] lambda, double[] v, double noise, double n, double k,
      double ridge) {
    Eigenframework.check(lambda, v, noise, n, ridge);
    if (!(k > 0)) throw new IllegalArgumentException("features = " + k + "; k must be > 0");
    int modes = 0;
    for (double l : lambda) if (l > 0) modes++;
    double gamma;
    double kappa;
    if (ridge == 0) {
      double m = Math.min(k, n);
      if (k == n) return new Result(0, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
      if (modes <= m) {
        // Fewer modes than min(k, n): every mode is learned exactly, γ → 0.
        gamma = 0;
        kappa = 0;
      } else {
        gamma = LogBisection.root(g -> Eigenframework.sumLearn(lambda, g) - m, 0, 1e-8);
        kappa = k < n ? 0 : gamma * (1 - n / k);
      }
    } else {
      // Below γ_n (where ΣL = n) κ(γ) would be negative: search above it.
      double floor = modes > n
          ? LogBisection.root(g -> Eigenframework.sumLearn(lambda, g) - n, 0, 1e-8) : 0;
      gamma = LogBisection.root(g -> {
        double s = Eigenframework.sumLearn(lambda, g);
        return s + k * (ridge / (n - s)) / g - k;
      }, floor, floor > 0 ? floor * 2 : 1e-8);
      kappa = ridge / (n - Eigenframework.sumLearn(lambda, gamma));
    }
    double z = 0;
    double q = 0;
    double[] learn = new double[lambda.length];
    for (int i = 0; i < lambda.length; i++) {
      learn[i] = lambda[i] == 0 ? 0 : gamma == 0 ? 1 : lambda[i] / (lambda[i] + gamma);
      z += learn[i];
      q += learn[i] * learn[i];
    }
    double x = (q * (k - 2 * z) + z * z) / (n * (k - q));
    double e = 1 / (1 - x);
    double bias = 0;
    for (int i = 0; i < lambda.length; i++) {
      double cross = gamma == 0 ? 0 : kappa * learn[i] / (lambda[i] + gamma) * k / (k - q);
      bias += ((1 - learn[i]) - cross) * v[i] * v[i];
    }
    return new Result(kappa, gamma, e, e * (bias + noise));
  }
}
