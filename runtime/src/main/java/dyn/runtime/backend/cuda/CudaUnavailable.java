package dyn.runtime.backend.cuda;

/**
 * The CUDA backend cannot run here. The message names what is missing (no libcuda.so.1, JCuda's
 * natives failed to load, no GPU, the driver rejected the PTX) in words a researcher can act on;
 * the cause, when there is one, is kept for {@code --debug}.
 */
public final class CudaUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  public CudaUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
