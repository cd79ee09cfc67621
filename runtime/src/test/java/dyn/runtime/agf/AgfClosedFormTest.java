package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic AGF solver against the closed forms D3 and F1 of reference.md §1.4–1.5. */
class AgfClosedFormTest {
  private static final double[] BETA = {3, 1.5, 0.75};
  private static final double[] S = {6, 3, 1.5};

  static Parameters diagonalInit(double u, double v, int d) {
    double[] us = new double[d];
    double[] vs = new double[d];
    java.util.Arrays.fill(us, u);
    java.util.Arrays.fill(vs, v);
    return new Parameters(List.of(new Matrix(d, 1, us), new Matrix(d, 1, vs)));
  }

  @Test
  void closedFormsReproduceTheReferenceNumbers() {
    ClosedForms.Prediction d3 = ClosedForms.diagonalWhitened(BETA, 1e-3);
    assertArrayEquals(new double[] {2.1871, 4.3741, 8.7482}, d3.jumpTimes(), 1e-4);
    assertArrayEquals(new double[] {5.90625, 1.40625, 0.28125, 0}, d3.levels(), 1e-12);
    ClosedForms.Prediction f1 = ClosedForms.fullyConnectedWhitened(S, Math.exp(-1));
    assertArrayEquals(new double[] {1.0 / 6, 1.0 / 3, 2.0 / 3}, f1.jumpTimes(), 1e-12);
    assertArrayEquals(new double[] {23.625, 5.625, 1.125, 0}, f1.levels(), 1e-12);
  }

  @Test
  void diagonalBalancedInitMatchesD3() throws AgfFailure {
    double alpha = 1e-3;
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 100, 11));
    AgfResult r = AgfSolver.solve(Studies.diagonal(3), diagonalInit(alpha, alpha, 3), data,
        AgfSettings.defaults());
    assertEquals(2.0, r.kappa());
    ClosedForms.Prediction p = ClosedForms.diagonalWhitened(BETA, alpha);
    assertArrayEquals(p.order(), r.order());
    for (int k = 0; k < 3; k++) {
      assertEquals(p.jumpTimes()[k], r.jumpTimes()[k], 1e-3 * p.jumpTimes()[k], "jump " + k);
      assertTrue(r.rounds().get(k).converged(), "cost phase " + k);
      // The balanced direction (u, v) = (1, 1)/√2 maximises u v β on the circle.
      assertEquals(Math.sqrt(0.5), Math.abs(r.rounds().get(k).feature()[0]), 1e-6);
    }
    assertArrayEquals(p.levels(), r.levels(), 1e-8);
  }

  @Test
  void diagonalAxisInitRotatesThenFollowsTheArccoshLaw() throws AgfFailure {
    double alpha = 1e-3;
    Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 100, 12));
    AgfResult r = AgfSolver.solve(Studies.diagonal(3),
        diagonalInit(Math.sqrt(2) * alpha, 0, 3), data, AgfSettings.defaults());
    ClosedForms.Prediction p = ClosedForms.diagonalWhitenedFromAxis(BETA, alpha);
    for (int k = 0; k < 3; k++) {
      // Euler on the direction (h = 1e-3) is first order; τ ≈ 2–9, so 0.2% is many steps of h.
      assertEquals(p.jumpTimes()[k], r.jumpTimes()[k], 2e-3 * p.jumpTimes()[k], "jump " + k);
    }
    assertArrayEquals(p.levels(), r.levels(), 1e-8);
  }

  /** Top singular pairs of T (c×d, row-major) by power iteration with deflation. */
  static double[][][] topPairs(Matrix t, int count) {
    int c = t.rows;
    int d = t.cols;
    double[] m = t.data.clone();
    double[][][] out = new double[count][][];
    for (int k = 0; k < count; k++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) v[j] = 1.0 / (j + 1.5);
      double[] u = new double[c];
      double sigma = 0;
      for (int it = 0; it < 2000; it++) {
        for (int i = 0; i < c; i++) {
          u[i] = 0;
          for (int j = 0; j < d; j++) u[i] += m[i * d + j] * v[j];
        }
        sigma = Math.sqrt(dot(u, u));
        for (int i = 0; i < c; i++) u[i] /= sigma;
        for (int j = 0; j < d; j++) {
          v[j] = 0;
          for (int i = 0; i < c; i++) v[j] += m[i * d + j] * u[i];
        }
        double nv = Math.sqrt(dot(v, v));
        for (int j = 0; j < d; j++) v[j] /= nv;
      }
      for (int i = 0; i < c; i++) for (int j = 0; j < d; j++) m[i * d + j] -= sigma * u[i] * v[j];
      out[k] = new double[][] {u.clone(), v.clone(), {sigma}};
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Test
  void fullyConnectedAlignedInitMatchesF1() throws AgfFailure {
    double alpha = 1e-4;
    Dataset data = DataGenerator.generate(Studies.linearTeacher(3, 3, 60, S, 0, 5));
    Matrix t = data.get("teacher").orElseThrow();
    double[][][] pairs = topPairs(t, 3);
    for (int k = 0; k < 3; k++) assertEquals(S[k], pairs[k][2][0], 1e-9);
    ModelSpec model = Studies.twoLayerLinear(3, 3, 3);
    // Neuron k = (W1 row k, W2 column k) = α (v_k, u_k): norm √2α, already the best direction.
    Matrix w1 = new Matrix(3, 3);
    Matrix w2 = new Matrix(3, 3);
    int[] slot = {2, 0, 1}; // neuron indices deliberately not in mode order
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 3; j++) w1.set(slot[k], j, alpha * pairs[k][1][j]);
      for (int i = 0; i < 3; i++) w2.set(i, slot[k], alpha * pairs[k][0][i]);
    }
    AgfResult r = AgfSolver.solve(model, new Parameters(List.of(w1, w2)), data,
        AgfSettings.defaults());
    assertEquals(2.0, r.kappa());
    ClosedForms.Prediction p = ClosedForms.fullyConnectedWhitened(S, Math.sqrt(2) * alpha);
    assertArrayEquals(slot, r.order());
    for (int k = 0; k < 3; k++) {
      assertEquals(p.jumpTimes()[k], r.jumpTimes()[k], 1e-3 * p.jumpTimes()[k], "jump " + k);
    }
    assertArrayEquals(p.levels(), r.levels(), 1e-7);
  }

  @Test
  void fullyConnectedRandomInitStaysNearF1() throws AgfFailure {
    // F2's setting: W1 ~ α N(0, 1/d), W2 ~ α N(0, 1/H), so ‖θ_i(0)‖ ≈ √2α with a spread.
    double alpha = 1e-6;
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 100, S, 0, 6));
    ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
    Parameters theta0 =
        Initializer.draw(Studies.modelStep(model, alpha, 4, InitSpec.Kind.DECLARED), null);
    AgfResult r = AgfSolver.solve(model, theta0, data, AgfSettings.defaults());
    ClosedForms.Prediction p = ClosedForms.fullyConnectedWhitened(S, Math.sqrt(2) * alpha);
    assertEquals(3, r.rounds().size(), "one neuron per mode; stop " + r.stop());
    assertEquals(AgfResult.Stop.LOSS_ZERO, r.stop());
    assertArrayEquals(p.levels(), r.levels(), 1e-7);
    for (int k = 0; k < 3; k++) {
      assertTrue(r.rounds().get(k).converged(), "cost phase " + k);
      double rel = (r.jumpTimes()[k] - p.jumpTimes()[k]) / p.jumpTimes()[k];
      // F2 at α = 1e-6: generic AGF 2–8% from c/s_k (alignment time, spread of norms).
      assertTrue(Math.abs(rel) < 0.10, "jump " + k + " relative gap " + rel);
    }
  }
}
