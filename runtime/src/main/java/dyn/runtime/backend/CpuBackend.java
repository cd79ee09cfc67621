package dyn.runtime.backend;

import dyn.compiler.plan.Op;
import java.util.Arrays;

/**
 * Plain-Java kernels. Matrix products use the i-k-j loop order (the inner loop streams a row of
 * b and a row of c), or dot products of rows when b is transposed; both keep the inner loop
 * contiguous so the JIT can vectorise it. Nothing here allocates.
 */
public final class CpuBackend implements Backend {
  /** The shared instance; the backend is stateless. */
  public static final CpuBackend INSTANCE = new CpuBackend();

  @Override
  public void gemm(
      boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
      boolean accumulate) {
    if (!tb) {
      if (!accumulate) Arrays.fill(c, 0, m * n, 0.0);
      if (!ta) {
        for (int i = 0; i < m; i++) {
          int crow = i * n;
          int arow = i * k;
          for (int p = 0; p < k; p++) {
            double aip = a[arow + p];
            if (aip == 0.0) continue;
            int brow = p * n;
            for (int j = 0; j < n; j++) c[crow + j] += aip * b[brow + j];
          }
        }
      } else {
        // a is k×m: walk it row by row so both a and b are read in storage order.
        for (int p = 0; p < k; p++) {
          int arow = p * m;
          int brow = p * n;
          for (int i = 0; i < m; i++) {
            double aip = a[arow + i];
            if (aip == 0.0) continue;
            int crow = i * n;
            for (int j = 0; j < n; j++) c[crow + j] += aip * b[brow + j];
          }
        }
      }
      return;
    }
    // b is n×k: c[i][j] is the dot product of row i of op(a) with row j of b.
    for (int i = 0; i < m; i++) {
      int crow = i * n;
      for (int j = 0; j < n; j++) {
        int brow = j * k;
        double s = 0.0;
        if (!ta) {
          int arow = i * k;
          for (int p = 0; p < k; p++) s += a[arow + p] * b[brow + p];
        } else {
          for (int p = 0; p < k; p++) s += a[p * m + i] * b[brow + p];
        }
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
    switch (fn) {
      case NEG:
        for (int i = 0; i < len; i++) out[i] = -a[i];
        break;
      case LINEAR:
        System.arraycopy(a, 0, out, 0, len);
        break;
      case RELU:
        for (int i = 0; i < len; i++) out[i] = a[i] > 0 ? a[i] : 0.0;
        break;
      case TANH:
        for (int i = 0; i < len; i++) out[i] = Math.tanh(a[i]);
        break;
      case SQUARE:
        for (int i = 0; i < len; i++) out[i] = a[i] * a[i];
        break;
      case SIGMOID:
        for (int i = 0; i < len; i++) out[i] = 1.0 / (1.0 + Math.exp(-a[i]));
        break;
      case EXP:
        for (int i = 0; i < len; i++) out[i] = Math.exp(a[i]);
        break;
      case LOG:
        for (int i = 0; i < len; i++) out[i] = Math.log(a[i]);
        break;
      case SQRT:
        for (int i = 0; i < len; i++) out[i] = Math.sqrt(a[i]);
        break;
      case ABS:
        for (int i = 0; i < len; i++) out[i] = Math.abs(a[i]);
        break;
      case SIN:
        for (int i = 0; i < len; i++) out[i] = Math.sin(a[i]);
        break;
      case COS:
        for (int i = 0; i < len; i++) out[i] = Math.cos(a[i]);
        break;
      default:
        throw new IllegalArgumentException("unknown unary op " + fn);
    }
  }

  @Override
  public void unaryBackward(
      Op.UnaryFn fn, double[] a, double[] out, double[] gout, double[] ga, int len) {
    switch (fn) {
      case NEG:
        for (int i = 0; i < len; i++) ga[i] -= gout[i];
        break;
      case LINEAR:
        for (int i = 0; i < len; i++) ga[i] += gout[i];
        break;
      case RELU:
        // The subgradient 0 at a = 0, as every framework uses.
        for (int i = 0; i < len; i++) if (a[i] > 0) ga[i] += gout[i];
        break;
      case TANH:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * (1.0 - out[i] * out[i]);
        break;
      case SQUARE:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * 2.0 * a[i];
        break;
      case SIGMOID:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * out[i] * (1.0 - out[i]);
        break;
      case EXP:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * out[i];
        break;
      case LOG:
        for (int i = 0; i < len; i++) ga[i] += gout[i] / a[i];
        break;
      case SQRT:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * 0.5 / out[i];
        break;
      case ABS:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * Math.signum(a[i]);
        break;
      case SIN:
        for (int i = 0; i < len; i++) ga[i] += gout[i] * Math.cos(a[i]);
        break;
      case COS:
        for (int i = 0; i < len; i++) ga[i] -= gout[i] * Math.sin(a[i]);
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
