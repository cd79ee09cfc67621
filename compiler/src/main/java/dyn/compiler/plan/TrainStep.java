package dyn.compiler.plan;

import java.util.List;

/**
 * Train a model instance on a dataset and record observables on a time grid.
 *
 * <p>Training starts from a copy of the θ(0) drawn by model step {@code model}, so several train
 * steps from one model start at the same point. Times are gradient-flow time of the {@link
 * Loss#MSE} loss: GD and SGD step k sits at t = k·lr.
 *
 * @param model id of the {@link ModelStep}
 * @param data id of the {@link DataStep}
 * @param loss the objective
 * @param dynamics how θ moves
 * @param times the observation grid: increasing, first entry 0
 * @param observables what is recorded at each grid time
 */
public record TrainStep(
    int id,
    String name,
    Origin origin,
    int model,
    int data,
    Loss loss,
    Dynamics dynamics,
    List<Double> times,
    List<Observable> observables)
    implements Step {
  public TrainStep {
    times = List.copyOf(times);
    observables = List.copyOf(observables);
  }

  @Override
  public List<Integer> dependsOn() {
    return model < data ? List.of(model, data) : List.of(data, model);
  }

  /** Objectives. */
  public enum Loss {
    /** L(θ) = (1/2n) Σ_μ ‖y_μ − f(x_μ; θ)‖². */
    MSE
  }
}
