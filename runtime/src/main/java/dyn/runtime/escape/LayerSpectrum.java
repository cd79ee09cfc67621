package dyn.runtime.escape;

import java.util.List;

/**
 * One trained tensor of an escape direction.
 *
 * @param name the parameter's script name
 * @param layer its position ℓ = 1, 2, … in declaration order (input layer first)
 * @param frobeniusShare ‖W_ℓ‖_F² / ‖θ̄‖² (E1 predicts 1/L at every critical point)
 * @param singularValues σ₁ ≥ σ₂ ≥ … of W_ℓ (all of them; a vector parameter has one)
 */
public record LayerSpectrum(String name, int layer, double frobeniusShare,
    List<Double> singularValues) {
  public LayerSpectrum {
    singularValues = List.copyOf(singularValues);
  }

  /** σ₁/σ₂, or +∞ when the layer has rank ≤ 1 to working precision or one singular value. */
  public double ratio() {
    if (singularValues.size() < 2) return Double.POSITIVE_INFINITY;
    double s2 = singularValues.get(1);
    return s2 == 0 ? Double.POSITIVE_INFINITY : singularValues.get(0) / s2;
  }

  /** The theorem's lower bound on {@link #ratio()} in the optimal direction: ℓ^¼ (E2). */
  public double bound() {
    return Math.pow(layer, 0.25);
  }
}
