package dyn.runtime.backend.cuda;

import dyn.compiler.plan.Op;
import dyn.runtime.backend.Backend;
import jcuda.driver.CUdeviceptr;

/**
 * The {@link Backend} contract on the GPU, op by op: each call uploads its operands, runs dyn's
 * kernel and downloads the result into the caller's array. Correct everywhere the CPU backend
 * is, and what the parity tests compare op by op; it is not the fast path, because the contract
 * keeps every array on the host. Training runs device-resident through {@link CudaProgram}.
 *
 * <p>Calls are serialised (one set of scratch buffers per instance).
 */
public final class CudaBackend implements Backend {
  private final CudaDevice device;
  private final CudaKernels k;
  private final DeviceBuffer[] slot = new DeviceBuffer[5];

  private CudaBackend(CudaDevice device) {
    this.device = device;
    device.bind();
    this.k = new CudaKernels(device);
  }

  /**
   * A backend on the machine's GPU.
   *
   * @throws CudaUnavailable when there is no usable GPU
   */
  public static CudaBackend open() throws CudaUnavailable {
    return new CudaBackend(CudaDevice.open());
  }

  /** The device this backend runs on, in words. */
  public String describe() {
    return device.describe();
  }

  /** Scratch slot s holding at least len doubles, with host[0, len) uploaded when host != null. */
  private CUdeviceptr in(int s, double[] host, long len) {
    if (slot[s] == null || slot[s].length < len) {
      if (slot[s] != null) slot[s].close();
      slot[s] = new DeviceBuffer(Math.max(len, 1));
    }
    if (host != null) slot[s].upload(host, (int) len);
    return slot[s].ptr;
  }

  private void out(int s, double[] host, long len) {
    slot[s].download(host, (int) len);
  }

  @Override
  public synchronized void gemm(boolean ta, boolean tb, int m, int n, int kk, double[] a, double[] b,
      double[] c, boolean accumulate) {
    device.bind();
    long mn = (long) m * n;
    CUdeviceptr da = in(0, a, (long) m * kk);
    CUdeviceptr db = in(1, b, (long) kk * n);
    CUdeviceptr dc = in(2, accumulate ? c : null, mn);
    k.gemm(ta, tb, m, n, kk, da, db, dc, accumulate);
    out(2, c, mn);
  }

  @Override
  public synchronized void binary(Op.BinaryFn fn, double[] a, int ar, int ac, double[] b, int br,
      int bc, double[] out, int r, int c) {
    device.bind();
    CUdeviceptr da = in(0, a, (long) ar * ac);
    CUdeviceptr db = in(1, b, (long) br * bc);
    CUdeviceptr dout = in(2, null, (long) r * c);
    k.binary(fn, da, ar, ac, db, br, bc, dout, r, c);
    out(2, out, (long) r * c);
  }

  @Override
  public synchronized void binaryBackward(Op.BinaryFn fn, double[] a, int ar, int ac, double[] b,
      int br, int bc, double[] gout, int r, int c, double[] ga, double[] gb) {
    device.bind();
    CUdeviceptr da = in(0, a, (long) ar * ac);
    CUdeviceptr db = in(1, b, (long) br * bc);
    CUdeviceptr dg = in(2, gout, (long) r * c);
    CUdeviceptr dga = ga == null ? null : in(3, ga, (long) ar * ac);
    // x ∘ x: Program passes one gradient array for both operands; both adjoints must add into it.
    boolean same = gb != null && gb == ga;
    CUdeviceptr dgb = gb == null ? null : same ? dga : in(4, gb, (long) br * bc);
    k.binaryBackward(fn, da, ar, ac, db, br, bc, dg, r, c, dga, dgb);
    if (ga != null) out(3, ga, (long) ar * ac);
    if (gb != null && !same) out(4, gb, (long) br * bc);
  }

  @Override
  public synchronized void unary(Op.UnaryFn fn, double[] a, double[] out, int len) {
    device.bind();
    CUdeviceptr da = in(0, a, len);
    CUdeviceptr dout = in(1, null, len);
    k.unary(fn, da, dout, len);
    out(1, out, len);
  }

  @Override
  public synchronized void unaryBackward(Op.UnaryFn fn, double[] a, double[] out, double[] gout,
      double[] ga, int len) {
    device.bind();
    CUdeviceptr da = in(0, a, len);
    CUdeviceptr dout = in(1, out, len);
    CUdeviceptr dg = in(2, gout, len);
    CUdeviceptr dga = in(3, ga, len);
    k.unaryBackward(fn, da, dout, dg, dga, len);
    out(3, ga, len);
  }

  @Override
  public synchronized void power(double[] a, double p, double[] out, int len) {
    device.bind();
    CUdeviceptr da = in(0, a, len);
    CUdeviceptr dout = in(1, null, len);
    k.power(da, p, dout, len);
    out(1, out, len);
  }

  @Override
  public synchronized void powerBackward(double[] a, double p, double[] gout, double[] ga, int len) {
    device.bind();
    CUdeviceptr da = in(0, a, len);
    CUdeviceptr dg = in(1, gout, len);
    CUdeviceptr dga = in(2, ga, len);
    k.powerBackward(da, p, dg, dga, len);
    out(2, ga, len);
  }

  @Override
  public synchronized void transpose(double[] a, int r, int c, double[] out, boolean accumulate) {
    device.bind();
    long len = (long) r * c;
    CUdeviceptr da = in(0, a, len);
    CUdeviceptr dout = in(1, accumulate ? out : null, len);
    k.transpose(da, r, c, dout, accumulate);
    out(1, out, len);
  }

  @Override
  public synchronized void sum(Op.Axis axis, double[] a, int r, int c, double[] out) {
    device.bind();
    long outLen = axis == Op.Axis.ALL ? 1 : axis == Op.Axis.ROWS ? c : r;
    CUdeviceptr da = in(0, a, (long) r * c);
    CUdeviceptr dout = in(1, null, outLen);
    k.sum(axis, da, r, c, dout);
    out(1, out, outLen);
  }

  @Override
  public synchronized void sumBackward(Op.Axis axis, double[] gout, int r, int c, double[] ga) {
    device.bind();
    long gLen = axis == Op.Axis.ALL ? 1 : axis == Op.Axis.ROWS ? c : r;
    CUdeviceptr dg = in(0, gout, gLen);
    CUdeviceptr dga = in(1, ga, (long) r * c);
    k.sumBackward(axis, dg, r, c, dga);
    out(1, ga, (long) r * c);
  }

  @Override
  public synchronized void axpy(double alpha, double[] x, double[] y, int len) {
    device.bind();
    CUdeviceptr dx = in(0, x, len);
    CUdeviceptr dy = in(1, y, len);
    k.axpy(alpha, dx, dy, len);
    out(1, y, len);
  }

  @Override
  public synchronized double dot(double[] x, double[] y, int len) {
    device.bind();
    CUdeviceptr dx = in(0, x, len);
    CUdeviceptr dy = in(1, y, len);
    return k.reduceToHost(dx, dy, len);
  }
}
