package dyn.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Per-tensor norms and effective ranks against numpy (np.linalg.norm; np.exp(−Σ p log p) with
 * p = svd(A)/Σ svd(A)).
 */
class LayerStatsTest {
  /** Tensors: A = [[1, 2, 0], [0, 1, 1]] (2×3), D = diag(3, 1) (2×2), a 2×1 vector, a 2×2 rank one. */
  private static final int[][] SHAPES = {{2, 3}, {2, 2}, {2, 1}, {2, 2}};
  private static final double[] THETA = {1, 2, 0, 0, 1, 1, 3, 0, 0, 1, 3, 4, 1, 2, 2, 4};

  @Test
  void frobeniusNormPerTensor() {
    assertArrayEquals(new double[] {2.6457513110645907, Math.sqrt(10), 5, 5},
        LayerStats.norms(SHAPES, THETA), 1e-15);
  }

  /**
   * A: 1.8258767489654861 (numpy); diag(3, 1): p = (¾, ¼), exp(H) = 1.7547653506033232; a
   * vector has one singular value, so 1; [[1, 2], [2, 4]] has rank one, so 1.
   */
  @Test
  void effectiveRankPerTensor() {
    double[] r = LayerStats.effectiveRanks(SHAPES, THETA);
    assertEquals(1.8258767489654861, r[0], 1e-12);
    assertEquals(1.7547653506033232, r[1], 1e-12);
    assertEquals(1.0, r[2], 1e-12);
    assertEquals(1.0, r[3], 1e-12);
    assertEquals(0.0, LayerStats.effectiveRanks(new int[][] {{2, 2}}, new double[4])[0], 0.0);
  }

  /**
   * np.linalg.svd(M, compute_uv=False) of each tensor: A → (√6 = 2.4494897427831783, 1), diag(3, 1)
   * → (3, 1), the vector → (5) and a padding 0, the rank-one matrix → (5, 2e-16). Component
   * t·k + i is σ_{i+1} of tensor t.
   */
  @Test
  void topSingularValuesPerTensorDescendingAndPadded() {
    assertArrayEquals(new double[] {2.4494897427831783, 1, 3, 1, 5, 0, 5, 0},
        LayerStats.topSingularValues(SHAPES, THETA, 2), 1e-12);
    assertArrayEquals(new double[] {2.4494897427831783, 3, 5, 5},
        LayerStats.topSingularValues(SHAPES, THETA, 1), 1e-12);
  }

  /**
   * A 4×3 Gaussian matrix from numpy (default_rng(7).standard_normal((4, 3))), its singular values
   * by np.linalg.svd: the order is descending whatever the decomposition returns.
   */
  @Test
  void topSingularValuesOfARandomMatrixMatchNumpy() {
    double[] b = {1.2301533574825742e-03, 2.9874553750846988e-01, -2.7413785536221758e-01,
        -8.9059183875727421e-01, -4.5467078517172255e-01, -9.9164655499646237e-01,
        6.0143602597438485e-02, 1.3402152455545335e+00, -4.9220651855132963e-01,
        -6.2047489981994042e-01, 4.8984205018519822e-01, 3.5688700816006075e-01};
    assertArrayEquals(new double[] {1.5364727073110587, 1.3953448578927083, 0.7964123573325879, 0},
        LayerStats.topSingularValues(new int[][] {{4, 3}}, b, 4), 1e-12);
  }
}
