package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eigenframework on a measured kernel of low rank: the NTK of a linear network on d = 2
 * inputs has rank 2, its other eigenvalues are round-off (±1e-15). Ridgeless with n = 5 samples,
 * both real modes are learned exactly (κ = 0) and E0 = n / (n − Σ L²) = 5 / (5 − 2) = 5/3 by the
 * formula (reference: shared/science, the eigenframework's E0); counting the round-off as modes
 * gave κ ≈ 5e-17 and E0 = 7.7.
 */
class RankDeficientKernelTest {
  @TempDir Path dir;

  @Test
  void roundOffEigenvaluesAreNotModes() throws IOException {
    Path s = dir.resolve("rank2.dyn");
    Files.writeString(s, String.join("\n",
        "import models",
        "import datasets",
        "data t = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1], n_test = 10, noise = 0.1)",
        "model net = two_layer(d = 2, width = 16, out = 1, act = linear, seed = 1)",
        "predict k = ntk(net, t)",
        "predict e = eigenframework(kernel = k, n = 5, ridge = 0)",
        "report table(e.kappa, e.e0)",
        ""));
    CliRun r = CliRun.of("run", s.toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    int header = 0;
    while (!lines[header].contains("e.e0")) header++;
    // t  e.kappa  e.e0, then the one row at t = 0.
    String[] row = lines[header + 1].trim().split("\\s+");
    assertEquals(0.0, Double.parseDouble(row[1]), 0.0, "κ: " + r.out());
    assertEquals(5.0 / 3.0, Double.parseDouble(row[2]), 1e-5, "E0: " + r.out());
  }
}
