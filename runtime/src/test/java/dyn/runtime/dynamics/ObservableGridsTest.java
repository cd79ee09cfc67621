package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An observable on a grid of its own is recorded at its own times only, with the values it has
 * there when recorded at every time of the train: the stepper stops on the union either way.
 */
class ObservableGridsTest {
  private static final List<Double> GRID = List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0);
  private static final List<Double> NORM_GRID = List.of(0.0, 1.0, 2.0, 4.0);

  private static ModelSpec model() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 4);
    int w1 = g.param(0, 5, 3);
    int w2 = g.param(1, 1, 5);
    int f = g.matmul(g.matmul(w2, w1), x);
    return new ModelSpec("linear2", 3, 1,
        List.of(new ParamSpec("W1", 5, 3, new ParamSpec.Distribution.Normal(0, 1.0 / 3)),
            new ParamSpec("W2", 1, 5, new ParamSpec.Distribution.Normal(0, 0.2))),
        g.build(f), Optional.empty(), true);
  }

  private static Dataset data() {
    return new Dataset(List.of("x", "y"), List.of(
        new Matrix(3, 4, new double[] {1.0, -0.5, 2.0, 0.5, 1.5, -1.0, 0.3, 0.7, -1.2, 0.4, 0.9, -0.8}),
        new Matrix(1, 4, new double[] {0.7, -0.2, 1.1, 0.4})));
  }

  private static Parameters theta0() {
    double[] w1 = new double[15];
    double[] w2 = new double[5];
    for (int i = 0; i < 15; i++) w1[i] = Math.sin(1.7 * i + 0.3) / Math.sqrt(3);
    for (int i = 0; i < 5; i++) w2[i] = 0.2 * Math.cos(2.3 * i);
    return new Parameters(List.of(new Matrix(5, 3, w1), new Matrix(1, 5, w2)));
  }

  /** 64 steps of 0.05 end at t = 3.2: the grid's 3.5 and 4 are not reached. */
  private static TrainStep step(Map<Observable, List<Double>> own) {
    return new TrainStep(2, "gd", Origin.none(), 1, 0, TrainStep.Loss.MSE,
        new Dynamics.GradientDescent(0.05, 64), GRID,
        List.of(Observable.LOSS, Observable.PARAM_NORM), own, Optional.empty(), Optional.empty(),
        TrainStep.Precision.FLOAT64, Optional.empty());
  }

  @Test
  void anOwnGridRecordsOnlyItsTimesWithTheSameValues() throws TrainingFailure {
    Trajectory every = Trainer.train(step(Map.of()), model(), theta0(), data());
    Trajectory own = Trainer.train(step(Map.of(Observable.PARAM_NORM, NORM_GRID)), model(),
        theta0(), data());
    assertEquals(GRID.subList(0, 7), own.times());
    assertEquals(GRID.subList(0, 7), own.timesOf(Observable.LOSS));
    // t = 4 is past the run's end, as for the train's grid.
    assertEquals(List.of(0.0, 1.0, 2.0), own.timesOf(Observable.PARAM_NORM));
    double[][] norms = own.series().get(Observable.PARAM_NORM);
    double[][] all = every.series().get(Observable.PARAM_NORM);
    assertEquals(3, norms.length);
    for (int i = 0; i < norms.length; i++) {
      assertArrayEquals(all[GRID.indexOf(NORM_GRID.get(i))], norms[i], "param_norm at " + i);
    }
    double[][] loss = own.series().get(Observable.LOSS);
    assertEquals(7, loss.length);
    for (int i = 0; i < loss.length; i++) {
      assertArrayEquals(every.series().get(Observable.LOSS)[i], loss[i], "loss at " + i);
    }
  }

  @Test
  void aBatchedRunKeepsEachObservablesTimes() throws TrainingFailure {
    TrainStep s = step(Map.of(Observable.PARAM_NORM, NORM_GRID));
    Trajectory alone = Trainer.train(s, model(), theta0(), data());
    Trajectory batched = BatchedDescent.train(
        List.of(new BatchedDescent.Train(s, model(), theta0(), data())), ProgramFactory.CPU)
        .get(0).trajectory();
    assertEquals(alone.seriesTimes(), batched.seriesTimes());
    for (Observable o : List.of(Observable.LOSS, Observable.PARAM_NORM)) {
      double[][] a = alone.series().get(o);
      double[][] b = batched.series().get(o);
      assertEquals(a.length, b.length);
      for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], o + " at " + i);
    }
  }
}
