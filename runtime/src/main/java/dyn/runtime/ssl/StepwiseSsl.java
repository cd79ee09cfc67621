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
  private final double s0;

  /**
   * @param gamma the d largest eigenvalues of Γ that the embedding learns, any order (sorted here)
   * @param s0 the aligned init's scale, with γ_j s₀² &lt; 1 for every mode (a small init)
   */
  public StepwiseSsl(double[] gamma, double s0) {
    if (!(s0 > 0)) throw new IllegalArgumentException("s0 must be positive");
    this.gamma = gamma.clone();
    Arrays.sort(this.gamma);
    for (int i = 0, j = this.gamma.length - 1; i < j; i++, j--) {
      double t = this.gamma[i];
      this.gamma[i] = this.gamma[j];
      this.gamma[j] = t;
    }
    for (double g : this.gamma) {
      if (!(g > 0) || g * s0 * s0 >= 1) {
        throw new IllegalArgumentException("every γ_j must be positive with γ_j s₀² < 1, got γ = "
            + g + ", s₀ = " + s0);
      }
    }
    this.s0 = s0;
  }

  /** The modes' eigenvalues γ_j, descending: the order in which they are learned. */
  public double[] gammas() {
    return gamma.clone();
  }

  /** u_j(t), mode j's eigenvalue of C (j in descending-γ order). */
  public double modeStrength(int j, double t) {
    double g = gamma[j];
    return 1.0 / (1.0 + (1.0 / (g * s0 * s0) - 1.0) * Math.exp(-8 * g * t));
  }

  /** The time at which u_j reaches ½. */
  public double halfTime(int j) {
    double g = gamma[j];
    return Math.log(1.0 / (g * s0 * s0) - 1.0) / (8 * g);
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
}
