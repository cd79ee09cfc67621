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
}
