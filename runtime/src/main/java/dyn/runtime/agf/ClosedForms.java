package dyn.runtime.agf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * AGF's closed-form staircases for whitened linear models (reference.md §1.4, §1.5), times in GF
 * time of the C0.1 loss.
 */
public final class ClosedForms {
  private ClosedForms() {}

  /**
   * A predicted staircase.
   *
   * @param jumpTimes τ_1 ≤ τ_2 ≤ …
   * @param levels ℓ_0 &gt; ℓ_1 &gt; … (one more than the jumps)
   * @param order which coordinate or mode is acquired at each jump
   */
  public record Prediction(double[] jumpTimes, double[] levels, int[] order) {}

  /**
   * Whitened diagonal network (XᵀX/n = I, teacher β*) from a balanced init u_i = v_i = α, so
   * ‖θ_i(0)‖ = √2α: τ_i = ln(1/(√2α))/|β*_i|, acquired in decreasing |β*_i|, levels
   * ℓ_k = ½ Σ_{j&gt;k} β*_(j)². Coordinates with β*_i = 0 are never acquired.
   */
  public static Prediction diagonalWhitened(double[] betaStar, double alpha) {
    double c = Math.log(1 / (Math.sqrt(2) * alpha));
    return staircase(betaStar, c);
  }

  /**
   * Whitened diagonal network from the reference code's init u_i = √2α, v_i = 0 (so β(0) = 0 and
   * the direction must first rotate): with the residual frozen, ‖θ_i‖² = 2α² cosh(2|β*_i| t),
   * so τ_i = arccosh(1/(2α²))/(2|β*_i|). Whitened coordinates decouple, so each neuron keeps its
   * rate across rounds. Levels as in {@link #diagonalWhitened}.
   */
  public static Prediction diagonalWhitenedFromAxis(double[] betaStar, double alpha) {
    double z = 1 / (2 * alpha * alpha);
    double c = 0.5 * Math.log(z + Math.sqrt(z * z - 1));
    return staircase(betaStar, c);
  }

  /**
   * Whitened two-layer linear network (Σxx = I, teacher singular values s) with every neuron at
   * norm ‖θ(0)‖: τ_k = ln(1/‖θ(0)‖)/s_k (Conjecture 4.1 in the whitened case), modes in
   * decreasing s, levels ℓ_k = ½ Σ_{j&gt;k} s_j².
   */
  public static Prediction fullyConnectedWhitened(double[] singularValues, double neuronNorm) {
    return staircase(singularValues, Math.log(1 / neuronNorm));
  }

  /** Jumps at c/|v_i| in decreasing |v_i|, levels the remaining ½ Σ v². */
  private static Prediction staircase(double[] v, double c) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < v.length; i++) if (v[i] != 0) idx.add(i);
    idx.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(v[i])));
    int m = idx.size();
    double[] times = new double[m];
    double[] levels = new double[m + 1];
    int[] order = new int[m];
    for (int k = 0; k < m; k++) {
      order[k] = idx.get(k);
      times[k] = c / Math.abs(v[order[k]]);
    }
    for (int k = m - 1; k >= 0; k--) {
      levels[k] = levels[k + 1] + 0.5 * v[order[k]] * v[order[k]];
    }
    return new Prediction(times, levels, order);
  }
}
