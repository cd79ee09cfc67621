package dyn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.TrainStep;
import org.junit.jupiter.api.Test;

/** Each loss against numbers worked out by hand (wave2 §4.6), and the label checks. */
class LossFunctionTest {
  /**
   * Two classes, two samples, logits z = [[1, −1], [0, 2]] (rows are classes), labels (0, 1).
   * Sample 0: logsumexp(1, 0) = log(1 + e) = 1.31326168751822, ℓ = 0.31326168751822;
   * p = (σ(1), σ(−1)) = (0.731058578630005, 0.268941421369995).
   * Sample 1: logsumexp(−1, 2) = 2 + log(1 + e^{−3}) = 2.04858735157374, ℓ = 0.04858735157374;
   * p = (e^{−3}/(1+e^{−3}), 1/(1+e^{−3})) = (0.0474258731775668, 0.952574126822433).
   * L = (ℓ0 + ℓ1)/2, ∂L/∂z = (p − onehot)/2.
   */
  private static final double[] Z = {1, -1, 0, 2};
  private static final double L_CE = (0.31326168751822 + 0.04858735157374) / 2;
  private static final double[] SEED_CE = {
      (0.731058578630005 - 1) / 2, 0.0474258731775668 / 2,
      0.268941421369995 / 2, (0.952574126822433 - 1) / 2};

  @Test
  void crossEntropyWithIndexLabelsIsTheHandComputedValueAndGradient() {
    LossFunction ce = LossFunction.of(TrainStep.Loss.CROSS_ENTROPY, 2, 1);
    double[] seed = new double[4];
    assertEquals(L_CE, ce.valueAndSeed(Z, new double[] {0, 1}, 2, seed), 1e-13);
    assertArrayEquals(SEED_CE, seed, 1e-13);
    assertEquals(L_CE, ce.value(Z, new double[] {0, 1}, 2), 1e-13);
  }

  @Test
  void oneHotColumnsGiveTheSameLossAsIndices() {
    LossFunction ce = LossFunction.of(TrainStep.Loss.CROSS_ENTROPY, 2, 2);
    double[] seed = new double[4];
    double[] oneHot = {1, 0, 0, 1};
    assertEquals(L_CE, ce.valueAndSeed(Z, oneHot, 2, seed), 1e-13);
    assertArrayEquals(SEED_CE, seed, 1e-13);
  }

  @Test
  void crossEntropyDoesNotOverflowOnLargeLogits() {
    LossFunction ce = LossFunction.of(TrainStep.Loss.CROSS_ENTROPY, 2, 1);
    // z = (1000, 0), label 1: ℓ = logsumexp − z_1 = 1000 + log(1 + e^{−1000}) = 1000.
    assertEquals(1000.0, ce.value(new double[] {1000, 0}, new double[] {1}, 1), 1e-12);
  }

  /**
   * Logistic on f = (2, −0.5), y = (1, 1): ℓ = log(1 + e^{−2}) = 0.126928011042973 and
   * log(1 + e^{0.5}) = 0.974076984180107; ∂ℓ/∂f = −1/(1 + e^{2}) = −0.119202922022118 and
   * −1/(1 + e^{−0.5}) = −0.622459331201855; L and ∂L/∂f are their means (n = 2).
   */
  @Test
  void logisticIsTheHandComputedValueAndGradient() {
    LossFunction l = LossFunction.of(TrainStep.Loss.LOGISTIC, 1, 1);
    double[] seed = new double[2];
    double v = l.valueAndSeed(new double[] {2, -0.5}, new double[] {1, 1}, 2, seed);
    assertEquals((0.126928011042973 + 0.974076984180107) / 2, v, 1e-14);
    assertArrayEquals(new double[] {-0.119202922022118 / 2, -0.622459331201855 / 2}, seed, 1e-14);
    // A margin of 800 must give ~e^{−800}, not log(1 + 0) rounding or an overflow.
    assertEquals(0.0, l.value(new double[] {-800}, new double[] {-1}, 1), 1e-300);
    assertEquals(800.0, l.value(new double[] {800}, new double[] {-1}, 1), 1e-12);
  }

  /** Hinge on f = (0.5, 2, −1), y = (1, 1, 1): ℓ = (0.5, 0, 2), ∂ℓ/∂f = (−1, 0, −1). */
  @Test
  void hingeIsTheHandComputedValueAndSubgradient() {
    LossFunction h = LossFunction.of(TrainStep.Loss.HINGE, 1, 1);
    double[] seed = new double[3];
    assertEquals(2.5 / 3, h.valueAndSeed(new double[] {0.5, 2, -1}, new double[] {1, 1, 1}, 3,
        seed), 1e-15);
    assertArrayEquals(new double[] {-1.0 / 3, 0, -1.0 / 3}, seed, 1e-15);
  }

  @Test
  void labelsThatDoNotFitTheLossAreNamed() {
    String idx = Labels.problem(TrainStep.Loss.CROSS_ENTROPY, 3, new double[] {0, 3}, 1, 2, "y");
    assertEquals("y[0, 1] = 3 is not a class index 0 … 2 (the model has 3 outputs)", idx);
    String sum = Labels.problem(TrainStep.Loss.CROSS_ENTROPY, 2, new double[] {1, 1, 0, 1}, 2, 2,
        "y_test");
    assertTrue(sum.startsWith("column 1 of y_test sums to 2, not 1"), sum);
    String pm = Labels.problem(TrainStep.Loss.LOGISTIC, 1, new double[] {1, 0}, 1, 2, "y");
    assertEquals("y[0, 1] = 0; logistic labels are -1 or +1", pm);
    assertNull(Labels.problem(TrainStep.Loss.HINGE, 1, new double[] {1, -1}, 1, 2, "y"));
    assertNull(Labels.problem(TrainStep.Loss.MSE, 1, new double[] {0.3}, 1, 1, "y"));
  }

  @Test
  void accuracyIsArgmaxWithTiesToTheLowestIndexOrTheSign() {
    // Columns: argmax (0, 1, 0 by tie); labels (0, 0, 0) → 2 of 3.
    double[] f = {2, 0, 1, 1, 3, 1};
    assertEquals(2.0 / 3, Labels.accuracy(f, 2, new double[] {0, 0, 0}, 1, 3), 0.0);
    assertEquals(2.0 / 3, Labels.accuracy(f, 2, new double[] {1, 1, 1, 0, 0, 0}, 2, 3), 0.0);
    // One output: sign agreement, f = 0 counted as −1.
    assertEquals(2.0 / 3, Labels.accuracy(new double[] {0.5, 0, -2}, 1,
        new double[] {1, -1, 1}, 1, 3), 0.0);
  }
}
