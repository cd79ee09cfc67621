package dyn.runtime.escape;

import java.util.List;

/**
 * The optimal escape direction found, and what the theory says to look at in it.
 *
 * @param direction θ̄, flat in the model's parameter order, ‖θ̄‖ = 1
 * @param speed s(θ̄) = (1/n) Σ_μ ⟨y_μ, f(x_μ; θ̄)⟩, the largest over the restarts
 * @param degree L, the degree of homogeneity of f in θ (the number of layers of a bias-free net)
 * @param layers per-tensor Frobenius share and singular values of θ̄
 * @param restarts how many random starts the ascent made
 * @param agreeing how many of them ended within 1e-6 (relative) of the best speed: a measure of
 *     how likely a single start is to miss the optimum (projected ascent stops at local maxima)
 * @param iterations ascent iterations summed over the restarts
 */
public record EscapeResult(double[] direction, double speed, int degree, List<LayerSpectrum> layers,
    int restarts, int agreeing, int iterations) {
  public EscapeResult {
    layers = List.copyOf(layers);
  }
}
