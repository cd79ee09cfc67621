package dyn.runtime.loss;

import dyn.compiler.plan.TrainStep;

/**
 * A dataset loss L(f) = (1/n) Σ_μ ℓ(f_μ, y_μ) over the n columns of the model output f (c×n),
 * and its gradient ∂L/∂f, which seeds reverse mode. Implementations allocate nothing.
 */
public interface LossFunction {
  /** L(f); {@code y} holds the labels as {@link Labels} describes them. */
  double value(double[] f, double[] y, int n);

  /** L(f), writing ∂L/∂f (same shape as f) into {@code seed}. */
  double valueAndSeed(double[] f, double[] y, int n, double[] seed);

  /** The loss of a plan's train step (with its settings), for outputs with {@code outRows} rows. */
  static LossFunction of(TrainStep step, int outRows, int labelRows) {
    if (step.loss() == TrainStep.Loss.BARLOW_TWINS) {
      return new BarlowTwins(outRows, step.barlowTwins().orElseThrow().offDiagonal());
    }
    return of(step.loss(), outRows, labelRows);
  }

  /** A loss with its default settings (Barlow Twins: λ = 1), for outputs with {@code outRows} rows. */
  static LossFunction of(TrainStep.Loss loss, int outRows, int labelRows) {
    switch (loss) {
      case BARLOW_TWINS:
        return new BarlowTwins(outRows, 1.0);
      case MSE:
        return new SquaredError();
      case CROSS_ENTROPY:
        return new CrossEntropy(outRows, labelRows == 1 && outRows > 1);
      case LOGISTIC:
        return new Logistic();
      case HINGE:
        return new Hinge();
      default:
        throw new IllegalArgumentException("unknown loss " + loss);
    }
  }

  /** L = (1/2n) Σ_μ ‖y_μ − f_μ‖² (science reference C0.1). */
  final class SquaredError implements LossFunction {
    @Override
    public double value(double[] f, double[] y, int n) {
      double s = 0.0;
      for (int i = 0; i < f.length; i++) {
        double r = f[i] - y[i];
        s += r * r;
      }
      return s / (2.0 * n);
    }

    @Override
    public double valueAndSeed(double[] f, double[] y, int n, double[] seed) {
      double s = 0.0;
      double inv = 1.0 / n;
      for (int i = 0; i < f.length; i++) {
        double r = f[i] - y[i];
        s += r * r;
        seed[i] = r * inv;
      }
      return s / (2.0 * n);
    }
  }

  /**
   * Binary logistic loss ℓ = log(1 + e^{−y f}) for one output and labels y = ±1 (wave2 §4.6),
   * evaluated as softplus(−y f) so large margins neither overflow nor lose the tail.
   */
  final class Logistic implements LossFunction {
    @Override
    public double value(double[] f, double[] y, int n) {
      double s = 0.0;
      for (int i = 0; i < n; i++) s += softplus(-y[i] * f[i]);
      return s / n;
    }

    @Override
    public double valueAndSeed(double[] f, double[] y, int n, double[] seed) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        double m = y[i] * f[i];
        s += softplus(-m);
        // ∂ℓ/∂f = −y σ(−m) = −y / (1 + e^{m}).
        seed[i] = -y[i] / (1.0 + Math.exp(m)) / n;
      }
      return s / n;
    }

    static double softplus(double z) {
      return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
  }

  /**
   * Hinge loss ℓ = max(0, 1 − y f) for one output and labels y = ±1. At the kink y f = 1 the
   * subgradient 0 is used (the loss is flat from there on).
   */
  final class Hinge implements LossFunction {
    @Override
    public double value(double[] f, double[] y, int n) {
      double s = 0.0;
      for (int i = 0; i < n; i++) s += Math.max(0.0, 1.0 - y[i] * f[i]);
      return s / n;
    }

    @Override
    public double valueAndSeed(double[] f, double[] y, int n, double[] seed) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        double gap = 1.0 - y[i] * f[i];
        s += Math.max(0.0, gap);
        seed[i] = gap > 0 ? -y[i] / n : 0.0;
      }
      return s / n;
    }
  }
}
