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
}
