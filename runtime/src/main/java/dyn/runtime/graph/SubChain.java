package dyn.runtime.graph;

import dyn.runtime.backend.CpuBackend;

/**
 * A dense chain evaluated on only some of its parameter entries (the rest held at zero), with
 * the hidden units those zeros switch off left out of every product.
 *
 * <p>Hidden unit j of layer l contributes nothing when its outgoing column W_{l+1}[:, j] is held
 * at zero, or when its incoming row W_l[j, :] is, and σ_l(0) = 0 (then h_j ≡ 0). Leaving it out
 * removes terms that are exact zeros from sums that run in the same ascending order, and adding
 * a zero changes no sum (a sum starting at +0 never becomes −0), so the loss and the gradient on
 * the live entries are the full chain's to the last bit ({@code SubChainTest}); the gradient of
 * an entry that is not live is written as 0. AGF evaluates its network this way: in the cost
 * phase only the active neurons are non-zero (one to a few of the width), in the utility phase
 * only the dormant ones, so most products shrink to the units that matter.
 */
public final class SubChain {
  private final DenseChain chain;
  /** Compact θ entry k is full θ entry {@code from[k]}. */
  private final int[] from;
  /** The compact entries that are live (a kept unit may hold entries that are not). */
  private final int[] liveEntries;
  private final double[] theta;
  private final double[] grad;
  private final int units;

  private SubChain(DenseChain full, boolean[] live) {
    int layers = full.layers();
    // keep[l][j]: hidden unit j of layer l (the output of W_l) stays; the last layer keeps all.
    boolean[][] keep = new boolean[layers][];
    int kept = 0;
    for (int l = 0; l < layers; l++) {
      int out = full.outWidth(l);
      keep[l] = new boolean[out];
      int any = 0;
      for (int j = 0; j < out; j++) {
        keep[l][j] = l == layers - 1 || !silent(full, live, l, j);
        if (keep[l][j]) any++;
      }
      // A layer with every unit off still needs a width: keep one (its output is zero anyway).
      if (any == 0) keep[l][0] = true;
      if (l < layers - 1) for (boolean k : keep[l]) if (k) kept++;
    }
    units = kept;
    int[][] shapes = new int[layers][];
    int[] offsets = new int[layers];
    int total = 0;
    for (int l = 0; l < layers; l++) {
      int rows = count(keep[l]);
      int cols = l == 0 ? full.inWidth(0) : count(keep[l - 1]);
      shapes[l] = new int[] {rows, cols};
      offsets[l] = total;
      total += rows * cols;
    }
    from = new int[total];
    int k = 0;
    for (int l = 0; l < layers; l++) {
      int in = full.inWidth(l);
      for (int j = 0; j < full.outWidth(l); j++) {
        if (!keep[l][j]) continue;
        for (int p = 0; p < in; p++) {
          if (l == 0 || keep[l - 1][p]) from[k++] = full.paramOffset(l) + j * in + p;
        }
      }
    }
    int liveKept = 0;
    for (int at : from) if (live[at]) liveKept++;
    liveEntries = new int[liveKept];
    for (int j = 0, m = 0; j < from.length; j++) if (live[from[j]]) liveEntries[m++] = j;
    chain = full.withShapes(shapes, offsets);
    theta = new double[total];
    grad = new double[total];
  }

  /** Whether hidden unit j of layer l (not the last) is off for every θ that is zero off live. */
  private static boolean silent(DenseChain full, boolean[] live, int l, int j) {
    int in = full.inWidth(l);
    boolean rowDead = true;
    for (int p = 0; p < in && rowDead; p++) rowDead = !live[full.paramOffset(l) + j * in + p];
    if (rowDead && full.zeroAtZero(l)) return true;
    int next = l + 1;
    int nextIn = full.inWidth(next);
    for (int i = 0; i < full.outWidth(next); i++) {
      if (live[full.paramOffset(next) + i * nextIn + j]) return false;
    }
    return true;
  }

  private static int count(boolean[] b) {
    int c = 0;
    for (boolean v : b) if (v) c++;
    return c;
  }

  /** The chain restricted to the live entries of θ (entries outside it must be zero). */
  static SubChain of(DenseChain full, boolean[] live) {
    return new SubChain(full, live);
  }

  /** Hidden units kept, over all hidden layers (for tests and the verbose report). */
  public int hiddenUnits() {
    return units;
  }

  /** As {@link Program#mseValueAndGradient}, for a θ that is zero outside the live entries. */
  public double mseValueAndGradient(double[] fullTheta, double[] fullGrad) {
    gather(fullTheta);
    double l = chain.mseValueAndGradient(theta, grad);
    scatter(fullGrad);
    return l;
  }

  /**
   * L(θ) alone, with the bits of {@link #mseValueAndGradient}, for a θ that is zero outside the
   * live entries; {@link #gradientOfLast} then completes ∇L at that θ for two thirds of a pass.
   */
  public double mseValueFirst(double[] fullTheta) {
    gather(fullTheta);
    return chain.mseValueFirst(theta);
  }

  /** ∇L at the θ of the last {@link #mseValueFirst}, with the bits of {@link #mseValueAndGradient}. */
  public void gradientOfLast(double[] fullGrad) {
    chain.finishGradient(grad);
    scatter(fullGrad);
  }

  /**
   * Fixes the seed s (outputs × n, as y) of {@link #seededGradient}, whose pass then gives
   * ∂/∂θ Σ ⟨f, s⟩: AGF's utility gradient with s = r/n for its frozen residual r.
   */
  public void setSeed(double[] seed) {
    chain.setSeed(seed);
  }

  /**
   * ∂/∂θ Σ_μ ⟨f(x_μ; θ), s_μ⟩ for the seed of {@link #setSeed}, for a θ that is zero outside the
   * live entries: the backward pass of {@link #mseValueAndGradient} from s instead of the
   * residual, with the bits of the generic path's backward from the same seed.
   */
  public void seededGradient(double[] fullTheta, double[] fullGrad) {
    gather(fullTheta);
    chain.seededGradient(theta, grad);
    scatter(fullGrad);
  }

  private void gather(double[] fullTheta) {
    for (int k = 0; k < from.length; k++) theta[k] = fullTheta[from[k]];
  }

  private void scatter(double[] fullGrad) {
    java.util.Arrays.fill(fullGrad, 0.0);
    for (int k : liveEntries) fullGrad[from[k]] = grad[k];
  }

  /** σ(0) == 0 for an activation (or none), so a unit with zero input weights outputs zero. */
  static boolean zeroAtZero(dyn.compiler.plan.Op.UnaryFn act) {
    if (act == null) return true;
    double[] z = {0.0};
    CpuBackend.unary(act, z, z, 0, 1);
    return z[0] == 0.0;
  }
}
