package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.GraphProgram;
import dyn.runtime.graph.Program;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.FlatParams;

/**
 * L(θ) = (1/2n) Σ_μ ‖y_μ − f(x_μ; θ)‖² on one batch of n samples (columns), with its gradient by
 * reverse mode. Buffers are allocated once; {@link #valueAndGradient} allocates nothing.
 */
final class MseObjective {
  private final GraphProgram program;
  /** The same program when it is dyn's CPU {@link Program} (which has the fused path); else null. */
  private final Program cpu;
  /** The program itself when it computes the loss on its device; null on the CPU. */
  private final GraphProgram.SquaredError onDevice;
  private final double[] y;
  private final double[] seed;
  private final int n;
  /** Whether the fused path has been waited for (once, at the first gradient). */
  private boolean awaited;
  /** Whether the last {@link #valueAndGradient} summed the loss as {@link #value} does. */
  private boolean lastExact;

  /**
   * The longest a training waits, at its first step, for the fused kernels to be compiled (see
   * {@link Program#awaitFusedPath}); the warm-up usually finishes well within it.
   */
  private static final long FUSED_WAIT_MILLIS = 1000;

  /** An objective over batches of n columns; call {@link #setBatch} before use. */
  MseObjective(ModelSpec model, int n) {
    this(model, n, ProgramFactory.CPU, false);
  }

  /**
   * An objective over batches of n columns whose graph runs where {@code programs} compiles it;
   * with {@code float32} (CPU only) the gradient passes run in single precision ({@link #value}
   * stays float64). On the CPU the program may take its fused dense-chain path.
   *
   * @throws IllegalArgumentException when float32 is asked of a model that is not a dense chain,
   *     or of a backend other than the CPU
   */
  MseObjective(ModelSpec model, int n, ProgramFactory programs, boolean float32) {
    if (programs == ProgramFactory.CPU) {
      this.cpu = Program.compile(model.forward(), FlatParams.shapes(model), model.inputDim(), n,
          CpuBackend.INSTANCE, float32);
      this.program = GraphProgram.of(cpu);
    } else {
      if (float32) throw new IllegalArgumentException("dtype = \"float32\" runs only on the cpu backend");
      this.cpu = null;
      this.program = programs.compile(model.forward(), FlatParams.shapes(model), model.inputDim(), n);
    }
    this.onDevice = program instanceof GraphProgram.SquaredError ? (GraphProgram.SquaredError) program : null;
    this.n = n;
    this.y = new double[model.outputDim() * n];
    this.seed = new double[y.length];
  }

  /** An objective fixed to (x, y). */
  MseObjective(ModelSpec model, double[] x, double[] y, int n) {
    this(model, x, y, n, ProgramFactory.CPU, false);
  }

  /** An objective fixed to (x, y), compiled by {@code programs}, float32 as above. */
  MseObjective(ModelSpec model, double[] x, double[] y, int n, ProgramFactory programs,
      boolean float32) {
    this(model, n, programs, float32);
    setBatch(x, y);
  }

  /** Sets the batch: x is d×n, y is c×n, both row-major. */
  void setBatch(double[] x, double[] yBatch) {
    program.setInput(x);
    System.arraycopy(yBatch, 0, y, 0, y.length);
    if (onDevice != null) onDevice.setTarget(y);
    if (cpu != null && cpu.hasFusedMse()) cpu.setTarget(yBatch);
  }

  /** L(θ). */
  double value(double[] theta) {
    if (cpu != null && cpu.fusedValueReady()) return cpu.mseValue(theta);
    program.setParams(theta);
    program.forward();
    if (onDevice != null) return onDevice.squaredError(false, 0.0) / (2.0 * n);
    double[] f = program.output(0);
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      double r = f[i] - y[i];
      s += r * r;
    }
    return s / (2.0 * n);
  }

  /**
   * Waits, once, for the JIT to compile the fused kernels this objective will run (at most
   * {@link #FUSED_WAIT_MILLIS}); returns the nanoseconds waited (0 when there is nothing to wait
   * for). A training calls it before its clock starts; {@link #valueAndGradient} calls it
   * otherwise.
   */
  long awaitFusedKernels() {
    if (awaited || cpu == null) return 0;
    awaited = true;
    long t0 = System.nanoTime();
    cpu.awaitFusedPath(FUSED_WAIT_MILLIS);
    return System.nanoTime() - t0;
  }

  /** L(θ), writing ∇L(θ) into grad. */
  double valueAndGradient(double[] theta, double[] grad) {
    awaitFusedKernels();
    lastExact = false;
    if (cpu != null && cpu.fusedReady()) return cpu.mseValueAndGradient(theta, grad);
    program.setParams(theta);
    program.forward();
    if (onDevice != null) {
      double sq = onDevice.squaredError(true, 1.0 / n);
      program.paramGradient(grad);
      return sq / (2.0 * n);
    }
    double[] f = program.output(0);
    double s = 0.0;
    double inv = 1.0 / n;
    for (int i = 0; i < y.length; i++) {
      double r = f[i] - y[i];
      s += r * r;
      seed[i] = r * inv;
    }
    program.backward(0, seed);
    program.paramGradient(grad);
    lastExact = true;
    return s / (2.0 * n);
  }

  /**
   * Whether the loss the last {@link #valueAndGradient} returned has exactly the bits {@link
   * #value} would give at the same θ: true on the generic CPU path (the same forward pass and
   * the same sum), false on the fused path (its loss is summed in vector order) and on a device.
   */
  boolean lastLossIsExact() {
    return lastExact;
  }

  /** Number of scalar parameters. */
  int paramCount() {
    return program.paramCount();
  }
}
