package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.TrainStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observation times past a train's end are dropped and the end recorded in their place: a GD
 * run to t = 5 observed on linear(0, 50, 6) kept only t = 0, so `final(gd.loss)` was the initial
 * loss and `check final(gd.loss) < 1` passed on it.
 */
class GridPastEndTest {
  private static Compilation compile(String grid) {
    return TestScripts.compile("import models", "import datasets",
        "data t = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 2, width = 2, out = 1, seed = 1)",
        "train gd = descent(net, t, lr = 0.05, steps = 100)",
        "observe loss at " + grid);
  }

  private static List<Double> times(Compilation c) {
    return c.plan().orElseThrow().steps().stream().filter(s -> s instanceof TrainStep)
        .map(s -> ((TrainStep) s).times()).findFirst().orElseThrow();
  }

  @Test
  void theEndReplacesTheTimesAfterIt() {
    Compilation c = compile("linear(0, 50, 6)");
    assertEquals(List.of(0.0, 5.0), times(c));
    Diagnostic w = c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).findFirst().orElseThrow();
    assertEquals("5 observation times are after train `gd` ends at t = 5; they are dropped and the end,"
        + " t = 5, is recorded instead", w.message());
  }

  @Test
  void aGridThatReachesTheEndIsKeptAsItIs() {
    Compilation c = compile("linear(0, 10, 3)");
    // 0, 5, 10: 10 is dropped, and 5 is the end already.
    assertEquals(List.of(0.0, 5.0), times(c));
    assertTrue(c.diagnostics().stream().anyMatch(d -> d.message().endsWith("; they are dropped")),
        TestScripts.show(c.diagnostics()));
  }
}
