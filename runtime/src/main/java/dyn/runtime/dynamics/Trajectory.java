package dyn.runtime.dynamics;

import dyn.compiler.plan.Observable;
import java.util.List;
import java.util.Map;

/**
 * What a train step recorded.
 *
 * @param times the grid times actually reached (the plan's grid, in order)
 * @param series for each recorded observable, values[timeIndex][component] (scalars have one
 *     component)
 * @param finalParams θ at the end of the run
 * @param stats counts for reporting: steps taken, rejected steps (flow), wall seconds
 */
public record Trajectory(
    List<Double> times,
    Map<Observable, double[][]> series,
    dyn.runtime.model.Parameters finalParams,
    Stats stats) {
  /**
   * Work done by the integrator or optimizer.
   *
   * @param seconds wall time of the training, from its set-up to its last step
   * @param jitWaitSeconds wall time before that, waiting for the JIT to compile the fused
   *     kernels (start-up: not in {@code seconds}, reported beside it)
   */
  public record Stats(long steps, long rejected, double seconds, double jitWaitSeconds) {
    public Stats(long steps, long rejected, double seconds) {
      this(steps, rejected, seconds, 0.0);
    }

    Stats withJitWait(double waitSeconds) {
      return new Stats(steps, rejected, seconds, waitSeconds);
    }
  }
}
