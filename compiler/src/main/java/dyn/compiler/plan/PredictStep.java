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
 */
public record PredictStep(
    int id, String name, Origin origin, int model, int data, double step, int rounds, double until)
    implements Step {
  @Override
  public List<Integer> dependsOn() {
    return model < data ? List.of(model, data) : List.of(data, model);
  }
}
