package dyn.runtime.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianProcessTest {
  /**
   * Posterior mean and variance against numpy's dense solve of the same kernel (linear + Matérn-3/2,
   * ℓ = 0.3, noise 1e-2): mean = k*ᵀ(K + σ²I)⁻¹y, var = k(q,q) − k*ᵀ(K + σ²I)⁻¹k*, computed by
   * {@code np.linalg.solve} on the four points below at q = (0.2, 0.1).
   */
  @Test
  void posteriorMatchesNumpy() {
    double[][] x = {{0, 0}, {0.3, -0.2}, {1, 0.5}, {-0.4, 0.8}};
    double[] y = {0.5, -1, 2, 0.3};
    GaussianProcess gp = new GaussianProcess(GaussianProcess.linearPlusMatern32(0.3), x, y, 1e-2);
    double[] mv = gp.predict(new double[] {0.2, 0.1});
    assertEquals(0.22658637613425833, mv[0], 1e-12);
    assertEquals(0.5657078667704436, mv[1], 1e-12);
  }

  /** A duplicated input (a resampled point) still factors, and the posterior mean averages it. */
  @Test
  void duplicateInputsAverage() {
    double[][] x = {{0.5}, {0.5}};
    GaussianProcess gp = new GaussianProcess(GaussianProcess.rbf(1), x, new double[] {1, 3}, 1e-2);
    // Mean at the point: 2k/(2k + σ²)·2 with k = 1, σ² = 1e-2 (two equal columns).
    assertEquals(2 * 2 / (2 + 1e-2), gp.predict(new double[] {0.5})[0], 1e-12);
  }
}
