package dyn.runtime.loss;

/**
 * Softmax cross-entropy over the K = c outputs of each column (wave2 §4.6): ℓ = logsumexp(z) −
 * Σ_k y_k z_k, L = (1/n) Σ ℓ (the mean, as PyTorch's {@code cross_entropy}), ∂L/∂z = (p − y)/n
 * with p = softmax(z). Labels are one-hot (or probability) columns, K×n, or one row of class
 * indices, 1×n, for which y is the one-hot vector of the index. The max is subtracted before
 * exponentiating, so large logits do not overflow.
 */
final class CrossEntropy implements LossFunction {
  private final int classes;
  private final boolean indexLabels;

  /** @param indexLabels labels are a 1×n row of class indices rather than K×n columns */
  CrossEntropy(int classes, boolean indexLabels) {
    this.classes = classes;
    this.indexLabels = indexLabels;
  }

  @Override
  public double value(double[] f, double[] y, int n) {
    return valueAndSeed(f, y, n, null);
  }

  @Override
  public double valueAndSeed(double[] f, double[] y, int n, double[] seed) {
    double total = 0.0;
    double inv = 1.0 / n;
    for (int j = 0; j < n; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) max = Math.max(max, f[k * n + j]);
      double sum = 0.0;
      for (int k = 0; k < classes; k++) sum += Math.exp(f[k * n + j] - max);
      double lse = max + Math.log(sum);
      if (indexLabels) {
        int label = (int) y[j];
        total += lse - f[label * n + j];
        if (seed != null) {
          for (int k = 0; k < classes; k++) {
            double p = Math.exp(f[k * n + j] - lse);
            seed[k * n + j] = (p - (k == label ? 1.0 : 0.0)) * inv;
          }
        }
      } else {
        for (int k = 0; k < classes; k++) {
          double yk = y[k * n + j];
          total += yk * (lse - f[k * n + j]);
          if (seed != null) seed[k * n + j] = (Math.exp(f[k * n + j] - lse) - yk) * inv;
        }
      }
    }
    return total * inv;
  }
}
