package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * A cost-aware search ({@code sweep s = carbs(…)}), compiled: the space each searched param lives
 * in, what is optimized, what a point costs, and when to stop. Unlike a grid, the points are not
 * known at compile time: the runtime suggests them one batch at a time from the results so far
 * (CARBS, Fetterman et al. 2023; science/wave2.md §3).
 *
 * @param params the searched params, in source order
 * @param objective the metric optimized (a metric of the sweep's block)
 * @param maximize true to maximize the objective, false to minimize it
 * @param cost the metric that is a point's cost, or empty for its measured wall time in seconds
 * @param budget the most points to run (0: no limit by count)
 * @param costBudget stop once the points' summed cost reaches this (infinite: no limit by cost)
 * @param seed the search's own seed (suggestions are deterministic for a seed)
 * @param radius the σ of the search distribution around Pareto points, in basic units
 * @param randomStarts points drawn around the search centre before the surrogates take over
 * @param resample every how many successes the cheapest least-sampled Pareto point is rerun (0: never)
 */
public record SearchSpec(
    List<Param> params,
    String objective,
    boolean maximize,
    Optional<String> cost,
    int budget,
    double costBudget,
    long seed,
    double radius,
    int randomStarts,
    int resample) {
  public SearchSpec {
    params = List.copyOf(params);
  }

  /** How a param's values map to the search's basic space. */
  public enum Scale {
    /** b = v / s with s = (hi − lo) / 2, so the range spans two basic units. */
    LINEAR,
    /** b = log10 v: one basic unit per decade. */
    LOG,
    /** b = log10(v / (1 − v)), for values in (0, 1). */
    LOGIT
  }

  /**
   * One searched param.
   *
   * @param lo the smallest value (inclusive)
   * @param hi the largest value (inclusive)
   * @param center where the search starts: the param's value in the script when it lies in the
   *     range, else the middle of the range in basic space
   * @param integer values are rounded to whole numbers
   */
  public record Param(String name, Scale scale, boolean integer, double lo, double hi, double center) {}

  /** The param of that name. */
  public Optional<Param> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
