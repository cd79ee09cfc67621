package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.graph.ProgramFactory;

/**
 * Gradient coherence of the training set (Chatterjee 2020; wave2 §4.1): with per-example
 * gradients g_i = ∇_θ ℓ(x_i, y_i; θ) over all m training samples,
 * α = ‖E_i g_i‖² / E_i ‖g_i‖² ∈ [0, 1] and the m-coherence α_m = m·α = ‖Σ g_i‖² / Σ ‖g_i‖²
 * (1 for orthogonal equal-norm gradients, m for identical ones). Each g_i is one backward pass
 * of the loss on sample i alone, so a recording costs m gradient evaluations.
 */
final class Coherence {
  private final Objective single;
  private final double[] x;
  private final double[] y;
  private final int d;
  private final int labelRows;
  private final int m;
  private final double[] xi;
  private final double[] yi;
  private final double[] g;
  private final double[] sum;
  /** θ and results of the last evaluation, so α and α_m at one θ cost one pass. */
  private double[] lastTheta;
  private double lastSumSq;
  private double lastNormSq;

  Coherence(ModelSpec model, double[] x, double[] y, int d, int labelRows, int m,
      TrainStep.Loss loss, int size) {
    this.single = new Objective(model, 1, ProgramFactory.CPU, false, loss, labelRows);
    this.x = x;
    this.y = y;
    this.d = d;
    this.labelRows = labelRows;
    this.m = m;
    this.xi = new double[d];
    this.yi = new double[labelRows];
    this.g = new double[size];
    this.sum = new double[size];
  }

  /** α at θ. */
  double alpha(double[] theta) {
    evaluate(theta);
    return lastSumSq / (m * lastNormSq);
  }

  /** α_m = m·α at θ. */
  double mCoherence(double[] theta) {
    evaluate(theta);
    return lastSumSq / lastNormSq;
  }

  private void evaluate(double[] theta) {
    if (lastTheta != null && java.util.Arrays.equals(lastTheta, theta)) return;
    java.util.Arrays.fill(sum, 0.0);
    double norms = 0.0;
    for (int i = 0; i < m; i++) {
      for (int r = 0; r < d; r++) xi[r] = x[r * m + i];
      for (int r = 0; r < labelRows; r++) yi[r] = y[r * m + i];
      single.setBatch(xi, yi);
      single.valueAndGradient(theta, g);
      for (int k = 0; k < g.length; k++) {
        sum[k] += g[k];
        norms += g[k] * g[k];
      }
    }
    double s = 0.0;
    for (double v : sum) s += v * v;
    lastSumSq = s;
    lastNormSq = norms;
    lastTheta = theta.clone();
  }
}
