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
import dyn.runtime.model.Parameters;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code escape_alignment} on the one deep-ish case whose escape direction is known in closed
 * form: f = W2 W1 x (3 → 4 → 2, linear) on whitened inputs, x = √3 I₃ (n = 3, X Xᵀ/n = I) and
 * y = T x with T = [[3, 0, 0], [0, 1, 0]], so Σ_yx = Y Xᵀ/n = T, σ₁ = 3 (u₁ = e₁, v₁ = e₁), σ₂ = 1.
 *
 * <p>The escape speed s(θ) = ⟨W2 W1, T⟩ = Σ_j W2[:, j]ᵀ T W1[j, :]ᵀ is a quadratic form that splits
 * by hidden unit j; its top eigenspace (eigenvalue σ₁/2) is spanned by the units' pairs
 * (W1[j, :], W2[:, j]) = (v₁, u₁)/√2. Projected ascent from θ(0) is a polynomial in that form
 * applied to θ(0), so it converges to P θ(0)/‖P θ(0)‖, P the projection on the top eigenspace:
 * P θ(0) has per-unit weights c_j = (W1[j, 0] + W2[0, j])/√2, and cos(θ(0), θ̄*) = ‖c‖/‖θ(0)‖. Small-
 * init gradient flow is θ(t) ≈ e^{2At}θ(0) near the origin, the same projection growing at rate σ₁
 * against σ₂ for the rest, so the alignment climbs to ≈ 1 by the time the σ₁ mode is learned.
 */
class EscapeAlignmentTest {
  private static final double ALPHA = 1e-4;

  private static ModelSpec linearTwoLayer() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 1);
    int w1 = g.param(0, 4, 3);
    int w2 = g.param(1, 2, 4);
    List<ParamSpec> params = List.of(
        new ParamSpec("W1", 4, 3, new ParamSpec.Distribution.Normal(0, 1.0 / 3)),
        new ParamSpec("W2", 2, 4, new ParamSpec.Distribution.Normal(0, 1.0 / 4)));
    return new ModelSpec("two_layer", 3, 2, params, g.build(g.matmul(w2, g.matmul(w1, x))),
        Optional.empty(), true);
  }

  private static Dataset whitenedTeacher() {
    double r = Math.sqrt(3);
    double[] x = {r, 0, 0, 0, r, 0, 0, 0, r};
    double[] y = {3 * r, 0, 0, 0, r, 0};
    return new Dataset(List.of("x", "y"), List.of(new Matrix(3, 3, x), new Matrix(2, 3, y)));
  }

  private static double[] w1() {
    double[] w = new double[12];
    CounterRng.fillNormal(CounterRng.derive(5, 1), 0, w, w.length);
    for (int i = 0; i < w.length; i++) w[i] *= ALPHA;
    return w;
  }

  private static double[] w2() {
    double[] w = new double[8];
    CounterRng.fillNormal(CounterRng.derive(5, 2), 0, w, w.length);
    for (int i = 0; i < w.length; i++) w[i] *= ALPHA;
    return w;
  }

  private static Trajectory train(List<Double> times, List<Observable> observables)
      throws TrainingFailure {
    double lr = 0.05;
    long steps = Math.round(times.get(times.size() - 1) / lr);
    TrainStep step = new TrainStep(2, "gd", Origin.none(), 1, 0, TrainStep.Loss.MSE,
        new Dynamics.GradientDescent(lr, steps), times, observables, Optional.empty());
    Parameters theta0 = new Parameters(List.of(new Matrix(4, 3, w1()), new Matrix(2, 4, w2())));
    return Trainer.train(step, linearTwoLayer(), theta0, whitenedTeacher());
  }

  private static List<Double> grid(double from, double to, int points) {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < points; i++) t.add(from + (to - from) * i / (points - 1));
    return t;
  }

  @Test
  void atInitItIsTheProjectionOfThetaZeroOnTheTopEigenspace() throws TrainingFailure {
    double[] a = w1();
    double[] b = w2();
    double c2 = 0;
    double norm2 = 0;
    for (int j = 0; j < 4; j++) {
      double c = (a[j * 3] + b[j]) / Math.sqrt(2); // W1[j, 0] and W2[0, j]
      c2 += c * c;
    }
    for (double v : a) norm2 += v * v;
    for (double v : b) norm2 += v * v;
    Trajectory tr = train(List.of(0.0), List.of(Observable.ESCAPE_ALIGNMENT));
    double expected = Math.sqrt(c2 / norm2);
    assertTrue(expected < 0.8, "the test needs θ(0) away from θ̄*: " + expected);
    assertEquals(expected, tr.series().get(Observable.ESCAPE_ALIGNMENT)[0][0], 1e-6);
  }

  @Test
  void smallInitDescentLeavesAlongIt() throws TrainingFailure {
    Trajectory tr = train(grid(0, 8, 161), List.of(Observable.LOSS, Observable.ESCAPE_ALIGNMENT));
    double[][] loss = tr.series().get(Observable.LOSS);
    double[][] align = tr.series().get(Observable.ESCAPE_ALIGNMENT);
    assertEquals(5.0, loss[0][0], 1e-6); // ½ (3² + 1²): the plateau at the origin
    int k = 0;
    while (loss[k][0] > 4.5) k++; // the σ₁ mode (worth 4.5) a tenth learned: the plateau's end
    assertTrue(align[k][0] > 0.99, "alignment at the escape, t = " + k * 0.05 + ": " + align[k][0]);
    assertTrue(align[k][0] > align[0][0] + 0.2, "it rose from " + align[0][0]);
  }

  /**
   * θ̄* and Θ_0 are taken at θ(0) even when the observation grid starts later: both references
   * were once taken at the first recorded point, which made kernel_distance 0 there.
   */
  @Test
  void referencesAreAtThetaZeroWhateverTheFirstRecordedTime() throws TrainingFailure {
    List<Observable> obs = List.of(Observable.ESCAPE_ALIGNMENT, Observable.KERNEL_DISTANCE);
    Trajectory full = train(grid(0, 4, 5), obs);
    Trajectory late = train(grid(2, 4, 3), obs);
    for (Observable o : obs) {
      double[][] f = full.series().get(o);
      double[][] l = late.series().get(o);
      for (int i = 0; i < 3; i++) assertEquals(f[i + 2][0], l[i][0], 1e-12, o + " at point " + i);
    }
    assertTrue(late.series().get(Observable.KERNEL_DISTANCE)[0][0] > 1e-6);
  }
}
