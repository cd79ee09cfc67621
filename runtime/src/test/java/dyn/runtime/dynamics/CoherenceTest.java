package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Coherence on cases fixed by hand (wave2 §4.1, GC1): f = w·x with w = 0 and MSE, so the
 * per-example gradient is g_i = (f_i − y_i) x_i = −x_i for y_i = 1.
 */
class CoherenceTest {
  private static double[] record(double[] x, int m) throws TrainingFailure {
    GraphBuilder g = new GraphBuilder();
    int in = g.input(3, 1);
    int w = g.param(0, 1, 3);
    ModelSpec model = new ModelSpec("linear", 3, 1,
        List.of(new ParamSpec("w", 1, 3, new ParamSpec.Distribution.Constant(0))),
        g.build(g.matmul(w, in)), Optional.empty(), true);
    double[] y = new double[m];
    java.util.Arrays.fill(y, 1.0);
    Dataset data = new Dataset(List.of("x", "y"), List.of(new Matrix(3, m, x), new Matrix(1, m, y)));
    TrainStep step = new TrainStep(2, "run", Origin.none(), 1, 0, TrainStep.Loss.MSE,
        new Dynamics.GradientDescent(0.1, 1), List.of(0.0),
        List.of(Observable.COHERENCE, Observable.M_COHERENCE), Optional.empty());
    Trajectory tr = Trainer.train(step, model,
        new Parameters(List.of(new Matrix(1, 3, new double[3]))), data);
    return new double[] {tr.series().get(Observable.COHERENCE)[0][0],
        tr.series().get(Observable.M_COHERENCE)[0][0]};
  }

  /** Three identical gradients −e_1: α = 1, α_m = m = 3. */
  @Test
  void identicalGradientsAreFullyCoherent() throws TrainingFailure {
    double[] c = record(new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0}, 3);
    assertEquals(1.0, c[0], 1e-15);
    assertEquals(3.0, c[1], 1e-15);
  }

  /** −e_1, −e_2, −e_3: orthogonal and of equal norm, α = 1/m, α_m = 1. */
  @Test
  void orthogonalGradientsHaveMCoherenceOne() throws TrainingFailure {
    double[] c = record(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3);
    assertEquals(1.0 / 3, c[0], 1e-15);
    assertEquals(1.0, c[1], 1e-15);
  }

  /** −e_1, −e_1, −e_2: ‖Σ g‖² = 2² + 1 = 5, Σ‖g‖² = 3, so α_m = 5/3 and α = 5/9. */
  @Test
  void aMixedCaseByHand() throws TrainingFailure {
    double[] c = record(new double[] {1, 1, 0, 0, 0, 1, 0, 0, 0}, 3);
    assertEquals(5.0 / 9, c[0], 1e-15);
    assertEquals(5.0 / 3, c[1], 1e-15);
  }
}
