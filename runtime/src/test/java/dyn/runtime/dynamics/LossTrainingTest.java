package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.runtime.GraphBuilder;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A training's loss, gradient step and accuracy follow the step's chosen loss. */
class LossTrainingTest {
  /** f = W x with W 3×2: three classes, two input dimensions. */
  private static ModelSpec linear3x2() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(2, 1);
    int w = g.param(0, 3, 2);
    return new ModelSpec("linear", 2, 3,
        List.of(new ParamSpec("W", 3, 2, new ParamSpec.Distribution.Normal(0, 0.5))),
        g.build(g.matmul(w, x)), Optional.empty(), true);
  }

  private static final double[] X = {1.0, -0.5, 2.0, 0.5, 1.5, -1.0};
  private static final double[] W0 = {0.2, -0.3, 0.1, 0.4, -0.5, 0.25};

  private static TrainStep step(TrainStep.Loss loss, Dynamics dyn, List<Double> grid,
      Observable... obs) {
    return new TrainStep(2, "run", Origin.none(), 1, 0, loss, dyn, grid, List.of(obs),
        Optional.empty());
  }

  /**
   * One GD step of lr 0.5 on softmax cross-entropy, expected values by numpy:
   * Z = W@X; lse = logsumexp(Z, 0); L = mean(lse − Z[lab, range(3)]);
   * W1 = W − 0.5·((softmax(Z) − onehot(lab))/3 @ X.T), with labels (0, 2, 1):
   * L = 1.0733693717246513, W1 as below; accuracy 1/3 before the step and 2/3 after.
   */
  @Test
  void gradientDescentOnCrossEntropyTakesTheNumpyStep() throws TrainingFailure {
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(1, 3, new double[] {0, 2, 1})));
    Trajectory tr = Trainer.train(step(TrainStep.Loss.CROSS_ENTROPY,
        new Dynamics.GradientDescent(0.5, 1), List.of(0.0, 0.5), Observable.LOSS,
        Observable.ACCURACY), linear3x2(), new Parameters(List.of(new Matrix(3, 2, W0.clone()))),
        data);
    assertEquals(1.0733693717246513, tr.series().get(Observable.LOSS)[0][0], 1e-14);
    assertArrayEquals(new double[] {0.10622692957034315, -0.1719448337786446, 0.30755585364308996,
        0.13695860261994963, -0.6137827832134329, 0.38498623115869507},
        FlatParams.flatten(tr.finalParams()), 1e-14);
    assertEquals(1.0 / 3, tr.series().get(Observable.ACCURACY)[0][0], 0.0);
    assertEquals(2.0 / 3, tr.series().get(Observable.ACCURACY)[1][0], 0.0);
  }

  /** The same data as one-hot columns: the same trajectory. */
  @Test
  void oneHotLabelsTrainLikeIndexLabels() throws TrainingFailure {
    double[] oneHot = {1, 0, 0, 0, 0, 1, 0, 1, 0};
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(3, 3, oneHot)));
    Trajectory tr = Trainer.train(step(TrainStep.Loss.CROSS_ENTROPY,
        new Dynamics.GradientDescent(0.5, 1), List.of(0.0, 0.5), Observable.LOSS),
        linear3x2(), new Parameters(List.of(new Matrix(3, 2, W0.clone()))), data);
    assertEquals(1.0733693717246513, tr.series().get(Observable.LOSS)[0][0], 1e-14);
    assertEquals(0.10622692957034315, FlatParams.flatten(tr.finalParams())[0], 1e-14);
  }

  /** Gradient flow on cross-entropy lowers the loss (it is the same ODE with another ∇L). */
  @Test
  void gradientFlowFollowsTheChosenLoss() throws TrainingFailure {
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(1, 3, new double[] {0, 2, 1})));
    Trajectory tr = Trainer.train(step(TrainStep.Loss.CROSS_ENTROPY,
        new Dynamics.GradientFlow(5, 1e-9, 1e-12, 100000), List.of(0.0, 5.0), Observable.LOSS),
        linear3x2(), new Parameters(List.of(new Matrix(3, 2, W0.clone()))), data);
    double[][] loss = tr.series().get(Observable.LOSS);
    assertEquals(1.0733693717246513, loss[0][0], 1e-14);
    assertTrue(loss[1][0] < 0.5 * loss[0][0], "CE did not fall: " + loss[1][0]);
  }

  @Test
  void aClassIndexBeyondTheOutputsStopsBeforeTraining() {
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(1, 3, new double[] {0, 3, 1})));
    TrainingFailure f = assertThrows(TrainingFailure.class, () -> Trainer.train(
        step(TrainStep.Loss.CROSS_ENTROPY, new Dynamics.GradientDescent(0.5, 1),
            List.of(0.0), Observable.LOSS),
        linear3x2(), new Parameters(List.of(new Matrix(3, 2, W0.clone()))), data));
    assertEquals("labels do not fit loss `cross_entropy`: y[0, 1] = 3 is not a class index 0 … 2"
        + " (the model has 3 outputs)", f.getMessage());
  }
}
