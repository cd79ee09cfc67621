package dyn.compiler.plan;

/**
 * A trained tensor of a model: its name (a family member is {@code W[2]}), its shape, and its
 * unit-scale initial distribution.
 */
public record ParamSpec(String name, int rows, int cols, Distribution init) {
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
