package dyn.runtime.backend.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;

import dyn.compiler.plan.Op;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

/**
 * Launches dyn's kernels (runtime/src/main/cuda/dyn_kernels.cu) on device pointers. Each
 * instance owns a small scratch buffer for two-pass reductions, so one instance belongs to one
 * thread at a time. All launches go to the context's default stream and therefore run in order.
 */
final class CudaKernels implements AutoCloseable {
  /**
   * Every kernel the PTX must export, with its parameters: i a 32-bit int, d a double, w a 64-bit
   * word (a device pointer or a long). Launches are checked against it, and a test checks the
   * committed PTX against it, so a signature drift is caught without a GPU.
   */
  static final Map<String, String> SIGNATURES = signatures(
      "dyn_gemm", "iiiiiwwwi",
      "dyn_binary", "iwiiwiiwii",
      "dyn_binary_grad", "iiwiiwiiwiiwii",
      "dyn_unary", "iwww",
      "dyn_unary_backward", "iwwwww",
      "dyn_power", "wdww",
      "dyn_power_backward", "wdwww",
      "dyn_transpose", "wiiwi",
      "dyn_copy2d", "wiwiiii",
      "dyn_diag", "wiwii",
      "dyn_diag_backward", "wiwi",
      "dyn_fill", "wdw",
      "dyn_axpy", "dwww",
      "dyn_reduce", "wwww",
      "dyn_sum_rows", "wiiw",
      "dyn_sum_columns", "wiiw",
      "dyn_sum_backward", "iwiiw",
      "dyn_mse_residual", "wwwdww");

  /** The kernel names, in {@link #SIGNATURES} order. */
  static final List<String> NAMES = List.copyOf(SIGNATURES.keySet());

  private static Map<String, String> signatures(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return Collections.unmodifiableMap(m);
  }

  private static final int THREADS = 256;
  /** Blocks of a grid-stride launch at most; also the partial sums of a reduction. */
  private static final int MAX_BLOCKS = 1024;
  private static final int GEMM_TILE = 64;

  private final CudaDevice device;
  private final DeviceBuffer partial = new DeviceBuffer(MAX_BLOCKS);
  private final DeviceBuffer scalar = new DeviceBuffer(1);
  private final double[] one = new double[1];

  CudaKernels(CudaDevice device) {
    this.device = device;
  }

  CudaDevice device() {
    return device;
  }

  private static int blocks(long len) {
    return (int) Math.max(1, Math.min(MAX_BLOCKS, (len + THREADS - 1) / THREADS));
  }

  private void launch(String kernel, int gx, int gy, int threads, Object... args) {
    String sig = SIGNATURES.get(kernel);
    if (sig.length() != args.length) {
      throw new IllegalArgumentException(kernel + " takes " + sig.length() + " arguments, got " + args.length);
    }
    NativePointerObject[] ps = new NativePointerObject[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      char want = sig.charAt(i);
      char got;
      if (a instanceof CUdeviceptr) {
        ps[i] = Pointer.to((CUdeviceptr) a);
        got = 'w';
      } else if (a instanceof Integer) {
        ps[i] = Pointer.to(new int[] {(Integer) a});
        got = 'i';
      } else if (a instanceof Long) {
        ps[i] = Pointer.to(new long[] {(Long) a});
        got = 'w';
      } else if (a instanceof Double) {
        ps[i] = Pointer.to(new double[] {(Double) a});
        got = 'd';
      } else if (a == null) {
        ps[i] = Pointer.to(new CUdeviceptr());   // a null device pointer
        got = 'w';
      } else {
        throw new IllegalArgumentException("kernel argument " + a);
      }
      if (got != want) {
        throw new IllegalArgumentException(kernel + " argument " + i + " is '" + got + "', the kernel takes '" + want + "'");
      }
    }
    cuLaunchKernel(device.function(kernel), gx, gy, 1, threads, 1, 1, 0, null, Pointer.to(ps), null);
  }

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }

  /** c (m×n) (+)= op(a) op(b); see {@link dyn.runtime.backend.Backend#gemm}. */
  void gemm(boolean ta, boolean tb, int m, int n, int k, CUdeviceptr a, CUdeviceptr b,
      CUdeviceptr c, boolean acc) {
    if (m == 0 || n == 0) return;
    int gx = (n + GEMM_TILE - 1) / GEMM_TILE;
    int gy = (m + GEMM_TILE - 1) / GEMM_TILE;
    launch("dyn_gemm", gx, gy, THREADS, flag(ta), flag(tb), m, n, k, a, b, c, flag(acc));
  }

  /** out (r×c) = a ∘ b, operands broadcast by their shapes. */
  void binary(Op.BinaryFn fn, CUdeviceptr a, int ar, int ac, CUdeviceptr b, int br, int bc,
      CUdeviceptr out, int r, int c) {
    long len = (long) r * c;
    if (len == 0) return;
    launch("dyn_binary", blocks(len), 1, THREADS, fn.ordinal(), a, ar == 1 ? 0 : ac, ac == 1 ? 0 : 1,
        b, br == 1 ? 0 : bc, bc == 1 ? 0 : 1, out, r, c);
  }

  /** ga and/or gb (either may be null) += the adjoint of {@link #binary}. */
  void binaryBackward(Op.BinaryFn fn, CUdeviceptr a, int ar, int ac, CUdeviceptr b, int br, int bc,
      CUdeviceptr gout, int r, int c, CUdeviceptr ga, CUdeviceptr gb) {
    if ((long) r * c == 0) return;
    Object[] common = {a, ar == 1 ? 0 : ac, ac == 1 ? 0 : 1, b, br == 1 ? 0 : bc, bc == 1 ? 0 : 1, gout, r, c};
    if (ga != null) binaryGrad(fn, 0, common, ga, ar, ac);
    if (gb != null) binaryGrad(fn, 1, common, gb, br, bc);
  }

  private void binaryGrad(Op.BinaryFn fn, int side, Object[] common, CUdeviceptr g, int gr, int gc) {
    Object[] args = new Object[common.length + 5];
    args[0] = fn.ordinal();
    args[1] = side;
    System.arraycopy(common, 0, args, 2, common.length);
    args[common.length + 2] = g;
    args[common.length + 3] = gr;
    args[common.length + 4] = gc;
    launch("dyn_binary_grad", blocks((long) gr * gc), 1, THREADS, args);
  }

  void unary(Op.UnaryFn fn, CUdeviceptr a, CUdeviceptr out, long len) {
    if (len > 0) launch("dyn_unary", blocks(len), 1, THREADS, fn.ordinal(), a, out, len);
  }

  void unaryBackward(Op.UnaryFn fn, CUdeviceptr a, CUdeviceptr out, CUdeviceptr gout, CUdeviceptr ga,
      long len) {
    if (len > 0) launch("dyn_unary_backward", blocks(len), 1, THREADS, fn.ordinal(), a, out, gout, ga, len);
  }

  void power(CUdeviceptr a, double p, CUdeviceptr out, long len) {
    if (len > 0) launch("dyn_power", blocks(len), 1, THREADS, a, p, out, len);
  }

  void powerBackward(CUdeviceptr a, double p, CUdeviceptr gout, CUdeviceptr ga, long len) {
    if (len > 0) launch("dyn_power_backward", blocks(len), 1, THREADS, a, p, gout, ga, len);
  }

  /** out (c×r) (+)= aᵀ for a r×c. */
  void transpose(CUdeviceptr a, int r, int c, CUdeviceptr out, boolean acc) {
    long len = (long) r * c;
    if (len > 0) launch("dyn_transpose", blocks(len), 1, THREADS, a, r, c, out, flag(acc));
  }

  /** dst[i·dp + j] (+)= src[i·sp + j] for i < rows, j < cols. */
  void copy2d(CUdeviceptr src, int sp, CUdeviceptr dst, int dp, int rows, int cols, boolean acc) {
    long len = (long) rows * cols;
    if (len > 0) launch("dyn_copy2d", blocks(len), 1, THREADS, src, sp, dst, dp, rows, cols, flag(acc));
  }

  void diag(CUdeviceptr a, int alen, CUdeviceptr out, int r, int c) {
    long len = (long) r * c;
    if (len > 0) launch("dyn_diag", blocks(len), 1, THREADS, a, alen, out, r, c);
  }

  void diagBackward(CUdeviceptr g, int c, CUdeviceptr ga, int count) {
    if (count > 0) launch("dyn_diag_backward", blocks(count), 1, THREADS, g, c, ga, count);
  }

  void fill(CUdeviceptr x, double v, long len) {
    if (len > 0) launch("dyn_fill", blocks(len), 1, THREADS, x, v, len);
  }

  void axpy(double alpha, CUdeviceptr x, CUdeviceptr y, long len) {
    if (len > 0) launch("dyn_axpy", blocks(len), 1, THREADS, alpha, x, y, len);
  }

  /**
   * out[0] = Σ x (y null) or Σ x·y, on the device: block partial sums, then one block sums
   * those. The launch shape depends only on len, so the rounding is the same on every run.
   */
  void reduce(CUdeviceptr x, CUdeviceptr y, long len, CUdeviceptr out) {
    if (len == 0) {
      fill(out, 0.0, 1);
      return;
    }
    int g = blocks(len);
    launch("dyn_reduce", g, 1, THREADS, x, y, len, partial.ptr);
    launch("dyn_reduce", 1, 1, THREADS, partial.ptr, null, (long) g, out);
  }

  /** Σ x (or Σ x·y) brought back to the host. */
  double reduceToHost(CUdeviceptr x, CUdeviceptr y, long len) {
    reduce(x, y, len, scalar.ptr);
    cuMemcpyDtoH(Pointer.to(one), scalar.ptr, Sizeof.DOUBLE);
    return one[0];
  }

  /** A sum of a (r×c) along an axis; see {@link dyn.runtime.backend.Backend#sum}. */
  void sum(Op.Axis axis, CUdeviceptr a, int r, int c, CUdeviceptr out) {
    switch (axis) {
      case ALL:
        reduce(a, null, (long) r * c, out);
        break;
      case ROWS:
        if (c > 0) launch("dyn_sum_rows", blocks(c), 1, THREADS, a, r, c, out);
        break;
      case COLUMNS:
        if (r > 0) launch("dyn_sum_columns", Math.min(r, 65535), 1, THREADS, a, r, c, out);
        break;
      default:
        throw new IllegalArgumentException("unknown axis " + axis);
    }
  }

  void sumBackward(Op.Axis axis, CUdeviceptr gout, int r, int c, CUdeviceptr ga) {
    long len = (long) r * c;
    if (len > 0) launch("dyn_sum_backward", blocks(len), 1, THREADS, axis.ordinal(), gout, r, c, ga);
  }

  /** seed = (f − y)/n and sq = (f − y)², elementwise over len. */
  void mseResidual(CUdeviceptr f, CUdeviceptr y, long len, double invn, CUdeviceptr seed,
      CUdeviceptr sq) {
    if (len > 0) launch("dyn_mse_residual", blocks(len), 1, THREADS, f, y, len, invn, seed, sq);
  }

  @Override
  public void close() {
    partial.close();
    scalar.close();
  }
}
