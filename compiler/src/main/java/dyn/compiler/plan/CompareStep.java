package dyn.compiler.plan;

import java.util.List;

/**
 * Compare a recorded loss curve with an AGF prediction (reference.md C0.5): measure the jump
 * times at the arithmetic midpoints of the predicted levels, the plateau levels and the neuron
 * acquired at each jump, match them to the predicted ones and pass when every time and level is
 * within its relative tolerance. A failed comparison makes {@code dyn run} exit with status 1.
 *
 * @param series the recorded loss ({@code gf.loss}, {@code gd.test_loss})
 * @param neuronNorms the same train's neuron norms, when recorded (for the measured feature)
 * @param predict id of the {@link PredictStep}
 * @param predictName its script name
 * @param timeRtol tolerance on |t_measured − τ_predicted| / τ_predicted
 * @param levelRtol tolerance on the relative level error
 * @param axis how a crossing is interpolated between grid points: log-spaced grids use LOG
 */
public record CompareStep(
    int id,
    String name,
    Origin origin,
    SeriesRef series,
    java.util.Optional<SeriesRef> neuronNorms,
    int predict,
    String predictName,
    double timeRtol,
    double levelRtol,
    Axis axis)
    implements Step {
  @Override
  public List<Integer> dependsOn() {
    return series.train() < predict ? List.of(series.train(), predict)
        : List.of(predict, series.train());
  }

  /** The time coordinate of interpolation between grid points. */
  public enum Axis {
    LINEAR,
    LOG
  }
}
