package dyn.runtime.model;

import dyn.compiler.plan.ModelSpec;
import java.util.List;

/**
 * Per-neuron norms ‖θ_i‖ of a neuron decomposition: neuron i owns row i (ROW), column i (COLUMN)
 * or entry i (ENTRY, of a row-major matrix) of each part's parameter.
 */
public final class NeuronNorms {
  private NeuronNorms() {}

  /** ‖θ_i‖ for i < count, from the flat θ with the given parameter offsets and shapes. */
  public static void compute(
      ModelSpec.Neurons neurons, int[][] shapes, int[] offsets, double[] theta, double[] out) {
    for (int i = 0; i < neurons.count(); i++) out[i] = Math.sqrt(squaredPart(neurons.parts(), shapes, offsets, theta, i, -1));
  }

  /** ‖θ_i‖ for each neuron of a {@link Parameters}. */
  public static double[] of(ModelSpec model, Parameters params) {
    ModelSpec.Neurons neurons =
        model.neurons().orElseThrow(() -> new IllegalArgumentException(
            "model " + model.name() + " declares no neurons"));
    int[][] shapes = FlatParams.shapes(model);
    double[] out = new double[neurons.count()];
    compute(neurons, shapes, offsets(shapes), FlatParams.flatten(params), out);
    return out;
  }

  /** Start of each parameter in the flat θ. */
  public static int[] offsets(int[][] shapes) {
    int[] off = new int[shapes.length];
    for (int p = 1; p < shapes.length; p++) off[p] = off[p - 1] + shapes[p - 1][0] * shapes[p - 1][1];
    return off;
  }

  /**
   * Σ of squares of neuron i's slices; with onlyPart ≥ 0, of that part alone.
   */
  static double squaredPart(
      List<ModelSpec.Part> parts, int[][] shapes, int[] offsets, double[] theta, int i,
      int onlyPart) {
    double s = 0.0;
    for (int q = 0; q < parts.size(); q++) {
      if (onlyPart >= 0 && q != onlyPart) continue;
      ModelSpec.Part part = parts.get(q);
      int[] sh = shapes[part.param()];
      int off = offsets[part.param()];
      int len = sliceLength(part.slice(), sh);
      for (int k = 0; k < len; k++) {
        double v = theta[index(part.slice(), sh, off, i, k)];
        s += v * v;
      }
    }
    return s;
  }

  /** Number of entries in one neuron's slice. */
  static int sliceLength(ModelSpec.Slice slice, int[] shape) {
    switch (slice) {
      case ROW:
        return shape[1];
      case COLUMN:
        return shape[0];
      default:
        return 1;
    }
  }

  /** Flat index of entry k of neuron i's slice. */
  static int index(ModelSpec.Slice slice, int[] shape, int off, int i, int k) {
    switch (slice) {
      case ROW:
        return off + i * shape[1] + k;
      case COLUMN:
        return off + k * shape[1] + i;
      default:
        return off + i;
    }
  }
}
