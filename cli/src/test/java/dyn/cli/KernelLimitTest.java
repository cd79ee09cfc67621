package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The empirical NTK a train records (`observe ntk_eigenvalues`, per-sample reverse passes through
 * the model's own graph and θ(0)) against the closed-form NTK the compiler derives from the same
 * model statement (`predict ntk(…)`, wave2.md §1 recursions): two independent routes to one
 * kernel. Science wave2.md §1.5 gives a relative error ∝ 1/√width, ≈ 0.025 at width 4096 for
 * the whole matrix; eigenvalues move by at most that (Hoffman–Wielandt), so the top eigenvalue
 * must be within 2% at width 4096, and the narrow net must be further off than the wide one.
 */
class KernelLimitTest {
  @TempDir Path out;

  private double topEigenvalueError(int width) throws IOException {
    Path script = out.resolve("ntk_" + width + ".dyn");
    Files.writeString(script, String.join("\n",
        "import models",
        "import datasets",
        "data task = linear_teacher(d = 10, out = 1, n = 8, singular_values = [1], whiten = false,"
            + " seed = 3)",
        "model net = two_layer(d = 10, width = " + width + ", out = 1, act = relu,"
            + " parametrization = ntk, seed = 5)",
        "train gd = descent(net, task, lr = 0.01, steps = 1)",
        "observe ntk_eigenvalues at linear(0, 0.01, 2)",
        "predict theta = ntk(net, task)",
        "report csv(\"empirical.csv\", gd.ntk_eigenvalues)",
        "report csv(\"exact.csv\", theta.eigenvalues)", ""));
    Path dir = out.resolve("out_" + width);
    ExampleCsv empirical = ExampleCsv.run(script.toString(), dir, "empirical.csv");
    ExampleCsv exact = ExampleCsv.read(dir.resolve("exact.csv"));
    double want = exact.get(0, "theta.eigenvalues");
    double got = empirical.get(0, "gd.ntk_eigenvalues[0]");
    double err = Math.abs(got - want) / want;
    System.out.println("width " + width + ": top NTK eigenvalue empirical " + got + ", closed form "
        + want + ", relative error " + err);
    return err;
  }

  @Test
  void wideEmpiricalNtkMatchesTheClosedForm() throws IOException {
    double wide = topEigenvalueError(4096);
    double narrow = topEigenvalueError(64);
    assertTrue(wide < 0.02, "width 4096: relative error " + wide);
    assertTrue(narrow > wide, "width 64 (" + narrow + ") should be further off than 4096");
  }

  /**
   * {@code linearized(theta, task)} with {@code theta = ntk(net, task)}: the lazy limit trained
   * with the closed-form NTK and the net's own f_0. Expected numbers: reference.py beside the
   * script (numpy), which rebuilds the NTK of f = (m2·W2) relu((m1·W1) x) from the arc-cosine
   * expectations and the stdlib's declared variances, takes f_0 from the exported θ(0), iterates
   * 40 GD steps of the linear model on the 6 × 2 train rows, and solves gradient flow by eigh.
   */
  @Test
  void infiniteWidthLinearizedMatchesNumpy() throws IOException {
    ExampleCsv csv = ExampleCsv.run("cli/src/test/resources/kernel_limit/lazy_infinite.dyn",
        out.resolve("inf"), "inf.csv");
    double[][] want = { // inf.loss, inf.test_loss, flow.loss, flow.test_loss at t = 0, 5, … 20
        {0.530509657537633, 0.576060388909586, 0.530509657537632, 0.576060388909586},
        {0.231418519298087, 0.341934446815811, 0.23534927297808, 0.346537877986947},
        {0.171894805509013, 0.304962009299181, 0.173396829469597, 0.306696329070574},
        {0.148127550086811, 0.29726295916796, 0.148773158179273, 0.297800563296106},
        {0.133776306123556, 0.295363090365915, 0.134104516936645, 0.295493662102203}};
    String[] cols = {"inf.loss", "inf.test_loss", "flow.loss", "flow.test_loss"};
    for (int r = 0; r < want.length; r++) {
      for (int c = 0; c < cols.length; c++) {
        ExampleCsv.assertClose(want[r][c], csv.get(r, cols[c]), 1e-10, 0, cols[c] + " row " + r);
      }
    }
  }

  /**
   * {@code eigenframework(kernel = theta, …)}: the spectrum and target coefficients measured
   * from an ntk prediction on its data (λ = Gram eigenvalues/N, v = Uᵀy/√N). Expected numbers:
   * eigen_reference.py beside the script (numpy: its own arc-cosine NTK, eigh, and the §4.1 and
   * §4.2 equations solved by plain bisection).
   */
  @Test
  void eigenframeworkFromAKernelMatchesNumpy() throws IOException {
    ExampleCsv csv = ExampleCsv.run("cli/src/test/resources/kernel_limit/eigenframework.dyn",
        out.resolve("eigen"), "eigen.csv");
    String[] cols = {"e.test_mse", "e.train_mse", "e.kappa", "e.e0", "e.learnability",
        "rf.test_mse"};
    double[] want = {0.22377487371074575, 0.003198171946426063, 0.13941307462107347,
        2.0128542482270313, 0.5902835068492209, 0.4193850204165209};
    for (int c = 0; c < cols.length; c++) {
      ExampleCsv.assertClose(want[c], csv.get(0, cols[c]), 1e-9, 0, cols[c]);
    }
  }

  /**
   * {@code empirical_ntk(net, task)}: the finite net's NTK at θ(0) as a kernel, its Gram
   * eigenvalues, the eigenframework from its measured spectrum ({@code kernel = theta}) and
   * {@code krr} with it. Expected numbers: empirical_reference.py beside the script (numpy), which
   * rebuilds the kernel from hand-derived gradients of f = (m2·W2) relu((m1·W1) x) at the exported
   * θ(0) (dyn takes per-sample reverse passes), solves κ by brentq and KRR by a dense solve.
   */
  @Test
  void empiricalNtkKernelMatchesNumpy() throws IOException {
    Path dir = out.resolve("emp");
    ExampleCsv spectrum = ExampleCsv.run("cli/src/test/resources/kernel_limit/empirical.dyn",
        dir, "spectrum.csv");
    double[] eig = {2.86428147592199, 0.753947342779347, 0.623512046989126, 0.299113071906005,
        0.196392016850386, 0.00394533655541467};
    for (int i = 0; i < eig.length; i++) {
      ExampleCsv.assertClose(eig[i], spectrum.get(i, "theta.eigenvalues"), 1e-10, 1e-14,
          "eigenvalue " + (i + 1));
    }
    ExampleCsv risk = ExampleCsv.read(dir.resolve("risk.csv"));
    String[] cols = {"theory.test_mse", "theory.train_mse", "theory.kappa", "theory.e0",
        "theory.learnability", "fit.test_mse", "fit.train_mse"};
    double[] want = {0.266041367098421, 0.0179957120278389, 0.12816481450134, 1.65463061027913,
        0.483303476539924, 0.00723892280600781, 0.0121470678607393};
    for (int c = 0; c < cols.length; c++) {
      ExampleCsv.assertClose(want[c], risk.get(0, cols[c]), 1e-9, 0, cols[c]);
    }
  }

  /**
   * {@code linearized(theta, task, ensemble = true)}: the losses averaged over infinitely wide
   * nets, f_0 ~ N(0, NNGP). Expected numbers: ensemble_reference.py beside the script (numpy),
   * which pushes the mean and covariance of f through the 40 GD maps M f + b one step at a time
   * (and through expm of the flow's linear system), where dyn uses Θ's eigendecomposition and
   * closed-form traces.
   */
  @Test
  void ensembleAveragedLinearizedMatchesNumpy() throws IOException {
    ExampleCsv csv = ExampleCsv.run("cli/src/test/resources/kernel_limit/ensemble.dyn",
        out.resolve("ens"), "ensemble.csv");
    double[][] want = { // mean.loss, mean.test_loss, mean_flow.loss, mean_flow.test_loss
        {0.762060472222222, 0.755552708333333, 0.762060472222222, 0.755552708333333},
        {0.236172189545407, 0.321653251167884, 0.241556181361553, 0.325976611329904},
        {0.175741880997325, 0.279077913278964, 0.17714279716002, 0.280175002389208},
        {0.150871428809057, 0.267701743061461, 0.15149484867092, 0.268066477292002},
        {0.135002309860898, 0.263624833817722, 0.135377994180686, 0.263756587646958}};
    String[] cols = {"mean.loss", "mean.test_loss", "mean_flow.loss", "mean_flow.test_loss"};
    for (int r = 0; r < want.length; r++) {
      for (int c = 0; c < cols.length; c++) {
        ExampleCsv.assertClose(want[r][c], csv.get(r, cols[c]), 1e-10, 0, cols[c] + " row " + r);
      }
    }
  }
}
