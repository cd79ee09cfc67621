package dyn.runtime.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

/** A float64 array in GPU memory. Freed by {@link #close()}; never garbage collected. */
final class DeviceBuffer implements AutoCloseable {
  final CUdeviceptr ptr;
  final long length;
  private boolean freed;

  DeviceBuffer(long length) {
    this.length = length;
    this.ptr = new CUdeviceptr();
    // A zero-length allocation is an error in the driver API; keep one element instead.
    cuMemAlloc(ptr, Math.max(1, length) * Sizeof.DOUBLE);
  }

  /** ptr + i elements. */
  CUdeviceptr at(long i) {
    return ptr.withByteOffset(i * Sizeof.DOUBLE);
  }

  void upload(double[] host, int len) {
    if (len > 0) cuMemcpyHtoD(ptr, Pointer.to(host), (long) len * Sizeof.DOUBLE);
  }

  void download(double[] host, int len) {
    if (len > 0) cuMemcpyDtoH(Pointer.to(host), ptr, (long) len * Sizeof.DOUBLE);
  }

  static void upload(CUdeviceptr dst, double[] host, int offset, int len) {
    if (len > 0) {
      cuMemcpyHtoD(dst, Pointer.to(host).withByteOffset((long) offset * Sizeof.DOUBLE),
          (long) len * Sizeof.DOUBLE);
    }
  }

  static void download(double[] host, int offset, CUdeviceptr src, int len) {
    if (len > 0) {
      cuMemcpyDtoH(Pointer.to(host).withByteOffset((long) offset * Sizeof.DOUBLE), src,
          (long) len * Sizeof.DOUBLE);
    }
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      cuMemFree(ptr);
    }
  }
}
