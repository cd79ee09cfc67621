package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.Studies;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dtype = "float32"}: single-precision passes track the float64 run. Single precision
 * rounds each value to a relative 6e-8; over a short, well-conditioned GD run those errors stay
 * far below 1e-4 relative (the tolerance here), while a run that secretly stayed in float64 would
 * agree to ~1e-15 (checked too, so the test cannot pass on the float64 path).
 */
class Float32Test {
  private static final double[] S = {5, 3, 2, 1};
  private final Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 64, S, 0, 5));

  private static TrainStep step(Dynamics dyn, List<Double> grid, TrainStep.Precision p) {
    TrainStep t = Studies.train(dyn, grid, Observable.LOSS);
    return new TrainStep(t.id(), t.name(), t.origin(), t.model(), t.data(), t.loss(),
        t.dynamics(), t.times(), t.observables(), t.fourierPower(), t.layerSpectra(), p);
  }

  @Test
  void float32DescentTracksFloat64() throws TrainingFailure {
    ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, 0.3, 2, InitSpec.Kind.DECLARED), null);
    List<Double> grid = Studies.linearGrid(2, 10);
    Dynamics gd = new Dynamics.GradientDescent(0.01, 200);
    Trajectory f64 = Trainer.train(step(gd, grid, TrainStep.Precision.FLOAT64), model, theta0, data);
    Trajectory f32 = Trainer.train(step(gd, grid, TrainStep.Precision.FLOAT32), model, theta0, data);
    double[][] l64 = f64.series().get(Observable.LOSS);
    double[][] l32 = f32.series().get(Observable.LOSS);
    assertEquals(l64.length, l32.length);
    assertTrue(l64[l64.length - 1][0] < 0.5 * l64[0][0], "the run should learn");
    double worst = 0;
    for (int g = 0; g < l64.length; g++) {
      double rel = Math.abs(l32[g][0] - l64[g][0]) / l64[g][0];
      assertTrue(rel < 1e-4, "t = " + grid.get(g) + ": float32 loss " + l32[g][0]
          + " vs float64 " + l64[g][0]);
      worst = Math.max(worst, rel);
    }
    assertTrue(worst > 1e-12, "float32 agreed to " + worst + ": was it single precision?");
    double[] a = FlatParams.flatten(f64.finalParams());
    double[] b = FlatParams.flatten(f32.finalParams());
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += a[i] * a[i];
    }
    assertTrue(Math.sqrt(diff / norm) < 1e-4, "final θ differs by " + Math.sqrt(diff / norm));
  }

  @Test
  void float32OnAModelThatIsNotADenseChainFailsClearly() {
    ModelSpec model = Studies.diagonal(4);
    Dataset d = DataGenerator.generate(Studies.diagonalTeacher(new double[] {1, 0, 0, 2}, 32, 3));
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, 0.1, 2, InitSpec.Kind.DECLARED), null);
    TrainingFailure f = assertThrows(TrainingFailure.class, () -> Trainer.train(
        step(new Dynamics.GradientDescent(0.01, 5), List.of(0.0), TrainStep.Precision.FLOAT32),
        model, theta0, d));
    assertTrue(f.getMessage().contains("float32"), f.getMessage());
  }
}
