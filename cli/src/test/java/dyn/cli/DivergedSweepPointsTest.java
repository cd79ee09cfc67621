package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diverged sweep points in reductions. On this teacher seed 0 diverges from lr = 0.6 on (its
 * point's result.json says so), so `check worst < 1e-20` on the max loss over seeds must fail:
 * it passed when the reduction skipped the diverged seed's NaN. Its `edge` is 0, not NaN. The
 * learning rate stable for every seed is 0.3: at 0.4 and 0.5 seed 0's loss rises in its first
 * steps, between records 10 steps apart (0.672 → 0.763 → 0.869, then down), and seeds 1 and 2
 * rise from 0.6; `monotone` sees every step of a descent (until session 17 it read the records,
 * and this test said 0.4).
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
        "sweep s = grid(lr = [0.3, 0.6, 0.8], seed = seeds(3)) {",
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
    assertTrue(r.out().contains("eta\n0.3\n"), "stable for every seed up to 0.3: " + r.out());
    assertTrue(r.out().contains("check worst < 1e-20: FAIL"), "the diverged seed makes the worst loss NaN: " + r.out());
  }
}
