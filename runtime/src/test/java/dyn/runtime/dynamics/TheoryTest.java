package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.Studies;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exactly solvable dynamics of science/README.md §1, asserted against their closed forms.
 * These fail if the gradients, the integrator, the dense output or the data ops are wrong.
 */
class TheoryTest {
  private static final double[] S = {5, 3, 2, 1};

  /** Saxe et al.: u_α(t) = s e^{2st} / (e^{2st} − 1 + s/u0), L = ½ Σ (s − u)². */
  static double saxeLoss(double[] s, double u0, double t) {
    double l = 0.0;
    for (double sa : s) {
      double e = Math.exp(2 * sa * t);
      double u = sa * e / (e - 1 + sa / u0);
      l += 0.5 * (sa - u) * (sa - u);
    }
    return l;
  }

  @Test
  void alignedTwoLayerFlowMatchesClosedFormLoss() throws TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 200, S, 0, 1));
    ModelSpec model = Studies.twoLayerLinear(6, 6, 6);
    double scale = 1e-3;
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, scale, 3, InitSpec.Kind.ALIGNED), data);
    List<Double> grid = Studies.logGrid(0.01, 10, 80);
    TrainStep step = Studies.train(
        new Dynamics.GradientFlow(10, 1e-10, 1e-14, 200_000), grid, Observable.LOSS);
    Trajectory tr = Trainer.train(step, model, theta0, data);
    double[][] loss = tr.series().get(Observable.LOSS);
    assertEquals(grid.size(), loss.length);
    double worst = 0;
    for (int g = 0; g < grid.size(); g++) {
      double expected = saxeLoss(S, scale * scale, grid.get(g));
      worst = Math.max(worst, Math.abs(loss[g][0] - expected) / expected);
    }
    assertTrue(worst < 0.01, "max relative loss error " + worst);
    // A plateau of length ~ln(1/u0)/(2s) must be crossed in few, large steps.
    assertTrue(tr.stats().steps() < 5000, "steps " + tr.stats().steps());
  }

  @Test
  void randomInitLearnsModesInDecreasingOrder() throws TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 200, S, 0, 2));
    ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
    double alpha = 1e-4;
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, alpha, 5, InitSpec.Kind.DECLARED), null);
    List<Double> grid = Studies.linearGrid(14, 1400);
    TrainStep step = Studies.train(new Dynamics.GradientFlow(14, 1e-8, 1e-14, 200_000), grid,
        Observable.LOSS, Observable.SINGULAR_VALUES);
    Trajectory tr = Trainer.train(step, model, theta0, data);
    double[][] sv = tr.series().get(Observable.SINGULAR_VALUES);
    double[][] loss = tr.series().get(Observable.LOSS);
    double[] crossing = new double[S.length];
    for (int a = 0; a < S.length; a++) {
      crossing[a] = Double.NaN;
      for (int g = 1; g < grid.size(); g++) {
        double prev = sv[g - 1][a] - S[a] / 2;
        double cur = sv[g][a] - S[a] / 2;
        if (prev < 0 && cur >= 0) {
          crossing[a] = grid.get(g - 1) + (grid.get(g) - grid.get(g - 1)) * (-prev) / (cur - prev);
          break;
        }
      }
      assertTrue(Double.isFinite(crossing[a]), "mode " + a + " never learned");
      double predicted = Math.log(S[a] / (alpha * alpha)) / (2 * S[a]);
      assertEquals(predicted, crossing[a], 0.25 * predicted, "crossing time of mode " + a);
      if (a > 0) assertTrue(crossing[a] > crossing[a - 1], "modes out of order");
    }
    // Staircase: between consecutive crossings the loss sits on ½ Σ_{β > α} s_β².
    for (int a = 0; a + 1 < S.length; a++) {
      double mid = Math.sqrt(crossing[a] * crossing[a + 1]);
      int g = (int) Math.round(mid / 0.01);
      double plateau = 0;
      for (int b = a + 1; b < S.length; b++) plateau += 0.5 * S[b] * S[b];
      assertEquals(plateau, loss[g][0], 0.15 * plateau, "plateau after mode " + a);
    }
  }

  @Test
  void diagonalNetworkJumpTimesMatchLogistic() throws TrainingFailure {
    double[] beta = {3, 1.5, 0.75, 0, 0};
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(beta, 100, 7));
    ModelSpec model = Studies.diagonal(beta.length);
    double alpha = 1e-3;
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, alpha, 0, InitSpec.Kind.DECLARED), null);
    List<Double> grid = Studies.linearGrid(11, 4400);
    TrainStep step = Studies.train(new Dynamics.GradientFlow(11, 1e-7, 1e-13, 200_000), grid,
        Observable.NEURON_NORMS, Observable.LOSS);
    Trajectory tr = Trainer.train(step, model, theta0, data);
    double[][] norms = tr.series().get(Observable.NEURON_NORMS);
    assertTrue(tr.stats().steps() < 400, "steps " + tr.stats().steps());
    for (int i = 0; i < 3; i++) {
      double half = beta[i] / 2;
      double crossing = Double.NaN;
      for (int g = 1; g < grid.size(); g++) {
        // With u = v, ‖θ_i‖² = u² + v² = 2 u v.
        double prev = norms[g - 1][i] * norms[g - 1][i] / 2 - half;
        double cur = norms[g][i] * norms[g][i] / 2 - half;
        if (prev < 0 && cur >= 0) {
          crossing = grid.get(g - 1) + (grid.get(g) - grid.get(g - 1)) * (-prev) / (cur - prev);
          break;
        }
      }
      double predicted = Math.log(beta[i] / (alpha * alpha) - 1) / (2 * beta[i]);
      assertEquals(predicted, crossing, 1e-3 * predicted, "jump time of coordinate " + i);
      // The whole logistic, at every grid time (most fall inside steps: the dense output).
      double worst = 0;
      for (int g = 0; g < grid.size(); g++) {
        double t = grid.get(g);
        double p = beta[i] / (1 + (beta[i] / (alpha * alpha) - 1) * Math.exp(-2 * beta[i] * t));
        double measured = norms[g][i] * norms[g][i] / 2;
        worst = Math.max(worst, Math.abs(measured - p) / p);
      }
      assertTrue(worst < 1e-4, "product " + i + " off the logistic by " + worst);
    }
  }

  /** max over the grid of |L_gd − L_gf| / L_gf. */
  private static double maxRelDiff(double[][] a, double[][] b) {
    double worst = 0;
    for (int g = 0; g < Math.min(a.length, b.length); g++) {
      worst = Math.max(worst, Math.abs(a[g][0] - b[g][0]) / b[g][0]);
    }
    return worst;
  }

  @Test
  void gradientDescentConvergesToFlowAsLrShrinks() throws TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 200, S, 0, 3));
    ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
    ModelStep ms = Studies.modelStep(model, 0.1, 9, InitSpec.Kind.DECLARED);
    Parameters theta0 = Initializer.draw(ms, null);
    List<Double> grid = Studies.linearGrid(4, 100);
    Trajectory gf = Trainer.train(
        Studies.train(new Dynamics.GradientFlow(4, 1e-10, 1e-14, 100_000), grid, Observable.LOSS),
        model, theta0, data);
    double previous = Double.NaN;
    for (double lr : new double[] {0.004, 0.002, 0.001}) {
      long steps = Math.round(4 / lr);
      Trajectory gd = Trainer.train(
          Studies.train(new Dynamics.GradientDescent(lr, steps), grid, Observable.LOSS),
          model, theta0, data);
      assertEquals(grid.size(), gd.times().size());
      double diff = maxRelDiff(gd.series().get(Observable.LOSS), gf.series().get(Observable.LOSS));
      if (!Double.isNaN(previous)) {
        double ratio = diff / previous;
        assertTrue(ratio > 0.35 && ratio < 0.65, "first-order convergence, ratio " + ratio);
      }
      previous = diff;
    }
    assertTrue(previous < 0.05, "GD at lr 0.001 is off by " + previous);
  }

  @Test
  void tooLargeLearningRateDiverges() {
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 200, S, 0, 4));
    ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, 0.5, 1, InitSpec.Kind.DECLARED), null);
    TrainStep step = Studies.train(new Dynamics.GradientDescent(1.0, 200),
        Studies.linearGrid(200, 10), Observable.LOSS);
    TrainingFailure f = assertThrows(TrainingFailure.class,
        () -> Trainer.train(step, model, theta0, data));
    assertTrue(f.getMessage().contains("diverged"), f.getMessage());
    assertTrue(f.hint().contains("lower the learning rate"), f.hint());
  }
}
