package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A GD grid finer than lr repeats steps under other times: at lr = 0.7, linear(0, 0.4, 5) read
 * step 0 at t = 0 … 0.3 and showed step 1 (t = 0.7) as t = 0.4, without a word.
 */
class GridFinerThanStepsTest {
  private static List<Diagnostic> warnings(String lr, String grid) {
    return warnings(lr, 4, grid);
  }

  private static List<Diagnostic> warnings(String lr, int steps, String grid) {
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data t = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 2, width = 2, out = 1, seed = 1)",
        "train gd = descent(net, t, lr = " + lr + ", steps = " + steps + ")",
        "observe loss at " + grid);
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }

  @Test
  void mostTimesOnOneStepIsAWarning() {
    List<Diagnostic> w = warnings("0.7", "linear(0, 0.4, 5)");
    assertEquals(1, w.size(), TestScripts.show(w));
    // Steps round(t/0.7) of 0, 0.1, 0.2, 0.3, 0.4 are 0, 0, 0, 0, 1: three of four repeat.
    assertEquals("3 of 4 observation times of train `gd` read the same step as the time before them:"
        + " its steps are lr = 0.7 apart, and a time t records step round(t/lr)", w.get(0).message());
    assertEquals("observe at most one time per step, e.g. linear(0, 2.8, 5)", w.get(0).hint().orElseThrow());
  }

  @Test
  void aGridOfOneTimePerStepIsQuiet() {
    assertTrue(warnings("0.7", "linear(0, 2.8, 5)").isEmpty());
    // saddle_linear's grid: log(0.01, 16, 40) at lr = 0.01 is finer than lr only below t ≈ 0.05.
    assertTrue(warnings("0.01", 1600, "log(0.01, 16, 40)").isEmpty());
  }
}
