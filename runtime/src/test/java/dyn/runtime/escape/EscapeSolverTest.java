package dyn.runtime.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * E1 and E2 of reference §2.3 on the recipe of §10.6: x ~ N(0, I_10), n = 400, a 10→5→2 ReLU
 * teacher with centred outputs; student 10→30→30→30→2 ReLU without biases (L = 4).
 *
 * <p>E1 is exact (a Lagrange argument, not the code's output): at any critical point of s on the
 * sphere, ⟨∇_{W_ℓ} s, W_ℓ⟩ = s for every layer (each layer enters f linearly) and the Lagrange
 * condition ∇s = λθ̄ gives λ‖W_ℓ‖² = s, so ‖W_ℓ‖² = s/λ is the same in every layer, 1/L. E2's
 * bound σ₁/σ₂ ≥ ℓ^¼ is the theorem's; the reference run found ratios ≥ 4.8e3.
 */
class EscapeSolverTest {
  static Dataset teacherData(long seed) {
    int d = 10;
    int n = 400;
    double[] x = new double[d * n];
    CounterRng.fillNormal(CounterRng.derive(seed, 1), 0, x, x.length);
    double[] a = new double[5 * d];
    CounterRng.fillNormal(CounterRng.derive(seed, 2), 0, a, a.length);
    double[] b = new double[2 * 5];
    CounterRng.fillNormal(CounterRng.derive(seed, 3), 0, b, b.length);
    double[] y = new double[2 * n];
    for (int mu = 0; mu < n; mu++) {
      double[] h = new double[5];
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int i = 0; i < d; i++) s += a[j * d + i] * x[i * n + mu];
        h[j] = Math.max(0, s / Math.sqrt(d));
      }
      for (int c = 0; c < 2; c++) {
        double s = 0;
        for (int j = 0; j < 5; j++) s += b[c * 5 + j] * h[j];
        y[c * n + mu] = s;
      }
    }
    for (int c = 0; c < 2; c++) { // centre each output
      double m = 0;
      for (int mu = 0; mu < n; mu++) m += y[c * n + mu];
      m /= n;
      for (int mu = 0; mu < n; mu++) y[c * n + mu] -= m;
    }
    return new Dataset(List.of("x", "y"), List.of(new Matrix(d, n, x), new Matrix(2, n, y)));
  }

  /** A bias-free ReLU chain d → widths… → out. */
  static ModelSpec reluChain(int d, int[] widths, int out, boolean bias) {
    GraphBuilder g = new GraphBuilder();
    int h = g.input(d, 1);
    List<ParamSpec> params = new ArrayList<>();
    int in = d;
    int p = 0;
    for (int l = 0; l <= widths.length; l++) {
      int rows = l < widths.length ? widths[l] : out;
      int w = g.param(p++, rows, in);
      params.add(new ParamSpec("W" + (l + 1), rows, in,
          new ParamSpec.Distribution.Normal(0, 1.0 / in)));
      h = g.matmul(w, h);
      if (bias && l == 1) { // a first-layer bias scales with θ like W1; a deeper one does not
        int c = g.param(p++, rows, 1);
        params.add(new ParamSpec("b2", rows, 1, new ParamSpec.Distribution.Normal(0, 1)));
        h = g.binary(Op.BinaryFn.ADD, h, c);
      }
      if (l < widths.length) h = g.unary(Op.UnaryFn.RELU, h);
      in = rows;
    }
    return new ModelSpec("mlp", d, out, params, g.build(h), Optional.empty(), false);
  }

  @Test
  void balancedAndLowRankInTheOptimalDirection() throws EscapeFailure {
    ModelSpec net = reluChain(10, new int[] {30, 30, 30}, 2, false);
    EscapeSolver solver = EscapeSolver.of(net, teacherData(7), 11);
    assertEquals(4, solver.degree());
    EscapeResult r = solver.solve(8, 3);
    assertTrue(r.speed() > 0);
    for (LayerSpectrum l : r.layers()) {
      assertEquals(0.25, l.frobeniusShare(), 1e-4, "E1 in " + l.name());
      assertTrue(l.ratio() >= l.bound(), "E2 in " + l.name() + ": " + l.ratio());
    }
    // The deeper layers are nearly rank one (reference run: ratios ≥ 4.8e3).
    for (int l = 1; l < 4; l++) assertTrue(r.layers().get(l).ratio() > 100, "layer " + (l + 1));
  }

  @Test
  void twoLayerLinearEscapesAlongTheTopSingularPair() throws EscapeFailure {
    // For f = W2 W1 x on whitened x, s = tr(W2 W1 Σ_xy)/... is maximised on the sphere by
    // W1 = v₁ᵀ/√2, W2 = u₁/√2 (rank one, balanced) with s = σ₁(Σ_yx)/2, Σ_yx = Y Xᵀ / n: an
    // independent closed form (the top singular value of a 2×3 matrix).
    int n = 4;
    double[] x = {1, 0, 0, 1, 0, 1, 0, -1, 0, 0, 1, 1};
    double[] y = {2, 0, 1, 1, 0, 1, 0, -1};
    ModelSpec net = linearChain(3, 5, 2);
    Dataset data = new Dataset(List.of("x", "y"), List.of(new Matrix(3, n, x), new Matrix(2, n, y)));
    EscapeResult r = EscapeSolver.of(net, data, 1).solve(4, 2);
    double[][] syx = new double[2][3];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 3; i++) {
        for (int mu = 0; mu < n; mu++) syx[c][i] += y[c * n + mu] * x[i * n + mu] / n;
      }
    }
    double top = org.ejml.dense.row.SingularOps_DDRM.singularValues(
        new org.ejml.data.DMatrixRMaj(syx))[0];
    double[] all = org.ejml.dense.row.SingularOps_DDRM.singularValues(
        new org.ejml.data.DMatrixRMaj(syx));
    for (double s : all) top = Math.max(top, s);
    assertEquals(top / 2, r.speed(), 1e-9);
    assertEquals(2, r.degree());
  }

  static ModelSpec linearChain(int d, int width, int out) {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(d, 1);
    int w1 = g.param(0, width, d);
    int w2 = g.param(1, out, width);
    List<ParamSpec> params = List.of(
        new ParamSpec("W1", width, d, new ParamSpec.Distribution.Normal(0, 1.0 / d)),
        new ParamSpec("W2", out, width, new ParamSpec.Distribution.Normal(0, 1.0 / width)));
    return new ModelSpec("two_layer", d, out, params, g.build(g.matmul(w2, g.matmul(w1, x))),
        Optional.empty(), true);
  }

  @Test
  void biasesAreRefusedWithTheReason() {
    ModelSpec net = reluChain(10, new int[] {8, 8}, 2, true);
    EscapeFailure f = assertThrows(EscapeFailure.class,
        () -> EscapeSolver.of(net, teacherData(1), 1));
    assertTrue(f.getMessage().contains("not positively homogeneous"), f.getMessage());
    assertTrue(f.hint().contains("bias-free"));
  }

  @Test
  void theAscentFromAStartIsDeterministicAndReachesACriticalPoint() throws EscapeFailure {
    ModelSpec net = reluChain(10, new int[] {12, 12}, 2, false);
    EscapeSolver solver = EscapeSolver.of(net, teacherData(3), 5);
    double[] start = new double[net.parameterCount()];
    CounterRng.fillNormal(99, 0, start, start.length);
    EscapeSolver.Ascent a = solver.ascend(start);
    EscapeSolver.Ascent b = solver.ascend(start);
    assertEquals(a.speed(), b.speed(), 0.0);
    assertTrue(a.converged());
    for (LayerSpectrum l : solver.layers(a.direction())) {
      assertEquals(1.0 / 3, l.frobeniusShare(), 1e-4, "E1 holds at every critical point");
    }
  }

  /**
   * {@link EscapeSolver#follow} ends where the gradient flow of s on the sphere does, checked
   * against an independent integration of that flow here: explicit Euler steps of 2e-3 rad along
   * ∇_T s for 10 rad of travel (a further 10 rad moves it by less than 1e-4 in cos at this start).
   * The start is one where L-BFGS's first step, a unit step along ∇_T s/‖∇s‖ (45° on the sphere),
   * lands in another basin: the old definition of θ̄* fails the first assertion (cos −0.03).
   */
  @Test
  void followingFromAStartEndsWhereTheFlowOfSDoes() throws EscapeFailure {
    ModelSpec net = reluChain(10, new int[] {12, 12}, 2, false);
    EscapeSolver solver = EscapeSolver.of(net, teacherData(3), 5, false);
    double[] start = new double[net.parameterCount()];
    CounterRng.fillNormal(3, 0, start, start.length);
    double[] flow = eulerFlow(solver, start, 2e-3, 5000);
    double flowSpeed = solver.speed(flow);
    EscapeSolver.Ascent f = solver.follow(start);
    assertTrue(EscapeSolver.signedCosine(f.direction(), flow) > 0.999,
        "cos with the flow's end point: " + EscapeSolver.signedCosine(f.direction(), flow));
    assertEquals(flowSpeed, f.speed(), 1e-4 * flowSpeed);
    assertTrue(f.converged());
    EscapeSolver.Ascent again = solver.follow(start);
    assertEquals(f.speed(), again.speed(), 0.0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(f.direction(), again.direction(), 0.0);
    // The premise: from here L-BFGS leaves the flow's basin for a slower critical point.
    EscapeSolver.Ascent lbfgs = solver.ascend(start);
    assertTrue(EscapeSolver.signedCosine(lbfgs.direction(), flow) < 0.5
        && lbfgs.speed() < 0.9 * flowSpeed, "the start no longer tells the two apart");
  }

  /** θ̄ ← (θ̄ + angle ∇_T s/‖∇_T s‖)/‖…‖, {@code steps} times: the flow at constant speed. */
  private static double[] eulerFlow(EscapeSolver solver, double[] start, double angle,
      int steps) {
    int p = start.length;
    double[] v = start.clone();
    scale(v, 1 / Math.sqrt(dot(v, v)));
    double[] g = new double[p];
    for (int i = 0; i < steps; i++) {
      solver.speedAndGradient(v, g);
      double radial = dot(g, v);
      for (int k = 0; k < p; k++) g[k] -= radial * v[k];
      double step = angle / Math.sqrt(dot(g, g));
      for (int k = 0; k < p; k++) v[k] += step * g[k];
      scale(v, 1 / Math.sqrt(dot(v, v)));
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }

  private static void scale(double[] a, double c) {
    for (int k = 0; k < a.length; k++) a[k] *= c;
  }

  /**
   * The fused dense-chain pass gives the generic path's gradient bits, and s is taken from the
   * gradient by the same formula on both, so an ascent is the same to the last bit whichever path
   * ran it: the speed-up changes nothing that is computed.
   */
  @Test
  void theFusedPassTakesTheGenericPathsSteps() throws EscapeFailure {
    ModelSpec net = reluChain(10, new int[] {12, 12}, 2, false);
    EscapeSolver fused = EscapeSolver.of(net, teacherData(3), 5, true);
    EscapeSolver generic = EscapeSolver.of(net, teacherData(3), 5, false);
    assertTrue(fused.usesFusedPass(60_000), "the fused kernels did not compile");
    assertTrue(!generic.usesFusedPass(0));
    double[] start = new double[net.parameterCount()];
    CounterRng.fillNormal(17, 0, start, start.length);
    EscapeSolver.Ascent a = fused.ascend(start);
    EscapeSolver.Ascent b = generic.ascend(start);
    assertEquals(b.iterations(), a.iterations());
    assertEquals(b.speed(), a.speed(), 0.0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(b.direction(), a.direction(), 0.0);
    // The speed from the gradient (Euler's identity) is the directly summed one, to rounding.
    assertEquals(fused.speed(a.direction()), a.speed(), 1e-14);
  }
}
