package dyn.compiler.plan;

/**
 * A trained tensor of a model: its name (a family member is {@code W[2]}), its shape, its
 * unit-scale initial distribution, and how the model's {@link Parametrization} scales it.
 *
 * @param scaling the tensor's layer role and width multipliers; {@link Scaling#NONE} under the
 *     standard parametrization
 */
public record ParamSpec(String name, int rows, int cols, Distribution init, Scaling scaling) {
  /** A tensor with no parametrization multipliers (the standard parametrization). */
  public ParamSpec(String name, int rows, int cols, Distribution init) {
    this(name, rows, cols, init, Scaling.NONE);
  }

  /** The same tensor with the given scaling. */
  public ParamSpec withScaling(Scaling s) {
    return new ParamSpec(name, rows, cols, init, s);
  }

  /** Where a tensor sits in the network, as the abc table sees it. */
  public enum Role {
    /** No role was inferred (or none was needed: standard parametrization). */
    NONE,
    /** Multiplies x: W¹. */
    INPUT,
    /** Between hidden layers: W² … W^L. */
    HIDDEN,
    /** Its product is the model output: W^{L+1}. */
    OUTPUT
  }

  /**
   * The multipliers a parametrization puts on one tensor w (all 1 for the standard one).
   *
   * @param role the layer role
   * @param init multiplies the declared draw (a standard-deviation factor, n^{b_SP − b})
   * @param forward the forward pass uses forward·w in place of w (n^{−a})
   * @param lr the tensor's learning-rate multiplier (n^{−c}): GD/SGD step −lr·η·∂L/∂w, and
   *     gradient flow dw/dt = −lr·∂L/∂w
   */
  public record Scaling(Role role, double init, double forward, double lr) {
    public static final Scaling NONE = new Scaling(Role.NONE, 1.0, 1.0, 1.0);

    /** True when every multiplier is exactly 1. */
    public boolean isIdentity() {
      return init == 1.0 && forward == 1.0 && lr == 1.0;
    }
  }

  /** A unit-scale draw; the model's init scale multiplies it. */
  public sealed interface Distribution {
    /** Independent N(mean, variance) entries. */
    record Normal(double mean, double variance) implements Distribution {}

    /** Independent U(lo, hi) entries. */
    record Uniform(double lo, double hi) implements Distribution {}

    /** Every entry equal to value. */
    record Constant(double value) implements Distribution {}
  }
}
