package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NC1 = (1/K) tr(Σ_W Σ_B⁺) (wave2.md §4.3) against the reference's exact and population values
 * and against an independent numpy computation, {@code src/test/resources/neural_collapse.py}
 * (the direct formula with {@code np.linalg.pinv}; the inputs are closed-form expressions that
 * this test rebuilds).
 */
class NeuralCollapseTest {
  /**
   * The reference's setting: K = 4 class means forming a simplex ETF, rows of
   * (I − 11ᵀ/K)·√(K/(K−1)), embedded in D = 10 by an orthonormal map (here the first K
   * coordinates, which does not change NC1), features = mean + σ·N(0, I).
   */
  private static double etf(double sigma, int perClass, long seed) {
    int k = 4;
    int dim = 10;
    int n = k * perClass;
    double scale = Math.sqrt(k / (k - 1.0));
    double[] h = new double[dim * n];
    int[] classes = new int[n];
    Random rng = new Random(seed);
    for (int j = 0; j < n; j++) {
      int c = j % k;
      classes[j] = c;
      for (int r = 0; r < dim; r++) {
        double mean = r < k ? ((r == c ? 1.0 : 0.0) - 1.0 / k) * scale : 0.0;
        h[r * n + j] = mean + sigma * rng.nextGaussian();
      }
    }
    return NeuralCollapse.nc1(h, dim, classes);
  }

  /** Features exactly at their class means: Σ_W = 0, so NC1 = 0 (reference: ≤ 1e-15). */
  @Test
  void collapsedFeaturesHaveNc1Zero() {
    assertEquals(0.0, etf(0.0, 50, 1), 1e-15);
  }

  /**
   * Isotropic noise around ETF means: Σ_B = P/(K−1) on the means' (K−1)-dim span, so the
   * population NC1 = σ²(K−1)²/K = 0.0225 at σ = 0.1, K = 4 (wave2.md §4.3, derived). With
   * 20,000 samples the sample value is within 2% (its relative spread is about √(2/(3N)) < 1%).
   */
  @Test
  void isotropicNoiseMatchesThePopulationValue() {
    assertEquals(0.0225, etf(0.1, 5000, 7), 0.0225 * 0.02);
    assertEquals(0.5625, etf(0.5, 5000, 8), 0.5625 * 0.02);
  }

  /**
   * h[r, j] = sin(1 + 0.7r + 0.3j²) + class(j), D = 5, N = 11, classes of sizes 4, 3, 4: numpy
   * gives 1.8580422027007615 ({@code neural_collapse.py}, "formula").
   */
  @Test
  void unbalancedClassesMatchNumpy() {
    int dim = 5;
    int[] classes = {0, 1, 2, 0, 0, 1, 2, 2, 2, 1, 0};
    int n = classes.length;
    double[] h = new double[dim * n];
    for (int r = 0; r < dim; r++) {
      for (int j = 0; j < n; j++) h[r * n + j] = Math.sin(1 + 0.7 * r + 0.3 * j * j) + classes[j];
    }
    assertEquals(1.8580422027007615, NeuralCollapse.nc1(h, dim, classes), 1e-12);
  }

  /**
   * Through a train of every kind: f = W2 @ tanh(W1 @ x) + b with one-hot labels, NC1 of the
   * features tanh(W1 x) at θ(0) is what numpy gives ({@code neural_collapse.py}, "model":
   * 18.280344818376445); b and W2 do not enter it.
   */
  @Test
  void everyTrainRecordsNc1OfThePenultimateFeatures() throws TrainingFailure {
    GraphBuilder g = new GraphBuilder();
    int in = g.input(2, 6);
    int w1 = g.param(0, 4, 2);
    int w2 = g.param(1, 3, 4);
    int b = g.param(2, 3, 1);
    int f = g.binary(Op.BinaryFn.ADD, g.matmul(w2, g.unary(Op.UnaryFn.TANH, g.matmul(w1, in))), b);
    ModelSpec model = new ModelSpec("net", 2, 3,
        List.of(new ParamSpec("W1", 4, 2, new ParamSpec.Distribution.Constant(0)),
            new ParamSpec("W2", 3, 4, new ParamSpec.Distribution.Constant(0)),
            new ParamSpec("b", 3, 1, new ParamSpec.Distribution.Constant(0))),
        g.build(f), Optional.empty(), false);
    double[] x = new double[12];
    for (int j = 0; j < 6; j++) {
      x[j] = Math.cos(1.3 * j) * (1 + j % 3);
      x[6 + j] = Math.sin(0.9 * j + 0.5);
    }
    double[] w1v = new double[8];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 2; k++) w1v[i * 2 + k] = 0.1 * (i + 1) - 0.05 * k * i + 0.2 * k;
    }
    double[] w2v = new double[12];
    for (int i = 0; i < 12; i++) w2v[i] = 0.3 * Math.cos(i);
    double[] y = new double[18];
    int[] label = {0, 1, 2, 0, 1, 2};
    for (int j = 0; j < 6; j++) y[label[j] * 6 + j] = 1.0;
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 6, x), new Matrix(3, 6, y)));
    Parameters theta0 = new Parameters(List.of(new Matrix(4, 2, w1v), new Matrix(3, 4, w2v),
        new Matrix(3, 1, new double[] {0.5, -1, 2})));
    for (Dynamics dyn : List.of(new Dynamics.GradientDescent(0.1, 3),
        new Dynamics.Sgd(0.1, 3, 2, 5), new Dynamics.GradientFlow(0.3, 1e-8, 1e-12, 10_000))) {
      TrainStep step = new TrainStep(2, "run", Origin.none(), 1, 0, TrainStep.Loss.CROSS_ENTROPY,
          dyn, List.of(0.0, 0.3), List.of(Observable.NC1), Optional.empty());
      double[][] nc1 = Trainer.train(step, model, theta0, data).series().get(Observable.NC1);
      assertEquals(18.280344818376445, nc1[0][0], 1e-9, dyn.toString());
      // Training moves W1, so the features and NC1 change along the grid.
      assertEquals(2, nc1.length, dyn.toString());
      org.junit.jupiter.api.Assertions.assertNotEquals(nc1[0][0], nc1[1][0], dyn.toString());
    }
  }
}
