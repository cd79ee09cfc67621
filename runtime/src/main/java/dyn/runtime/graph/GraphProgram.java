package dyn.runtime.graph;

/**
 * A compiled graph as the dynamics use it, whatever holds its buffers: {@link Program} on the
 * CPU, or a device-resident program on a GPU. Host arrays cross the interface only at its edges
 * (x and θ in, outputs and ∂L/∂θ out), so a device program moves no intermediate values.
 */
public interface GraphProgram {
  /** Copies x (d×n, row-major) into every input node. */
  void setInput(double[] x);

  /** Copies θ into the parameter nodes. */
  void setParams(double[] theta);

  /** Evaluates every node. */
  void forward();

  /** Reverse mode from output k seeded with ∂L/∂(output k); read with {@link #paramGradient}. */
  void backward(int outputIndex, double[] seed);

  /** Writes ∂L/∂θ into out. */
  void paramGradient(double[] out);

  /** The values of output k after the last forward (owned by the program; do not keep). */
  double[] output(int k);

  int outputRows(int k);

  int outputCols(int k);

  /** Number of scalar parameters (length of θ). */
  int paramCount();

  /**
   * A program that evaluates the squared error of output 0 where its values live, so a device
   * program moves one number per evaluation instead of the outputs and the seed.
   */
  interface SquaredError {
    /** Sets the target y (same shape as output 0, row-major). */
    void setTarget(double[] y);

    /**
     * Σ (f − y)² over output 0 after {@link GraphProgram#forward}; when {@code backward}, also runs
     * reverse mode seeded with (f − y)·scale, as {@link GraphProgram#backward} would.
     */
    double squaredError(boolean backward, double scale);
  }

  /** The CPU program as a GraphProgram. */
  static GraphProgram of(Program p) {
    return new GraphProgram() {
      @Override
      public void setInput(double[] x) {
        p.setInput(x);
      }

      @Override
      public void setParams(double[] theta) {
        p.setParams(theta);
      }

      @Override
      public void forward() {
        p.forward();
      }

      @Override
      public void backward(int outputIndex, double[] seed) {
        p.backward(outputIndex, seed);
      }

      @Override
      public void paramGradient(double[] out) {
        p.paramGradient(out);
      }

      @Override
      public double[] output(int k) {
        return p.output(k);
      }

      @Override
      public int outputRows(int k) {
        return p.outputRows(k);
      }

      @Override
      public int outputCols(int k) {
        return p.outputCols(k);
      }

      @Override
      public int paramCount() {
        return p.paramCount();
      }
    };
  }
}
