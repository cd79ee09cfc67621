package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A batch of gradient-descent runs gives each run the trajectory it has alone, bit for bit (the
 * reference is {@link Trainer#train} on the run by itself, the per-point path of a sweep), and a
 * run that diverges changes nothing for the others. The model is eta_gamma's, f = W2 W1 x / γ,
 * with per-run γ (a graph constant), learning rate, step count and record grid.
 */
class BatchedDescentTest {
  private static final double[] X = {1.0, -0.5, 2.0, 0.5, 1.5, -1.0, 0.3, 0.7, -1.2, 0.4, 0.9, -0.8};
  private static final double[] Y = {0.7, -0.2, 1.1, 0.4};

  private static BatchedDescent.Train train(double gamma, double lr, long steps, List<Double> times) {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 4);
    int w1 = g.param(0, 5, 3);
    int w2 = g.param(1, 1, 5);
    int f = g.binary(Op.BinaryFn.DIV, g.matmul(g.matmul(w2, w1), x), g.constant(1, 1, gamma));
    ModelSpec model = new ModelSpec("scaled_linear", 3, 1,
        List.of(new ParamSpec("W1", 5, 3, new ParamSpec.Distribution.Normal(0, 1.0 / 3)),
            new ParamSpec("W2", 1, 5, new ParamSpec.Distribution.Normal(0, 0.2))),
        g.build(f), Optional.empty(), true);
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(3, 4, X.clone()), new Matrix(1, 4, Y.clone())));
    double[] w1v = new double[15];
    double[] w2v = new double[5];
    for (int i = 0; i < 15; i++) w1v[i] = Math.sin(1.7 * i + 0.3) / Math.sqrt(3);
    for (int i = 0; i < 5; i++) w2v[i] = 0.2 * Math.cos(2.3 * i);
    Parameters theta0 = new Parameters(List.of(new Matrix(5, 3, w1v), new Matrix(1, 5, w2v)));
    TrainStep step = new TrainStep(2, "gd", Origin.none(), 1, 0, TrainStep.Loss.MSE,
        new Dynamics.GradientDescent(lr, steps), times, List.of(Observable.LOSS, Observable.PARAM_NORM));
    return new BatchedDescent.Train(step, model, theta0, data);
  }

  private static List<Double> linear(double until, int count) {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < count; i++) t.add(until * i / (count - 1));
    return t;
  }

  /** Four runs of different γ, lr, length and grid; the third diverges. */
  private static List<BatchedDescent.Train> batch() {
    return List.of(train(0.5, 0.01, 300, linear(3.0, 31)), train(2.0, 0.2, 120, linear(24.0, 13)),
        train(0.1, 5.0, 200, linear(1000.0, 21)), train(1.0, 0.05, 64, linear(4.0, 9)));
  }

  private static BatchedDescent.Outcome alone(BatchedDescent.Train t) {
    try {
      return new BatchedDescent.Outcome(Trainer.train(t.step(), t.model(), t.theta0().copy(), t.data()), null);
    } catch (TrainingFailure f) {
      return new BatchedDescent.Outcome(null, f);
    }
  }

  private static void assertSame(BatchedDescent.Outcome want, BatchedDescent.Outcome got) {
    assertEquals(want.failed(), got.failed());
    if (want.failed()) {
      assertEquals(want.failure().getMessage(), got.failure().getMessage());
      assertEquals(want.failure().time(), got.failure().time());
      return;
    }
    Trajectory a = want.trajectory();
    Trajectory b = got.trajectory();
    assertEquals(a.times(), b.times());
    assertEquals(a.series().keySet(), b.series().keySet());
    for (Map.Entry<Observable, double[][]> e : a.series().entrySet()) {
      double[][] w = e.getValue();
      double[][] h = b.series().get(e.getKey());
      assertEquals(w.length, h.length);
      // assertArrayEquals on doubles compares bit patterns (NaN equals NaN): bit-for-bit.
      for (int i = 0; i < w.length; i++) assertArrayEquals(w[i], h[i], e.getKey() + " at " + i);
    }
    assertArrayEquals(FlatParams.flatten(a.finalParams()), FlatParams.flatten(b.finalParams()));
    assertEquals(a.stats().steps(), b.stats().steps());
  }

  @Test
  void eachRunIsBitForBitItsRunAlone() {
    List<BatchedDescent.Train> trains = batch();
    List<BatchedDescent.Outcome> got = BatchedDescent.train(trains, ProgramFactory.CPU);
    for (int i = 0; i < trains.size(); i++) assertSame(alone(trains.get(i)), got.get(i));
    // The batch is not trivial: runs end at different steps, one diverges, the others learn.
    assertTrue(got.get(2).failed(), "lr = 5 at γ = 0.1 diverges");
    assertNull(got.get(0).failure());
    double[][] loss = got.get(0).trajectory().series().get(Observable.LOSS);
    assertTrue(loss[loss.length - 1][0] < 0.5 * loss[0][0], "the first run learns");
    // 64 steps of 0.05 end at t = 3.2: the grid's 3.5 and 4 are not reached, in a batch as alone.
    assertEquals(7, got.get(3).trajectory().times().size());
  }

  @Test
  void aDivergingRunLeavesTheOthersUnchanged() {
    List<BatchedDescent.Train> with = batch();
    List<BatchedDescent.Train> without = new ArrayList<>(with);
    without.set(2, train(0.1, 0.001, 200, linear(0.2, 21)));
    List<BatchedDescent.Outcome> a = BatchedDescent.train(with, ProgramFactory.CPU);
    List<BatchedDescent.Outcome> b = BatchedDescent.train(without, ProgramFactory.CPU);
    assertTrue(a.get(2).failed());
    assertNull(b.get(2).failure());
    for (int i : new int[] {0, 1, 3}) assertSame(a.get(i), b.get(i));
    // Alone, first or last in the batch: the same run gives the same bits.
    assertSame(a.get(1), BatchedDescent.train(List.of(with.get(1)), ProgramFactory.CPU).get(0));
  }

  @Test
  void refusesWhatIsNotFullBatchDescent() {
    BatchedDescent.Train t = train(1.0, 0.1, 10, linear(1.0, 3));
    TrainStep sgd = new TrainStep(2, "sgd", Origin.none(), 1, 0, TrainStep.Loss.MSE,
        new Dynamics.Sgd(0.1, 10, 2, 7, dyn.compiler.plan.Update.PLAIN), List.of(0.0), List.of(Observable.LOSS));
    assertThrows(IllegalArgumentException.class, () -> BatchedDescent.train(
        List.of(new BatchedDescent.Train(sgd, t.model(), t.theta0(), t.data())), ProgramFactory.CPU));
  }
}
