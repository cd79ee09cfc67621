package dyn.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BLAS on Java arrays in place ({@link CriticalBlas}) against the same routine on copies (the
 * path it replaces): the same bits for every transposition, with and without accumulation, and
 * for both Gram products. Where the module could be built with it (Linux x86-64 with gcc on the
 * PATH, as on the development and CI machines) the library must be there and bound: a build
 * that silently lost it would otherwise pass by falling back.
 */
class CriticalBlasTest {
  private static boolean mustHaveLibrary() {
    if (!"Linux".equals(System.getProperty("os.name"))
        || !"amd64".equals(System.getProperty("os.arch"))) {
      return false;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (new java.io.File(dir.isEmpty() ? "." : dir, "gcc").canExecute()) return true;
    }
    return false;
  }

  private static void requireLibrary() {
    assumeTrue(OpenBlas.available(), "OpenBLAS is not loaded here");
    if (mustHaveLibrary()) {
      assertTrue(CriticalBlas.available(), "gcc is here, so the build must have made the library");
    }
    assumeTrue(CriticalBlas.available(), "built without the JNI library");
  }

  private static double[] random(Random r, int size) {
    double[] a = new double[size];
    for (int i = 0; i < size; i++) a[i] = r.nextGaussian();
    return a;
  }

  @Test
  void gemmInPlaceHasTheBitsOfTheCopiedCall() {
    requireLibrary();
    Random r = new Random(7);
    // Above OpenBlas.THRESHOLD, odd sizes so that no dimension is a multiple of a block.
    int m = 203, n = 171, k = 131;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          double[] a = random(r, m * k);
          double[] b = random(r, k * n);
          double[] c0 = random(r, m * n);
          double[] inPlace = c0.clone();
          double[] copied = c0.clone();
          assertTrue(CriticalBlas.gemm(ta, tb, m, n, k, a, b, inPlace, accumulate ? 1 : 0));
          OpenBlas.gemmCopied(ta, tb, m, n, k, a, b, copied, accumulate);
          assertArrayEquals(copied, inPlace, 0.0, "ta " + ta + " tb " + tb + " acc " + accumulate);
        }
      }
    }
  }

  @Test
  void sgemmInPlaceHasTheBitsOfTheCopiedCall() {
    requireLibrary();
    Random r = new Random(9);
    // The float32 kernels' form: b row-major with a padded width, a either way round.
    int m = 181, n = 150, k = 97, ldb = 152, ldc = 152;
    for (boolean ta : new boolean[] {false, true}) {
      int lda = ta ? m + 3 : k + 5;
      float[] a = new float[(ta ? k : m) * lda];
      float[] b = new float[k * ldb];
      for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
      for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
      float[] inPlace = new float[m * ldc];
      float[] copied = new float[m * ldc];
      assertTrue(CriticalBlas.sgemm(ta, m, n, k, a, lda, b, ldb, inPlace, ldc));
      OpenBlas.sgemmCopied(ta, m, n, k, a, lda, b, ldb, copied, ldc);
      assertArrayEquals(copied, inPlace, 0.0f, "ta " + ta);
    }
  }

  @Test
  void gramInPlaceHasTheBitsOfTheCopiedCall() {
    requireLibrary();
    Random r = new Random(8);
    int m = 157, k = 301;
    for (boolean columns : new boolean[] {false, true}) {
      double[] a = random(r, m * k);
      double[] inPlace = new double[m * m];
      double[] copied = new double[m * m];
      assertTrue(CriticalBlas.syrk(columns, m, k, a, inPlace));
      OpenBlas.syrkCopied(columns, m, k, a, copied);
      for (int i = 0; i < m; i++) {
        for (int j = i; j < m; j++) {
          assertTrue(inPlace[i * m + j] == copied[i * m + j], "entry " + i + "," + j);
        }
      }
    }
  }

  @Test
  void theProductIsTheProduct() {
    // An independent check of the in-place call itself (not only against the copying path):
    // a small exact product, integers, every transposition.
    requireLibrary();
    double[] a = {1, 2, 3, 4, 5, 6}; // 2×3, or as aᵀ stored 3×2
    double[] b = {1, 0, 2, 1, 0, 3}; // 3×2, or as bᵀ stored 2×3
    double[] c = new double[4];
    assertTrue(CriticalBlas.gemm(false, false, 2, 2, 3, a, b, c, 0));
    assertArrayEquals(new double[] {1 + 4, 2 + 9, 4 + 10, 5 + 18}, c, 0.0);
    double[] cT = new double[4]; // aᵀ (a stored 3×2) times bᵀ (b stored 2×3): 2×2
    assertTrue(CriticalBlas.gemm(true, true, 2, 2, 3, a, b, cT, 0));
    // aᵀ = [[1,3,5],[2,4,6]]; b stored 2×3 = [[1,0,2],[1,0,3]], so bᵀ = [[1,1],[0,0],[2,3]].
    assertArrayEquals(new double[] {1 + 10, 1 + 15, 2 + 12, 2 + 18}, cT, 0.0);
  }

  @Test
  void aShortOperandIsRefusedBeforeTheNativeCall() {
    requireLibrary();
    assertThrows(IllegalArgumentException.class,
        () -> CriticalBlas.gemm(false, false, 4, 4, 4, new double[15], new double[16],
            new double[16], 0));
    assertThrows(IllegalArgumentException.class,
        () -> CriticalBlas.syrk(false, 4, 4, new double[16], new double[15]));
    assertThrows(IllegalArgumentException.class,
        () -> CriticalBlas.sgemm(true, 4, 4, 4, new float[18], 5, new float[16], 4,
            new float[16], 4));
  }
}
