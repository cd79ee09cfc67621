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
 * @param dormantNorms per neuron, its norm ‖θ_i‖ at the jump as implied by its accumulated
 *     utility (reference §1.2: ‖θ_i(0)‖e^{S_i} for κ = 2; the threshold is 1), for the neurons
 *     still dormant after i* activated; NaN for active ones. A dormant neuron near 1 is a near
 *     tie: gradient flow learns the feature with both neurons, while AGF keeps the runner-up
 *     dormant with that norm, so a later jump it makes comes early by an α-independent amount
 * @param returned the neurons the cost phase sent back to dormant (reference §1.2, "Collapse back
 *     to dormant"): empty in most rounds
 */
public record AgfRound(
    double time,
    int neuron,
    double[] feature,
    double level,
    boolean converged,
    double gradientNorm,
    int iterations,
    double[] dormantNorms,
    java.util.List<Integer> returned) {
  public AgfRound {
    returned = java.util.List.copyOf(returned);
  }

  /** The dormant neuron with the largest norm at the jump, or -1 when none is dormant. */
  public int runnerUp() {
    int best = -1;
    for (int i = 0; i < dormantNorms.length; i++) {
      if (!Double.isNaN(dormantNorms[i]) && (best < 0 || dormantNorms[i] > dormantNorms[best])) best = i;
    }
    return best;
  }
}
