package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sharpness against the dense Hessian's top eigenvalue, for f = W x (W 3×2, three samples),
 * where the Hessian has a closed form. Expected values by numpy (eigvalsh of the dense matrix):
 * <ul>
 *   <li>MSE: ∇²L = (X Xᵀ/n) ⊗ I_3, so λ_max = λ_max(X Xᵀ/3) = 2.2630503298261653;
 *   <li>cross-entropy, labels (0, 2, 1): ∇²L = (1/n) Σ_μ (diag p_μ − p_μ p_μᵀ) ⊗ x_μ x_μᵀ at W0,
 *       p_μ = softmax(W0 x_μ): λ_max = 0.7954667003256525.
 * </ul>
 */
class SharpnessTest {
  private static final double[] X = {1.0, -0.5, 2.0, 0.5, 1.5, -1.0};
  private static final double[] W0 = {0.2, -0.3, 0.1, 0.4, -0.5, 0.25};

  private static ModelSpec linear() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(2, 1);
    int w = g.param(0, 3, 2);
    return new ModelSpec("linear", 2, 3,
        List.of(new ParamSpec("W", 3, 2, new ParamSpec.Distribution.Normal(0, 0.5))),
        g.build(g.matmul(w, x)), Optional.empty(), true);
  }

  @Test
  void mseMatchesTheDenseHessian() {
    double[] y = {1, 0, -1, 0.5, 2, 0, 0, 0, 1};
    Objective o = new Objective(linear(), X, y, 3, ProgramFactory.CPU, false,
        TrainStep.Loss.MSE, 3);
    double s = new Sharpness(o, 6).top(W0.clone());
    assertEquals(2.2630503298261653, s, 1e-6 * 2.26);
  }

  @Test
  void crossEntropyMatchesTheDenseHessian() {
    Objective o = new Objective(linear(), X, new double[] {0, 2, 1}, 3, ProgramFactory.CPU, false,
        TrainStep.Loss.CROSS_ENTROPY, 1);
    double[] theta = W0.clone();
    double s = new Sharpness(o, 6).top(theta);
    assertEquals(0.7954667003256525, s, 1e-6 * 0.795);
    assertEquals(W0[3], theta[3], 0.0, "θ must be left unchanged");
  }

  /** Recorded on a train's grid like any other observable. */
  @Test
  void isRecordedAlongATraining() throws TrainingFailure {
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(1, 3, new double[] {0, 2, 1})));
    TrainStep step = new TrainStep(2, "run", Origin.none(), 1, 0, TrainStep.Loss.CROSS_ENTROPY,
        new Dynamics.GradientDescent(0.5, 4), List.of(0.0, 2.0), List.of(Observable.SHARPNESS),
        Optional.empty());
    Trajectory tr = Trainer.train(step, linear(),
        new Parameters(List.of(new Matrix(3, 2, W0.clone()))), data);
    double[][] s = tr.series().get(Observable.SHARPNESS);
    assertEquals(0.7954667003256525, s[0][0], 1e-6);
    assertTrue(s[1][0] > 0 && s[1][0] != s[0][0], "sharpness after 4 steps: " + s[1][0]);
  }
}
