package dyn.runtime.model;

import dyn.compiler.plan.ModelSpec;

/**
 * Fourier power of the weights of a neuron decomposition (docs/LANGUAGE.md, {@code
 * fourier_power}): every neuron's slice of every part is cut into consecutive blocks of length P,
 * each block c gets its unitary DFT ĉ_k = P^{-1/2} Σ_j c_j e^{−2πi jk/P}, and |ĉ_k|² is added to
 * bin min(k, P − k). Bins run over k = 0 … ⌊P/2⌋ and are summed over blocks, parts and neurons, so
 * by Parseval they add up to Σ_i ‖θ_i‖².
 */
public final class FourierPower {
  private FourierPower() {}

  /** The ⌊P/2⌋ + 1 bins for the flat θ with the given parameter shapes and offsets. */
  public static double[] compute(
      ModelSpec.Neurons neurons, int[][] shapes, int[] offsets, double[] theta, int period) {
    if (period < 1) throw new IllegalArgumentException("period must be ≥ 1, got " + period);
    double[] cos = new double[period];
    double[] sin = new double[period];
    for (int m = 0; m < period; m++) {
      // Angles reduced mod P before the trigonometry, so k·j products stay exact.
      double a = 2 * Math.PI * m / period;
      cos[m] = Math.cos(a);
      sin[m] = Math.sin(a);
    }
    double[] bins = new double[period / 2 + 1];
    double[] block = new double[period];
    for (ModelSpec.Part part : neurons.parts()) {
      int[] sh = shapes[part.param()];
      int off = offsets[part.param()];
      int len = NeuronNorms.sliceLength(part.slice(), sh);
      if (len % period != 0) {
        throw new IllegalArgumentException("a neuron slice of length " + len
            + " is not a multiple of the period " + period);
      }
      for (int i = 0; i < neurons.count(); i++) {
        for (int b = 0; b < len; b += period) {
          for (int j = 0; j < period; j++) {
            block[j] = theta[NeuronNorms.index(part.slice(), sh, off, i, b + j)];
          }
          addBlock(block, cos, sin, bins);
        }
      }
    }
    return bins;
  }

  /** Adds |ĉ_k|² of one block to bin min(k, P − k); a direct O(P²) DFT, P is small. */
  static void addBlock(double[] c, double[] cos, double[] sin, double[] bins) {
    int p = c.length;
    for (int k = 0; k < p; k++) {
      double re = 0.0;
      double im = 0.0;
      for (int j = 0; j < p; j++) {
        int m = (int) ((long) j * k % p);
        re += c[j] * cos[m];
        im -= c[j] * sin[m];
      }
      bins[Math.min(k, p - k)] += (re * re + im * im) / p;
    }
  }
}
