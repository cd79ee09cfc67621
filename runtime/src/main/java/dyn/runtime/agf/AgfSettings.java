package dyn.runtime.agf;

/**
 * Numerical settings of the AGF solver.
 *
 * @param h Euler step of the utility phase (GF time)
 * @param maxRounds stop after this many jumps
 * @param costTolerance the cost phase stops when ‖∇L(Θ_A)‖ ≤ this
 * @param costMaxIterations cost-phase iteration budget; exhausting it marks the round unconverged
 * @param utilityTolerance relative to ℓ_0: no dormant neuron counts as useful when every utility
 *     and every tangential utility gradient is below this times ℓ_0
 * @param lossTolerance relative to ℓ_0: stop once a level falls below this times ℓ_0
 * @param maxTime stop the utility phase (and the run) past this GF time
 */
public record AgfSettings(
    double h,
    int maxRounds,
    double costTolerance,
    int costMaxIterations,
    double utilityTolerance,
    double lossTolerance,
    double maxTime) {
  public AgfSettings {
    if (!(h > 0)) throw new IllegalArgumentException("utility step h must be positive");
    if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be at least 1");
  }

  /** h = 1e-3 (as the reference runs), tight cost tolerance, no practical time limit. */
  public static AgfSettings defaults() {
    return new AgfSettings(1e-3, Integer.MAX_VALUE, 1e-9, 100_000, 1e-8, 1e-10, 1e4);
  }

  /** The same settings with another utility step. */
  public AgfSettings withH(double step) {
    return new AgfSettings(step, maxRounds, costTolerance, costMaxIterations, utilityTolerance,
        lossTolerance, maxTime);
  }
}
