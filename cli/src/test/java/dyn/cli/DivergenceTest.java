package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that blows up stops with exit 3 and the train named, whatever the optimizer, and never
 * prints an exploded or NaN table with exit 0.
 */
class DivergenceTest {
  @TempDir Path dir;

  private CliRun run(String train, String steps) throws IOException {
    Path s = dir.resolve("s.dyn");
    Files.writeString(s, String.join("\n",
        "import models",
        "import datasets",
        "param steps = " + steps,
        "data t = linear_teacher(d = 3, out = 1, n = 20, singular_values = [1])",
        "model net = two_layer(d = 3, width = 4, out = 1, scale = 0.5, seed = 1)",
        "train s = " + train,
        "observe loss at linear(0, steps * 30, steps + 1)",
        "report table(s.loss)",
        "check final(s.loss) < 1e30", ""));
    return CliRun.of("run", s.toString(), "--out", dir.resolve("out").toString());
  }

  @Test
  void sgdThatExplodesBetweenItsPeriodicChecksStopsAtTheRecord() throws IOException {
    // Five steps at lr = 30: the loss goes 39k, 1e20, 1e67, 1e206, NaN. The full loss used to be
    // checked only every 64 steps, so this printed that table and passed its check (exit 0).
    CliRun r = run("sgd(net, t, lr = 30, batch = 10, steps = steps, seed = 1)", "5");
    assertEquals(ExitCodes.RUNTIME, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("train s: SGD diverged: the loss grew from"), r.err());
    assertFalse(r.out().contains("PASS"), r.out());
  }

  @Test
  void theDivergenceMessageNamesTheOptimizer() throws IOException {
    CliRun adam = run("adam(net, t, lr = 30, steps = steps)", "20");
    assertEquals(ExitCodes.RUNTIME, adam.code(), adam.out() + adam.err());
    assertTrue(adam.err().contains("train s: Adam diverged"), adam.err());
    CliRun momentum = run("momentum(net, t, lr = 30, beta = 0.9, steps = steps)", "20");
    assertEquals(ExitCodes.RUNTIME, momentum.code(), momentum.out() + momentum.err());
    assertTrue(momentum.err().contains("train s: gradient descent with momentum diverged"), momentum.err());
  }

  @Test
  void aNanInTheDataIsNotBlamedOnTheLearningRate() throws IOException {
    Files.writeString(dir.resolve("x.csv"), "1,2\n3,nan\n");
    Files.writeString(dir.resolve("y.csv"), "1\n2\n");
    Path s = dir.resolve("nan.dyn");
    Files.writeString(s, String.join("\n",
        "import models",
        "dataset f() {",
        "  x = load_csv(\"x.csv\")'",
        "  y = load_csv(\"y.csv\")'",
        "}",
        "data t = f()",
        "model net = two_layer(d = 2, width = 3, out = 1, seed = 1)",
        "train gd = descent(net, t, lr = 0.1, steps = 5)",
        "train gf = flow(net, t, until = 1)",
        ""));
    CliRun r = CliRun.of("run", s.toString(), "--out", dir.resolve("nan").toString());
    assertEquals(ExitCodes.RUNTIME, r.code(), r.out() + r.err());
    // It said "lower the learning rate (try 0.05)" before, and "tighten rtol" for the flow.
    assertTrue(r.err().contains("train gd: the loss is NaN at θ(0), before any step"), r.err());
    assertTrue(r.err().contains("train gf: the loss is NaN at θ(0), before any step"), r.err());
    assertFalse(r.err().contains("lower the learning rate"), r.err());
  }
}
