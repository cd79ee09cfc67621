package dyn.runtime.agf;

import dyn.runtime.model.Parameters;
import java.util.List;

/**
 * What an AGF run predicts.
 *
 * @param kappa the homogeneity degree κ inferred from the model
 * @param thresholds c_i per neuron (infinite for a neuron with zero initial norm)
 * @param initialLevel ℓ_0 = ½ mean ‖y‖²
 * @param rounds one entry per jump, in order
 * @param stop why the run ended
 * @param finalParams the active neurons' parameters after the last cost phase (dormant ones 0)
 * @param effort where the run's time went (reported under {@code dyn run -v}, never compared)
 */
public record AgfResult(
    double kappa,
    double[] thresholds,
    double initialLevel,
    List<AgfRound> rounds,
    Stop stop,
    Parameters finalParams,
    Effort effort) {
  public AgfResult {
    rounds = List.copyOf(rounds);
  }

  /**
   * Wall time of the two phases and the loss evaluations (forward + backward passes) the cost
   * phase spent: the figures that say whether a speed-up belongs in the utility or the cost phase;
   * and the CPU time of the whole solve (its thread; NaN where the JVM cannot tell), which other
   * processes' load moves much less than wall time.
   */
  public record Effort(double utilitySeconds, double costSeconds, long costEvaluations,
      double cpuSeconds) {}

  /** Why the loop ended. */
  public enum Stop {
    /** Every neuron is active. */
    ALL_ACTIVE,
    /** The loss fell below the loss tolerance. */
    LOSS_ZERO,
    /** No dormant neuron has (or can reach) positive utility. */
    NO_UTILITY,
    /** The round limit was reached. */
    MAX_ROUNDS,
    /** The utility phase ran past the time limit. */
    TIME_LIMIT
  }

  /** τ_1, τ_2, … . */
  public double[] jumpTimes() {
    return rounds.stream().mapToDouble(AgfRound::time).toArray();
  }

  /** ℓ_0, ℓ_1, … (one more than the jumps). */
  public double[] levels() {
    double[] out = new double[rounds.size() + 1];
    out[0] = initialLevel;
    for (int k = 0; k < rounds.size(); k++) out[k + 1] = rounds.get(k).level();
    return out;
  }

  /** The neuron that activated in each round. */
  public int[] order() {
    return rounds.stream().mapToInt(AgfRound::neuron).toArray();
  }
}
