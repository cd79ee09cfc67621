package dyn.cli;

import static dyn.cli.ExampleCsv.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PredictStep;
import dyn.compiler.plan.Step;
import dyn.compiler.source.Source;
import dyn.runtime.agf.AgfResult;
import dyn.runtime.agf.AgfRound;
import dyn.runtime.agf.AgfSettings;
import dyn.runtime.agf.AgfSolver;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.exec.Engine;
import dyn.runtime.model.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AGF on the attention-only linear transformer of examples/linear_transformer.dyn (reference.md
 * §1.6): κ = 3 per head, the T1 plateau levels, the principal components acquired one per jump in
 * decreasing λ with the learned values m_i of T1, the κ = 3 jump-time lower bounds, and the
 * script's staircase comparison against gradient descent. Every expected number is computed here
 * from the closed forms of §1.6.
 */
class LinearTransformerAgfTest {
  private static final String SCRIPT = "examples/linear_transformer.dyn";
  private static final double[] LAMBDA = {0.96, 0.48, 0.32, 0.24};
  private static final int N = 32;
  private static final int D = 4;

  @TempDir Path out;

  private static double trace() {
    double tr = 0;
    for (double l : LAMBDA) tr += l;
    return tr;
  }

  /** ℓ_k = ½[tr Λ − Σ_{i≤k} λ_i/(1 + (1 + tr Λ/λ_i)/N)] for k = 0 … D. */
  private static double[] levels() {
    double tr = trace();
    double[] l = new double[D + 1];
    l[0] = 0.5 * tr;
    for (int i = 0; i < D; i++) l[i + 1] = l[i] - 0.5 * LAMBDA[i] / (1 + (1 + tr / LAMBDA[i]) / N);
    return l;
  }

  /** The head utility's maximum on the unit sphere against the residual after k PCs: N λ_{k+1}²/√27. */
  private static double maxUtility(int k) {
    return N * LAMBDA[k] * LAMBDA[k] / Math.sqrt(27);
  }

  /** The script's AGF prediction, recomputed from the compiled plan with the script's settings. */
  private static AgfResult solve() throws Exception {
    Compilation c = Compiler.compile(Source.read(ExampleCsv.ROOT.resolve(SCRIPT)),
        new Compiler.Options(Map.of(), ExampleCsv.ROOT.resolve("stdlib")));
    Plan plan = c.plan().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    PredictStep p = null;
    for (Step s : plan.steps()) if (s instanceof PredictStep) p = (PredictStep) s;
    assertTrue(p != null, "the script predicts with AGF");
    ModelStep m = plan.step(p.model(), ModelStep.class);
    Dataset data = Engine.CPU.generate(plan.step(p.data(), DataStep.class));
    Parameters theta0 = Engine.CPU.draw(m, null);
    AgfSettings d = AgfSettings.defaults().withH(p.step());
    AgfSettings s = new AgfSettings(d.h(), p.rounds(), d.costTolerance(), d.costMaxIterations(),
        d.utilityTolerance(), d.lossTolerance(), p.until());
    return AgfSolver.solve(m.model(), theta0, data, s);
  }

  @Test
  void agfLearnsThePrincipalComponentsInOrderAtTheT1Levels() throws Exception {
    double[] l = levels();
    double[] t1 = {1.0, 0.56219, 0.35555, 0.22510, 0.13220}; // reference T1, 5 digits
    for (int k = 0; k <= D; k++) assertClose(t1[k], l[k], 1e-4, 0, "the formula reproduces T1 ℓ_" + k);

    AgfResult r = solve();
    assertEquals(3.0, r.kappa(), 1e-12, "κ = 3 per head (one power each from v, k, q)");
    assertClose(l[0], r.initialLevel(), 1e-6, 0, "ℓ_0 = ½ tr Λ");
    assertEquals(D, r.rounds().size(), "one jump per principal component, stop " + r.stop());
    double tr = trace();
    for (int k = 0; k < D; k++) {
      AgfRound round = r.rounds().get(k);
      assertTrue(round.converged(), "cost phase " + (k + 1) + " converged: ‖∇L‖ = " + round.gradientNorm());
      assertClose(l[k + 1], round.level(), 1e-3, 0, "AGF level ℓ_" + (k + 1));
      // The feature (v, k_h, q_h) of jump k: key and query along PC k (the data is in the PC
      // basis, Λ diagonal), near the split v² = ‖k‖² = ‖q‖² = 1/3 of the utility maximiser. For
      // κ = 3 the direction turns only as fast as the norm grows, so at activation it is close
      // to, not at, the maximiser (≥ 95% of k and q on PC k); the cost phase finishes the
      // alignment, which the M check below asserts at rtol 1e-3.
      double[] f = round.feature();
      assertEquals(1 + 2 * D, f.length, "feature layout (v, k, q)");
      double key = 0;
      double query = 0;
      for (int i = 0; i < D; i++) {
        key += f[1 + i] * f[1 + i];
        query += f[1 + D + i] * f[1 + D + i];
      }
      double keyOnPc = f[1 + k] * f[1 + k] / key;
      double queryOnPc = f[1 + D + k] * f[1 + D + k] / query;
      assertTrue(keyOnPc > 0.95 && queryOnPc > 0.95,
          "jump " + (k + 1) + " acquires PC " + (k + 1) + ": " + keyOnPc + ", " + queryOnPc);
      assertClose(1.0 / 3, f[0] * f[0], 0.05, 0, "v² at jump " + (k + 1));
    }
    // After all four jumps, M = Σ_h v_h q_h k_hᵀ is diagonal in the PC basis with the T1 values.
    Matrix v = r.finalParams().values().get(0);
    Matrix key = r.finalParams().values().get(1);
    Matrix query = r.finalParams().values().get(2);
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        double mij = 0;
        for (int h = 0; h < key.rows; h++) mij += v.get(0, h) * query.get(h, i) * key.get(h, j);
        double expected = i == j ? 1 / (tr + (N + 1) * LAMBDA[i]) : 0;
        assertClose(expected, mij, 1e-3, 1e-6, "M[" + i + "][" + j + "]");
      }
    }
  }

  /**
   * κ = 3: a dormant head's norm obeys d‖θ‖/dt = 3‖θ‖²U ≤ 3‖θ‖² U*_k, so reaching norm 1 from ‖θ‖
   * takes at least (1/‖θ‖ − 1)/(3U*_k), with U*_k = N λ_k²/√27 the largest utility on the sphere
   * in round k (§1.6). From θ(0) this bounds the first jump; summed over rounds, S_i(τ_k) = c_i
   * bounds every jump through its own head's initial norm; and with the largest dormant head norm
   * at the previous jump (as recorded by gradient descent from the same θ(0)), it bounds each gap.
   */
  @Test
  void agfJumpTimesRespectTheKappaThreeLowerBoundsAndTheComparePasses() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", ExampleCsv.ROOT.resolve(SCRIPT).toString(), "--out", out.toString()},
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String text = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, () -> text + stderr.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("compare c: PASS (4 jumps"), text);
    ExampleCsv csv = ExampleCsv.read(out.resolve("linear_transformer.csv"));
    int heads = 5;

    AgfResult r = solve();
    assertClose(5.6756, maxUtility(0), 1e-4, 0, "T1 max utility, PC 1");
    assertClose(0.3547, maxUtility(3), 1e-3, 0, "T1 max utility, PC 4");
    double[] norm0 = new double[heads];
    double largest = 0;
    for (int h = 0; h < heads; h++) {
      norm0[h] = csv.get(0, "gd.neuron_norms[" + h + "]");
      assertClose(1 / norm0[h] - 1, r.thresholds()[h], 1e-9, 0, "c_" + h + " = 1/‖θ_" + h + "(0)‖ − 1");
      largest = Math.max(largest, norm0[h]);
    }
    double[] tau = r.jumpTimes();
    double bound1 = (1 / largest - 1) / (3 * maxUtility(0));
    assertTrue(tau[0] >= bound1, "τ_1 = " + tau[0] + " ≥ " + bound1);

    boolean[] activated = new boolean[heads];
    double accumulated = 0;
    double previous = 0;
    for (int k = 0; k < D; k++) {
      int head = r.rounds().get(k).neuron();
      accumulated += 3 * maxUtility(k) * (tau[k] - previous);
      assertTrue(accumulated >= 1 / norm0[head] - 1,
          "jump " + (k + 1) + ": Σ 3U*Δτ = " + accumulated + " ≥ c of head " + head);
      int row = 0;
      while (row + 1 < csv.rows() && csv.get(row + 1, "t") <= previous) row++;
      double dormant = 0;
      for (int h = 0; h < heads; h++) {
        if (!activated[h]) dormant = Math.max(dormant, csv.get(row, "gd.neuron_norms[" + h + "]"));
      }
      double gap = (1 / dormant - 1) / (3 * maxUtility(k));
      assertTrue(tau[k] - previous >= gap,
          "jump " + (k + 1) + ": Δτ = " + (tau[k] - previous) + " ≥ " + gap);
      activated[head] = true;
      previous = tau[k];
    }
  }
}
