package dyn.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The NNGP/NTK recursions against wave2.md §1.5. The inputs are that section's recipe (numpy
 * default_rng(0), 5 points in d = 10, each rescaled to ‖x‖² = d), printed by numpy and pasted
 * here; the expected Θ and K entries are the table's, which an independent numpy implementation
 * of the neural-tangents recursion (tools/kernels/ntk_reference.py) reproduces to 1e-9.
 */
class InfiniteWidthKernelTest {
  /** Row i is input x_i. */
  static final double[][] X = {
      {0.16852628721780874, -0.17707073080991467, 0.8584097808054053, 0.14060603026684645,
          -0.7180005717804037, 0.48467481843485954, 1.7478557201804255, 1.2694484828136874,
          -0.9432727107574738, -1.6961457669169329},
      {-0.6366289146969825, 0.04221144128626787, -2.3748475313260564, -0.2234795550375627,
          -1.2726061820819004, -0.7479571189152497, -0.5559204273506841, -0.32307729158037346,
          0.4204502468481872, 1.0648505511416035},
      {-0.18296399441801947, 1.945106550027984, -0.9468782329922457, 0.5003606422524323,
          1.2860539677500342, 0.13382277689742983, -1.058341690815362, -1.3120395131865839,
          -0.6515545573013805, 0.31343902429643494},
      {-1.4508398888436695, -0.30058914621761396, -0.22880926616808492, 0.7772050471761743,
          0.3084691049687602, 0.5106771154560646, -0.9395637306040258, -0.18625717421246002,
          1.1265871617458874, 2.1460880083729514},
      {-0.9541840489823223, 1.1473286182467426, 1.0199730105741616, 0.5921176116945215,
          0.20041795894617462, -0.2379067130379711, 1.104962405723469, 1.4855836886549114,
          1.3653707540096776, 0.9966526785695257}};

  /** The inputs as a d×N column matrix, row-major. */
  static double[] columns(double[][] rows) {
    int n = rows.length;
    int d = rows[0].length;
    double[] x = new double[d * n];
    for (int i = 0; i < n; i++) for (int r = 0; r < d; r++) x[r * n + i] = rows[i][r];
    return x;
  }

  /** L hidden layers in the NTK parametrization: ρ = σ_w², ρ_b = σ_b². */
  static List<InfiniteWidthKernel.Layer> ntkParam(int hidden, double sw, double sb,
      GaussianExpectations phi) {
    List<InfiniteWidthKernel.Layer> layers = new ArrayList<>();
    for (int l = 0; l < hidden; l++) layers.add(new InfiniteWidthKernel.Layer(sw, sb, sw, sb, phi));
    layers.add(new InfiniteWidthKernel.Layer(sw, sb, sw, sb, null));
    return layers;
  }

  private static void expect(String act, int hidden, double sw, double sb, double t00, double t01,
      double k01) {
    GaussianExpectations phi = GaussianExpectations.valueOf(act);
    InfiniteWidthKernel.Kernels k =
        InfiniteWidthKernel.of(ntkParam(hidden, sw, sb, phi), columns(X), 10, 5, 1.0);
    String what = act + " L=" + hidden + " (" + sw + ", " + sb + ")";
    assertEquals(t00, k.ntk()[0], 1e-6, what + " Θ(x0,x0)");
    assertEquals(t01, k.ntk()[1], 1e-6, what + " Θ(x0,x1)");
    assertEquals(k01, k.nngp()[1], 1e-6, what + " K(x0,x1)");
    assertEquals(k.ntk()[1], k.ntk()[5], 1e-15, "symmetric");
  }

  @Test
  void reproducesTheWave2Table() {
    expect("RELU", 1, 2, 0.1, 4.300000, 0.033503, 0.365335);
    expect("RELU", 1, 1, 0, 1.000000, -0.033953, 0.050908);
    expect("RELU", 2, 2, 0.1, 6.600000, 1.011158, 0.992627);
    expect("RELU", 2, 1, 0, 0.750000, 0.083678, 0.092717);
    expect("ERF", 1, 2, 0.1, 3.041332, -0.868807, -0.372896);
    expect("ERF", 2, 2, 0.1, 4.239922, -0.795353, -0.166124);
    expect("LINEAR", 1, 2, 0.1, 8.500000, -3.674481, -1.787241);
    expect("LINEAR", 2, 1, 0, 3.000000, -1.565431, -0.521810);
  }

  @Test
  void closedFormsMatchTheMonteCarloCheckedValues() {
    // wave2.md §1.5 (K5, K6): Λ = [[1.3, 0.4], [0.4, 0.8]], checked there by 4e6-sample MC.
    assertEquals(0.274960, GaussianExpectations.RELU.t(1.3, 0.8, 0.4), 1e-6);
    assertEquals(0.314149, GaussianExpectations.RELU.tDot(1.3, 0.8, 0.4), 1e-6);
    assertEquals(0.168426, GaussianExpectations.ERF.t(1.3, 0.8, 0.4), 1e-6);
    assertEquals(0.431173, GaussianExpectations.ERF.tDot(1.3, 0.8, 0.4), 1e-6);
    // Square by Isserlis: E[u²v²] = q1q2 + 2c² = 1.04 + 0.32; E[2u·2v] = 4c.
    assertEquals(1.36, GaussianExpectations.SQUARE.t(1.3, 0.8, 0.4), 1e-12);
    assertEquals(1.6, GaussianExpectations.SQUARE.tDot(1.3, 0.8, 0.4), 1e-12);
  }

  @Test
  void standardParametrizationGrowsWithWidthAsNeuralTangentsStates() {
    // wave2.md §1.3: SP with per-parameter lr 1, no bias: Θ^1 = x·x', Θ² = n T(Λ¹) + σ_w² Ṫ Θ¹.
    // On the diagonal (‖x‖² = d = 10) with ReLU and σ_w² = 2: K¹ = 2, T = 1, Ṫ = ½, so
    // Θ = n·1 + 2·½·10 = n + 10.
    int n = 512;
    List<InfiniteWidthKernel.Layer> sp = List.of(
        new InfiniteWidthKernel.Layer(2, 0, 10, 0, GaussianExpectations.RELU),
        new InfiniteWidthKernel.Layer(2, 0, n, 0, null));
    InfiniteWidthKernel.Kernels k = InfiniteWidthKernel.of(sp, columns(X), 10, 5, 1.0);
    assertEquals(n + 10, k.ntk()[0], 1e-9);
    assertEquals(2, k.nngp()[0], 1e-12);
  }

  @Test
  void empiricalNtkOfAWideTwoLayerReluNetApproachesTheClosedForm() {
    // wave2.md §1.5 (K3): at width 4096, NTK parametrization, σ_w² = 2, σ_b² = 0 here (the
    // empirical sum has no bias term), the relative Frobenius error is 0.025–0.028 (±30%) and
    // falls like 1/√width. The bound 0.05 is twice that; the narrow net must do worse.
    double[] x = columns(X);
    double[] exact = InfiniteWidthKernel.of(ntkParam(1, 2, 0, GaussianExpectations.RELU), x, 10, 5,
        1.0).ntk();
    double wide = relativeError(exact, empirical(4096, 7, x));
    double narrow = relativeError(exact, empirical(64, 7, x));
    assertTrue(wide < 0.05, "width 4096: relative error " + wide);
    assertTrue(narrow > wide, "width 64 (" + narrow + ") should be worse than 4096 (" + wide + ")");
  }

  /** Θ̂ of a two-layer ReLU net in the NTK parametrization: w ~ N(0, 1), a_l = σ_w/√fan_in. */
  private static double[] empirical(int width, long seed, double[] x) {
    Random rng = new Random(seed);
    double[] w1 = new double[width * 10];
    double[] w2 = new double[width];
    for (int i = 0; i < w1.length; i++) w1[i] = rng.nextGaussian();
    for (int i = 0; i < w2.length; i++) w2[i] = rng.nextGaussian();
    return EmpiricalNtk.of(new double[][] {w1, w2}, new int[] {width, 1},
        new double[] {Math.sqrt(2.0 / 10), Math.sqrt(2.0 / width)}, new double[] {1, 1},
        new GaussianExpectations[] {GaussianExpectations.RELU}, x, 10, 5);
  }

  static double relativeError(double[] exact, double[] approx) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < exact.length; i++) {
      num += (approx[i] - exact[i]) * (approx[i] - exact[i]);
      den += exact[i] * exact[i];
    }
    return Math.sqrt(num / den);
  }
}
