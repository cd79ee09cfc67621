package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * Compare a recorded series with a prediction. How is the {@link Method}: a {@link Staircase}
 * matches an AGF prediction's jumps (reference.md C0.5), a {@link Trajectory} compares a measured
 * series with a predicted one point by point at their shared times. Either gives a table and a
 * PASS/FAIL verdict; the declaration holds when that verdict is the {@link Expect expected} one,
 * and one that does not hold makes {@code dyn run} exit with status 1.
 *
 * @param series the recorded series ({@code gf.loss}, {@code gd.test_loss})
 * @param predict id of the prediction's step ({@link PredictStep} or {@link TheoryStep})
 * @param predictName its script name
 * @param method what is compared and with which tolerances
 * @param expect the verdict the script declares ({@code expect = fail}: the prediction is meant
 *     to fail here)
 */
public record CompareStep(
    int id,
    String name,
    Origin origin,
    SeriesRef series,
    int predict,
    String predictName,
    Method method,
    Expect expect)
    implements Step {
  @Override
  public List<Integer> dependsOn() {
    return series.train() < predict ? List.of(series.train(), predict)
        : List.of(predict, series.train());
  }

  /** How a measured series is held against a prediction. */
  public sealed interface Method permits Staircase, Trajectory {
    /** The builtin's script name, {@code staircase} or {@code trajectory}. */
    String scriptName();
  }

  /**
   * Match the jump times and plateau levels of an AGF prediction: measure the jump times at the
   * arithmetic midpoints of the predicted levels, the plateau levels and the neuron acquired at
   * each jump, and pass when every time and level is within its relative tolerance.
   *
   * @param neuronNorms the same train's neuron norms, when recorded (for the measured feature)
   * @param timeRtol tolerance on |t_measured − τ_predicted| / τ_predicted
   * @param levelRtol tolerance on the relative level error
   * @param axis how a crossing is interpolated between grid points: log-spaced grids use LOG
   */
  public record Staircase(Optional<SeriesRef> neuronNorms, double timeRtol, double levelRtol,
      Axis axis) implements Method {
    @Override
    public String scriptName() {
      return "staircase";
    }
  }

  /**
   * Compare a measured series with a predicted series at every time both have, and pass when
   * max |measured − predicted| / |predicted| ≤ rtol (the same ratio as {@code max_rel_diff}).
   *
   * @param predicted the prediction's series, e.g. {@code lazy.loss}
   * @param rtol the tolerance, &gt; 0
   */
  public record Trajectory(SeriesRef predicted, double rtol) implements Method {
    @Override
    public String scriptName() {
      return "trajectory";
    }
  }

  /** The verdict a script declares for its comparison. */
  public enum Expect {
    /** The default: the prediction should agree. */
    PASS,
    /** The prediction is declared to fail here (e.g. the lazy limit in the rich regime). */
    FAIL;

    /** {@code pass} or {@code fail}. */
    public String scriptName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The time coordinate of interpolation between grid points. */
  public enum Axis {
    LINEAR,
    LOG
  }
}
