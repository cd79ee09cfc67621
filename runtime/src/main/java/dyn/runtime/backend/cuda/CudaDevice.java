package dyn.runtime.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The GPU this process uses: device 0, its primary context, and dyn's kernels JIT-loaded from
 * the PTX resource. Opened once, on first use, by {@link #open()}; every failure on the way
 * (natives, driver, device, module) becomes a {@link CudaUnavailable} naming the missing piece,
 * and the answer is remembered so a missing GPU is probed only once.
 *
 * <p>The driver API binds a context to a thread; {@link #bind()} makes the context current on the
 * calling thread and is called at every entry point, so programs may move between threads.
 */
public final class CudaDevice {
  /** The PTX resource, on the class path next to this class. */
  public static final String PTX_RESOURCE = "dyn_kernels.ptx";

  private static CudaDevice opened;
  private static CudaUnavailable failure;

  private final CUcontext context;
  private final Map<String, CUfunction> functions = new HashMap<>();
  private final String name;
  private final long memoryBytes;
  private final int driverVersion;

  private CudaDevice(CUcontext context, CUmodule module, String name, long memoryBytes,
      int driverVersion) {
    this.context = context;
    this.name = name;
    this.memoryBytes = memoryBytes;
    this.driverVersion = driverVersion;
    for (String k : CudaKernels.NAMES) {
      CUfunction f = new CUfunction();
      cuModuleGetFunction(f, module, k);
      functions.put(k, f);
    }
  }

  /**
   * The device, opening it on first call.
   *
   * @throws CudaUnavailable when the natives, the driver or a GPU is missing, or the PTX does not
   *     load
   */
  public static synchronized CudaDevice open() throws CudaUnavailable {
    if (opened != null) return opened;
    if (failure != null) throw failure;
    try {
      opened = probe();
      return opened;
    } catch (CudaUnavailable e) {
      failure = e;
      throw e;
    }
  }

  /** Whether a usable GPU is present (opens it if so); never throws. */
  public static boolean available() {
    try {
      open();
      return true;
    } catch (CudaUnavailable e) {
      return false;
    }
  }

  private static CudaDevice probe() throws CudaUnavailable {
    try {
      // Loading JCudaDriver loads its JNI library, which links against libcuda.so.1: no driver
      // shows up here as an UnsatisfiedLinkError.
      JCudaDriver.setExceptionsEnabled(true);
    } catch (LinkageError | RuntimeException e) {
      // UnsatisfiedLinkError (no libcuda, natives missing for this platform), or
      // NoClassDefFoundError on a second try after a failed class initialisation.
      throw new CudaUnavailable(nativesMessage(e), e);
    }
    int[] version = new int[1];
    try {
      cuInit(0);
      cuDriverGetVersion(version);
    } catch (CudaException e) {
      throw new CudaUnavailable("the NVIDIA driver did not initialise (" + e.getMessage()
          + "): no usable GPU on this machine", e);
    }
    int[] count = new int[1];
    try {
      cuDeviceGetCount(count);
    } catch (CudaException e) {
      throw new CudaUnavailable("the NVIDIA driver reports no device (" + e.getMessage() + ")", e);
    }
    if (count[0] == 0) throw new CudaUnavailable("no CUDA GPU found (the driver sees 0 devices)", null);
    try {
      CUdevice dev = new CUdevice();
      cuDeviceGet(dev, 0);
      byte[] nameBytes = new byte[256];
      cuDeviceGetName(nameBytes, nameBytes.length, dev);
      String name = cString(nameBytes);
      long[] mem = new long[1];
      cuDeviceTotalMem(mem, dev);
      CUcontext ctx = new CUcontext();
      cuDevicePrimaryCtxRetain(ctx, dev);
      cuCtxSetCurrent(ctx);
      CUmodule module = new CUmodule();
      try {
        cuModuleLoadData(module, ptx());
      } catch (CudaException e) {
        throw new CudaUnavailable("the driver (CUDA " + versionString(version[0])
            + ") rejected dyn's PTX kernels (" + e.getMessage() + "); the committed PTX is ISA 9.0"
            + " from nvcc 13.0 and needs a CUDA 13 driver (rebuild with tools/build-ptx.sh)", e);
      }
      return new CudaDevice(ctx, module, name, mem[0], version[0]);
    } catch (CudaException e) {
      throw new CudaUnavailable("the CUDA device could not be opened (" + e.getMessage() + ")", e);
    }
  }

  private static String nativesMessage(Throwable e) {
    String why = String.valueOf(e.getMessage());
    if (why.contains("libcuda")) {
      return "no NVIDIA driver: libcuda.so.1 is not installed or not on the library path";
    }
    return "JCuda's native library did not load (" + why + "); it needs libcuda.so.1 from an"
        + " NVIDIA driver";
  }

  /** The PTX text, NUL-terminated as cuModuleLoadData expects. */
  static byte[] ptx() throws CudaUnavailable {
    try (InputStream in = CudaDevice.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) throw new CudaUnavailable("the PTX resource " + PTX_RESOURCE + " is missing from the build", null);
      byte[] text = in.readAllBytes();
      byte[] z = new byte[text.length + 1];
      System.arraycopy(text, 0, z, 0, text.length);
      return z;
    } catch (IOException e) {
      throw new CudaUnavailable("cannot read the PTX resource " + PTX_RESOURCE, e);
    }
  }

  /** The PTX resource as text (tests parse it without a GPU). */
  public static String ptxText() throws CudaUnavailable {
    byte[] z = ptx();
    return new String(z, 0, z.length - 1, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) n++;
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  private static String versionString(int v) {
    return (v / 1000) + "." + (v % 1000) / 10;
  }

  /** Makes the context current on this thread. */
  void bind() {
    cuCtxSetCurrent(context);
  }

  CUfunction function(String kernel) {
    CUfunction f = functions.get(kernel);
    if (f == null) throw new IllegalArgumentException("no kernel " + kernel);
    return f;
  }

  /** e.g. "NVIDIA H100 80GB HBM3, 79.1 GiB, CUDA driver 13.0". */
  public String describe() {
    return name + ", " + String.format("%.1f", memoryBytes / (double) (1L << 30)) + " GiB, CUDA driver "
        + versionString(driverVersion);
  }
}
