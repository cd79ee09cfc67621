package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.plan.Update;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's steps equal an independent numpy implementation of the same rule (PyTorch
 * conventions), run on softmax cross-entropy for f = W x, W 3×2, three samples. The expected
 * θ come from {@code src/test/resources/optimizer_steps.py} (numpy 2.x, printed with 17 digits).
 */
class OptimizerTest {
  private static final double[] X = {1.0, -0.5, 2.0, 0.5, 1.5, -1.0};
  private static final double[] W0 = {0.2, -0.3, 0.1, 0.4, -0.5, 0.25};
  private static final Update.Schedule CONSTANT = new Update.Schedule(Update.Schedule.Kind.CONSTANT, 0);

  private static double[] run(Update update, double lr, long steps, int batch)
      throws TrainingFailure {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(2, 1);
    int w = g.param(0, 3, 2);
    ModelSpec model = new ModelSpec("linear", 2, 3,
        List.of(new ParamSpec("W", 3, 2, new ParamSpec.Distribution.Normal(0, 0.5))),
        g.build(g.matmul(w, x)), Optional.empty(), true);
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 3, X.clone()), new Matrix(1, 3, new double[] {0, 2, 1})));
    Dynamics dyn = batch == 0 ? new Dynamics.GradientDescent(lr, steps, update)
        : new Dynamics.Sgd(lr, steps, batch, 7, update);
    TrainStep step = new TrainStep(2, "run", Origin.none(), 1, 0, TrainStep.Loss.CROSS_ENTROPY,
        dyn, List.of(0.0), List.of(Observable.LOSS), Optional.empty());
    Trajectory tr = Trainer.train(step, model,
        new Parameters(List.of(new Matrix(3, 2, W0.clone()))), data);
    return FlatParams.flatten(tr.finalParams());
  }

  /** run('momentum', 0.5, 3, wd=0.1, beta=0.9): heavy ball with coupled weight decay. */
  @Test
  void momentumWithWeightDecay() throws TrainingFailure {
    double[] got = run(new Update(new Update.Optimizer.Momentum(0.9), 0.1, CONSTANT), 0.5, 3, 0);
    assertArrayEquals(new double[] {-0.04558004365552543, 0.2852218660827257, 0.7926909053425388,
        -0.8056197727892437, -0.8933858616870132, 0.7763791567065181}, got, 1e-13);
  }

  /** run('adam', 0.1, 4, warm=2, kind='cosine'): lr factors 0.5, 1, 1, 0.5. */
  @Test
  void adamWithWarmUpAndCosine() throws TrainingFailure {
    Update u = new Update(new Update.Optimizer.Adam(0.9, 0.999, 1e-8, false, List.of(1.0)), 0,
        new Update.Schedule(Update.Schedule.Kind.COSINE, 2));
    assertArrayEquals(new double[] {-0.06990502788332886, -0.0047940713657145,
        0.39027775442316726, 0.10380715932317933, -0.7977714146222022, 0.5470051566826785},
        run(u, 0.1, 4, 0), 1e-13);
  }

  /** run('adamw', 0.1, 3, wd=0.5, b2=0.98): decoupled decay θ ← θ − lr·(m̂/(√v̂+ε) + wd·θ). */
  @Test
  void adamwDecouplesTheDecay() throws TrainingFailure {
    Update u = new Update(new Update.Optimizer.Adam(0.9, 0.98, 1e-8, true, List.of(1.0)), 0.5,
        CONSTANT);
    assertArrayEquals(new double[] {-0.07921530020799315, 0.0229781068916575, 0.3624831836947544,
        0.06091616274069658, -0.7128050157528418, 0.49767416111837876}, run(u, 0.1, 3, 0), 1e-13);
  }

  /**
   * run('sgd', 0.5, 4, wd=0.1, warm=1, kind='cosine'), as minibatch SGD with the full batch (so
   * the draw order does not matter): the optimizer mechanism is the same for both loops.
   */
  @Test
  void sgdWithWeightDecayAndScheduleGoesThroughTheSameMechanism() throws TrainingFailure {
    Update u = new Update(new Update.Optimizer.Plain(), 0.1,
        new Update.Schedule(Update.Schedule.Kind.COSINE, 1));
    double[] want = {0.09193442223377571, -0.0056331570126617, 0.43536832016113913,
        -0.20599545015607273, -0.6988623517699147, 0.5118579235749845};
    assertArrayEquals(want, run(u, 0.5, 4, 0), 1e-13);
    assertArrayEquals(want, run(u, 0.5, 4, 3), 1e-13);
  }

  @Test
  void scheduleFactors() {
    Update.Schedule s = new Update.Schedule(Update.Schedule.Kind.COSINE, 2);
    assertEquals(0.5, s.factor(0, 4), 0);
    assertEquals(1.0, s.factor(1, 4), 0);
    assertEquals(1.0, s.factor(2, 4), 0);
    assertEquals(0.5, s.factor(3, 4), 1e-15);
    assertEquals(1.0, new Update.Schedule(Update.Schedule.Kind.CONSTANT, 0).factor(9, 10), 0);
  }
}
