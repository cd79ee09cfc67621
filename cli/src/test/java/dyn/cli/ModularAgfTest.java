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
import dyn.runtime.data.Dataset;
import dyn.runtime.exec.Engine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AGF on examples/modular_addition.dyn (reference §1.7): κ = 3; every neuron AGF activates before
 * t = 60 carries frequency 1 (the largest |t̂[k]| = 10; frequency 3 has 5), and together they fit
 * it, leaving exactly frequency 3's power |t̂[3]|²/p = 1.25; the first jump respects the κ = 3
 * lower bound c_i/(3U*_1) with U*_1 = √(2p/27)|t̂[1]|³/p² (M1); and the predicted jump times
 * match gradient descent's midpoint crossings, measured here from the script's CSV by linear
 * interpolation (independently of dyn's Staircase), within 10%.
 */
class ModularAgfTest {
  private static final String SCRIPT = "examples/modular_addition.dyn";
  private static final int P = 20;

  @TempDir Path out;

  /** The script's AGF prediction {@code name}, solved. */
  private static AgfResult solve(String name) throws Exception {
    Compilation c = Compiler.compile(Source.read(ExampleCsv.ROOT.resolve(SCRIPT)),
        new Compiler.Options(Map.of(), ExampleCsv.ROOT.resolve("stdlib")));
    Plan plan = c.plan().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    PredictStep p = null;
    for (Step s : plan.steps()) {
      if (s instanceof PredictStep && ((PredictStep) s).name().equals(name)) p = (PredictStep) s;
    }
    assertTrue(p != null, "the script predicts " + name + " with AGF");
    ModelStep m = plan.step(p.model(), ModelStep.class);
    Dataset data = Engine.CPU.generate(plan.step(p.data(), DataStep.class));
    AgfSettings s = AgfSettings.defaults().withH(p.step()).withLimits(p.rounds(), p.until())
        .withCost(p.cost(), p.costTol(), p.costSteps());
    return AgfSolver.solve(m.model(), Engine.CPU.draw(m, null), data, s);
  }

  /** Power per folded frequency bin 0 … p/2 of a feature (u, v, w), each block of length p. */
  private static double[] power(double[] f) {
    double[] bins = new double[P / 2 + 1];
    for (int block = 0; block * P < f.length; block++) {
      for (int k = 0; k < P; k++) {
        double re = 0;
        double im = 0;
        for (int j = 0; j < P; j++) {
          re += f[block * P + j] * Math.cos(2 * Math.PI * k * j / P);
          im -= f[block * P + j] * Math.sin(2 * Math.PI * k * j / P);
        }
        bins[Math.min(k, P - k)] += re * re + im * im;
      }
    }
    return bins;
  }

  @Test
  void agfAcquiresFrequencyOneNeuronByNeuronAtGradientDescentsJumpTimes() throws Exception {
    AgfResult r = solve("agf1");
    assertEquals(3.0, r.kappa(), 1e-12, "κ = 3 (w, and u, v squared)");
    assertClose((10.0 * 10 + 5 * 5) / P, r.initialLevel(), 1e-9, 0, "ℓ_0 = Σ|t̂[k]|²/p");
    assertEquals(AgfResult.Stop.TIME_LIMIT, r.stop(), "the script stops AGF at until = 60");
    assertTrue(r.rounds().size() >= 3, "frequency 1 takes several neurons: " + r.rounds().size());
    for (AgfRound round : r.rounds()) {
      double[] bins = power(round.feature());
      double total = 0;
      for (double b : bins) total += b;
      assertTrue(bins[1] / total >= 0.9, "neuron " + round.neuron() + " at t = " + round.time()
          + " carries frequency 1: fraction " + bins[1] / total);
    }
    double[] levels = r.levels();
    for (int k = 1; k < levels.length; k++) {
      assertTrue(levels[k] < levels[k - 1], "levels fall: " + levels[k - 1] + " → " + levels[k]);
    }
    assertClose(5.0 * 5 / P, levels[levels.length - 1], 0.01, 0,
        "frequency 1 fully fit leaves frequency 3's power");

    double uStar = Math.sqrt(2.0 * P / 27) * Math.pow(10, 3) / (P * P);
    assertClose(3.042903, uStar, 1e-6, 0, "U*_1 (reference M1)");
    double bound = r.thresholds()[r.order()[0]] / (3 * uStar);
    assertTrue(r.jumpTimes()[0] >= bound, "τ_1 = " + r.jumpTimes()[0] + " ≥ " + bound);

    ExampleCsv csv = ExampleCsv.run(SCRIPT, out, "modular_addition.csv");
    double[] tau = r.jumpTimes();
    for (int k = 0; k < tau.length; k++) {
      double mid = 0.5 * (levels[k] + levels[k + 1]);
      double measured = crossing(csv, mid);
      assertClose(tau[k], measured, 0.1, 0, "jump " + (k + 1) + " (GD crosses " + mid + ")");
    }
  }

  /**
   * All frequencies ({@code agf_all}, until = 200): its first rounds are agf1's to the bit (until
   * only truncates the run); every later round carries frequency 3 (|t̂[3]| = 5) and the levels
   * fall below frequency 3's power 1.25 one neuron at a time; each predicted level but the last
   * (whose plateau the recording cuts at t = 200) matches GD's plateau (the loss at the geometric
   * middle of GD's measured plateau, from the CSV) within the script's level_rtol 0.1. Frequency 3
   * arrives on time at the frequency level: GD crosses 0.625 (the midpoint of 1.25 → 0) within 10%
   * of the τ of AGF's first round below it. The neuron-level split is the script's declared
   * failure: GD's first k = 3 jump comes more than 10% before AGF's (26% at lr 0.0025).
   */
  @Test
  void agfThenAcquiresFrequencyThreeAtGradientDescentsLevels() throws Exception {
    AgfResult first = solve("agf1");
    AgfResult all = solve("agf_all");
    assertEquals(AgfResult.Stop.TIME_LIMIT, all.stop(), "the script stops AGF at until = 200");
    int k1 = first.rounds().size();
    assertTrue(all.rounds().size() > k1, "frequency 3 comes after t = 60: " + all.rounds().size());
    for (int k = 0; k < k1; k++) {
      assertEquals(first.rounds().get(k).time(), all.rounds().get(k).time(), 0.0, "round " + k);
      assertEquals(first.rounds().get(k).level(), all.rounds().get(k).level(), 0.0, "round " + k);
    }
    double[] levels = all.levels();
    double[] tau = all.jumpTimes();
    ExampleCsv csv = ExampleCsv.run(SCRIPT, out, "modular_addition.csv");
    double[] measured = new double[tau.length];
    for (int k = 0; k < tau.length; k++) measured[k] = crossing(csv, 0.5 * (levels[k] + levels[k + 1]));
    double half = 0.5 * 5.0 * 5 / P;
    int frequencyLevel = -1;
    for (int k = k1; k < tau.length; k++) {
      AgfRound round = all.rounds().get(k);
      double[] bins = power(round.feature());
      double total = 0;
      for (double b : bins) total += b;
      assertTrue(bins[3] / total >= 0.9, "neuron " + round.neuron() + " at t = " + round.time()
          + " carries frequency 3: fraction " + bins[3] / total);
      assertTrue(levels[k + 1] < levels[k] && levels[k + 1] < 5.0 * 5 / P, "level " + levels[k + 1]);
      if (frequencyLevel < 0 && levels[k + 1] < half) frequencyLevel = k;
      if (k + 1 < tau.length) {
        double plateau = lossAt(csv, Math.sqrt(measured[k] * measured[k + 1]));
        assertClose(levels[k + 1], plateau, 0.1, 0, "plateau after jump " + (k + 1));
      }
    }
    assertTrue(frequencyLevel >= 0, "AGF takes the loss below " + half + " before t = 200");
    assertClose(tau[frequencyLevel], crossing(csv, half), 0.1, 0,
        "frequency 3's frequency-level jump (GD crosses " + half + ")");
    assertTrue(measured[k1] < 0.9 * tau[k1],
        "the declared failure: GD's first k = 3 jump at " + measured[k1] + ", AGF's at " + tau[k1]);
  }

  /** gd.loss at t, linearly interpolated between CSV rows. */
  private static double lossAt(ExampleCsv csv, double t) {
    for (int row = 1; row < csv.rows(); row++) {
      double t1 = csv.get(row, "t");
      if (t1 < t) continue;
      double t0 = csv.get(row - 1, "t");
      double l0 = csv.get(row - 1, "gd.loss");
      return l0 + (t - t0) / (t1 - t0) * (csv.get(row, "gd.loss") - l0);
    }
    throw new AssertionError("t = " + t + " is past the recording");
  }

  /** First t where gd.loss falls below level, linearly interpolated between CSV rows. */
  private static double crossing(ExampleCsv csv, double level) {
    for (int row = 1; row < csv.rows(); row++) {
      double l1 = csv.get(row, "gd.loss");
      if (l1 >= level) continue;
      double l0 = csv.get(row - 1, "gd.loss");
      double t0 = csv.get(row - 1, "t");
      double t1 = csv.get(row, "t");
      return t0 + (l0 - level) / (l0 - l1) * (t1 - t0);
    }
    throw new AssertionError("gd.loss never falls below " + level);
  }
}
