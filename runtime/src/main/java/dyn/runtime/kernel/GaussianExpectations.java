package dyn.runtime.kernel;

/**
 * Closed-form bivariate Gaussian expectations T(Λ) = E[φ(u)φ(v)] and Ṫ(Λ) = E[φ'(u)φ'(v)] for
 * (u, v) ~ N(0, [[q1, c], [c, q2]]) (wave2.md §1.4). These are the only activation-specific part
 * of the NNGP and NTK recursions; an activation without a closed form has no entry here, and the
 * compiler refuses it with a diagnostic.
 */
public enum GaussianExpectations {
  /** φ(z) = z: T = c, Ṫ = 1. */
  LINEAR {
    @Override
    public double t(double q1, double q2, double c) {
      return c;
    }

    @Override
    public double tDot(double q1, double q2, double c) {
      return 1;
    }
  },
  /**
   * φ(z) = max(z, 0): the arc-cosine kernels of order 1 and 0 (Cho &amp; Saul 2009),
   * T = √(q1q2)/(2π)·(sin θ + (π − θ) cos θ), Ṫ = (π − θ)/(2π), θ = arccos(c/√(q1q2)).
   */
  RELU {
    @Override
    public double t(double q1, double q2, double c) {
      double s = Math.sqrt(q1 * q2);
      if (s == 0) return 0;
      double theta = Math.acos(clamp(c / s));
      return s / (2 * Math.PI) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta));
    }

    @Override
    public double tDot(double q1, double q2, double c) {
      double s = Math.sqrt(q1 * q2);
      // A zero-variance input sits at the kink; the limit over c → 0 is the independent case, ¼.
      if (s == 0) return 0.25;
      return (Math.PI - Math.acos(clamp(c / s))) / (2 * Math.PI);
    }
  },
  /**
   * φ(z) = erf(z): T = (2/π)·atan2(2c, √((1+2q1)(1+2q2) − 4c²)) (the arcsine form, written as
   * neural-tangents does for round-off), Ṫ = (4/π)/√((1+2q1)(1+2q2) − 4c²).
   */
  ERF {
    @Override
    public double t(double q1, double q2, double c) {
      return 2 / Math.PI * Math.atan2(2 * c, Math.sqrt(root(q1, q2, c)));
    }

    @Override
    public double tDot(double q1, double q2, double c) {
      return 4 / Math.PI / Math.sqrt(root(q1, q2, c));
    }

    private double root(double q1, double q2, double c) {
      return Math.max((1 + 2 * q1) * (1 + 2 * q2) - 4 * c * c, 0);
    }
  },
  /** φ(z) = z²: Isserlis gives T = q1q2 + 2c², and φ' = 2z gives Ṫ = 4c. */
  SQUARE {
    @Override
    public double t(double q1, double q2, double c) {
      return q1 * q2 + 2 * c * c;
    }

    @Override
    public double tDot(double q1, double q2, double c) {
      return 4 * c;
    }
  };

  /** E[φ(u)φ(v)] for Var u = q1, Var v = q2, Cov(u, v) = c. */
  public abstract double t(double q1, double q2, double c);

  /** E[φ'(u)φ'(v)] for the same Gaussian. */
  public abstract double tDot(double q1, double q2, double c);

  /** Round-off puts ρ = 1 + 1e-16 on the diagonal; arccos needs [−1, 1]. */
  static double clamp(double rho) {
    return Math.max(-1, Math.min(1, rho));
  }
}
