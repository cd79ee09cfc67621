package dyn.runtime.dynamics;

import dyn.compiler.plan.Update;

/**
 * Applies a plan's {@link Update} to θ, step by step: the one place where every step-based
 * training (descent, SGD, momentum, Adam, AdamW) turns a gradient into a move. Holds the
 * optimizer's state (momentum buffer, Adam moments); allocates nothing per step.
 */
final class Updater {
  private final Update update;
  private final double lr;
  private final long steps;
  /** Per-coordinate lr multipliers: the parametrization's (or Adam's per-tensor ones), or null. */
  private final double[] scale;
  private final double[] first;
  private final double[] second;
  private final boolean plain;

  /**
   * @param lrScale the parametrization's per-coordinate multipliers n^{−c} (null: all 1); Adam
   *     replaces them by its own per-tensor multipliers, spread over {@code tensorSizes}
   * @param tensorSizes the number of entries of each model tensor, in parameter order
   */
  Updater(Update update, double lr, long steps, double[] lrScale, int[] tensorSizes, int size) {
    this.update = update;
    this.lr = lr;
    this.steps = steps;
    this.plain = update.isPlain();
    Update.Optimizer o = update.optimizer();
    if (o instanceof Update.Optimizer.Adam) {
      this.scale = perTensor(((Update.Optimizer.Adam) o).tensorLr(), tensorSizes, size);
      this.first = new double[size];
      this.second = new double[size];
    } else {
      this.scale = lrScale;
      this.first = o instanceof Update.Optimizer.Momentum ? new double[size] : null;
      this.second = null;
    }
  }

  private static double[] perTensor(java.util.List<Double> lr, int[] sizes, int size) {
    if (lr.stream().allMatch(v -> v == 1.0)) return null;
    double[] out = new double[size];
    int off = 0;
    for (int t = 0; t < sizes.length; t++) {
      java.util.Arrays.fill(out, off, off + sizes[t], lr.get(t));
      off += sizes[t];
    }
    return out;
  }

  /** Moves θ by step k (counted from 0) with gradient g; g may be overwritten. */
  void step(double[] theta, double[] g, long k) {
    if (plain) {
      Descent.step(theta, lr, scale, g);
      return;
    }
    double lrK = lr * update.schedule().factor(k, steps);
    double wd = update.weightDecay();
    Update.Optimizer o = update.optimizer();
    boolean decoupled = o instanceof Update.Optimizer.Adam && ((Update.Optimizer.Adam) o).decoupled();
    if (wd != 0 && !decoupled) {
      for (int i = 0; i < theta.length; i++) g[i] += wd * theta[i];
    }
    if (o instanceof Update.Optimizer.Plain) {
      Descent.step(theta, lrK, scale, g);
    } else if (o instanceof Update.Optimizer.Momentum) {
      double beta = ((Update.Optimizer.Momentum) o).beta();
      for (int i = 0; i < theta.length; i++) {
        first[i] = beta * first[i] + g[i];
        g[i] = first[i];
      }
      Descent.step(theta, lrK, scale, g);
    } else {
      Update.Optimizer.Adam a = (Update.Optimizer.Adam) o;
      double b1 = a.beta1();
      double b2 = a.beta2();
      double c1 = 1.0 - Math.pow(b1, k + 1);
      double c2 = 1.0 - Math.pow(b2, k + 1);
      double dwd = decoupled ? wd : 0.0;
      for (int i = 0; i < theta.length; i++) {
        first[i] = b1 * first[i] + (1 - b1) * g[i];
        second[i] = b2 * second[i] + (1 - b2) * g[i] * g[i];
        double move = (first[i] / c1) / (Math.sqrt(second[i] / c2) + a.eps()) + dwd * theta[i];
        theta[i] -= lrK * (scale == null ? 1.0 : scale[i]) * move;
      }
    }
  }
}
