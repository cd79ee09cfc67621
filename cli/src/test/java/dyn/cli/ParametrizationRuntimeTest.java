package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.source.Source;
import dyn.runtime.analysis.CoordCheck;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.exec.Engine;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parametrizations at run time: f = f̃/γ exactly, mean-field GD against a hand-written step, the
 * gradient-flow preconditioner on GD's time axis, and the coordinate check's width scaling
 * (reference §3.1 P2, and the abc exponents derived in docs/PARAMETRIZATION.md).
 */
class ParametrizationRuntimeTest {
  private static final String HEAD = "import models\nimport datasets\n"
      + "data teacher = linear_teacher(d = 2, out = 1, n = 5, singular_values = [1], seed = 4)\n";

  private static Plan plan(String script) {
    Compilation c = Compiler.compile(Source.ofLines("test.dyn", script.split("\n")),
        new Compiler.Options(Map.of(), ExampleCsv.ROOT.resolve("stdlib")));
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    return c.plan().orElseThrow();
  }

  private static <T extends Step> T named(Plan p, String name, Class<T> kind) {
    return p.steps().stream().filter(s -> kind.isInstance(s) && s.name().equals(name))
        .map(kind::cast).findFirst().orElseThrow();
  }

  private static double[] forward(ModelStep m, Parameters theta, Matrix x) {
    Program p = Program.compile(m.model().forward(), FlatParams.shapes(m.model()),
        m.model().inputDim(), x.cols, CpuBackend.INSTANCE);
    p.setInput(x.data);
    p.setParams(FlatParams.flatten(theta));
    p.forward();
    return p.output(0).clone();
  }

  @Test
  void outputScaleDividesTheOutputExactly() {
    Plan p = plan(HEAD
        + "model a = two_layer(d = 2, width = 8, out = 1, act = relu, parametrization = mup, seed = 2)\n"
        + "model b = two_layer(d = 2, width = 8, out = 1, act = relu, parametrization = mup,"
        + " gamma = 3, seed = 2)\n");
    Dataset data = Engine.CPU.generate(named(p, "teacher", DataStep.class));
    Matrix x = data.get("x").orElseThrow();
    ModelStep a = named(p, "a", ModelStep.class);
    ModelStep b = named(p, "b", ModelStep.class);
    Parameters ta = Engine.CPU.draw(a, null);
    Parameters tb = Engine.CPU.draw(b, null);
    assertTrue(java.util.Arrays.equals(FlatParams.flatten(ta), FlatParams.flatten(tb)),
        "γ does not change θ(0)");
    double[] fa = forward(a, ta, x);
    double[] fb = forward(b, tb, x);
    for (int i = 0; i < fa.length; i++) assertEquals(fa[i] / 3, fb[i], 0.0, "sample " + i);
  }

  /**
   * Mean field, L = 1 (a = (0, 1), b = (0, 0), c = −1): f = (1/n) Σ_i a_i w_iᵀx with a drawn
   * √n times the standard draw, and one GD step is θ ← θ − η·n·∇_θL. Written out here by hand.
   */
  @Test
  void meanFieldGradientStepMatchesTheHandComputation() throws Exception {
    int n = 4;
    double lr = 0.05;
    Plan p = plan(HEAD
        + "model sp = two_layer(d = 2, width = 4, out = 1, seed = 1)\n"
        + "model mf = two_layer(d = 2, width = 4, out = 1, parametrization = mean_field, seed = 1)\n"
        + "train gd = descent(mf, teacher, lr = " + lr + ", steps = 1)\n");
    Dataset data = Engine.CPU.generate(named(p, "teacher", DataStep.class));
    Matrix x = data.get("x").orElseThrow();
    Matrix y = data.get("y").orElseThrow();
    ModelStep mf = named(p, "mf", ModelStep.class);
    Parameters sp0 = Engine.CPU.draw(named(p, "sp", ModelStep.class), null);
    Parameters mf0 = Engine.CPU.draw(mf, null);
    double[] w = mf0.values().get(0).data;
    double[] a = mf0.values().get(1).data;
    for (int k = 0; k < w.length; k++) assertEquals(sp0.values().get(0).data[k], w[k], 0.0);
    for (int i = 0; i < n; i++) {
      assertEquals(Math.sqrt(n) * sp0.values().get(1).data[i], a[i], 1e-15 * Math.abs(a[i]));
    }
    int samples = x.cols;
    double[] r = new double[samples];
    for (int mu = 0; mu < samples; mu++) {
      double f = 0;
      for (int i = 0; i < n; i++) f += a[i] * (w[2 * i] * x.get(0, mu) + w[2 * i + 1] * x.get(1, mu));
      r[mu] = f / n - y.get(0, mu);
    }
    double[] w1 = w.clone();
    double[] a1 = a.clone();
    for (int i = 0; i < n; i++) {
      double ga = 0;
      double[] gw = new double[2];
      for (int mu = 0; mu < samples; mu++) {
        double pre = w[2 * i] * x.get(0, mu) + w[2 * i + 1] * x.get(1, mu);
        ga += r[mu] * pre / n / samples;
        gw[0] += r[mu] * a[i] / n * x.get(0, mu) / samples;
        gw[1] += r[mu] * a[i] / n * x.get(1, mu) / samples;
      }
      a1[i] -= lr * n * ga;
      w1[2 * i] -= lr * n * gw[0];
      w1[2 * i + 1] -= lr * n * gw[1];
    }
    Trajectory t = Engine.CPU.train(named(p, "gd", TrainStep.class), mf.model(), mf0, data);
    double[] got = FlatParams.flatten(t.finalParams());
    for (int k = 0; k < w1.length; k++) assertEquals(w1[k], got[k], 1e-13, "W1 entry " + k);
    for (int i = 0; i < n; i++) assertEquals(a1[i], got[w1.length + i], 1e-13, "W2 entry " + i);
  }

  /**
   * Gradient flow with lr multipliers M is dθ/dt = −M∇L, the limit of GD θ ← θ − η M ∇L at
   * t = kη: the two agree on one time axis (to O(η)), with no factor between them.
   */
  @Test
  void flowWithMultipliersIsTheSmallStepLimitOfDescent() throws Exception {
    Plan p = plan(HEAD
        + "model mf = two_layer(d = 2, width = 4, out = 1, parametrization = mean_field, seed = 1)\n"
        + "train gf = flow(mf, teacher, until = 2)\n"
        + "train gd = descent(mf, teacher, lr = 0.0005, until = 2)\n"
        + "observe loss at linear(0, 2, 5)\n");
    Dataset data = Engine.CPU.generate(named(p, "teacher", DataStep.class));
    ModelStep mf = named(p, "mf", ModelStep.class);
    Parameters theta0 = Engine.CPU.draw(mf, null);
    double[][] gf = Engine.CPU.train(named(p, "gf", TrainStep.class), mf.model(), theta0.copy(), data)
        .series().get(Observable.LOSS);
    double[][] gd = Engine.CPU.train(named(p, "gd", TrainStep.class), mf.model(), theta0.copy(), data)
        .series().get(Observable.LOSS);
    assertTrue(gf[gf.length - 1][0] < 0.5 * gf[0][0], "the flow learns in this window");
    for (int k = 0; k < gf.length; k++) {
      assertEquals(gf[k][0], gd[k][0], 5e-3 * gf[k][0], "loss at grid point " + k);
    }
  }

  private static List<CoordCheck.Result> coordChecks(Plan p) {
    Dataset data = null;
    List<CoordCheck.Result> out = new ArrayList<>();
    for (Step s : p.steps()) {
      if (s instanceof DataStep) data = Engine.CPU.generate((DataStep) s);
      if (s instanceof ReportStep && ((ReportStep) s).coordCheck().isPresent()) {
        CoordCheckSpec spec = ((ReportStep) s).coordCheck().get();
        out.add(CoordCheck.run(spec, data));
      }
    }
    return out;
  }

  private static CoordCheck.Row row(CoordCheck.Result r, ParamSpec.Role role, String stat, int step) {
    return r.rows().stream().filter(x -> x.role() == role && x.stat().equals(stat) && x.step() == step)
        .findFirst().orElseThrow();
  }

  private static double spread(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return hi / lo;
  }

  /**
   * examples/parametrizations.dyn, as its comment states. μP (P2): after 1–3 steps every layer's
   * update |Δh| and the input layer's |h| stay within 25% from n = 64 to 1024 (slopes near 0).
   * SP at fixed lr: the output update after one step grows like n (slope 1, from ΔW2 = O(1)
   * entries meeting n features), the input-layer update shrinks like n^{−1/2} (W2 = O(n^{−1/2})).
   */
  @Test
  void exampleCoordCheckScalesAsTheoryPredicts() throws IOException {
    Compilation c = Compiler.compile(Source.read(ExampleCsv.ROOT.resolve("examples/parametrizations.dyn")),
        new Compiler.Options(Map.of(), ExampleCsv.ROOT.resolve("stdlib")));
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    List<CoordCheck.Result> results = coordChecks(c.plan().orElseThrow());
    assertEquals(2, results.size());
    CoordCheck.Result sp = results.get(0);
    CoordCheck.Result mup = results.get(1);
    assertEquals("standard", sp.spec().models().get(0).parametrization().kind().scriptName());
    assertEquals("mup", mup.spec().models().get(0).parametrization().kind().scriptName());
    for (CoordCheck.Row r : mup.rows()) {
      boolean updates = r.stat().equals("|Δh|");
      boolean inputActs = r.role() == ParamSpec.Role.INPUT;
      if (!updates && !inputActs) continue;
      assertTrue(spread(r.values()) < 1.25, "μP " + r + ": spread " + spread(r.values()));
      assertTrue(Math.abs(r.slope()) < 0.1, "μP " + r + ": slope " + r.slope());
    }
    CoordCheck.Row out1 = row(sp, ParamSpec.Role.OUTPUT, "|Δh|", 1);
    assertEquals(1.0, out1.slope(), 0.25, "SP output update ∝ n");
    assertTrue(out1.values()[4] > 4 * out1.values()[0], "SP output update grows with width");
    CoordCheck.Row in1 = row(sp, ParamSpec.Role.INPUT, "|Δh|", 1);
    assertEquals(-0.5, in1.slope(), 0.25, "SP input-layer update ∝ n^{-1/2}");
  }

  /** NTK (a = (0, ½), b = 0, c = 0): the output update is Θ(1), features move like n^{−1/2}. */
  @Test
  void ntkIsLazy() {
    Plan p = plan("import models\n"
        + "dataset relu_teacher(d, n, seed = 0) {\n  let w = normal(1, d) / d ^ 0.5\n"
        + "  x = normal(d, n)\n  y = relu(w @ x)\n}\n"
        + "data teacher = relu_teacher(d = 10, n = 64)\n"
        + "model net = two_layer(d = 10, width = 64, out = 1, act = relu, parametrization = ntk, seed = 1)\n"
        + "report coord_check(net, teacher, widths = [64, 256, 1024], steps = 1, lr = 0.1)\n");
    CoordCheck.Result ntk = coordChecks(p).get(0);
    assertEquals(0.0, row(ntk, ParamSpec.Role.OUTPUT, "|Δh|", 1).slope(), 0.15, "NTK Δf = Θ(1)");
    assertEquals(-0.5, row(ntk, ParamSpec.Role.INPUT, "|Δh|", 1).slope(), 0.15, "NTK Δh ∝ n^{-1/2}");
  }
}
