package dyn.compiler.plan;

import java.util.List;

/**
 * Predict a training run with Alternating Gradient Flows (AGF): jump times, plateau levels and the
 * neuron acquired at each jump. AGF starts from the same θ(0) that model step {@code model} draws,
 * so a prediction and a train of one model share their initialisation. Times are gradient-flow
 * time of the {@link TrainStep.Loss#MSE} loss, the same axis a {@link TrainStep} records.
 *
 * @param model id of the {@link ModelStep}; its model declares a neuron decomposition
 * @param data id of the {@link DataStep}
 * @param step Euler step h of AGF's utility phase (GF time)
 * @param rounds the most jumps predicted
 * @param until the latest GF time a jump may be predicted at
 * @param cost the minimiser of the cost phase
 * @param costTol the cost phase stops once ‖∇L(Θ_A)‖ ≤ this
 * @param costSteps the cost phase's iteration budget per round (a round that spends it is
 *     reported as not converged, not hidden)
 */
public record PredictStep(
    int id, String name, Origin origin, int model, int data, double step, int rounds, double until,
    CostSolver cost, double costTol, int costSteps)
    implements Step {
  /** Cost-phase tolerance when the script gives none. */
  public static final double DEFAULT_COST_TOL = 1e-9;
  /** Cost-phase iteration budget when the script gives none. */
  public static final int DEFAULT_COST_STEPS = 100_000;

  /** A prediction with the default cost phase (gradient descent to ‖∇L‖ ≤ 1e-9, 1e5 steps). */
  public PredictStep(
      int id, String name, Origin origin, int model, int data, double step, int rounds, double until) {
    this(id, name, origin, model, data, step, rounds, until, CostSolver.GD, DEFAULT_COST_TOL,
        DEFAULT_COST_STEPS);
  }

  @Override
  public List<Integer> dependsOn() {
    return model < data ? List.of(model, data) : List.of(data, model);
  }

  /** Minimisers of AGF's cost phase, by their script names. */
  public enum CostSolver {
    /** Gradient descent with Armijo backtracking: follows the flow's basin most closely. */
    GD,
    /** Nesterov's accelerated gradient with backtracking and adaptive restart. */
    MOMENTUM,
    /** Limited-memory BFGS: fastest on well-conditioned minima, may leave the flow's basin. */
    LBFGS;

    /** The name a script writes ({@code "gd"}, {@code "momentum"}, {@code "lbfgs"}). */
    public String scriptName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
