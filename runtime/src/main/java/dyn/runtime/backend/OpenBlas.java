package dyn.runtime.backend;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Large matrix products through OpenBLAS (bytedeco's build, its native library shipped inside
 * the jar). Loading can fail (another platform, no writable cache directory); then the pure-Java
 * kernels do all the work. Only products of at least {@link #THRESHOLD} multiply–adds go here:
 * below that the call and array-copy overhead of JNI costs more than the faster kernel saves.
 * {@code -Ddyn.blas=false} turns it off.
 *
 * <p>The library loads on the first product that large, not before: loading starts OpenBLAS's
 * worker threads, and each spin-waits for work for some 0.1 s after it starts (and after every
 * call), and loading costs ~0.05 s of start-up. A study of small products never loads it, so
 * no worker takes a core from the JIT while the fused kernels are being compiled.
 */
final class OpenBlas {
  static final long THRESHOLD = Long.getLong("dyn.blas.threshold", 1L << 22);
  private static final boolean ENABLED =
      Boolean.parseBoolean(System.getProperty("dyn.blas", "true"));

  /** Worker threads asked for through {@link #setThreads}; 0 means OpenBLAS's own default. */
  private static int threads;
  /** OpenBLAS's own thread count, read as it loads; 0 until then. */
  private static int defaultThreads;
  private static volatile boolean loaded;

  private OpenBlas() {}

  /** Holder: its initialisation is the (one) attempt to load the library. */
  private static final class Library {
    static final boolean AVAILABLE = load();
  }

  private static boolean load() {
    try {
      // A 1×1 product proves the library loads and links.
      double[] c = {0.0};
      openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
          openblas_nolapack.CblasNoTrans, 1, 1, 1, 1.0, new double[] {2.0}, 1, new double[] {3.0},
          1, 0.0, c, 1);
      if (c[0] != 6.0) return false;
      synchronized (OpenBlas.class) {
        defaultThreads = openblas_nolapack.blas_get_num_threads();
        loaded = true;
        applyThreads();
      }
      try {
        // The library is loaded by now; asking again only returns its path.
        CriticalBlas.load(Loader.load(openblas_nolapack.class));
      } catch (Throwable e) { // whatever went wrong there, the copying path serves
      }
      return true;
    } catch (Throwable e) { // NoClassDefFoundError, UnsatisfiedLinkError, ExceptionInInitializerError
      return false;
    }
  }

  /**
   * Sets OpenBLAS's thread count (0: its own default) and returns the count asked for before;
   * a setting made before the library loads is applied when it does.
   */
  static synchronized int setThreads(int count) {
    int before = threads;
    threads = Math.max(0, count);
    if (loaded) applyThreads();
    return before;
  }

  private static void applyThreads() {
    openblas_nolapack.blas_set_num_threads(threads > 0 ? threads : defaultThreads);
  }

  /** Whether the library is on and loads (loading it if it has not yet). */
  static boolean available() {
    return ENABLED && Library.AVAILABLE;
  }

  /** Whether an m×n×k product goes to OpenBLAS; the first large one loads the library. */
  static boolean worthIt(int m, int n, int k) {
    return (long) m * n * k >= THRESHOLD && available();
  }

  /**
   * c (m×n, leading dimension ldc) = op(a) · b (b k×n, leading dimension ldb) in single
   * precision, row-major, a transposed when ta (leading dimension lda either way).
   */
  static void sgemm(boolean ta, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
      float[] c, int ldc) {
    if (!CriticalBlas.sgemm(ta, m, n, k, a, lda, b, ldb, c, ldc)) {
      sgemmCopied(ta, m, n, k, a, lda, b, ldb, c, ldc);
    }
  }

  /** {@link #sgemm} through bytedeco's array binding (copies; the path without CriticalBlas). */
  static void sgemmCopied(boolean ta, int m, int n, int k, float[] a, int lda, float[] b,
      int ldb, float[] c, int ldc) {
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        openblas_nolapack.CblasNoTrans, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
  }

  /**
   * c (m×n) = op(a) op(b) (+ c when accumulate), row-major, as {@link Backend#gemm}.
   *
   * <p>The operands are used in place where dyn's own JNI library is there ({@link
   * CriticalBlas}); otherwise they go through native copies kept per thread ({@link Scratch})
   * rather than as Java arrays: for an array argument the binding copies every array in and out
   * again around the call, into memory it allocates and frees each time (six copies of which
   * three are needed: ~9% of the large benchmark's samples went to those copies).
   */
  static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, boolean accumulate) {
    if (!CriticalBlas.gemm(ta, tb, m, n, k, a, b, c, accumulate ? 1.0 : 0.0)) {
      gemmCopied(ta, tb, m, n, k, a, b, c, accumulate);
    }
  }

  /** {@link #gemm} through the thread's native buffers (the path without {@link CriticalBlas}). */
  static void gemmCopied(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, boolean accumulate) {
    Scratch s = SCRATCH.get();
    DoublePointer pa = s.a((long) m * k);
    DoublePointer pb = s.b((long) k * n);
    DoublePointer pc = s.c((long) m * n);
    pa.put(a, 0, m * k);
    pb.put(b, 0, k * n);
    if (accumulate) pc.put(c, 0, m * n);
    openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, 1.0, pa,
        ta ? m : k, pb, tb ? k : n, accumulate ? 1.0 : 0.0, pc, n);
    pc.get(c, 0, m * n);
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * One thread's native operand buffers, grown to the largest product it has taken and then
   * reused: fresh memory is paid for once (page faults cost ~3 ms/MB on the benchmark VM), not
   * at every step.
   */
  private static final class Scratch {
    private DoublePointer a;
    private DoublePointer b;
    private DoublePointer c;

    DoublePointer a(long size) {
      return a = fit(a, size);
    }

    DoublePointer b(long size) {
      return b = fit(b, size);
    }

    DoublePointer c(long size) {
      return c = fit(c, size);
    }

    private static DoublePointer fit(DoublePointer p, long size) {
      if (p != null && p.capacity() >= size) return p;
      if (p != null) p.close();
      return new DoublePointer(Math.max(size, 1));
    }
  }

  /**
   * c (m×m) = a aᵀ for a row-major m×k, both triangles filled: half the products of the gemm
   * (an empirical NTK J Jᵀ). Falls back to {@link Backend#gemm} where OpenBLAS is not loaded.
   */
  static void gramRows(int m, int k, double[] a, double[] c) {
    gram(false, m, k, a, c);
  }

  /**
   * c (m×m) = aᵀa for a row-major k×m, both triangles filled: the Gram matrix of a's columns
   * without transposing a first (the transposed copy would be as large as a, and on a cold
   * process fresh memory costs more than the copy).
   */
  static void gramColumns(int m, int k, double[] a, double[] c) {
    gram(true, m, k, a, c);
  }

  /** dsyrk on a's rows or columns, through the thread's native buffers as {@link #gemm}. */
  private static void gram(boolean columns, int m, int k, double[] a, double[] c) {
    if (!available()) {
      CpuBackend.INSTANCE.gemm(columns, !columns, m, m, k, a, a, c, false);
      return;
    }
    if (!CriticalBlas.syrk(columns, m, k, a, c)) syrkCopied(columns, m, k, a, c);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < i; j++) c[i * m + j] = c[j * m + i];
    }
  }

  /** The upper triangle of {@link #gram}'s product through the thread's native buffers. */
  static void syrkCopied(boolean columns, int m, int k, double[] a, double[] c) {
    Scratch s = SCRATCH.get();
    DoublePointer pa = s.a((long) m * k);
    DoublePointer pc = s.c((long) m * m);
    pa.put(a, 0, m * k);
    openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
        columns ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, k, 1.0, pa,
        columns ? m : k, 0.0, pc, m);
    pc.get(c, 0, m * m);
  }
}
