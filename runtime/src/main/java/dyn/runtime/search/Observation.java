package dyn.runtime.search;

/**
 * One finished point of a search.
 *
 * @param values the searched params' values, in the spec's order
 * @param output the objective (NaN when the point failed or diverged)
 * @param cost what the point cost (a metric, or seconds)
 * @param failed the point failed, diverged, or its objective is not finite: modelled as a failure
 */
public record Observation(double[] values, double output, double cost, boolean failed) {
  public Observation {
    values = values.clone();
    failed = failed || !Double.isFinite(output);
  }

  @Override
  public double[] values() {
    return values.clone();
  }
}
