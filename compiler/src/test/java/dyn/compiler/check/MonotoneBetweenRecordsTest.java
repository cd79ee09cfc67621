package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `monotone` sees only recorded values where the step loop does not watch the loss: examples/
 * eta_gamma.dyn, recording its 600 steps every 5, counted three learning rates whose loss rose in
 * an early catapult as stable. Full-batch descent now watches every step when its records span
 * the run (Dynamics.lossMonotoneEveryStep; cli's WatchedMonotoneTest runs it); where that does not
 * apply (minibatch SGD, records that end before the last step; t = 0 is always recorded), a series recorded with gaps
 * between steps draws a warning where `monotone` reads it.
 */
class MonotoneBetweenRecordsTest {
  private static List<Diagnostic> warnings(String train, String grid, String use) {
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data t = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 2, width = 2, out = 1, seed = 1)",
        "train gd = " + train,
        "observe loss, param_norm at " + grid,
        use);
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }

  private static List<Diagnostic> warnings(String grid, String use) {
    return warnings("descent(net, t, lr = 0.1, steps = 60)", grid, use);
  }

  @Test
  void sgdRecordsEveryFiveStepsWarn() {
    List<Diagnostic> w = warnings("sgd(net, t, lr = 0.1, steps = 60, batch = 5)", "linear(0, 6, 13)",
        "check monotone(gd.loss) > 0.5");
    assertEquals(1, w.size(), TestScripts.show(w));
    assertEquals("`monotone` sees `gd.loss` only at its 13 recorded times, up to 5 steps apart: a rise"
        + " between two records (an early catapult, an oscillation sampled at an even stride) goes"
        + " unseen", w.get(0).message());
    assertEquals("to test every step, record it at every step: 61 points (here linear(0, 6, 61))",
        w.get(0).hint().orElseThrow());
  }

  @Test
  void descentRecordsSpanningTheRunAreWatched() {
    assertTrue(warnings("linear(0, 6, 13)", "check monotone(gd.loss) > 0.5").isEmpty());
    assertTrue(warnings("log(0.1, 6, 13)", "check monotone(gd.loss) > 0.5").isEmpty());
  }

  @Test
  void descentRecordsEndingEarlyWarn() {
    List<Diagnostic> w = warnings("linear(0, 5, 11)", "check monotone(gd.loss) > 0.5");
    assertEquals(1, w.size(), TestScripts.show(w));
    assertEquals("record it from t = 0 to the last step (any spacing, e.g. linear(0, 6, 61)): then"
        + " full-batch descent watches the loss at every step", w.get(0).hint().orElseThrow());
  }

  @Test
  void everyStepIsQuiet() {
    assertTrue(warnings("sgd(net, t, lr = 0.1, steps = 60, batch = 5)", "linear(0, 6, 61)",
        "check monotone(gd.loss) > 0.5").isEmpty());
  }

  @Test
  void aTrendOfAnotherSeriesIsQuiet() {
    // classify_mixture's `check monotone(ce.nc1) > 0.5` over 8 log-spaced times is a trend.
    assertTrue(warnings("linear(0, 6, 13)", "check monotone(gd.param_norm) > 0.5").isEmpty());
  }

  @Test
  void otherSeriesFunctionsOnACoarseGridAreQuiet() {
    assertTrue(warnings("linear(0, 5, 11)", "check final(gd.loss) < 1").isEmpty());
  }
}
