package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.Studies;
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

  private static double worstRelative(double alpha) throws AgfFailure, TrainingFailure {
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 100, 21));
    ModelSpec model = Studies.diagonal(3);
    Parameters theta0 = AgfClosedFormTest.diagonalInit(alpha, alpha, 3);
    AgfResult agf = AgfSolver.solve(model, theta0, data, AgfSettings.defaults());
    double[] tau = agf.jumpTimes();
    assertEquals(3, tau.length);
    double until = 1.2 * tau[2] + 1;
    int intervals = (int) Math.ceil(until / 0.005);
    List<Double> grid = Studies.linearGrid(until, intervals);
    TrainStep step = Studies.train(new Dynamics.GradientFlow(until, 1e-9, 1e-14, 400_000), grid,
        Observable.LOSS);
    Trajectory tr = Trainer.train(step, model, theta0, data);
    double[] times = tr.times().stream().mapToDouble(Double::doubleValue).toArray();
    double[][] series = tr.series().get(Observable.LOSS);
    double[] loss = new double[series.length];
    for (int g = 0; g < loss.length; g++) loss[g] = series[g][0];
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
