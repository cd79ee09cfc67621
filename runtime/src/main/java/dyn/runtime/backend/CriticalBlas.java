package dyn.runtime.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * OpenBLAS's dgemm, dsyrk and sgemm on Java arrays in place: a small JNI library of dyn's own
 * ({@code runtime/src/main/c/critical_blas.c}, built with the module where a C compiler is
 * present) pins the arrays for the call instead of copying them into native memory and back, as
 * bytedeco's binding and {@link OpenBlas}'s buffers do. The routine and its arguments are the
 * same, so are the results; for the large benchmark the copies were ~130 MB per step and the
 * buffers' first touch ~0.15 s (bench/README.md).
 *
 * <p>Everything here is optional: without the library (no C compiler at build time, another
 * platform, {@code -Ddyn.blas.critical=false}, a failed load) every call returns false and the
 * caller copies as before.
 */
final class CriticalBlas {
  private static final String RESOURCE = "linux-x86_64/libdyncriticalblas.so";

  private CriticalBlas() {}

  private static volatile boolean bound;

  /** Whether the library is loaded and bound to OpenBLAS. */
  static boolean available() {
    return bound;
  }

  /**
   * Loads the library and binds it to OpenBLAS through {@code jniLibrary} (the path of
   * bytedeco's JNI library, already loaded: the BLAS symbols resolve through its dependencies).
   * Called once, by {@link OpenBlas} as it loads; whether the library is now bound.
   */
  static synchronized boolean load(String jniLibrary) {
    if (bound) return true;
    if (jniLibrary == null
        || !Boolean.parseBoolean(System.getProperty("dyn.blas.critical", "true"))
        || !"Linux".equals(System.getProperty("os.name"))
        || !"amd64".equals(System.getProperty("os.arch"))) {
      return false;
    }
    try (InputStream in = CriticalBlas.class.getResourceAsStream(RESOURCE)) {
      if (in == null) return false; // built without a C compiler
      // Loaded from a private copy, deleted at once: the process keeps its mapping, and no
      // file is left behind (or shared with another build's version).
      Path copy = Files.createTempFile("dyn-critical-blas", ".so");
      try {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(copy);
      }
      bound = bind(jniLibrary);
    } catch (IOException | RuntimeException | LinkageError e) {
      bound = false;
    }
    return bound;
  }

  /**
   * c (m×n, row-major) = op(a) op(b) + beta·c, as cblas_dgemm; false (nothing done) when the
   * library is not there or an array could not be pinned.
   */
  static boolean gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, double beta) {
    if (!bound) return false;
    int lda = ta ? m : k;
    int ldb = tb ? k : n;
    // The native code trusts these sizes; a short array must fail here, not corrupt memory.
    if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
      throw new IllegalArgumentException("gemm operand shorter than its shape");
    }
    return dgemm(ta, tb, m, n, k, a, Math.max(1, lda), b, Math.max(1, ldb), beta, c,
        Math.max(1, n));
  }

  /**
   * The upper triangle of c (m×m) = a aᵀ (a m×k) or aᵀa (a k×m, {@code columns}), as
   * cblas_dsyrk; false when nothing was done.
   */
  static boolean syrk(boolean columns, int m, int k, double[] a, double[] c) {
    if (!bound) return false;
    if (a.length < (long) m * k || c.length < (long) m * m) {
      throw new IllegalArgumentException("syrk operand shorter than its shape");
    }
    return dsyrk(columns, m, k, a, Math.max(1, columns ? m : k), c, Math.max(1, m));
  }

  /**
   * c (m×n, leading dimension ldc) = op(a) · b in single precision, as {@link OpenBlas#sgemm};
   * false when nothing was done.
   */
  static boolean sgemm(boolean ta, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
      float[] c, int ldc) {
    if (!bound) return false;
    long aExtent = ta ? (long) (k - 1) * lda + m : (long) (m - 1) * lda + k;
    if (m < 1 || n < 1 || k < 1 || lda < (ta ? m : k) || ldb < n || ldc < n
        || a.length < aExtent || b.length < (long) (k - 1) * ldb + n
        || c.length < (long) (m - 1) * ldc + n) {
      throw new IllegalArgumentException("sgemm operand shorter than its shape");
    }
    return nativeSgemm(ta, m, n, k, a, lda, b, ldb, c, ldc);
  }

  private static native boolean bind(String jniLibrary);

  private static native boolean nativeSgemm(boolean ta, int m, int n, int k, float[] a, int lda,
      float[] b, int ldb, float[] c, int ldc);

  private static native boolean dgemm(boolean ta, boolean tb, int m, int n, int k, double[] a,
      int lda, double[] b, int ldb, double beta, double[] c, int ldc);

  private static native boolean dsyrk(boolean trans, int m, int k, double[] a, int lda,
      double[] c, int ldc);
}
