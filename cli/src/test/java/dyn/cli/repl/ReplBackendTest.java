package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backend} in the REPL: completed, kept once in the module, and said to apply to dyn run. */
class ReplBackendTest {
  @TempDir Path out;

  private ReplSession session() {
    return new ReplSession(ReplSessionTest.STDLIB, out, false);
  }

  private static String output(ReplResult r) {
    assertInstanceOf(ReplResult.Output.class, r, () -> "expected output, got " + r);
    return ((ReplResult.Output) r).text();
  }

  @Test
  void completesTheKeyword() {
    assertTrue(session().complete("back", 4).contains("backend"));
  }

  @Test
  void completesLossesSchedulesPredictionsAndSweepFunctions() {
    // Tab on these rang the bell (the diagnostics audit): the REPL now completes from the
    // language server's table of builtin names.
    ReplSession s = session();
    for (String[] want : new String[][] {{"cross_en", "cross_entropy"}, {"cosi", "cosine"},
        {"logsp", "logspace"}, {"stair", "staircase"}, {"nanm", "nanmin"}, {"carb", "carbs"}}) {
      assertTrue(s.complete(want[0], want[0].length()).contains(want[1]), want[0] + " → " + s.complete(want[0], want[0].length()));
    }
  }

  @Test
  void aSecondBackendLineReplacesTheFirst() {
    ReplSession s = session();
    s.submit("param a = 1");
    assertTrue(output(s.submit("backend cuda")).contains("the REPL runs on the cpu"));
    s.submit("backend auto");
    assertEquals("param a = 1\nbackend auto\n", s.moduleText(),
        "one slot, so the saved script never has two backend statements");
  }

  @Test
  void aMisspeltBackendIsADiagnostic() {
    ReplResult r = session().submit("backend cdua");
    assertInstanceOf(ReplResult.Diagnostics.class, r, () -> "expected diagnostics, got " + r);
    assertTrue(((ReplResult.Diagnostics) r).rendered().contains("did you mean `cuda`?"));
  }

  @Test
  void aPredictionCompletesItsSeries() {
    // `p.` offered every observable: it is a prediction, whose one series is its loss.
    ReplSession s = session();
    s.submit("import models\nimport datasets");
    s.submit("data teacher = linear_teacher(d = 4, out = 4, n = 100, singular_values = [3, 1], seed = 0)");
    s.submit("model net = two_layer(d = 4, width = 4, out = 4, scale = 1e-3, seed = 1)");
    s.submit("predict p = agf(net, teacher)");
    assertEquals(java.util.List.of("p.loss"), s.complete("p.", 2));
  }
}
