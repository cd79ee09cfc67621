package dyn.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.runtime.random.CounterRng;
import org.junit.jupiter.api.Test;

/** Every transpose combination of gemm against the textbook triple loop. */
class CpuBackendTest {
  @Test
  void gemmAllTransposeFlags() {
    check(3, 5, 4);
  }

  /** Odd row counts and inner sizes not a multiple of four exercise the blocked kernel's tails. */
  @Test
  void gemmBlockTails() {
    for (int m = 1; m <= 5; m++) for (int k = 1; k <= 9; k++) check(m, 3, k);
  }

  /** Above the threshold the product is split over threads; the split must not lose a row. */
  @Test
  void gemmLargeEnoughToRunInParallel() {
    check(67, 130, 121);
    check(33, 65, 123);
  }

  /** Above OpenBLAS's threshold the product goes through it, with the same transpose convention. */
  @Test
  void gemmThroughOpenBlas() {
    org.junit.jupiter.api.Assumptions.assumeTrue(OpenBlas.available(), "OpenBLAS did not load");
    assertEquals(true, OpenBlas.worthIt(160, 170, 180));
    check(160, 170, 180);
  }

  /**
   * The Gram matrix of a's columns (OpenBLAS dsyrk on the transposed operand, or gemm where the
   * library is not loaded) against the textbook sum, both triangles, above and below the
   * library's threshold.
   */
  @Test
  void gramOfColumnsMatchesTheSum() {
    for (int[] mk : new int[][] {{7, 5}, {200, 120}}) {
      int m = mk[0];
      int k = mk[1];
      double[] a = new double[k * m];
      for (int i = 0; i < a.length; i++) a[i] = CounterRng.normal(3, i);
      double[] c = new double[m * m];
      CpuBackend.gramColumns(m, k, a, c);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int r = 0; r < k; r++) s += a[r * m + i] * a[r * m + j];
          assertEquals(s, c[i * m + j], 1e-12 * k, "entry " + i + "," + j);
        }
      }
    }
  }

  private static void check(int m, int n, int k) {
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    for (int i = 0; i < a.length; i++) a[i] = CounterRng.normal(1, i);
    for (int i = 0; i < b.length; i++) b[i] = CounterRng.normal(2, i);
    double[] at = new double[a.length];
    double[] bt = new double[b.length];
    CpuBackend.INSTANCE.transpose(a, m, k, at, false);
    CpuBackend.INSTANCE.transpose(b, k, n, bt, false);
    for (int flags = 0; flags < 8; flags++) {
      boolean ta = (flags & 1) != 0;
      boolean tb = (flags & 2) != 0;
      boolean acc = (flags & 4) != 0;
      double[] c = new double[m * n];
      java.util.Arrays.fill(c, 1.0);
      CpuBackend.INSTANCE.gemm(ta, tb, m, n, k, ta ? at : a, tb ? bt : b, c, acc);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = acc ? 1.0 : 0.0;
          for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
          assertEquals(s, c[i * n + j], 1e-12 * (1 + k), m + "x" + n + "x" + k + " flags " + flags);
        }
      }
    }
  }
}
