package dyn.runtime.agf;

import dyn.compiler.plan.PredictStep.CostSolver;

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
 * @param costSolver the minimiser of the cost phase
 */
public record AgfSettings(
    double h,
    int maxRounds,
    double costTolerance,
    int costMaxIterations,
    double utilityTolerance,
    double lossTolerance,
    double maxTime,
    CostSolver costSolver) {
  public AgfSettings {
    if (!(h > 0)) throw new IllegalArgumentException("utility step h must be positive");
    if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be at least 1");
    if (!(costTolerance >= 0)) throw new IllegalArgumentException("costTolerance must be ≥ 0");
    if (costMaxIterations < 1) throw new IllegalArgumentException("costMaxIterations must be ≥ 1");
    if (costSolver == null) throw new IllegalArgumentException("costSolver is required");
  }

  /** The settings with gradient descent in the cost phase (the solver before it was a choice). */
  public AgfSettings(double h, int maxRounds, double costTolerance, int costMaxIterations,
      double utilityTolerance, double lossTolerance, double maxTime) {
    this(h, maxRounds, costTolerance, costMaxIterations, utilityTolerance, lossTolerance, maxTime,
        CostSolver.GD);
  }

  /** h = 1e-3 (as the reference runs), tight cost tolerance, no practical time limit. */
  public static AgfSettings defaults() {
    return new AgfSettings(1e-3, Integer.MAX_VALUE, 1e-9, 100_000, 1e-8, 1e-10, 1e4);
  }

  /** The same settings with another utility step. */
  public AgfSettings withH(double step) {
    return new AgfSettings(step, maxRounds, costTolerance, costMaxIterations, utilityTolerance,
        lossTolerance, maxTime, costSolver);
  }

  /** The same settings with another round limit and time horizon. */
  public AgfSettings withLimits(int rounds, double until) {
    return new AgfSettings(h, rounds, costTolerance, costMaxIterations, utilityTolerance,
        lossTolerance, until, costSolver);
  }

  /** The same settings with another cost phase. */
  public AgfSettings withCost(CostSolver solver, double tolerance, int budget) {
    return new AgfSettings(h, maxRounds, tolerance, budget, utilityTolerance, lossTolerance,
        maxTime, solver);
  }
}
