package dyn.runtime.exec;

import dyn.compiler.plan.Plan;
import dyn.runtime.backend.cuda.CudaDevice;
import dyn.runtime.backend.cuda.CudaUnavailable;
import java.io.PrintStream;
import java.util.List;

/**
 * Chooses where a plan runs: {@code cpu}, {@code cuda}, or {@code auto} (cuda when the plan's
 * trainings are large enough for a GPU to pay and one is usable, else cpu). The GPU is probed
 * safely: a missing driver, JCuda natives that do not load, no device or rejected kernels all
 * become a {@link CudaUnavailable} naming what is missing.
 */
public final class Backends {
  private Backends() {}

  /** The names a script or {@code --backend} may give. */
  public static final List<String> NAMES = Plan.BACKEND_NAMES;

  /**
   * The backend chosen.
   *
   * @param name cpu, cuda or auto (resolved)
   * @param description what runs the numerics, in words (the GPU's name for cuda)
   * @param note for auto, a line saying what was chosen and why; null otherwise
   */
  public record Choice(String name, String description, String note, Engine engine, int threads) {
    /** An executor for this choice (GPU train steps run one at a time). */
    public Executor executor(PrintStream progress) {
      return new Executor(engine, threads, progress);
    }

    /**
     * How many of a sweep's points may run at once when {@code requested} are asked for: all of
     * them on the CPU (a sweep's threads are its parallelism there), at most {@link #threads} on
     * a device, which runs one train at a time.
     */
    public int pointsAtOnce(int requested) {
      return engine == Engine.CPU ? requested : Math.min(requested, threads);
    }
  }

  /**
   * Resolves a requested backend. {@code auto} weighs the plan's trainings first: below
   * {@link TrainWork#GPU_PAYS} multiply–adds per forward pass the CPU is faster than a GPU
   * (docs/CUDA.md), so auto takes the CPU without probing for one; above it, the GPU when one is
   * usable.
   *
   * @param plan the compiled plan; only auto reads it (cpu and cuda may be resolved before the
   *     script is compiled, with null)
   * @throws CudaUnavailable when cuda is requested and cannot run here
   * @throws IllegalArgumentException for a name not in {@link #NAMES}
   */
  public static Choice select(String requested, Plan plan) throws CudaUnavailable {
    switch (requested) {
      case "cpu":
        return cpu(null);
      case "cuda":
        return cuda(openGpu(), null);
      case "auto":
        return auto(java.util.Objects.requireNonNull(plan, "auto needs the plan"));
      default:
        throw new IllegalArgumentException(
            "unknown backend `" + requested + "` (expected cpu, auto or cuda)");
    }
  }

  private static Choice auto(Plan plan) {
    long work = TrainWork.largest(plan);
    if (work == 0) return cpu("backend auto: using cpu (the plan trains nothing, and only trainings run on a GPU)");
    String size = "the largest training does " + TrainWork.words(work) + " multiply–adds per forward pass";
    if (work < TrainWork.GPU_PAYS) {
      return cpu("backend auto: using cpu (" + size + "; a GPU is faster from "
          + TrainWork.words(TrainWork.GPU_PAYS) + "; --backend cuda uses one anyway)");
    }
    try {
      CudaDevice gpu = openGpu();
      return cuda(gpu, "backend auto: using cuda (" + gpu.describe() + "; " + size + ")");
    } catch (CudaUnavailable e) {
      return cpu("backend auto: using cpu (no usable GPU: " + e.getMessage() + ")");
    }
  }

  private static CudaDevice openGpu() throws CudaUnavailable {
    try {
      return CudaDevice.open();
    } catch (LinkageError e) {
      // The JCuda jar itself missing from the class path (a hand-made class path).
      throw new CudaUnavailable("JCuda is not on the class path (" + e.getMessage() + ")", e);
    }
  }

  /** The CPU, chosen without asking (a gather, which trains nothing, runs there). */
  public static Choice cpu() {
    return cpu(null);
  }

  private static Choice cpu(String note) {
    return new Choice("cpu", "cpu", note, Engine.CPU,
        Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  private static Choice cuda(CudaDevice device, String note) {
    return new Choice("cuda", device.describe(), note, CudaEngine.create(), 1);
  }
}
