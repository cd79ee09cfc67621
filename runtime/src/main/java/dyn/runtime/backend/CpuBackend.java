package dyn.runtime.backend;

import dyn.compiler.plan.Op;
import java.util.Arrays;

/**
 * Plain-Java kernels. Matrix products use the i-k-j loop order, register-blocked (the inner loop
 * streams rows of b and of c, and vectorises), or blocked dot products of rows when b is
 * transposed; large ones are split by rows over the cores ({@link Parallel}). Apart from that
 * hand-off, nothing here allocates.
 */
public final class CpuBackend implements Backend {
  /** The shared instance; the backend is stateless. */
  public static final CpuBackend INSTANCE = new CpuBackend();

  /** c (m×m) = a aᵀ for a row-major m×k (a Gram matrix of rows, e.g. an empirical NTK J Jᵀ). */
  public static void gramRows(int m, int k, double[] a, double[] c) {
    OpenBlas.gramRows(m, k, a, c);
  }

  /** c (m×m) = aᵀa for a row-major k×m: the Gram matrix of a's columns, both triangles. */
  public static void gramColumns(int m, int k, double[] a, double[] c) {
    OpenBlas.gramColumns(m, k, a, c);
  }

  /**
   * Keeps the products of the calling thread on that thread (true), or lets large ones split
   * over the cores again (false). For callers that already run several trainings side by side:
   * one core each, no oversubscription. Results do not depend on it.
   */
  public static void keepOnThisThread(boolean keep) {
    Parallel.serialOnThisThread(keep);
  }

  /** Whether {@link #keepOnThisThread} is on for this thread (to restore it after a change). */
  public static boolean keptOnThisThread() {
    return Parallel.serialOnThisThread();
  }

  /**
   * Sets how many threads OpenBLAS uses for the products it takes (a process-wide setting;
   * 0: its own default, one per core) and returns the count set before, for restoring.
   */
  public static int blasThreads(int threads) {
    return OpenBlas.setThreads(threads);
  }

  /** Whether an m×n×k product goes to OpenBLAS (whose sums run in another order than ours). */
  public static boolean usesBlas(int m, int n, int k) {
    return OpenBlas.worthIt(m, n, k);
  }

  @Override
  public void gemm(
      boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
      boolean accumulate) {
    if (OpenBlas.worthIt(m, n, k)) {
      OpenBlas.gemm(ta, tb, m, n, k, a, b, c, accumulate);
      return;
    }
    if (tb && ta) {
      gemmTT(m, n, k, a, b, c, accumulate);
      return;
    }
    if (tb) {
      // Row-by-row dot products, blocked 2×4 so eight independent sums pipeline; measured
      // faster than transposing b for the axpy kernel at every size the benchmarks use.
      if (Parallel.worthIt(m, n, k)) {
        Parallel.rows(m, (long) m * n * k, (lo, hi) -> rowsNT(lo, hi, n, k, a, b, c, accumulate));
      } else {
        rowsNT(0, m, n, k, a, b, c, accumulate);
      }
      return;
    }
    if (!accumulate) Arrays.fill(c, 0, m * n, 0.0);
    if (Parallel.worthIt(m, n, k)) {
      Parallel.rows(m, (long) m * n * k, (lo, hi) -> rowsNN(ta, lo, hi, m, n, k, a, b, c));
    } else {
      rowsNN(ta, 0, m, m, n, k, a, b, c);
    }
  }

  /**
   * Rows [lo, hi) of c += op(a) b with b stored k×n. Each element gets its products added in
   * ascending p, four at a time into one load and store of c (the same rounding as adding them
   * one by one); two rows of c share each load of four rows of b. The inner loops are
   * contiguous and vectorise.
   */
  static void rowsNN(
      boolean ta, int lo, int hi, int m, int n, int k, double[] a, double[] b, double[] c) {
    // a(i, p) sits at i*as + p*ps.
    int as = ta ? 1 : k;
    int ps = ta ? m : 1;
    int k4 = k - (k & 3);
    int i = lo;
    for (; i + 1 < hi; i += 2) {
      int c0 = i * n;
      int c1 = c0 + n;
      int r0 = i * as;
      int r1 = r0 + as;
      int p = 0;
      for (; p < k4; p += 4) {
        double a0 = a[r0 + p * ps];
        double a1 = a[r0 + (p + 1) * ps];
        double a2 = a[r0 + (p + 2) * ps];
        double a3 = a[r0 + (p + 3) * ps];
        double e0 = a[r1 + p * ps];
        double e1 = a[r1 + (p + 1) * ps];
        double e2 = a[r1 + (p + 2) * ps];
        double e3 = a[r1 + (p + 3) * ps];
        int b0 = p * n;
        int b1 = b0 + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = 0; j < n; j++) {
          double x0 = b[b0 + j];
          double x1 = b[b1 + j];
          double x2 = b[b2 + j];
          double x3 = b[b3 + j];
          c[c0 + j] = c[c0 + j] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
          c[c1 + j] = c[c1 + j] + e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
        }
      }
      for (; p < k; p++) {
        double ap = a[r0 + p * ps];
        double ep = a[r1 + p * ps];
        int b0 = p * n;
        for (int j = 0; j < n; j++) {
          double x = b[b0 + j];
          c[c0 + j] += ap * x;
          c[c1 + j] += ep * x;
        }
      }
    }
    if (i < hi) {
      int crow = i * n;
      int arow = i * as;
      int p = 0;
      for (; p < k4; p += 4) {
        double a0 = a[arow + p * ps];
        double a1 = a[arow + (p + 1) * ps];
        double a2 = a[arow + (p + 2) * ps];
        double a3 = a[arow + (p + 3) * ps];
        int b0 = p * n;
        int b1 = b0 + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = 0; j < n; j++) {
          c[crow + j] = c[crow + j] + a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j]
              + a3 * b[b3 + j];
        }
      }
      for (; p < k; p++) {
        double ap = a[arow + p * ps];
        int b0 = p * n;
        for (int j = 0; j < n; j++) c[crow + j] += ap * b[b0 + j];
      }
    }
  }

  /** Rows [lo, hi) of c (+)= a bᵀ (a m×k, b n×k) as dot products, 2×4 at once. */
  static void rowsNT(
      int lo, int hi, int n, int k, double[] a, double[] b, double[] c, boolean acc) {
    int i = lo;
    for (; i + 1 < hi; i += 2) {
      int a0 = i * k;
      int a1 = a0 + k;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        int b0 = j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        for (int p = 0; p < k; p++) {
          double x0 = a[a0 + p];
          double x1 = a[a1 + p];
          double y0 = b[b0 + p];
          double y1 = b[b1 + p];
          double y2 = b[b2 + p];
          double y3 = b[b3 + p];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        int c0 = i * n + j;
        int c1 = c0 + n;
        if (acc) {
          c[c0] += s00;
          c[c0 + 1] += s01;
          c[c0 + 2] += s02;
          c[c0 + 3] += s03;
          c[c1] += s10;
          c[c1 + 1] += s11;
          c[c1 + 2] += s12;
          c[c1 + 3] += s13;
        } else {
          c[c0] = s00;
          c[c0 + 1] = s01;
          c[c0 + 2] = s02;
          c[c0 + 3] = s03;
          c[c1] = s10;
          c[c1 + 1] = s11;
          c[c1 + 2] = s12;
          c[c1 + 3] = s13;
        }
      }
      for (; j < n; j++) {
        dotInto(a, a0, b, j * k, k, c, i * n + j, acc);
        dotInto(a, a1, b, j * k, k, c, i * n + n + j, acc);
      }
    }
    if (i < hi) {
      for (int j = 0; j < n; j++) dotInto(a, i * k, b, j * k, k, c, i * n + j, acc);
    }
  }

  private static void dotInto(
      double[] a, int ao, double[] b, int bo, int k, double[] c, int co, boolean acc) {
    double s = 0.0;
    for (int p = 0; p < k; p++) s += a[ao + p] * b[bo + p];
    c[co] = acc ? c[co] + s : s;
  }

  private static void gemmTT(
      int m, int n, int k, double[] a, double[] b, double[] c, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int crow = i * n;
      for (int j = 0; j < n; j++) {
        int brow = j * k;
        double s = 0.0;
        for (int p = 0; p < k; p++) s += a[p * m + i] * b[brow + p];
        c[crow + j] = accumulate ? c[crow + j] + s : s;
      }
    }
  }

  @Override
  public void binary(
      Op.BinaryFn fn, double[] a, int ar, int ac, double[] b, int br, int bc, double[] out, int r,
      int c) {
    int ars = ar == 1 ? 0 : ac;
    int acs = ac == 1 ? 0 : 1;
    int brs = br == 1 ? 0 : bc;
    int bcs = bc == 1 ? 0 : 1;
    for (int i = 0; i < r; i++) {
      int ai = i * ars;
      int bi = i * brs;
      int oi = i * c;
      switch (fn) {
        case ADD:
          for (int j = 0; j < c; j++) out[oi + j] = a[ai + j * acs] + b[bi + j * bcs];
          break;
        case SUB:
          for (int j = 0; j < c; j++) out[oi + j] = a[ai + j * acs] - b[bi + j * bcs];
          break;
        case MUL:
          for (int j = 0; j < c; j++) out[oi + j] = a[ai + j * acs] * b[bi + j * bcs];
          break;
        case DIV:
          for (int j = 0; j < c; j++) out[oi + j] = a[ai + j * acs] / b[bi + j * bcs];
          break;
        default:
          throw new IllegalArgumentException("unknown binary op " + fn);
      }
    }
  }

  @Override
  public void binaryBackward(
      Op.BinaryFn fn, double[] a, int ar, int ac, double[] b, int br, int bc, double[] gout,
      int r, int c, double[] ga, double[] gb) {
    int ars = ar == 1 ? 0 : ac;
    int acs = ac == 1 ? 0 : 1;
    int brs = br == 1 ? 0 : bc;
    int bcs = bc == 1 ? 0 : 1;
    for (int i = 0; i < r; i++) {
      int ai = i * ars;
      int bi = i * brs;
      int oi = i * c;
      for (int j = 0; j < c; j++) {
        double g = gout[oi + j];
        int ia = ai + j * acs;
        int ib = bi + j * bcs;
        switch (fn) {
          case ADD:
            if (ga != null) ga[ia] += g;
            if (gb != null) gb[ib] += g;
            break;
          case SUB:
            if (ga != null) ga[ia] += g;
            if (gb != null) gb[ib] -= g;
            break;
          case MUL:
            if (ga != null) ga[ia] += g * b[ib];
            if (gb != null) gb[ib] += g * a[ia];
            break;
          case DIV:
            if (ga != null) ga[ia] += g / b[ib];
            if (gb != null) gb[ib] -= g * a[ia] / (b[ib] * b[ib]);
            break;
          default:
            throw new IllegalArgumentException("unknown binary op " + fn);
        }
      }
    }
  }

  @Override
  public void unary(Op.UnaryFn fn, double[] a, double[] out, int len) {
    unary(fn, a, out, 0, len);
  }

  /** out[i] = fn(a[i]) for from ≤ i &lt; to (one row range of a fused pass). */
  public static void unary(Op.UnaryFn fn, double[] a, double[] out, int from, int to) {
    switch (fn) {
      case NEG:
        for (int i = from; i < to; i++) out[i] = -a[i];
        break;
      case LINEAR:
        System.arraycopy(a, from, out, from, to - from);
        break;
      case RELU:
        for (int i = from; i < to; i++) out[i] = a[i] > 0 ? a[i] : 0.0;
        break;
      case TANH:
        for (int i = from; i < to; i++) out[i] = Math.tanh(a[i]);
        break;
      case SQUARE:
        for (int i = from; i < to; i++) out[i] = a[i] * a[i];
        break;
      case SIGMOID:
        for (int i = from; i < to; i++) out[i] = 1.0 / (1.0 + Math.exp(-a[i]));
        break;
      case EXP:
        for (int i = from; i < to; i++) out[i] = Math.exp(a[i]);
        break;
      case LOG:
        for (int i = from; i < to; i++) out[i] = Math.log(a[i]);
        break;
      case SQRT:
        for (int i = from; i < to; i++) out[i] = Math.sqrt(a[i]);
        break;
      case ABS:
        for (int i = from; i < to; i++) out[i] = Math.abs(a[i]);
        break;
      case SIN:
        for (int i = from; i < to; i++) out[i] = Math.sin(a[i]);
        break;
      case COS:
        for (int i = from; i < to; i++) out[i] = Math.cos(a[i]);
        break;
      default:
        throw new IllegalArgumentException("unknown unary op " + fn);
    }
  }

  @Override
  public void unaryBackward(
      Op.UnaryFn fn, double[] a, double[] out, double[] gout, double[] ga, int len) {
    unaryBackward(fn, a, out, gout, ga, 0, len);
  }

  /** ga[i] += gout[i] · fn'(a[i]) for from ≤ i &lt; to. */
  public static void unaryBackward(
      Op.UnaryFn fn, double[] a, double[] out, double[] gout, double[] ga, int from, int to) {
    switch (fn) {
      case NEG:
        for (int i = from; i < to; i++) ga[i] -= gout[i];
        break;
      case LINEAR:
        for (int i = from; i < to; i++) ga[i] += gout[i];
        break;
      case RELU:
        // The subgradient 0 at a = 0, as every framework uses.
        for (int i = from; i < to; i++) if (a[i] > 0) ga[i] += gout[i];
        break;
      case TANH:
        for (int i = from; i < to; i++) ga[i] += gout[i] * (1.0 - out[i] * out[i]);
        break;
      case SQUARE:
        for (int i = from; i < to; i++) ga[i] += gout[i] * 2.0 * a[i];
        break;
      case SIGMOID:
        for (int i = from; i < to; i++) ga[i] += gout[i] * out[i] * (1.0 - out[i]);
        break;
      case EXP:
        for (int i = from; i < to; i++) ga[i] += gout[i] * out[i];
        break;
      case LOG:
        for (int i = from; i < to; i++) ga[i] += gout[i] / a[i];
        break;
      case SQRT:
        for (int i = from; i < to; i++) ga[i] += gout[i] * 0.5 / out[i];
        break;
      case ABS:
        for (int i = from; i < to; i++) ga[i] += gout[i] * Math.signum(a[i]);
        break;
      case SIN:
        for (int i = from; i < to; i++) ga[i] += gout[i] * Math.cos(a[i]);
        break;
      case COS:
        for (int i = from; i < to; i++) ga[i] -= gout[i] * Math.sin(a[i]);
        break;
      default:
        throw new IllegalArgumentException("unknown unary op " + fn);
    }
  }

  @Override
  public void power(double[] a, double p, double[] out, int len) {
    if (p == 2.0) {
      for (int i = 0; i < len; i++) out[i] = a[i] * a[i];
    } else {
      for (int i = 0; i < len; i++) out[i] = Math.pow(a[i], p);
    }
  }

  @Override
  public void powerBackward(double[] a, double p, double[] gout, double[] ga, int len) {
    for (int i = 0; i < len; i++) ga[i] += gout[i] * p * Math.pow(a[i], p - 1.0);
  }

  @Override
  public void transpose(double[] a, int r, int c, double[] out, boolean accumulate) {
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double v = a[i * c + j];
        out[j * r + i] = accumulate ? out[j * r + i] + v : v;
      }
    }
  }

  @Override
  public void sum(Op.Axis axis, double[] a, int r, int c, double[] out) {
    switch (axis) {
      case ALL:
        double s = 0.0;
        for (int i = 0; i < r * c; i++) s += a[i];
        out[0] = s;
        break;
      case ROWS:
        Arrays.fill(out, 0, c, 0.0);
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) out[j] += a[i * c + j];
        break;
      case COLUMNS:
        for (int i = 0; i < r; i++) {
          double t = 0.0;
          for (int j = 0; j < c; j++) t += a[i * c + j];
          out[i] = t;
        }
        break;
      default:
        throw new IllegalArgumentException("unknown axis " + axis);
    }
  }

  @Override
  public void sumBackward(Op.Axis axis, double[] gout, int r, int c, double[] ga) {
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double g;
        switch (axis) {
          case ALL:
            g = gout[0];
            break;
          case ROWS:
            g = gout[j];
            break;
          default:
            g = gout[i];
            break;
        }
        ga[i * c + j] += g;
      }
    }
  }

  @Override
  public void axpy(double alpha, double[] x, double[] y, int len) {
    for (int i = 0; i < len; i++) y[i] += alpha * x[i];
  }

  @Override
  public double dot(double[] x, double[] y, int len) {
    double s = 0.0;
    for (int i = 0; i < len; i++) s += x[i] * y[i];
    return s;
  }
}
