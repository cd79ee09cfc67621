package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.GraphProgram;
import dyn.runtime.graph.Program;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.loss.BarlowTwins;
import dyn.runtime.loss.LossFunction;
import dyn.runtime.model.FlatParams;

/**
 * A train step's loss L(θ) = (1/n) Σ_μ ℓ(f(x_μ; θ), y_μ) on one batch of n samples (columns),
 * with its gradient by reverse mode seeded with the loss's ∂L/∂f. Buffers are allocated once;
 * {@link #valueAndGradient} allocates nothing.
 *
 * <p>The fused dense-chain path and a device program's on-device squared error compute the MSE
 * only, so they are used only when the loss is {@link TrainStep.Loss#MSE}; every other loss takes
 * the generic forward/backward path on any backend.
 */
final class Objective {
  private final GraphProgram program;
  /** The same program when it is dyn's CPU {@link Program} (which has the fused path); else null. */
  private final Program cpu;
  /** The program itself when it computes the loss on its device; null on the CPU. */
  private final GraphProgram.SquaredError onDevice;
  private final double[] y;
  private final double[] seed;
  private final int n;
  /** The loss on the generic path. */
  private final LossFunction loss;
  /** Whether the fused CPU path (MSE only) may be used. */
  private final boolean fused;
  /** Whether the fused path has been waited for (once, at the first gradient). */
  private boolean awaited;
  /** Whether batches are pairs of views (the model runs on 2n columns). */
  private final boolean paired;
  /** The model input [x | x′] of a paired batch; null otherwise. */
  private final double[] sideBySide;
  /** Whether the last {@link #valueAndGradient} summed the loss as {@link #value} does. */
  private boolean lastExact;

  /**
   * The longest a training waits, at its first step, for the fused kernels to be compiled (see
   * {@link Program#awaitFusedPath}); the warm-up usually finishes well within it.
   */
  private static final long FUSED_WAIT_MILLIS = 1000;

  /** An MSE objective over batches of n columns; call {@link #setBatch} before use. */
  Objective(ModelSpec model, int n) {
    this(model, n, ProgramFactory.CPU, false);
  }

  /** An MSE objective as below. */
  Objective(ModelSpec model, int n, ProgramFactory programs, boolean float32) {
    this(model, n, programs, float32, TrainStep.Loss.MSE, model.outputDim());
  }

  /**
   * An objective over batches of n columns whose graph runs where {@code programs} compiles it;
   * with {@code float32} (CPU only) the gradient passes run in single precision ({@link #value}
   * stays float64). On the CPU the program may take its fused dense-chain path.
   *
   * @param labelRows rows of the labels y: the output count, or 1 for class indices
   * @throws IllegalArgumentException when float32 is asked of a model that is not a dense chain,
   *     or of a backend other than the CPU
   */
  Objective(ModelSpec model, int n, ProgramFactory programs, boolean float32,
      TrainStep.Loss lossKind, int labelRows) {
    this(model, n, programs, float32, lossKind,
        LossFunction.of(lossKind, model.outputDim(), labelRows), labelRows);
  }

  /**
   * As above with the loss given (a train step's, with its settings). A paired loss ({@link
   * TrainStep.Loss#paired}) takes batches of n pairs stacked as [x; x′] (2d × n) and evaluates the
   * model once on the 2n columns [x | x′].
   */
  Objective(ModelSpec model, int n, ProgramFactory programs, boolean float32,
      TrainStep.Loss lossKind, LossFunction loss, int labelRows) {
    this.paired = lossKind.paired();
    int cols = paired ? 2 * n : n;
    this.sideBySide = paired ? new double[model.inputDim() * cols] : null;
    if (programs == ProgramFactory.CPU) {
      this.cpu = Program.compile(model.forward(), FlatParams.shapes(model), model.inputDim(), cols,
          CpuBackend.INSTANCE, float32);
      this.program = GraphProgram.of(cpu);
    } else {
      if (float32) throw new IllegalArgumentException("dtype = \"float32\" runs only on the cpu backend");
      this.cpu = null;
      this.program = programs.compile(model.forward(), FlatParams.shapes(model), model.inputDim(), cols);
    }
    boolean mse = lossKind == TrainStep.Loss.MSE;
    this.onDevice = mse && program instanceof GraphProgram.SquaredError
        ? (GraphProgram.SquaredError) program : null;
    this.fused = mse && cpu != null;
    this.loss = loss;
    this.n = n;
    this.y = new double[labelRows * n];
    this.seed = new double[model.outputDim() * cols];
  }

  /** An MSE objective fixed to (x, y). */
  Objective(ModelSpec model, double[] x, double[] y, int n) {
    this(model, x, y, n, ProgramFactory.CPU, false);
  }

  /** An MSE objective fixed to (x, y), compiled by {@code programs}, float32 as above. */
  Objective(ModelSpec model, double[] x, double[] y, int n, ProgramFactory programs,
      boolean float32) {
    this(model, x, y, n, programs, float32, TrainStep.Loss.MSE, model.outputDim());
  }

  /** An objective of the given loss fixed to (x, y), y having {@code labelRows} rows. */
  Objective(ModelSpec model, double[] x, double[] y, int n, ProgramFactory programs,
      boolean float32, TrainStep.Loss lossKind, int labelRows) {
    this(model, n, programs, float32, lossKind, labelRows);
    setBatch(x, y);
  }

  /** As above with the loss given (a train step's, with its settings). */
  Objective(ModelSpec model, double[] x, double[] y, int n, ProgramFactory programs,
      boolean float32, TrainStep.Loss lossKind, LossFunction loss, int labelRows) {
    this(model, n, programs, float32, lossKind, loss, labelRows);
    setBatch(x, y);
  }

  /**
   * Sets the batch: x is d×n (for a paired loss 2d×n, the views stacked), y is c×n, both
   * row-major.
   */
  void setBatch(double[] x, double[] yBatch) {
    if (paired) {
      BarlowTwins.sideBySide(x, sideBySide.length / (2 * n), n, sideBySide);
      program.setInput(sideBySide);
    } else {
      program.setInput(x);
    }
    System.arraycopy(yBatch, 0, y, 0, y.length);
    if (onDevice != null) onDevice.setTarget(y);
    if (fused && cpu.hasFusedMse()) cpu.setTarget(yBatch);
  }

  /** L(θ). */
  double value(double[] theta) {
    if (fused && cpu.fusedValueReady()) return cpu.mseValue(theta);
    program.setParams(theta);
    program.forward();
    if (onDevice != null) return onDevice.squaredError(false, 0.0) / (2.0 * n);
    return loss.value(program.output(0), y, n);
  }

  /**
   * The model output f(x; θ) on the batch (c×n, row-major; for a paired loss c×2n, f(x) then
   * f(x′); owned by the objective, valid until the next evaluation), for observables such as
   * accuracy.
   */
  double[] output(double[] theta) {
    program.setParams(theta);
    program.forward();
    return program.output(0);
  }

  /** The labels of the batch (as set by {@link #setBatch}; do not modify). */
  double[] labels() {
    return y;
  }

  /** Samples in the batch. */
  int batchSize() {
    return n;
  }

  /**
   * Waits, once, for the JIT to compile the fused kernels this objective will run (at most
   * {@link #FUSED_WAIT_MILLIS}); returns the nanoseconds waited (0 when there is nothing to wait
   * for). A training calls it before its clock starts; {@link #valueAndGradient} calls it
   * otherwise.
   */
  long awaitFusedKernels() {
    if (awaited || !fused) return 0;
    awaited = true;
    long t0 = System.nanoTime();
    cpu.awaitFusedPath(FUSED_WAIT_MILLIS);
    return System.nanoTime() - t0;
  }

  /** L(θ), writing ∇L(θ) into grad. */
  double valueAndGradient(double[] theta, double[] grad) {
    awaitFusedKernels();
    lastExact = false;
    if (fused && cpu.fusedReady()) return cpu.mseValueAndGradient(theta, grad);
    program.setParams(theta);
    program.forward();
    if (onDevice != null) {
      double sq = onDevice.squaredError(true, 1.0 / n);
      program.paramGradient(grad);
      return sq / (2.0 * n);
    }
    double value = loss.valueAndSeed(program.output(0), y, n, seed);
    program.backward(0, seed);
    program.paramGradient(grad);
    lastExact = true;
    return value;
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
