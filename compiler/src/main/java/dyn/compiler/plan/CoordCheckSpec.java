package dyn.compiler.plan;

import java.util.List;

/**
 * A coordinate check (the μP "coord check"): the model definition instantiated at several hidden
 * widths, each trained for a few full-batch GD steps from its own θ(0), reporting how the size of
 * every layer's output and of its change since step 0 scales with width.
 *
 * @param modelName the script name of the model instance that was re-instantiated
 * @param data the data step the steps train on
 * @param widths the hidden widths, ascending
 * @param models the model at each width (same order as {@code widths}), parametrization included
 * @param init how each width's θ(0) is drawn (the instance's scale, seed and rule)
 * @param steps GD steps after step 0 (≥ 1)
 * @param lr the global learning rate η; each tensor's step is η times its own lr multiplier
 */
public record CoordCheckSpec(String modelName, int data, List<Integer> widths,
    List<ModelSpec> models, InitSpec init, int steps, double lr) {
  public CoordCheckSpec {
    widths = List.copyOf(widths);
    models = List.copyOf(models);
    if (widths.size() != models.size()) {
      throw new IllegalArgumentException("one model per width");
    }
  }
}
