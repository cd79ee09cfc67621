package dyn.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.GraphBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The empirical NTK by per-sample reverse passes (JacobianKernel) against the factored
 * per-layer sum (EmpiricalNtk), and the closed-form linearized dynamics against iterating the
 * linear model's gradient-descent update step by step.
 */
class LinearizedDynamicsTest {
  static final int D = 10;
  static final int WIDTH = 64;

  /** f = W2 relu(W1 x), one output. */
  static ModelSpec twoLayerRelu() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(D, 1);
    int w1 = g.param(0, WIDTH, D);
    int w2 = g.param(1, 1, WIDTH);
    int f = g.matmul(w2, g.unary(Op.UnaryFn.RELU, g.matmul(w1, x)));
    return new ModelSpec("relu_net", D, 1, List.of(
        new ParamSpec("W1", WIDTH, D, new ParamSpec.Distribution.Normal(0, 1.0 / D)),
        new ParamSpec("W2", 1, WIDTH, new ParamSpec.Distribution.Normal(0, 1.0 / WIDTH))),
        g.build(f), Optional.empty(), false);
  }

  static double[] weights(long seed) {
    Random r = new Random(seed);
    double[] theta = new double[WIDTH * D + WIDTH];
    for (int i = 0; i < WIDTH * D; i++) theta[i] = r.nextGaussian() / Math.sqrt(D);
    for (int i = WIDTH * D; i < theta.length; i++) theta[i] = r.nextGaussian() / Math.sqrt(WIDTH);
    return theta;
  }

  @Test
  void jacobianRouteEqualsTheFactoredSum() {
    double[] x = InfiniteWidthKernelTest.columns(InfiniteWidthKernelTest.X);
    double[] theta = weights(3);
    double[] jac = new JacobianKernel(twoLayerRelu(), x, 5).at(theta);
    double[] w1 = java.util.Arrays.copyOfRange(theta, 0, WIDTH * D);
    double[] w2 = java.util.Arrays.copyOfRange(theta, WIDTH * D, theta.length);
    double[] factored = EmpiricalNtk.of(new double[][] {w1, w2}, new int[] {WIDTH, 1},
        new double[] {1, 1}, new double[] {1, 1},
        new GaussianExpectations[] {GaussianExpectations.RELU}, x, D, 5);
    for (int i = 0; i < 25; i++) assertEquals(factored[i], jac[i], 1e-12 * Math.abs(factored[0]));
  }

  @Test
  void closedFormMatchesIteratedGradientDescentOfTheLinearModel() {
    // 4 train rows, 2 test rows, a random PSD "kernel" G Gᵀ: the closed form must equal k steps
    // of f ← f − (η/n)Θ(·, X)(f(X) − y) exactly (up to round-off).
    Random r = new Random(11);
    int all = 6;
    int n = 4;
    double[] g = new double[all * 3];
    for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
    double[] kernel = new double[all * all];
    for (int i = 0; i < all; i++) {
      for (int j = 0; j < all; j++) {
        for (int k = 0; k < 3; k++) kernel[i * all + j] += g[i * 3 + k] * g[j * 3 + k];
      }
    }
    double[] f0 = new double[all];
    double[] y = new double[all];
    for (int i = 0; i < all; i++) {
      f0[i] = r.nextGaussian();
      y[i] = r.nextGaussian();
    }
    double lr = 0.3;
    int steps = 25;
    LinearizedDynamics.Losses closed = LinearizedDynamics.solve(kernel, f0, y, n, n, 2, lr,
        new double[] {steps * lr});
    double[] f = f0.clone();
    for (int s = 0; s < steps; s++) {
      double[] next = f.clone();
      for (int a = 0; a < all; a++) {
        for (int i = 0; i < n; i++) next[a] -= lr / n * kernel[a * all + i] * (f[i] - y[i]);
      }
      f = next;
    }
    double train = 0;
    for (int i = 0; i < n; i++) train += (f[i] - y[i]) * (f[i] - y[i]);
    double test = 0;
    for (int a = n; a < all; a++) test += (f[a] - y[a]) * (f[a] - y[a]);
    assertEquals(train / (2 * n), closed.train()[0], 1e-12);
    assertEquals(test / (2 * 2), closed.test()[0], 1e-12);
    // Fewer steps than rows takes the iterated route: it must agree with the spectral one.
    double[] times = {0, lr, 3 * lr};
    LinearizedDynamics.Losses it = LinearizedDynamics.solve(kernel, f0, y, n, n, 2, lr, times);
    LinearizedDynamics.Losses sp =
        LinearizedDynamics.spectral(kernel, f0, y, n, n, 2, lr, times);
    for (int k = 0; k < times.length; k++) {
      assertEquals(sp.train()[k], it.train()[k], 1e-12, "train at step " + k);
      assertEquals(sp.test()[k], it.test()[k], 1e-12, "test at step " + k);
    }
  }

  @Test
  void gradientFlowClosedFormIsTheSmallStepLimitOfDescent() {
    // The flow form e^{−Θt/n} against the GD form iterated with a tiny step (error O(η)).
    Random r = new Random(5);
    int all = 5;
    int n = 3;
    double[] g = new double[all * 2];
    for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
    double[] kernel = new double[all * all];
    for (int i = 0; i < all; i++) {
      for (int j = 0; j < all; j++) {
        for (int k = 0; k < 2; k++) kernel[i * all + j] += g[i * 2 + k] * g[j * 2 + k];
      }
    }
    double[] f0 = new double[all];
    double[] y = new double[all];
    for (int i = 0; i < all; i++) {
      f0[i] = r.nextGaussian();
      y[i] = r.nextGaussian();
    }
    double[] times = {0.5, 2};
    LinearizedDynamics.Losses flow =
        LinearizedDynamics.solve(kernel, f0, y, n, n, 2, Double.NaN, times);
    LinearizedDynamics.Losses descent =
        LinearizedDynamics.iterate(kernel, f0, y, n, n, 2, 1e-5, times);
    for (int k = 0; k < times.length; k++) {
      assertEquals(descent.train()[k], flow.train()[k], 1e-4 * descent.train()[k]);
      assertEquals(descent.test()[k], flow.test()[k], 1e-4 * descent.test()[k]);
    }
  }

  /**
   * A time halfway between two steps is read at the later one, as gradient descent's records
   * are (Descent.gridSteps: Math.round): t = 1 at η = 0.4 is step 3, not step 2 (the old
   * Math.rint). Diagonal Θ, so the loss is known in closed form: each row's residual is
   * multiplied by (1 − ηλ_i/n) per step. Both solution routes (iterating, for fewer steps than
   * rows; the eigendecomposition otherwise) are held to it.
   */
  @Test
  void aTimeBetweenStepsIsReadAtTheStepTheTrainingRecords() {
    double lr = 0.4;
    double[] times = {1.0};
    for (int rows : new int[] {2, 8}) { // 8 rows: iterate (3 < 8); 2 rows: spectral
      double[] kernel = new double[rows * rows];
      double[] f0 = new double[rows];
      double[] y = new double[rows];
      double expected = 0;
      for (int i = 0; i < rows; i++) {
        double lambda = 0.5 + 0.25 * i;
        kernel[i * rows + i] = lambda;
        y[i] = 1.0 + i;
        double r = Math.pow(1 - lr * lambda / rows, 3) * (f0[i] - y[i]);
        expected += r * r;
      }
      expected /= 2.0 * rows;
      LinearizedDynamics.Losses l =
          LinearizedDynamics.solve(kernel, f0, y, rows, rows, 0, lr, times);
      assertEquals(expected, l.train()[0], 1e-12 * expected, "rows " + rows);
    }
  }
}
