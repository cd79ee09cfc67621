package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modular_addition.dyn records {@code fourier_power(period = 20)} of the quadratic network's
 * weights. Theory (reference §1.7): the best dormant neuron concentrates on ONE frequency, the one
 * with the largest remaining |t̂[k]|; template magnitudes are 10 at k = 1 and 5 at k = 3. So once
 * the loss has left ℓ_0 = 6.25 (first jump), the active neurons, whose norms are O(1) against the
 * O(α) of the dormant ones, put almost all the power at k = 1; once it has left ℓ_1 = 1.25 (second
 * jump), at k ∈ {1, 3}, with k = 3 now carrying a real share. Parseval makes the bins add up to
 * Σ_i ‖θ_i‖², which ties the new observable to neuron_norms independently of the DFT code.
 */
class ModularFourierTest {
  @TempDir Path out;

  @Test
  void fourierPowerConcentratesOnFrequenciesInDecreasingAmplitudeOrder() throws IOException {
    ExampleCsv csv = ExampleCsv.run("examples/modular_addition.dyn", out, "modular_addition.csv");
    int p = 20;
    int bins = p / 2 + 1;
    assertTrue(csv.header().contains("gd.fourier_power[" + (bins - 1) + "]"));
    assertTrue(!csv.header().contains("gd.fourier_power[" + bins + "]"));
    int width = 18;
    for (int r = 0; r < csv.rows(); r++) {
      double power = 0;
      for (int k = 0; k < bins; k++) power += csv.get(r, "gd.fourier_power[" + k + "]");
      double norms = 0;
      for (int i = 0; i < width; i++) norms += Math.pow(csv.get(r, "gd.neuron_norms[" + i + "]"), 2);
      assertEquals(norms, power, 1e-4 * norms, "Parseval at row " + r);
    }

    double l0 = (10.0 * 10 + 5 * 5) / p;
    double l1 = 5.0 * 5 / p;
    int first = rowBelow(csv, (l0 + l1) / 2);
    int second = rowBelow(csv, l1 / 2);
    double[] atFirst = fractions(csv, first, bins);
    double[] atSecond = fractions(csv, second, bins);
    double[] atStart = fractions(csv, 0, bins);
    assertTrue(atStart[1] < 0.5, "init power is spread out: k = 1 holds " + atStart[1]);
    assertTrue(atFirst[1] >= 0.9, "after the first jump k = 1 holds " + atFirst[1]);
    assertTrue(atFirst[3] < 0.1, "after the first jump k = 3 holds " + atFirst[3]);
    assertTrue(atSecond[1] + atSecond[3] >= 0.9,
        "after the second jump k ∈ {1, 3} holds " + (atSecond[1] + atSecond[3]));
    assertTrue(atSecond[3] >= 0.2, "after the second jump k = 3 holds " + atSecond[3]);
  }

  private static int rowBelow(ExampleCsv csv, double level) {
    for (int r = 0; r < csv.rows(); r++) if (csv.get(r, "gd.loss") < level) return r;
    throw new AssertionError("gd.loss never falls below " + level);
  }

  private static double[] fractions(ExampleCsv csv, int row, int bins) {
    double[] f = new double[bins];
    double total = 0;
    for (int k = 0; k < bins; k++) total += f[k] = csv.get(row, "gd.fourier_power[" + k + "]");
    for (int k = 0; k < bins; k++) f[k] /= total;
    return f;
  }
}
