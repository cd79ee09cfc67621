package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.Studies;
import dyn.runtime.analysis.Detected;
import dyn.runtime.analysis.Staircase;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.Trainer;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AGF against gradient flow from the same θ(0) on the whitened diagonal network, measured with the
 * C0.5 protocol (first t with L below the arithmetic midpoint of AGF's consecutive levels, linear
 * interpolation in t).
 */
class AgfVersusFlowTest {
  private static final double[] BETA = {3, 1.5, 0.75};

  /**
   * The exact GF crossing of the loss midpoint for coordinate β from u = v = α: the loss drops by
   * ½β² over the step, so the midpoint is (β − p)² = β²/2, p = β(1 − 1/√2), and the logistic
   * p(t) = β/(1 + (β/α² − 1)e^{−2βt}) reaches it at t = [ln(√2 − 1) + ln(β/α² − 1)]/(2β).
   */
  static double exactMidpoint(double beta, double alpha) {
    return (Math.log(Math.sqrt(2) - 1) + Math.log(beta / (alpha * alpha) - 1)) / (2 * beta);
  }

  /** {times, loss} of gradient flow on a grid of spacing 0.005 up to {@code until}. */
  private static double[][] flowLoss(ModelSpec model, Parameters theta0, Dataset data,
      double until) throws TrainingFailure {
    int intervals = (int) Math.ceil(until / 0.005);
    List<Double> grid = Studies.linearGrid(until, intervals);
    TrainStep step = Studies.train(new Dynamics.GradientFlow(until, 1e-9, 1e-14, 400_000), grid,
        Observable.LOSS);
    Trajectory tr = Trainer.train(step, model, theta0, data);
    double[] times = tr.times().stream().mapToDouble(Double::doubleValue).toArray();
    double[][] series = tr.series().get(Observable.LOSS);
    double[] loss = new double[series.length];
    for (int g = 0; g < loss.length; g++) loss[g] = series[g][0];
    return new double[][] {times, loss};
  }

  @Test
  void detectorFindsAgfLevelsOnTheFlowCurve() throws AgfFailure, TrainingFailure {
    double alpha = 1e-4;
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 100, 22));
    ModelSpec model = Studies.diagonal(3);
    Parameters theta0 = AgfClosedFormTest.diagonalInit(alpha, alpha, 3);
    double[][] curve = flowLoss(model, theta0, data, 25);
    // At α = 1e-4 the third plateau is short: its flattest point has |d ln L/d ln t| ≈ 0.06
    // (from the logistic), so the slope tolerance is 0.1 rather than the default 0.05.
    Detected d = Staircase.detect(curve[0], curve[1], 0.1, 1e-9 * curve[1][0], 3, 0.05,
        Staircase.Axis.LINEAR);
    double[] expected = {5.90625, 1.40625, 0.28125, 0};
    assertEquals(expected.length, d.levels().length, "plateaus " + java.util.Arrays.toString(d.levels()));
    for (int k = 0; k < expected.length; k++) {
      // Plateau medians sit slightly above ℓ_k: the next coordinate is already growing.
      assertEquals(expected[k], d.levels()[k], 0.01 * expected[0], "level " + k);
    }
    for (int k = 0; k < 3; k++) {
      double exact = exactMidpoint(BETA[k], alpha);
      assertEquals(exact, d.jumpTimes()[k], 0.02 * exact, "jump " + k);
    }
  }

  private static double worstRelative(double alpha) throws AgfFailure, TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 100, 21));
    ModelSpec model = Studies.diagonal(3);
    Parameters theta0 = AgfClosedFormTest.diagonalInit(alpha, alpha, 3);
    AgfResult agf = AgfSolver.solve(model, theta0, data, AgfSettings.defaults());
    double[] tau = agf.jumpTimes();
    assertEquals(3, tau.length);
    double[][] curve = flowLoss(model, theta0, data, 1.2 * tau[2] + 1);
    double[] times = curve[0];
    double[] loss = curve[1];
    double[] measured = Staircase.jumpTimes(times, loss, agf.levels(), Staircase.Axis.LINEAR);
    double worst = 0;
    for (int k = 0; k < 3; k++) {
      // The measurement itself, against the logistic (other coordinates barely move meanwhile).
      double exact = exactMidpoint(BETA[k], alpha);
      assertEquals(exact, measured[k], 0.01 * exact, "GF midpoint " + k + " at α " + alpha);
      double rel = (measured[k] - tau[k]) / tau[k];
      assertTrue(Math.abs(rel) <= 1 / Math.log(1 / alpha),
          "jump " + k + " at α " + alpha + ": GF " + measured[k] + " AGF " + tau[k]);
      worst = Math.max(worst, Math.abs(rel));
      if (alpha <= 1e-6) {
        // The absolute gap tends to [ln(√2 − 1) + ln 2β]/(2β), independent of α.
        double gap = (Math.log(Math.sqrt(2) - 1) + Math.log(2 * BETA[k])) / (2 * BETA[k]);
        assertEquals(gap, measured[k] - tau[k], 0.01, "gap of jump " + k);
      }
    }
    return worst;
  }

  @Test
  void agfApproachesFlowAsInitShrinks() throws AgfFailure, TrainingFailure {
    double e2 = worstRelative(1e-2);
    double e4 = worstRelative(1e-4);
    double e6 = worstRelative(1e-6);
    assertTrue(e4 < e2 && e6 < e4, "errors " + e2 + ", " + e4 + ", " + e6);
    // O(1/ln(1/α)): halving-ish per doubling of ln(1/α).
    assertTrue(e6 < 0.75 * e4 && e4 < 0.75 * e2, "errors " + e2 + ", " + e4 + ", " + e6);
    System.out.printf("AGF vs GF worst relative error: α=1e-2 %.4f, 1e-4 %.4f, 1e-6 %.4f%n",
        e2, e4, e6);
  }
}
