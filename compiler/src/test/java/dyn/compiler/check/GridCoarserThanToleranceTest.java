package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A staircase compare measures each jump only to within the two recorded times around it: on
 * log(1, 800, 150) (times 4.6% apart) linear_transformer's worst time error read 2.8%, and 0.88%
 * on 3000 points. A grid coarser than time_rtol/2 is a warning at the compare, with the grid that
 * would do.
 */
class GridCoarserThanToleranceTest {
  private static List<Diagnostic> warnings(String grid, String compareArgs) {
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])",
        "model net = two_layer(d = 6, width = 8, out = 6, scale = 1e-4)",
        "train gf = flow(net, teacher, until = 800)",
        "observe loss at " + grid,
        "predict agf1 = agf(net, teacher, until = 100)",
        "compare c = staircase(gf.loss, agf1" + compareArgs + ")");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }

  @Test
  void aLogGridCoarserThanHalfTheToleranceIsAWarningAtTheCompare() {
    // 800^(1/149) − 1 = 4.59% > 0.05/2.
    List<Diagnostic> w = warnings("log(1, 800, 150)", ", time_rtol = 0.05");
    assertEquals(1, w.size(), TestScripts.show(w));
    Diagnostic d = w.get(0);
    assertEquals("grid-coarser-than-tolerance", d.code());
    assertEquals(8, d.where().line());
    assertEquals(13, d.where().column(), "the caret is on `staircase(…)`");
    assertEquals("`gf.loss` is recorded at times 4.59% apart, more than time_rtol/2 = 2.5%: a"
        + " measured jump time is known only to within the recorded times around it, so where"
        + " the grid falls can decide this comparison", d.message());
    // ln(800)/ln(1.025) = 270.7 intervals: 272 points, 2.49% apart.
    assertEquals("record it at most 2.5% apart, e.g. `observe loss for gf at log(1, 800, 272)`, or"
        + " widen time_rtol", d.hint().orElseThrow());
  }

  @Test
  void theSuggestedGridAndAFineEnoughToleranceAreQuiet() {
    assertTrue(warnings("log(1, 800, 272)", ", time_rtol = 0.05").isEmpty());
    assertEquals(1, warnings("log(1, 800, 271)", ", time_rtol = 0.05").size(), "271 points are 2.51% apart");
    assertTrue(warnings("log(1, 800, 150)", ", time_rtol = 0.1").isEmpty(), "4.59% ≤ 5%");
  }

  @Test
  void theDefaultToleranceOnTheDefaultGridWarns() {
    // No grid written: log(until·1e-3, until, 40), 19% apart, against the default time_rtol 0.1.
    List<Diagnostic> w = warnings("log(0.8, 800, 40)", "");
    assertEquals(1, w.size(), TestScripts.show(w));
    assertTrue(w.get(0).message().startsWith("`gf.loss` is recorded at times 19.4% apart, more than"
        + " time_rtol/2 = 5%"), w.get(0).message());
  }

  @Test
  void aLinearGridIsCoarseNearItsStartOnly() {
    // linear(0, 800, 801): 1 apart, so more than 5% of t below t = 20; only the part of the grid
    // before the prediction's horizon (until = 100) counts.
    List<Diagnostic> w = warnings("linear(0, 800, 801)", ", time_rtol = 0.1");
    assertEquals(1, w.size(), TestScripts.show(w));
    assertTrue(w.get(0).message().startsWith("`gf.loss` is recorded at times up to 100% apart"
        + " (below t = 20), more than time_rtol/2 = 5%"), w.get(0).message());
  }
}
