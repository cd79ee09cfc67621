package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;

/**
 * L(θ) = (1/2n) Σ_μ ‖y_μ − f(x_μ; θ)‖² on one batch of n samples (columns), with its gradient by
 * reverse mode. Buffers are allocated once; {@link #valueAndGradient} allocates nothing.
 */
final class MseObjective {
  private final Program program;
  private final double[] y;
  private final double[] seed;
  private final int n;

  /** An objective over batches of n columns; call {@link #setBatch} before use. */
  MseObjective(ModelSpec model, int n) {
    this(model, n, false);
  }

  /**
   * As {@link #MseObjective(ModelSpec, int)}; with {@code float32} the gradient passes run in
   * single precision ({@link #value} stays float64).
   *
   * @throws IllegalArgumentException when float32 is asked of a model that is not a dense chain
   */
  MseObjective(ModelSpec model, int n, boolean float32) {
    this.program = Program.compile(model.forward(), FlatParams.shapes(model), model.inputDim(), n,
        CpuBackend.INSTANCE, float32);
    this.n = n;
    this.y = new double[model.outputDim() * n];
    this.seed = new double[y.length];
  }

  /** An objective fixed to (x, y). */
  MseObjective(ModelSpec model, double[] x, double[] y, int n) {
    this(model, x, y, n, false);
  }

  /** An objective fixed to (x, y), in single precision when {@code float32}. */
  MseObjective(ModelSpec model, double[] x, double[] y, int n, boolean float32) {
    this(model, n, float32);
    setBatch(x, y);
  }

  /** Sets the batch: x is d×n, y is c×n, both row-major. */
  void setBatch(double[] x, double[] yBatch) {
    program.setInput(x);
    System.arraycopy(yBatch, 0, y, 0, y.length);
    if (program.hasFusedMse()) program.setTarget(yBatch);
  }

  /** L(θ). */
  double value(double[] theta) {
    program.setParams(theta);
    program.forward();
    double[] f = program.output(0);
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      double r = f[i] - y[i];
      s += r * r;
    }
    return s / (2.0 * n);
  }

  /** L(θ), writing ∇L(θ) into grad. */
  double valueAndGradient(double[] theta, double[] grad) {
    if (program.fusedReady()) return program.mseValueAndGradient(theta, grad);
    program.setParams(theta);
    program.forward();
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
    return s / (2.0 * n);
  }

  /** Number of scalar parameters. */
  int paramCount() {
    return program.paramCount();
  }
}
