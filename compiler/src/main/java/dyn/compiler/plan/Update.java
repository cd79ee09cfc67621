package dyn.compiler.plan;

import java.util.List;

/**
 * How a step-based training (descent, SGD, momentum, Adam, AdamW) turns a gradient g into a
 * parameter update: the optimizer rule, weight decay and the learning-rate schedule. At step k
 * (counted from 0) the learning rate is lr_k = lr·s(k) with s from {@link Schedule}; the
 * parametrization's per-tensor multipliers m_i (or, for Adam, {@link Optimizer.Adam#tensorLr})
 * multiply it per coordinate. Time stays t = k·lr (the nominal lr).
 *
 * @param optimizer the rule
 * @param weightDecay λ ≥ 0: coupled (g ← g + λθ, PyTorch's SGD and Adam) except for AdamW,
 *     where it is decoupled (θ ← θ − lr_k·m_i·λθ beside the Adam step)
 * @param schedule s(k)
 */
public record Update(Optimizer optimizer, double weightDecay, Schedule schedule) {
  /** θ ← θ − lr·m⊙g at constant lr: plain gradient descent, as before optimizers existed. */
  public static final Update PLAIN =
      new Update(new Optimizer.Plain(), 0.0, new Schedule(Schedule.Kind.CONSTANT, 0));

  /** True for {@link #PLAIN}'s rule: no state, no decay, constant lr. */
  public boolean isPlain() {
    return optimizer instanceof Optimizer.Plain && weightDecay == 0.0
        && schedule.kind() == Schedule.Kind.CONSTANT && schedule.warmup() == 0;
  }

  /** The update rule. */
  public sealed interface Optimizer {
    /** θ ← θ − lr_k·m⊙g. */
    record Plain() implements Optimizer {}

    /** Heavy ball (PyTorch SGD momentum): b ← β b + g (b = 0 before step 0), θ ← θ − lr_k·m⊙b. */
    record Momentum(double beta) implements Optimizer {}

    /**
     * Adam (Kingma &amp; Ba; PyTorch's defaults and bias correction): μ ← β1 μ + (1−β1) g,
     * ν ← β2 ν + (1−β2) g², θ ← θ − lr_k·m⊙μ̂/(√ν̂ + ε) with μ̂ = μ/(1−β1^{k+1}),
     * ν̂ = ν/(1−β2^{k+1}).
     *
     * @param decoupled AdamW: the weight decay is decoupled (see {@link Update#weightDecay})
     * @param tensorLr one learning-rate multiplier per model tensor, in parameter order: all 1
     *     under the standard parametrization, n^{−c_l} under μP (docs/LANGUAGE.md, Optimizers)
     */
    record Adam(double beta1, double beta2, double eps, boolean decoupled, List<Double> tensorLr)
        implements Optimizer {
      public Adam {
        tensorLr = List.copyOf(tensorLr);
      }
    }
  }

  /**
   * The learning-rate factor s(k): a linear warm-up s = (k+1)/W over the first W steps, then
   * constant 1 or a cosine decay s = ½(1 + cos(π (k − W)/(K − W))) to 0 at the last step K.
   */
  public record Schedule(Kind kind, long warmup) {
    /** The shape after the warm-up. */
    public enum Kind {
      CONSTANT,
      COSINE;

      /** The script spelling. */
      public String scriptName() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    /** s(k) for a run of {@code steps} steps. */
    public double factor(long k, long steps) {
      if (k < warmup) return (k + 1) / (double) warmup;
      if (kind == Kind.CONSTANT || steps <= warmup) return 1.0;
      return 0.5 * (1.0 + Math.cos(Math.PI * (k - warmup) / (double) (steps - warmup)));
    }
  }
}
