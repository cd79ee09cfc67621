package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.runtime.Studies;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trainer mechanics: grids, observables, SGD sampling, failures. */
class TrainerTest {
  private static final double[] S = {5, 3, 2, 1};
  private final Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 64, S, 32, 5));
  private final ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
  private final Parameters theta0 =
      Initializer.draw(Studies.modelStep(model, 0.3, 2, InitSpec.Kind.DECLARED), null);

  @Test
  void sgdWithFullBatchIsGradientDescent() throws TrainingFailure {
    List<Double> grid = Studies.linearGrid(1, 10);
    Trajectory gd = Trainer.train(Studies.train(new Dynamics.GradientDescent(0.01, 100), grid,
        Observable.LOSS), model, theta0, data);
    Trajectory sgd = Trainer.train(Studies.train(new Dynamics.Sgd(0.01, 100, 64, 9), grid,
        Observable.LOSS), model, theta0, data);
    for (int g = 0; g < grid.size(); g++) {
      assertEquals(gd.series().get(Observable.LOSS)[g][0], sgd.series().get(Observable.LOSS)[g][0],
          1e-10);
    }
  }

  @Test
  void sgdIsDeterministicPerStreamAndLearns() throws TrainingFailure {
    List<Double> grid = Studies.linearGrid(5, 5);
    Trajectory a = Trainer.train(Studies.train(new Dynamics.Sgd(0.01, 500, 8, 1), grid,
        Observable.LOSS), model, theta0, data);
    Trajectory b = Trainer.train(Studies.train(new Dynamics.Sgd(0.01, 500, 8, 1), grid,
        Observable.LOSS), model, theta0, data);
    Trajectory c = Trainer.train(Studies.train(new Dynamics.Sgd(0.01, 500, 8, 2), grid,
        Observable.LOSS), model, theta0, data);
    double[] fa = FlatParams.flatten(a.finalParams());
    assertArrayEquals(fa, FlatParams.flatten(b.finalParams()), 0.0);
    assertTrue(fa[0] != FlatParams.flatten(c.finalParams())[0]);
    double[][] loss = a.series().get(Observable.LOSS);
    assertTrue(loss[5][0] < 0.1 * loss[0][0], "SGD did not learn: " + loss[5][0]);
  }

  /**
   * The recorded loss is L(θ) at the recorded step, to the bit, whichever way the training got
   * it: reused from the gradient pass (generic path), or from the fused forward pass.
   */
  @Test
  void recordedLossIsTheLossOfTheFinalParameters() throws TrainingFailure {
    Dataset diag = DataGenerator.generate(Studies.diagonalTeacher(new double[] {2, 1, 0.5}, 40, 3));
    ModelSpec generic = Studies.diagonal(3);
    Parameters start =
        Initializer.draw(Studies.modelStep(generic, 0.5, 4, InitSpec.Kind.DECLARED), null);
    for (Object[] c : new Object[][] {{generic, start, diag}, {model, theta0, data}}) {
      ModelSpec m = (ModelSpec) c[0];
      Dataset d = (Dataset) c[2];
      Trajectory tr = Trainer.train(Studies.train(new Dynamics.GradientDescent(0.01, 50),
          List.of(0.0, 0.25, 0.5), Observable.LOSS), m, (Parameters) c[1], d);
      double[] x = d.get("x").get().data;
      double[] y = d.get("y").get().data;
      double expected = new Objective(m, x, y, d.get("x").get().cols)
          .value(FlatParams.flatten(tr.finalParams()));
      assertEquals(Double.doubleToLongBits(expected),
          Double.doubleToLongBits(tr.series().get(Observable.LOSS)[2][0]), m.name());
    }
  }

  @Test
  void observablesAtTimeZeroAreComputedFromTheta0() throws TrainingFailure {
    Trajectory tr = Trainer.train(Studies.train(new Dynamics.GradientDescent(0.01, 10),
        List.of(0.0, 0.1), Observable.LOSS, Observable.TEST_LOSS, Observable.PARAM_NORM,
        Observable.NEURON_NORMS, Observable.SINGULAR_VALUES), model, theta0, data);
    double[] theta = FlatParams.flatten(theta0);
    double n2 = 0;
    for (double v : theta) n2 += v * v;
    assertEquals(Math.sqrt(n2), tr.series().get(Observable.PARAM_NORM)[0][0], 1e-14);
    // Loss by hand: (1/2n) ‖Y − W2 W1 X‖².
    double[] w1 = theta0.values().get(0).data;
    double[] w2 = theta0.values().get(1).data;
    double[] x = data.get("x").get().data;
    double[] y = data.get("y").get().data;
    double l = 0;
    for (int mu = 0; mu < 64; mu++) {
      for (int i = 0; i < 6; i++) {
        double f = 0;
        for (int h = 0; h < 8; h++) {
          double z = 0;
          for (int j = 0; j < 6; j++) z += w1[h * 6 + j] * x[j * 64 + mu];
          f += w2[i * 8 + h] * z;
        }
        l += (y[i * 64 + mu] - f) * (y[i * 64 + mu] - f);
      }
    }
    assertEquals(l / 128, tr.series().get(Observable.LOSS)[0][0], 1e-12);
    assertEquals(8, tr.series().get(Observable.NEURON_NORMS)[0].length);
    double[] sv = tr.series().get(Observable.SINGULAR_VALUES)[0];
    assertEquals(6, sv.length);
    for (int i = 1; i < 6; i++) assertTrue(sv[i] <= sv[i - 1]);
    assertTrue(tr.series().get(Observable.TEST_LOSS)[0][0] > 0);
  }

  @Test
  void gradientDescentRecordsAtRoundedSteps() throws TrainingFailure {
    Trajectory tr = Trainer.train(Studies.train(new Dynamics.GradientDescent(0.1, 10),
        List.of(0.0, 0.3, 1.0, 2.0), Observable.LOSS), model, theta0, data);
    // t = 2.0 is step 20, past the last step: not reached.
    assertEquals(List.of(0.0, 0.3, 1.0), tr.times());
    assertEquals(10, tr.stats().steps());
  }

  @Test
  void flowStopsAtMaxSteps() {
    TrainingFailure f = assertThrows(TrainingFailure.class, () -> Trainer.train(
        Studies.train(new Dynamics.GradientFlow(10, 1e-12, 1e-14, 20), List.of(0.0, 10.0),
            Observable.LOSS), model, theta0, data));
    assertTrue(f.getMessage().contains("more than 20 steps"), f.getMessage());
    assertTrue(f.hint() != null && f.time() < 10);
  }

  @Test
  void nanInputIsReportedNotPropagated() {
    Parameters bad = theta0.copy();
    bad.values().get(0).data[0] = Double.NaN;
    TrainingFailure f = assertThrows(TrainingFailure.class, () -> Trainer.train(
        Studies.train(new Dynamics.GradientDescent(0.01, 10), List.of(0.0, 0.1),
            Observable.LOSS), model, bad, data));
    assertTrue(f.getMessage().contains("NaN"), f.getMessage());
  }
}
