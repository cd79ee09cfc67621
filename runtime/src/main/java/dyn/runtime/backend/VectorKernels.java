package dyn.runtime.backend;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled matrix products with the JDK's vector API, for the fused dense-layer path
 * ({@code dyn.runtime.graph.DenseChain}). One product form covers every product of a dense
 * layer's forward and backward pass:
 *
 * <pre>C[r, 0..w) = Σ_{s &lt; k} A(r, s) · B[s, 0..w)</pre>
 *
 * with A read as scalars through two strides (so A may be stored either way round), B and C
 * row-major with a padded width w, a multiple of {@link #LANES}. Each element of C is a sum in
 * ascending s starting from zero, one multiply and one add per term (no fused multiply–add),
 * which is exactly the order and rounding of {@link CpuBackend}'s products: the fused path gives
 * the same bits as the generic one.
 */
public final class VectorKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Doubles per vector register; padded widths are multiples of this. */
  public static final int LANES = S.length();

  /** Floats per vector register (the float32 path's padding unit). */
  public static final int LANES32 = F.length();

  private VectorKernels() {}

  /** w rounded up to a multiple of {@link #LANES}. */
  public static int padded(int w) {
    return (w + LANES - 1) / LANES * LANES;
  }

  /** w rounded up to a multiple of {@link #LANES32}. */
  public static int padded32(int w) {
    return (w + LANES32 - 1) / LANES32 * LANES32;
  }

  /** Whether a product of this many multiply–adds in m rows would be split over the cores. */
  public static boolean wouldSplit(int m, long work) {
    return Parallel.worthIt(m, 1, (int) Math.min(Integer.MAX_VALUE, Math.max(1, work / Math.max(1, m))));
  }

  /** Work on rows [lo, hi) of something. */
  public interface Rows {
    void run(int lo, int hi);
  }

  /**
   * Runs task over rows [0, m), split in contiguous shares over the cores when {@code work}
   * (multiply–adds in all) pays for the hand-off, else on the caller.
   */
  public static void forRows(int m, long work, Rows task) {
    forRows(m, work, true, task);
  }

  /** As {@link #forRows(int, long, Rows)}; {@code split} false keeps it on the caller. */
  public static void forRows(int m, long work, boolean split, Rows task) {
    if (split && Parallel.worthIt(m, 1, (int) Math.min(Integer.MAX_VALUE, Math.max(1, work / Math.max(1, m))))) {
      Parallel.rows(m, work, task::run);
    } else {
      task.run(0, m);
    }
  }

  /**
   * The mean-squared residual over elements [from, to) of a sample-major output f against yT
   * (laid out alike, both ends multiples of {@link #LANES}): seed = (f − y)/n elementwise,
   * exactly, and the return value Σ (f − y)² (summed in vector order: the loss is a check on the
   * run, the gradient is what must be exact). Padded lanes must have f = y so that they add
   * nothing; one flat loop over whole vectors, with no per-row mask or reduction, is what keeps
   * this cheap next to the products of a small network.
   */
  public static double residual(double[] f, double[] yT, double[] seed, double inv, int from,
      int to) {
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = DoubleVector.zero(S);
    int i = from;
    for (; i + 2 * LANES <= to; i += 2 * LANES) {
      DoubleVector r0 = DoubleVector.fromArray(S, f, i).sub(DoubleVector.fromArray(S, yT, i));
      DoubleVector r1 =
          DoubleVector.fromArray(S, f, i + LANES).sub(DoubleVector.fromArray(S, yT, i + LANES));
      r0.mul(inv).intoArray(seed, i);
      r1.mul(inv).intoArray(seed, i + LANES);
      acc0 = acc0.add(r0.mul(r0));
      acc1 = acc1.add(r1.mul(r1));
    }
    if (i < to) {
      DoubleVector r0 = DoubleVector.fromArray(S, f, i).sub(DoubleVector.fromArray(S, yT, i));
      r0.mul(inv).intoArray(seed, i);
      acc0 = acc0.add(r0.mul(r0));
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /**
   * C = A·B as in the class comment, rows [0, m), split over the cores when the product is
   * large enough to pay for the hand-off.
   *
   * @param ars the stride of A between rows r
   * @param acs the stride of A between columns s
   */
  public static void product(
      int m, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    if (Parallel.worthIt(m, w, k)) {
      Parallel.rows(m, (long) m * k * w, (lo, hi) -> rows(lo, hi, k, w, a, ars, acs, b, c));
    } else {
      rows(0, m, k, w, a, ars, acs, b, c);
    }
  }

  /**
   * Whether {@link #rows} takes wide tiles, of 8 rows × 2 vectors or 5 × 4 ({@link
   * #fiveRowTiles}): with 512-bit vectors, where the machine has 32 vector registers for a
   * tile's 16 or 20 sums, its rows of B and its broadcast A values. For 8 × 2, each row of
   * B then serves 8 rows of C instead of 4, and A's 8 values of one column are read together
   * (one cache line when A is stored transposed): on the benchmark VM a 64×512 by 512×32 product
   * went from 47 to 64 GFLOP/s. With 16 registers (256-bit vectors) the tile would spill.
   * Which rows a tile holds never changes a sum's order, so every tiling gives the same bits.
   */
  private static final boolean WIDE_TILES =
      S.vectorBitSize() >= 512 && Boolean.parseBoolean(System.getProperty("dyn.kernels.wide", "true"));

  /**
   * Rows [lo, hi) of C = A·B (see the class comment), on the calling thread: wide tiles where
   * {@link #WIDE_TILES} and the product is large enough, the rest in tiles of 4.
   */
  public static void rows(
      int lo, int hi, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    rows(lo, hi, k, w, a, ars, acs, b, c,
        WIDE_TILES && (long) (hi - lo) * k * w >= WIDE_MIN_WORK);
  }

  /**
   * Multiply–adds below which a product keeps tiles of 4: small products gain little from the
   * wider tile, and leaving its code uncompiled until a product needs it keeps the JIT's start-up
   * work (which a small study waits for before its first step) as it was: with wide tiles for
   * every product, the small benchmark's first step waited 0.16–0.21 s for the JIT instead of
   * 0.04–0.14 s. The medium benchmark's products (≥ 330k per share) take them.
   */
  private static final long WIDE_MIN_WORK = 1L << 16;

  /** {@link #rows} with wide tiles or not, whatever the machine (for tests). */
  static void rows(int lo, int hi, int k, int w, double[] a, int ars, int acs, double[] b,
      double[] c, boolean wide) {
    int r = lo;
    if (wide && fiveRowTiles(w / LANES)) {
      for (; r + 5 <= hi; r += 5) rows5(r, k, w, a, ars, acs, b, c);
    } else if (wide) {
      for (; r + 8 <= hi; r += 8) rows8(r, k, w, a, ars, acs, b, c);
    }
    if (r < hi) rows4(r, hi, k, w, a, ars, acs, b, c);
  }

  /** {@code -Ddyn.kernels.five=false} keeps 8 × 2 wherever tiles are wide (for measuring). */
  private static final boolean FIVE_ROW_TILES =
      Boolean.parseBoolean(System.getProperty("dyn.kernels.five", "true"));

  /**
   * Whether wide tiles over a width of this many vectors (of either precision) are 5 rows × 4
   * vectors, then 5 × 3 for a last group of 3, rather than 8 rows × 2: where the width is a whole
   * number of groups of 4 vectors, with at most one group of 3 left. Each step of a tile's sum
   * loads its vectors of B and broadcasts one A value per row; 5 × 4 does 20 multiply–adds for
   * 9 loads where 8 × 2 does 16 for 10, and on the benchmark VM (AMD EPYC, 512-bit) the medium
   * benchmark's five products took ~92 µs per step against ~105 (bench/README.md, "Tiles of 5
   * rows"). Widths of 1 or 2 vectors more than a multiple of 4 keep 8 × 2: a 5-row tile of 1 or
   * 2 vectors loads too much per multiply–add (measured slower).
   */
  private static boolean fiveRowTiles(int vectors) {
    return FIVE_ROW_TILES && (vectors % 4 == 0 || vectors % 4 == 3);
  }

  /** Rows [r, r + 5) of C = A·B: tiles of 5 rows × 4 vectors, then 5 rows × 3 if left. */
  private static void rows5(
      int r, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    int v = 0;
    for (; v + 4 * LANES <= w; v += 4 * LANES) tile5x4(r, v, k, w, a, ars, acs, b, c);
    if (v < w) tile5x3(r, v, k, w, a, ars, acs, b, c);
  }

  /** Rows [r, r + 5) × vectors [v, v + 4·LANES) of C = A·B, 20 sums in registers. */
  private static void tile5x4(
      int r, int v, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    int a0 = r * ars;
    DoubleVector z = DoubleVector.zero(S);
    DoubleVector c00 = z, c01 = z, c02 = z, c03 = z;
    DoubleVector c10 = z, c11 = z, c12 = z, c13 = z;
    DoubleVector c20 = z, c21 = z, c22 = z, c23 = z;
    DoubleVector c30 = z, c31 = z, c32 = z, c33 = z;
    DoubleVector c40 = z, c41 = z, c42 = z, c43 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + LANES);
      DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * LANES);
      DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * LANES);
      int ao = a0 + s * acs;
      double x0 = a[ao];
      double x1 = a[ao + ars];
      double x2 = a[ao + 2 * ars];
      double x3 = a[ao + 3 * ars];
      double x4 = a[ao + 4 * ars];
      c00 = c00.add(b0.mul(x0));
      c01 = c01.add(b1.mul(x0));
      c02 = c02.add(b2.mul(x0));
      c03 = c03.add(b3.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c11 = c11.add(b1.mul(x1));
      c12 = c12.add(b2.mul(x1));
      c13 = c13.add(b3.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c21 = c21.add(b1.mul(x2));
      c22 = c22.add(b2.mul(x2));
      c23 = c23.add(b3.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c31 = c31.add(b1.mul(x3));
      c32 = c32.add(b2.mul(x3));
      c33 = c33.add(b3.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c41 = c41.add(b1.mul(x4));
      c42 = c42.add(b2.mul(x4));
      c43 = c43.add(b3.mul(x4));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c01.intoArray(c, co + LANES);
    c02.intoArray(c, co + 2 * LANES);
    c03.intoArray(c, co + 3 * LANES);
    c10.intoArray(c, co + w);
    c11.intoArray(c, co + w + LANES);
    c12.intoArray(c, co + w + 2 * LANES);
    c13.intoArray(c, co + w + 3 * LANES);
    c20.intoArray(c, co + 2 * w);
    c21.intoArray(c, co + 2 * w + LANES);
    c22.intoArray(c, co + 2 * w + 2 * LANES);
    c23.intoArray(c, co + 2 * w + 3 * LANES);
    c30.intoArray(c, co + 3 * w);
    c31.intoArray(c, co + 3 * w + LANES);
    c32.intoArray(c, co + 3 * w + 2 * LANES);
    c33.intoArray(c, co + 3 * w + 3 * LANES);
    c40.intoArray(c, co + 4 * w);
    c41.intoArray(c, co + 4 * w + LANES);
    c42.intoArray(c, co + 4 * w + 2 * LANES);
    c43.intoArray(c, co + 4 * w + 3 * LANES);
  }

  /** Rows [r, r + 5) × vectors [v, v + 3·LANES) of C = A·B, 15 sums in registers. */
  private static void tile5x3(
      int r, int v, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    int a0 = r * ars;
    DoubleVector z = DoubleVector.zero(S);
    DoubleVector c00 = z, c01 = z, c02 = z;
    DoubleVector c10 = z, c11 = z, c12 = z;
    DoubleVector c20 = z, c21 = z, c22 = z;
    DoubleVector c30 = z, c31 = z, c32 = z;
    DoubleVector c40 = z, c41 = z, c42 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + LANES);
      DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * LANES);
      int ao = a0 + s * acs;
      double x0 = a[ao];
      double x1 = a[ao + ars];
      double x2 = a[ao + 2 * ars];
      double x3 = a[ao + 3 * ars];
      double x4 = a[ao + 4 * ars];
      c00 = c00.add(b0.mul(x0));
      c01 = c01.add(b1.mul(x0));
      c02 = c02.add(b2.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c11 = c11.add(b1.mul(x1));
      c12 = c12.add(b2.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c21 = c21.add(b1.mul(x2));
      c22 = c22.add(b2.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c31 = c31.add(b1.mul(x3));
      c32 = c32.add(b2.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c41 = c41.add(b1.mul(x4));
      c42 = c42.add(b2.mul(x4));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c01.intoArray(c, co + LANES);
    c02.intoArray(c, co + 2 * LANES);
    c10.intoArray(c, co + w);
    c11.intoArray(c, co + w + LANES);
    c12.intoArray(c, co + w + 2 * LANES);
    c20.intoArray(c, co + 2 * w);
    c21.intoArray(c, co + 2 * w + LANES);
    c22.intoArray(c, co + 2 * w + 2 * LANES);
    c30.intoArray(c, co + 3 * w);
    c31.intoArray(c, co + 3 * w + LANES);
    c32.intoArray(c, co + 3 * w + 2 * LANES);
    c40.intoArray(c, co + 4 * w);
    c41.intoArray(c, co + 4 * w + LANES);
    c42.intoArray(c, co + 4 * w + 2 * LANES);
  }

  /** Rows [r, r + 8) of C = A·B: tiles of 8 rows × 2 vectors, then 8 rows × the odd vector. */
  private static void rows8(
      int r, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    int a0 = r * ars;
    int v = 0;
    for (; v + 2 * LANES <= w; v += 2 * LANES) {
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
      DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
      for (int s = 0; s < k; s++) {
        int bo = s * w + v;
        DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
        DoubleVector b1 = DoubleVector.fromArray(S, b, bo + LANES);
        int ao = a0 + s * acs;
        double x0 = a[ao];
        double x1 = a[ao + ars];
        double x2 = a[ao + 2 * ars];
        double x3 = a[ao + 3 * ars];
        double x4 = a[ao + 4 * ars];
        double x5 = a[ao + 5 * ars];
        double x6 = a[ao + 6 * ars];
        double x7 = a[ao + 7 * ars];
        c00 = c00.add(b0.mul(x0));
        c01 = c01.add(b1.mul(x0));
        c10 = c10.add(b0.mul(x1));
        c11 = c11.add(b1.mul(x1));
        c20 = c20.add(b0.mul(x2));
        c21 = c21.add(b1.mul(x2));
        c30 = c30.add(b0.mul(x3));
        c31 = c31.add(b1.mul(x3));
        c40 = c40.add(b0.mul(x4));
        c41 = c41.add(b1.mul(x4));
        c50 = c50.add(b0.mul(x5));
        c51 = c51.add(b1.mul(x5));
        c60 = c60.add(b0.mul(x6));
        c61 = c61.add(b1.mul(x6));
        c70 = c70.add(b0.mul(x7));
        c71 = c71.add(b1.mul(x7));
      }
      int co = r * w + v;
      c00.intoArray(c, co);
      c01.intoArray(c, co + LANES);
      c10.intoArray(c, co + w);
      c11.intoArray(c, co + w + LANES);
      c20.intoArray(c, co + 2 * w);
      c21.intoArray(c, co + 2 * w + LANES);
      c30.intoArray(c, co + 3 * w);
      c31.intoArray(c, co + 3 * w + LANES);
      c40.intoArray(c, co + 4 * w);
      c41.intoArray(c, co + 4 * w + LANES);
      c50.intoArray(c, co + 5 * w);
      c51.intoArray(c, co + 5 * w + LANES);
      c60.intoArray(c, co + 6 * w);
      c61.intoArray(c, co + 6 * w + LANES);
      c70.intoArray(c, co + 7 * w);
      c71.intoArray(c, co + 7 * w + LANES);
    }
    if (v < w) {
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
      for (int s = 0; s < k; s++) {
        DoubleVector b0 = DoubleVector.fromArray(S, b, s * w + v);
        int ao = a0 + s * acs;
        c0 = c0.add(b0.mul(a[ao]));
        c1 = c1.add(b0.mul(a[ao + ars]));
        c2 = c2.add(b0.mul(a[ao + 2 * ars]));
        c3 = c3.add(b0.mul(a[ao + 3 * ars]));
        c4 = c4.add(b0.mul(a[ao + 4 * ars]));
        c5 = c5.add(b0.mul(a[ao + 5 * ars]));
        c6 = c6.add(b0.mul(a[ao + 6 * ars]));
        c7 = c7.add(b0.mul(a[ao + 7 * ars]));
      }
      int co = r * w + v;
      c0.intoArray(c, co);
      c1.intoArray(c, co + w);
      c2.intoArray(c, co + 2 * w);
      c3.intoArray(c, co + 3 * w);
      c4.intoArray(c, co + 4 * w);
      c5.intoArray(c, co + 5 * w);
      c6.intoArray(c, co + 6 * w);
      c7.intoArray(c, co + 7 * w);
    }
  }

  /** Rows [lo, hi) of C = A·B: tiles of 4 rows × 2 vectors, then 4 rows × the odd vector. */
  private static void rows4(
      int lo, int hi, int k, int w, double[] a, int ars, int acs, double[] b, double[] c) {
    for (int r = lo; r < hi; r += 4) {
      // A last tile of fewer than 4 rows repeats its last row in the missing places: the extra
      // sums are never stored, and four independent chains keep the adder busy where one row
      // alone would wait on each add (its sum over s must stay in order).
      int tile = Math.min(4, hi - r);
      int a0 = r * ars;
      int a1 = (r + Math.min(1, tile - 1)) * ars;
      int a2 = (r + Math.min(2, tile - 1)) * ars;
      int a3 = (r + Math.min(3, tile - 1)) * ars;
      int v = 0;
      for (; v + 2 * LANES <= w; v += 2 * LANES) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        for (int s = 0; s < k; s++) {
          int bo = s * w + v;
          DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
          DoubleVector b1 = DoubleVector.fromArray(S, b, bo + LANES);
          int ao = s * acs;
          double x0 = a[a0 + ao];
          double x1 = a[a1 + ao];
          double x2 = a[a2 + ao];
          double x3 = a[a3 + ao];
          c00 = c00.add(b0.mul(x0));
          c01 = c01.add(b1.mul(x0));
          c10 = c10.add(b0.mul(x1));
          c11 = c11.add(b1.mul(x1));
          c20 = c20.add(b0.mul(x2));
          c21 = c21.add(b1.mul(x2));
          c30 = c30.add(b0.mul(x3));
          c31 = c31.add(b1.mul(x3));
        }
        int co = r * w + v;
        c00.intoArray(c, co);
        c01.intoArray(c, co + LANES);
        if (tile > 1) {
          c10.intoArray(c, co + w);
          c11.intoArray(c, co + w + LANES);
        }
        if (tile > 2) {
          c20.intoArray(c, co + 2 * w);
          c21.intoArray(c, co + 2 * w + LANES);
        }
        if (tile > 3) {
          c30.intoArray(c, co + 3 * w);
          c31.intoArray(c, co + 3 * w + LANES);
        }
      }
      if (v < w) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S), c3 = DoubleVector.zero(S);
        for (int s = 0; s < k; s++) {
          DoubleVector b0 = DoubleVector.fromArray(S, b, s * w + v);
          int ao = s * acs;
          c0 = c0.add(b0.mul(a[a0 + ao]));
          c1 = c1.add(b0.mul(a[a1 + ao]));
          c2 = c2.add(b0.mul(a[a2 + ao]));
          c3 = c3.add(b0.mul(a[a3 + ao]));
        }
        int co = r * w + v;
        c0.intoArray(c, co);
        if (tile > 1) c1.intoArray(c, co + w);
        if (tile > 2) c2.intoArray(c, co + 2 * w);
        if (tile > 3) c3.intoArray(c, co + 3 * w);
      }
    }
  }

  /**
   * Whether a float32 product of m rows, k terms and width w goes to OpenBLAS in {@link
   * #rows32OrBlas} when asked for whole; the first such product loads the library.
   */
  public static boolean blas32(int m, int k, int w) {
    return OpenBlas.worthIt(m, w, k);
  }

  /**
   * Rows [lo, hi) of the m-row product of {@link #rows32}; asked for whole (lo = 0, hi = m) and
   * large enough ({@link #blas32}), it goes to OpenBLAS sgemm, with A read either way round.
   * Float32 trainings have no generic path whose bits to keep, so BLAS's summation order is
   * allowed here (the float64 path keeps BLAS out of its fused kernels for that reason).
   */
  public static void rows32OrBlas(int lo, int hi, int m, int k, int w, float[] a, int ars,
      int acs, float[] b, float[] c) {
    if (lo == 0 && hi == m && blas32(m, k, w)) {
      // A(r, s) = a[r·ars + s·acs]: row-major m × k (lda = ars) or its transpose (lda = acs).
      if (acs == 1 && ars >= k) {
        OpenBlas.sgemm(false, m, w, k, a, ars, b, w, c, w);
        return;
      }
      if (ars == 1 && acs >= m) {
        OpenBlas.sgemm(true, m, w, k, a, acs, b, w, c, w);
        return;
      }
    }
    rows32(lo, hi, k, w, a, ars, acs, b, c);
  }

  /**
   * {@link #rows} in single precision (float32 trainings), with the same choice of tiles: wide
   * ones (5 rows × 4 or 3 vectors, or 8 rows × 2 and × 1, by the width) where vectors are 512-bit
   * and the product is large enough, the rest in tiles of 4. Which sums a tile holds never
   * changes a sum's order. At float32 medium's shapes the wide tiles took its five products from
   * ~65 to ~48 µs per step (bench/README.md, "Tiles of 5 rows").
   */
  public static void rows32(
      int lo, int hi, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    rows32(lo, hi, k, w, a, ars, acs, b, c,
        WIDE_TILES && (long) (hi - lo) * k * w >= WIDE_MIN_WORK);
  }

  /** {@link #rows32} with wide tiles or not, whatever the machine (for tests). */
  static void rows32(int lo, int hi, int k, int w, float[] a, int ars, int acs, float[] b,
      float[] c, boolean wide) {
    int r = lo;
    if (wide && fiveRowTiles(w / LANES32)) {
      for (; r + 5 <= hi; r += 5) {
        int v = 0;
        for (; v + 4 * LANES32 <= w; v += 4 * LANES32) tile5x4f(r, v, k, w, a, ars, acs, b, c);
        if (v < w) tile5x3f(r, v, k, w, a, ars, acs, b, c);
      }
    } else if (wide) {
      for (; r + 8 <= hi; r += 8) {
        int v = 0;
        for (; v + 2 * LANES32 <= w; v += 2 * LANES32) tile8x2f(r, v, k, w, a, ars, acs, b, c);
        if (v < w) tile8x1f(r, v, k, w, a, ars, acs, b, c);
      }
    }
    if (r < hi) rows32x4(r, hi, k, w, a, ars, acs, b, c);
  }

  /** Rows [r, r + 5) × vectors [v, v + 4·LANES32) of C = A·B in float, 20 sums in registers. */
  private static void tile5x4f(
      int r, int v, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    int a0 = r * ars;
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    FloatVector c40 = z, c41 = z, c42 = z, c43 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      FloatVector b0 = FloatVector.fromArray(F, b, bo);
      FloatVector b1 = FloatVector.fromArray(F, b, bo + LANES32);
      FloatVector b2 = FloatVector.fromArray(F, b, bo + 2 * LANES32);
      FloatVector b3 = FloatVector.fromArray(F, b, bo + 3 * LANES32);
      int ao = a0 + s * acs;
      float x0 = a[ao];
      float x1 = a[ao + ars];
      float x2 = a[ao + 2 * ars];
      float x3 = a[ao + 3 * ars];
      float x4 = a[ao + 4 * ars];
      c00 = c00.add(b0.mul(x0));
      c01 = c01.add(b1.mul(x0));
      c02 = c02.add(b2.mul(x0));
      c03 = c03.add(b3.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c11 = c11.add(b1.mul(x1));
      c12 = c12.add(b2.mul(x1));
      c13 = c13.add(b3.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c21 = c21.add(b1.mul(x2));
      c22 = c22.add(b2.mul(x2));
      c23 = c23.add(b3.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c31 = c31.add(b1.mul(x3));
      c32 = c32.add(b2.mul(x3));
      c33 = c33.add(b3.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c41 = c41.add(b1.mul(x4));
      c42 = c42.add(b2.mul(x4));
      c43 = c43.add(b3.mul(x4));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c01.intoArray(c, co + LANES32);
    c02.intoArray(c, co + 2 * LANES32);
    c03.intoArray(c, co + 3 * LANES32);
    c10.intoArray(c, co + w);
    c11.intoArray(c, co + w + LANES32);
    c12.intoArray(c, co + w + 2 * LANES32);
    c13.intoArray(c, co + w + 3 * LANES32);
    c20.intoArray(c, co + 2 * w);
    c21.intoArray(c, co + 2 * w + LANES32);
    c22.intoArray(c, co + 2 * w + 2 * LANES32);
    c23.intoArray(c, co + 2 * w + 3 * LANES32);
    c30.intoArray(c, co + 3 * w);
    c31.intoArray(c, co + 3 * w + LANES32);
    c32.intoArray(c, co + 3 * w + 2 * LANES32);
    c33.intoArray(c, co + 3 * w + 3 * LANES32);
    c40.intoArray(c, co + 4 * w);
    c41.intoArray(c, co + 4 * w + LANES32);
    c42.intoArray(c, co + 4 * w + 2 * LANES32);
    c43.intoArray(c, co + 4 * w + 3 * LANES32);
  }

  /** Rows [r, r + 5) × vectors [v, v + 3·LANES32) of C = A·B in float, 15 sums in registers. */
  private static void tile5x3f(
      int r, int v, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    int a0 = r * ars;
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z, c02 = z;
    FloatVector c10 = z, c11 = z, c12 = z;
    FloatVector c20 = z, c21 = z, c22 = z;
    FloatVector c30 = z, c31 = z, c32 = z;
    FloatVector c40 = z, c41 = z, c42 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      FloatVector b0 = FloatVector.fromArray(F, b, bo);
      FloatVector b1 = FloatVector.fromArray(F, b, bo + LANES32);
      FloatVector b2 = FloatVector.fromArray(F, b, bo + 2 * LANES32);
      int ao = a0 + s * acs;
      float x0 = a[ao];
      float x1 = a[ao + ars];
      float x2 = a[ao + 2 * ars];
      float x3 = a[ao + 3 * ars];
      float x4 = a[ao + 4 * ars];
      c00 = c00.add(b0.mul(x0));
      c01 = c01.add(b1.mul(x0));
      c02 = c02.add(b2.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c11 = c11.add(b1.mul(x1));
      c12 = c12.add(b2.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c21 = c21.add(b1.mul(x2));
      c22 = c22.add(b2.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c31 = c31.add(b1.mul(x3));
      c32 = c32.add(b2.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c41 = c41.add(b1.mul(x4));
      c42 = c42.add(b2.mul(x4));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c01.intoArray(c, co + LANES32);
    c02.intoArray(c, co + 2 * LANES32);
    c10.intoArray(c, co + w);
    c11.intoArray(c, co + w + LANES32);
    c12.intoArray(c, co + w + 2 * LANES32);
    c20.intoArray(c, co + 2 * w);
    c21.intoArray(c, co + 2 * w + LANES32);
    c22.intoArray(c, co + 2 * w + 2 * LANES32);
    c30.intoArray(c, co + 3 * w);
    c31.intoArray(c, co + 3 * w + LANES32);
    c32.intoArray(c, co + 3 * w + 2 * LANES32);
    c40.intoArray(c, co + 4 * w);
    c41.intoArray(c, co + 4 * w + LANES32);
    c42.intoArray(c, co + 4 * w + 2 * LANES32);
  }

  /** Rows [r, r + 8) × vectors [v, v + 2·LANES32) of C = A·B in float, 16 sums in registers. */
  private static void tile8x2f(
      int r, int v, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    int a0 = r * ars;
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z;
    FloatVector c10 = z, c11 = z;
    FloatVector c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z;
    FloatVector c50 = z, c51 = z;
    FloatVector c60 = z, c61 = z;
    FloatVector c70 = z, c71 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      FloatVector b0 = FloatVector.fromArray(F, b, bo);
      FloatVector b1 = FloatVector.fromArray(F, b, bo + LANES32);
      int ao = a0 + s * acs;
      float x0 = a[ao];
      float x1 = a[ao + ars];
      float x2 = a[ao + 2 * ars];
      float x3 = a[ao + 3 * ars];
      float x4 = a[ao + 4 * ars];
      float x5 = a[ao + 5 * ars];
      float x6 = a[ao + 6 * ars];
      float x7 = a[ao + 7 * ars];
      c00 = c00.add(b0.mul(x0));
      c01 = c01.add(b1.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c11 = c11.add(b1.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c21 = c21.add(b1.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c31 = c31.add(b1.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c41 = c41.add(b1.mul(x4));
      c50 = c50.add(b0.mul(x5));
      c51 = c51.add(b1.mul(x5));
      c60 = c60.add(b0.mul(x6));
      c61 = c61.add(b1.mul(x6));
      c70 = c70.add(b0.mul(x7));
      c71 = c71.add(b1.mul(x7));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c01.intoArray(c, co + LANES32);
    c10.intoArray(c, co + w);
    c11.intoArray(c, co + w + LANES32);
    c20.intoArray(c, co + 2 * w);
    c21.intoArray(c, co + 2 * w + LANES32);
    c30.intoArray(c, co + 3 * w);
    c31.intoArray(c, co + 3 * w + LANES32);
    c40.intoArray(c, co + 4 * w);
    c41.intoArray(c, co + 4 * w + LANES32);
    c50.intoArray(c, co + 5 * w);
    c51.intoArray(c, co + 5 * w + LANES32);
    c60.intoArray(c, co + 6 * w);
    c61.intoArray(c, co + 6 * w + LANES32);
    c70.intoArray(c, co + 7 * w);
    c71.intoArray(c, co + 7 * w + LANES32);
  }

  /** Rows [r, r + 8) × the vector at v of C = A·B in float (a width's odd vector). */
  private static void tile8x1f(
      int r, int v, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    int a0 = r * ars;
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z;
    FloatVector c10 = z;
    FloatVector c20 = z;
    FloatVector c30 = z;
    FloatVector c40 = z;
    FloatVector c50 = z;
    FloatVector c60 = z;
    FloatVector c70 = z;
    for (int s = 0; s < k; s++) {
      int bo = s * w + v;
      FloatVector b0 = FloatVector.fromArray(F, b, bo);
      int ao = a0 + s * acs;
      float x0 = a[ao];
      float x1 = a[ao + ars];
      float x2 = a[ao + 2 * ars];
      float x3 = a[ao + 3 * ars];
      float x4 = a[ao + 4 * ars];
      float x5 = a[ao + 5 * ars];
      float x6 = a[ao + 6 * ars];
      float x7 = a[ao + 7 * ars];
      c00 = c00.add(b0.mul(x0));
      c10 = c10.add(b0.mul(x1));
      c20 = c20.add(b0.mul(x2));
      c30 = c30.add(b0.mul(x3));
      c40 = c40.add(b0.mul(x4));
      c50 = c50.add(b0.mul(x5));
      c60 = c60.add(b0.mul(x6));
      c70 = c70.add(b0.mul(x7));
    }
    int co = r * w + v;
    c00.intoArray(c, co);
    c10.intoArray(c, co + w);
    c20.intoArray(c, co + 2 * w);
    c30.intoArray(c, co + 3 * w);
    c40.intoArray(c, co + 4 * w);
    c50.intoArray(c, co + 5 * w);
    c60.intoArray(c, co + 6 * w);
    c70.intoArray(c, co + 7 * w);
  }

  /** Rows [lo, hi) of {@link #rows32}'s product: tiles of 4 rows × 2 vectors, then × 1. */
  private static void rows32x4(
      int lo, int hi, int k, int w, float[] a, int ars, int acs, float[] b, float[] c) {
    for (int r = lo; r < hi; r += 4) {
      // A last tile of fewer than 4 rows repeats its last row in the missing places: the extra
      // sums are never stored, and four independent chains keep the adder busy where one row
      // alone would wait on each add (its sum over s must stay in order).
      int tile = Math.min(4, hi - r);
      int a0 = r * ars;
      int a1 = (r + Math.min(1, tile - 1)) * ars;
      int a2 = (r + Math.min(2, tile - 1)) * ars;
      int a3 = (r + Math.min(3, tile - 1)) * ars;
      int v = 0;
      for (; v + 2 * LANES32 <= w; v += 2 * LANES32) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int s = 0; s < k; s++) {
          int bo = s * w + v;
          FloatVector b0 = FloatVector.fromArray(F, b, bo);
          FloatVector b1 = FloatVector.fromArray(F, b, bo + LANES32);
          int ao = s * acs;
          float x0 = a[a0 + ao];
          float x1 = a[a1 + ao];
          float x2 = a[a2 + ao];
          float x3 = a[a3 + ao];
          c00 = c00.add(b0.mul(x0));
          c01 = c01.add(b1.mul(x0));
          c10 = c10.add(b0.mul(x1));
          c11 = c11.add(b1.mul(x1));
          c20 = c20.add(b0.mul(x2));
          c21 = c21.add(b1.mul(x2));
          c30 = c30.add(b0.mul(x3));
          c31 = c31.add(b1.mul(x3));
        }
        int co = r * w + v;
        c00.intoArray(c, co);
        c01.intoArray(c, co + LANES32);
        if (tile > 1) {
          c10.intoArray(c, co + w);
          c11.intoArray(c, co + w + LANES32);
        }
        if (tile > 2) {
          c20.intoArray(c, co + 2 * w);
          c21.intoArray(c, co + 2 * w + LANES32);
        }
        if (tile > 3) {
          c30.intoArray(c, co + 3 * w);
          c31.intoArray(c, co + 3 * w + LANES32);
        }
      }
      if (v < w) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        for (int s = 0; s < k; s++) {
          FloatVector b0 = FloatVector.fromArray(F, b, s * w + v);
          int ao = s * acs;
          c0 = c0.add(b0.mul(a[a0 + ao]));
          c1 = c1.add(b0.mul(a[a1 + ao]));
          c2 = c2.add(b0.mul(a[a2 + ao]));
          c3 = c3.add(b0.mul(a[a3 + ao]));
        }
        int co = r * w + v;
        c0.intoArray(c, co);
        if (tile > 1) c1.intoArray(c, co + w);
        if (tile > 2) c2.intoArray(c, co + 2 * w);
        if (tile > 3) c3.intoArray(c, co + 3 * w);
      }
    }
  }

  /** {@link #residual} in single precision; the row losses are accumulated in float. */
  public static void residual32(float[] f, float[] yT, float[] seed, float[] rowLoss, float inv,
      int lo, int hi, int w, int c) {
    VectorMask<Float> tail = F.indexInRange(0, c % LANES32);
    int full = c - (c % LANES32);
    for (int mu = lo; mu < hi; mu++) {
      int o = mu * w;
      FloatVector acc = FloatVector.zero(F);
      int v = 0;
      for (; v < full; v += LANES32) {
        FloatVector r = FloatVector.fromArray(F, f, o + v).sub(FloatVector.fromArray(F, yT, o + v));
        r.mul(inv).intoArray(seed, o + v);
        acc = acc.add(r.mul(r));
      }
      if (v < c) {
        FloatVector r = FloatVector.fromArray(F, f, o + v).sub(FloatVector.fromArray(F, yT, o + v));
        r.mul(inv).intoArray(seed, o + v);
        r = r.blend(0.0f, tail.not());
        acc = acc.add(r.mul(r));
      }
      rowLoss[mu] = acc.reduceLanes(VectorOperators.ADD);
    }
  }
}
