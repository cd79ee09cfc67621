package dyn.runtime.ssl;

import java.util.Arrays;

/**
 * Linear Barlow Twins f(x) = W x, loss ‖C − I‖_F² with C = W Γ Wᵀ, under gradient flow
 * dW/dt = −4(C − I) W Γ from the aligned init W = s₀ (e_1 … e_d)ᵀ (reference §5).
 *
 * <p>The modes decouple: u_j = γ_j s_j² obeys du/dt = 8γ_j u(1 − u), so
 * u_j(t) = 1 / (1 + (1/(γ_j s₀²) − 1) e^{−8γ_j t}), half-time ln(1/(γ_j s₀²) − 1)/(8γ_j), and the
 * loss Σ_j (1 − u_j)² falls d → d−1 → … → 0 in integer steps, largest γ first.
 */
public final class StepwiseSsl {
  private final double[] gamma;
  /** s_j(0) per mode, in the order of {@link #gamma}. */
  private final double[] s0;

  /**
   * @param gamma the d largest eigenvalues of Γ that the embedding learns, any order (sorted here)
   * @param s0 the aligned init's scale, with γ_j s₀² &lt; 1 for every mode (a small init)
   */
  public StepwiseSsl(double[] gamma, double s0) {
    this(descending(gamma), filled(gamma.length, s0));
  }

  /** Takes ownership of both arrays (γ descending, one s_j per mode) and validates them. */
  private StepwiseSsl(double[] gamma, double[] s0) {
    this.gamma = gamma;
    this.s0 = s0;
    for (int j = 0; j < gamma.length; j++) {
      double g = gamma[j];
      if (!(s0[j] > 0)) throw new IllegalArgumentException("s0 must be positive");
      if (!(g > 0) || g * s0[j] * s0[j] >= 1) {
        throw new IllegalArgumentException("every γ_j must be positive with γ_j s₀² < 1, got γ = "
            + g + ", s₀ = " + s0[j]);
      }
    }
  }

  /**
   * Modes with their own initial strengths: mode j starts at s_j(0) = {@code s0[j]}, e.g.
   * ‖W(0) e_j‖ of a non-aligned init (in the early, linear phase u_j grows as γ_j s_j² e^{8γ_j t}
   * whatever the init, so this is the closed form's estimate of its timing).
   *
   * @param gamma descending
   * @param s0 one per mode, positive, with γ_j s_j² &lt; 1
   */
  public static StepwiseSsl ofModes(double[] gamma, double[] s0) {
    if (gamma.length != s0.length) throw new IllegalArgumentException("one s0 per mode");
    for (int j = 1; j < gamma.length; j++) {
      if (gamma[j] > gamma[j - 1]) throw new IllegalArgumentException("γ must be descending");
    }
    return new StepwiseSsl(gamma.clone(), s0.clone());
  }

  private static double[] descending(double[] gamma) {
    double[] g = gamma.clone();
    Arrays.sort(g);
    for (int i = 0, j = g.length - 1; i < j; i++, j--) {
      double t = g[i];
      g[i] = g[j];
      g[j] = t;
    }
    return g;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** The modes' eigenvalues γ_j, descending: the order in which they are learned. */
  public double[] gammas() {
    return gamma.clone();
  }

  /** u_j(t), mode j's eigenvalue of C (j in descending-γ order). */
  public double modeStrength(int j, double t) {
    double g = gamma[j];
    return 1.0 / (1.0 + (1.0 / (g * s0[j] * s0[j]) - 1.0) * Math.exp(-8 * g * t));
  }

  /** The time at which u_j reaches ½. */
  public double halfTime(int j) {
    double g = gamma[j];
    return Math.log(1.0 / (g * s0[j] * s0[j]) - 1.0) / (8 * g);
  }

  /** The half-times of every mode, ascending. */
  public double[] halfTimes() {
    double[] t = new double[gamma.length];
    for (int j = 0; j < t.length; j++) t[j] = halfTime(j);
    return t;
  }

  /** L(t) = Σ_j (1 − u_j(t))². */
  public double loss(double t) {
    double l = 0;
    for (int j = 0; j < gamma.length; j++) {
      double r = 1 - modeStrength(j, t);
      l += r * r;
    }
    return l;
  }

  /** The plateau levels d, d − 1, …, 0 of the staircase (level k holds after k modes). */
  public double[] levels() {
    double[] l = new double[gamma.length + 1];
    for (int k = 0; k <= gamma.length; k++) l[k] = gamma.length - k;
    return l;
  }

  /** The eigenvalues u_j(t) of C, in mode order. */
  public double[] modeStrengths(double t) {
    double[] u = new double[gamma.length];
    for (int j = 0; j < u.length; j++) u[j] = modeStrength(j, t);
    return u;
  }

  /**
   * The time at which L(t) falls through d − k + ½, the midpoint of levels d − k + 1 and d − k
   * (k = 1 … d): where {@code compare … staircase} measures jump k of a recorded loss, so the
   * predicted and measured jumps are the same quantity. L decreases monotonically (every u_j
   * rises towards 1 from below), so bisection finds it; with well-separated modes it is where
   * u_k = 1 − 1/√2.
   */
  public double stepTime(int k) {
    double target = gamma.length - k + 0.5;
    double lo = 0;
    double hi = Math.max(halfTime(gamma.length - 1), 1e-12);
    while (loss(hi) > target) {
      lo = hi;
      hi *= 2;
    }
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
      double mid = 0.5 * (lo + hi);
      if (loss(mid) > target) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  /** {@link #stepTime} for k = 1 … d. */
  public double[] stepTimes() {
    double[] t = new double[gamma.length];
    for (int k = 1; k <= t.length; k++) t[k - 1] = stepTime(k);
    return t;
  }
}
