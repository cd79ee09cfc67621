package dyn.runtime.dynamics;

import dyn.compiler.plan.Observable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a train step recorded.
 *
 * @param times the grid times actually reached (the plan's grid, in order): where the training
 *     stopped to record
 * @param series for each recorded observable, values[timeIndex][component] (scalars have one
 *     component), at the times {@code seriesTimes} gives it
 * @param seriesTimes for each recorded observable, the times of its rows: its own grid's times
 *     among {@code times} ({@link #timesOf})
 * @param finalParams θ at the end of the run
 * @param stats counts for reporting: steps taken, rejected steps (flow), wall seconds, and
 *     where full-batch descent's loss first rose
 */
public record Trajectory(
    List<Double> times,
    Map<Observable, double[][]> series,
    Map<Observable, List<Double>> seriesTimes,
    dyn.runtime.model.Parameters finalParams,
    Stats stats) {
  public Trajectory {
    times = List.copyOf(times);
    Map<Observable, List<Double>> own = new LinkedHashMap<>();
    for (Map.Entry<Observable, double[][]> s : series.entrySet()) {
      List<Double> t = List.copyOf(seriesTimes.getOrDefault(s.getKey(), times));
      if (t.size() != s.getValue().length) {
        throw new IllegalArgumentException(s.getKey().scriptName() + ": " + s.getValue().length
            + " rows for " + t.size() + " times");
      }
      own.put(s.getKey(), t);
    }
    seriesTimes = Collections.unmodifiableMap(own);
  }

  /** A trajectory whose every series has a row at every time of {@code times}. */
  public Trajectory(List<Double> times, Map<Observable, double[][]> series,
      dyn.runtime.model.Parameters finalParams, Stats stats) {
    this(times, series, Map.of(), finalParams, stats);
  }

  /** The times of the rows of {@code o}'s series (empty when it was not recorded). */
  public List<Double> timesOf(Observable o) {
    return seriesTimes.getOrDefault(o, List.of());
  }

  /**
   * Work done by the integrator or optimizer.
   *
   * @param seconds wall time of the training, from its set-up to its last step
   * @param jitWaitSeconds wall time before that, waiting for the JIT to compile the fused
   *     kernels (start-up: not in {@code seconds}, reported beside it)
   */
  public record Stats(long steps, long rejected, double seconds, double jitWaitSeconds,
      long lossRoseAt) {
    /** {@link #lossRoseAt} of a run whose loop did not watch its loss (a flow, SGD). */
    public static final long NOT_WATCHED = -2;
    /** {@link #lossRoseAt} of a watched run whose loss never rose. */
    public static final long NEVER = -1;

    public Stats(long steps, long rejected, double seconds) {
      this(steps, rejected, seconds, 0.0, NOT_WATCHED);
    }

    Stats withJitWait(double waitSeconds) {
      return new Stats(steps, rejected, seconds, waitSeconds, lossRoseAt);
    }

    Stats withLossRoseAt(long step) {
      return new Stats(steps, rejected, seconds, jitWaitSeconds, step);
    }

    /**
     * Whether the step loop watched the loss: then {@link #lossRoseAt} is the first step whose
     * loss exceeded the step before's by more than 1e-9 of the loss at step 0 ({@link #NEVER}
     * when none did), the rule `monotone` applies to recorded values.
     */
    public boolean lossWatched() {
      return lossRoseAt != NOT_WATCHED;
    }
  }
}
