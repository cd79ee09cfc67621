package dyn.runtime.backend;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Large matrix products through OpenBLAS (bytedeco's build, its native library shipped inside
 * the jar). Loading can fail (another platform, no writable cache directory); then {@link
 * #AVAILABLE} is false and the pure-Java kernels do all the work. Only products of at least
 * {@link #THRESHOLD} multiply–adds go here: below that the call and array-copy overhead of JNI
 * costs more than the faster kernel saves. {@code -Ddyn.blas=false} turns it off.
 */
final class OpenBlas {
  static final long THRESHOLD = Long.getLong("dyn.blas.threshold", 1L << 22);
  static final boolean AVAILABLE = load();

  private OpenBlas() {}

  private static boolean load() {
    if (!Boolean.parseBoolean(System.getProperty("dyn.blas", "true"))) return false;
    try {
      // A 1×1 product proves the library loads and links.
      double[] c = {0.0};
      openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
          openblas_nolapack.CblasNoTrans, 1, 1, 1, 1.0, new double[] {2.0}, 1, new double[] {3.0},
          1, 0.0, c, 1);
      return c[0] == 6.0;
    } catch (Throwable e) { // NoClassDefFoundError, UnsatisfiedLinkError, ExceptionInInitializerError
      return false;
    }
  }

  /** Sets OpenBLAS's thread count; returns the previous one (0 when not loaded). */
  static int setThreads(int threads) {
    if (!AVAILABLE) return 0;
    int before = openblas_nolapack.blas_get_num_threads();
    openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
    return before;
  }

  static boolean worthIt(int m, int n, int k) {
    return AVAILABLE && (long) m * n * k >= THRESHOLD;
  }

  /** c (m×n) = op(a) op(b) (+ c when accumulate), row-major, as {@link Backend#gemm}. */
  static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, boolean accumulate) {
    openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, 1.0, a,
        ta ? m : k, b, tb ? k : n, accumulate ? 1.0 : 0.0, c, n);
  }
}
