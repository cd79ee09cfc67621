package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diverged sweep points in reductions. On this teacher seed 0 diverges from lr = 0.6 on while
 * seeds 1 and 2 stay stable up to 0.8 (each point's result.json says which), so the learning rate
 * stable for every seed is 0.4. min over seeds of `edge` skipped the diverged seed and said 0.8,
 * and `check worst < 1e-20` on the max loss over seeds passed.
 */
class DivergedSweepPointsTest {
  @TempDir Path dir;

  @Test
  void aDivergedSeedIsTheWorstCaseNotSkipped() throws IOException {
    Path s = dir.resolve("edge.dyn");
    Files.writeString(s, String.join("\n",
        "import models",
        "import datasets",
        "param lr = 0.1",
        "param seed = 0",
        "data t = linear_teacher(d = 4, out = 1, n = 16, singular_values = [1], whiten = false, seed = seed)",
        "model net = two_layer(d = 4, width = 8, out = 1, scale = 1, seed = seed)",
        "train gd = descent(net, t, lr = lr, steps = 300)",
        "observe loss at linear(0, 300 * lr, 31)",
        "sweep s = grid(lr = [0.4, 0.6, 0.8], seed = seeds(3)) {",
        "  loss = final(gd.loss)",
        "  edge = lr * monotone(gd.loss)",
        "}",
        "let edge = min(s.edge, over = seed)",
        "let eta = max(edge, over = lr)",
        "let worst = max(s.loss, over = seed)",
        "let best = nanmin(s.loss, over = seed)",
        "report table(eta)",
        "report table(s)",
        "check worst < 1e-20",
        ""));
    CliRun r = CliRun.of("run", s.toString(), "--out", dir.resolve("out").toString());
    String diverged = Files.readString(dir.resolve("out/sweep-s/points/3/result.json"));
    assertTrue(diverged.matches("(?s).*\"diverged\" : 1[,\n].*"), "seed 0 at lr = 0.6 diverges:\n" + diverged);
    // edge = lr · monotone(loss) is 0 at a diverged point (its loss blew up), not NaN.
    assertTrue(diverged.matches("(?s).*\"edge\" : 0[,\n].*"), diverged);
    assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("eta\n0.4\n"), "stable for every seed up to 0.4: " + r.out());
    assertTrue(r.out().contains("check worst < 1e-20: FAIL"), "the diverged seed makes the worst loss NaN: " + r.out());
  }
}
