package dyn.compiler.plan;

/**
 * How a model's initial parameters are drawn.
 *
 * <p>Each parameter's declared unit-scale {@link ParamSpec.Distribution} is drawn from its own
 * counter-based stream {@code seed ⊕ parameter index}, then multiplied by {@code scale}.
 * {@link Kind#BALANCED} afterwards rescales every neuron so that each of its parts has the same
 * norm (the neuron's total norm and each part's direction are kept). {@link Kind#ALIGNED}
 * replaces the draw for a two-layer linear model by the decoupled init of Saxe et al.:
 * W1 = diag(scale) Vᵀ, W2 = U diag(scale) from the SVD of the teacher of data step
 * {@code alignedTo}.
 *
 * @param scale the init scale α (> 0)
 * @param seed the model's seed
 * @param kind the init rule
 * @param alignedTo the data step whose {@code teacher} output is used by ALIGNED, else -1
 */
public record InitSpec(double scale, long seed, Kind kind, int alignedTo) {
  /** The init rules. */
  public enum Kind {
    /** Each parameter from its declared distribution, times scale. */
    DECLARED,
    /** DECLARED, then each neuron's parts rescaled to equal norms. */
    BALANCED,
    /** Decoupled init along the teacher's singular vectors. */
    ALIGNED
  }
}
