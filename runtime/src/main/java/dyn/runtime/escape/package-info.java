/**
 * Escape directions of the origin saddle (science reference §2.3, Bantzis, Simon &amp; Jacot 2025).
 * Input: a model that is positively homogeneous in its parameters (no biases, a homogeneous
 * activation) and a dataset; output: the unit direction θ̄ that maximises the escape speed
 * s(θ̄) = (1/n) Σ ⟨y, f(x; θ̄)⟩, its per-layer Frobenius shares (E1: 1/L each) and singular-value
 * ratios (E2: σ₁/σ₂ ≥ ℓ^¼). Reports {@link dyn.runtime.escape.EscapeFailure} when the model is not
 * of the kind whose origin is such a saddle.
 */
package dyn.runtime.escape;
