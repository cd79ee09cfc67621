package dyn.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dyn.compiler.plan.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FourierPowerTest {
  /** Two neurons; neuron i owns row i of U (2×8, two blocks of P = 4) and column i of W (4×2). */
  private static final ModelSpec.Neurons NEURONS = new ModelSpec.Neurons(2, List.of(
      new ModelSpec.Part(0, ModelSpec.Slice.ROW), new ModelSpec.Part(1, ModelSpec.Slice.COLUMN)));
  private static final int[][] SHAPES = {{2, 8}, {4, 2}};

  @Test
  void binsMatchAHandComputedDft() {
    double[] theta = new double[16 + 8];
    // Neuron 0, U block 1: c = (1, 0, −1, 0) = cos(2πj/4): ĉ_1 = ĉ_3 = 2/√4 = 1, so bin 1 gets 2.
    theta[0] = 1;
    theta[2] = -1;
    // Neuron 0, U block 2: c = (1, 1, 1, 1): ĉ_0 = 4/2 = 2, bin 0 gets 4.
    for (int j = 4; j < 8; j++) theta[j] = 1;
    // Neuron 1, U block 1: c = (1, −1, 1, −1): ĉ_2 = 2, bin 2 (Nyquist, not folded) gets 4.
    theta[8] = 1;
    theta[9] = -1;
    theta[10] = 1;
    theta[11] = -1;
    // Neuron 1, W column 1 (flat 16 + 2k + 1): c = (0, 3, 0, 0): |ĉ_k|² = 9/4 for every k,
    // so bins 0, 1, 2 get 9/4, 9/2, 9/4.
    theta[16 + 2 * 1 + 1] = 3;
    double[] bins = FourierPower.compute(NEURONS, SHAPES, NeuronNorms.offsets(SHAPES), theta, 4);
    assertArrayEquals(new double[] {4 + 2.25, 2 + 4.5, 4 + 2.25}, bins, 1e-12);
  }

  @Test
  void oddPeriodFoldsEveryNonzeroFrequency() {
    // One neuron, one block of P = 3: c = (2, 0, 0): |ĉ_k|² = 4/3 for k = 0, 1, 2 → bins 4/3, 8/3.
    ModelSpec.Neurons one =
        new ModelSpec.Neurons(1, List.of(new ModelSpec.Part(0, ModelSpec.Slice.ROW)));
    double[] bins = FourierPower.compute(one, new int[][] {{1, 3}}, new int[] {0},
        new double[] {2, 0, 0}, 3);
    assertArrayEquals(new double[] {4.0 / 3, 8.0 / 3}, bins, 1e-12);
  }

  @Test
  void sliceNotAMultipleOfThePeriodIsRejected() {
    assertThrows(IllegalArgumentException.class, () ->
        FourierPower.compute(NEURONS, SHAPES, NeuronNorms.offsets(SHAPES), new double[24], 3));
  }
}
