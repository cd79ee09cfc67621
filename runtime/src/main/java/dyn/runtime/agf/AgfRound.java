package dyn.runtime.agf;

/**
 * One AGF round: a dormant neuron activates, then the active set minimises the loss.
 *
 * @param time GF time of the jump τ_k (C0.1 loss, C0.2 time)
 * @param neuron the index i* of the neuron that activated
 * @param feature its unit direction θ̄_{i*} at activation, in the neuron's flat layout (parts in
 *     declaration order, each slice's entries in order)
 * @param level the plateau level ℓ_k reached by the cost phase
 * @param converged whether the cost phase met its gradient tolerance
 * @param gradientNorm ‖∇L(Θ_A)‖ when the cost phase stopped
 * @param iterations cost-phase iterations used
 */
public record AgfRound(
    double time,
    int neuron,
    double[] feature,
    double level,
    boolean converged,
    double gradientNorm,
    int iterations) {}
