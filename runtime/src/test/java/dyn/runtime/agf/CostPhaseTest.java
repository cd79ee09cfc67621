package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.PredictStep.CostSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every cost-phase minimiser on problems with known minima: an ill-conditioned quadratic
 * ½Σ λ_k (θ_k − m_k)² (condition number 1e3, minimum m, level 0) with one entry held fixed, and
 * the budget and tolerance contract (stop at the budget, report the gradient norm reached).
 */
class CostPhaseTest {
  private static final double[] LAMBDA = {1000, 100, 10, 1, 0.5};
  private static final double[] MIN = {1, -2, 3, -4, 5};

  /** L = ½Σ λ_k (θ_k − m_k)², residual r_k = √λ_k (m_k − θ_k) so L = ½‖r‖². */
  private static double quadratic(double[] th, double[] grad, double[] res) {
    double l = 0;
    for (int k = 0; k < th.length; k++) {
      double d = th[k] - MIN[k];
      l += 0.5 * LAMBDA[k] * d * d;
      grad[k] = LAMBDA[k] * d;
      res[k] = -Math.sqrt(LAMBDA[k]) * d;
    }
    return l;
  }

  @ParameterizedTest
  @EnumSource(CostSolver.class)
  void reachesTheMinimumOfTheFreeEntries(CostSolver solver) {
    boolean[] free = {true, true, true, true, false};
    double[] theta = {0, 0, 0, 0, 7};
    double[] res = new double[5];
    CostPhase.Outcome o = new CostPhase(CostPhaseTest::quadratic, free, 5)
        .minimise(solver, theta, res, 1e-9, 100_000);
    for (int k = 0; k < 4; k++) assertEquals(MIN[k], theta[k], 1e-8, solver + " entry " + k);
    assertEquals(7, theta[4], 0.0, "a held entry never moves");
    assertEquals(0.5 * 0.5 * 4, o.level(), 1e-12, "only the held entry's term remains");
    assertTrue(o.gradientNorm() <= 1e-9, solver + " stopped at " + o.gradientNorm());
    assertEquals(-Math.sqrt(0.5) * 2, res[4], 1e-12, "residual belongs to the final θ");
  }

  @Test
  void acceleratedSolversNeedFewerIterationsThanGradientDescentOnIllConditionedProblems() {
    int[] its = new int[3];
    for (CostSolver s : CostSolver.values()) {
      double[] theta = new double[5];
      its[s.ordinal()] = new CostPhase(CostPhaseTest::quadratic, new boolean[] {true, true, true,
          true, true}, 5).minimise(s, theta, new double[5], 1e-10, 100_000).iterations();
    }
    assertTrue(its[1] < its[0], "momentum " + its[1] + " vs gd " + its[0]);
    assertTrue(its[2] < its[0], "lbfgs " + its[2] + " vs gd " + its[0]);
  }

  /**
   * Gradient descent on an objective whose loss comes without its gradient takes the very same
   * steps (the line search decides on the loss alone), and computes the gradient only for the
   * trials it accepts: fewer gradients than losses whenever a step was rejected.
   */
  @Test
  void gradientDescentAsksForGradientsOnlyAtAcceptedSteps() {
    int[] gradients = {0};
    double[] last = new double[5];
    CostPhase.SplitObjective lazy = new CostPhase.SplitObjective() {
      @Override
      public double loss(double[] th, double[] grad, double[] res) {
        return quadratic(th, grad, res);
      }

      @Override
      public double value(double[] th) {
        System.arraycopy(th, 0, last, 0, 5);
        return quadratic(th, new double[5], new double[5]);
      }

      @Override
      public void gradientOfLast(double[] grad) {
        gradients[0]++;
        quadratic(last, grad, new double[5]);
      }
    };
    boolean[] free = {true, true, true, true, true};
    double[] plain = new double[5];
    double[] split = new double[5];
    CostPhase.Outcome a = new CostPhase(CostPhaseTest::quadratic, free, 5)
        .minimise(CostSolver.GD, plain, new double[5], 1e-6, 100_000);
    CostPhase.Outcome b = new CostPhase(lazy, free, 5)
        .minimise(CostSolver.GD, split, new double[5], 1e-6, 100_000);
    assertEquals(a.iterations(), b.iterations());
    assertEquals(a.evaluations(), b.evaluations(), "the same losses");
    for (int k = 0; k < 5; k++) assertEquals(plain[k], split[k], 0.0, "entry " + k);
    // One gradient per accepted step, plus the start (through loss()).
    assertEquals(b.iterations(), gradients[0]);
    assertTrue(b.evaluations() > b.iterations() + 1, "some trials were rejected: " + b.evaluations()
        + " losses for " + b.iterations() + " steps");
  }

  @Test
  void stopsAtTheBudgetAndSaysHowFarItGot() {
    double[] theta = new double[5];
    CostPhase.Outcome o = new CostPhase(CostPhaseTest::quadratic, new boolean[] {true, true, true,
        true, true}, 5).minimise(CostSolver.GD, theta, new double[5], 0, 3);
    assertEquals(3, o.iterations());
    assertTrue(o.gradientNorm() > 1e-3, "three steps cannot fit a condition number of 2000");
  }
}
