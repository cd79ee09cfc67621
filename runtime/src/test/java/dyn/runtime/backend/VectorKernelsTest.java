package dyn.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The product kernel against a plain scalar loop: every element of C is the sum over s in
 * ascending order, starting from zero, one multiply and one add per term, so the bits must be the
 * loop's exactly, with wide tiles (taken on machines with 512-bit vectors: 5 rows × 4 or 3
 * vectors, or 8 rows × 2, by the width) or tiles of 4, for either storage of A, for widths that
 * take each wide tiling and for row ranges that leave partial tiles.
 */
class VectorKernelsTest {
  @Test
  void wideAndNarrowTilesGiveTheScalarLoopsBits() {
    Random rnd = new Random(7);
    int lanes = VectorKernels.LANES;
    for (int m : new int[] {1, 3, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 20, 33}) {
      for (int k : new int[] {1, 5, 20, 64}) {
        for (int w : new int[] {lanes, 2 * lanes, 3 * lanes, 4 * lanes, 5 * lanes, 7 * lanes, 8 * lanes}) {
          for (boolean transposed : new boolean[] {false, true}) {
            double[] a = new double[m * k];
            double[] b = new double[k * w];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextGaussian();
            int ars = transposed ? 1 : k;
            int acs = transposed ? m : 1;
            double[] expected = new double[m * w];
            for (int r = 0; r < m; r++) {
              for (int v = 0; v < w; v++) {
                double sum = 0.0;
                for (int s = 0; s < k; s++) sum = sum + a[r * ars + s * acs] * b[s * w + v];
                expected[r * w + v] = sum;
              }
            }
            for (boolean wide : new boolean[] {true, false}) {
              // Two row ranges, as a split over two threads gives them.
              double[] c = new double[m * w];
              int half = m / 2;
              VectorKernels.rows(0, half, k, w, a, ars, acs, b, c, wide);
              VectorKernels.rows(half, m, k, w, a, ars, acs, b, c, wide);
              for (int i = 0; i < c.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(c[i]),
                    "m=" + m + " k=" + k + " w=" + w + " transposed=" + transposed + " wide=" + wide
                        + " element " + i);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The same for the float32 kernel, against a float loop (each product and sum rounded to
   * float).
   */
  @Test
  void float32TilesGiveTheFloatLoopsBits() {
    Random rnd = new Random(11);
    int lanes = VectorKernels.LANES32;
    for (int m : new int[] {1, 3, 5, 8, 9, 10, 17, 20, 33}) {
      for (int k : new int[] {1, 5, 20, 64}) {
        for (int w : new int[] {lanes, 2 * lanes, 3 * lanes, 4 * lanes, 5 * lanes, 7 * lanes}) {
          for (boolean transposed : new boolean[] {false, true}) {
            float[] a = new float[m * k];
            float[] b = new float[k * w];
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
            int ars = transposed ? 1 : k;
            int acs = transposed ? m : 1;
            float[] expected = new float[m * w];
            for (int r = 0; r < m; r++) {
              for (int v = 0; v < w; v++) {
                float sum = 0.0f;
                for (int s = 0; s < k; s++) sum = sum + a[r * ars + s * acs] * b[s * w + v];
                expected[r * w + v] = sum;
              }
            }
            for (boolean wide : new boolean[] {true, false}) {
              float[] c = new float[m * w];
              int half = m / 2;
              VectorKernels.rows32(0, half, k, w, a, ars, acs, b, c, wide);
              VectorKernels.rows32(half, m, k, w, a, ars, acs, b, c, wide);
              for (int i = 0; i < c.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]),
                    "m=" + m + " k=" + k + " w=" + w + " transposed=" + transposed + " wide=" + wide
                        + " element " + i);
              }
            }
          }
        }
      }
    }
  }
}
