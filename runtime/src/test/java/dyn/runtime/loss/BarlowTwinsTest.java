package dyn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Barlow Twins loss against numpy: z, z′ from {@code default_rng(0)} (3 × 5 each),
 * C = (z z′ᵀ + z′ zᵀ)/(2n), L = Σ(1 − C_aa)² + λ Σ_{a≠b} C_ab² with λ = 0.7, and ∂L/∂z by central
 * differences (ε = 1e-6) in numpy: an independent check of the closed-form seed (1/n) G z′.
 */
class BarlowTwinsTest {
  static final double[] Z1 = {0.12573022, -0.13210486, 0.64042265, 0.10490012, -0.53566937,
      0.36159505, 1.30400005, 0.94708096, -0.70373524, -1.26542147,
      -0.62327446, 0.04132598, -2.32503077, -0.21879166, -1.24591095};
  static final double[] Z2 = {-0.73226735, -0.54425898, -0.31630016, 0.41163054, 1.04251337,
      -0.12853466, 1.36646347, -0.66519467, 0.35151007, 0.90347018,
      0.0940123, -0.74349925, -0.92172538, -0.45772583, 0.22019512};

  /** [z | z′] as the model output over 2n columns. */
  static double[] sideBySide() {
    double[] f = new double[30];
    for (int a = 0; a < 3; a++) {
      System.arraycopy(Z1, a * 5, f, a * 10, 5);
      System.arraycopy(Z2, a * 5, f, a * 10 + 5, 5);
    }
    return f;
  }

  @Test
  void valueAndGradientMatchNumpy() {
    BarlowTwins bt = new BarlowTwins(3, 0.7);
    double[] seed = new double[30];
    // numpy printed Z1, Z2 to 8 decimals; the loss moves by ~1e-8 with them.
    assertEquals(3.0761583671434694, bt.valueAndSeed(sideBySide(), new double[0], 5, seed), 1e-7);
    double[] numpy = {0.34808639, 0.11662635, 0.24116162, -0.21676174, -0.58388623};
    for (int mu = 0; mu < 5; mu++) assertEquals(numpy[mu], seed[mu], 1e-6);
  }

  @Test
  void seedIsTheGradientByFiniteDifferencesOnTheSecondView() {
    BarlowTwins bt = new BarlowTwins(3, 0.7);
    double[] f = sideBySide();
    double[] seed = new double[30];
    bt.valueAndSeed(f, new double[0], 5, seed);
    double eps = 1e-6;
    for (int k = 0; k < 30; k++) {
      double[] up = f.clone();
      double[] down = f.clone();
      up[k] += eps;
      down[k] -= eps;
      double fd = (bt.value(up, new double[0], 5) - bt.value(down, new double[0], 5)) / (2 * eps);
      assertEquals(fd, seed[k], 1e-7, "entry " + k);
    }
  }

  @Test
  void stackedViewsUnstackSideBySide() {
    double[] stacked = {1, 2, 3, 4, 5, 6, 7, 8}; // x = [[1,2],[3,4]], x2 = [[5,6],[7,8]]
    double[] out = new double[8];
    BarlowTwins.sideBySide(stacked, 2, 2, out);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 5, 6, 3, 4, 7, 8}, out);
  }
}
