package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.CompareStep;
import dyn.runtime.analysis.TrajectoryComparison;
import org.junit.jupiter.api.Test;

/** A trajectory comparison's table (all rows, or a spread subset plus the worst) and verdicts. */
class CompareTableTest {
  private static final CompareStep.Trajectory METHOD =
      new CompareStep.Trajectory(new dyn.compiler.plan.SeriesRef(1, "lazy",
          dyn.compiler.plan.Observable.LOSS), 0.05);

  /** n points, predicted 1 everywhere, measured 1 + err(t) where err peaks at t = peak. */
  private static TrajectoryComparison.Result peaked(int n, int peak, double top) {
    double[] t = new double[n];
    double[] m = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
      p[i] = 1;
      m[i] = 1 + (i == peak ? top : 0.01);
    }
    return TrajectoryComparison.compare(t, m, t, p, 0.05);
  }

  @Test
  void aShortComparisonShowsEveryRowAndMarksTheWorst() {
    String table = CompareTable.render("compare c: gd.loss against lazy.loss", peaked(4, 2, 0.03));
    assertEquals(String.join("\n",
        "compare c: gd.loss against lazy.loss",
        "t  predicted  measured  relative error",
        "0          1      1.01              1%",
        "1          1      1.01              1%",
        "2          1      1.03              3%  worst",
        "3          1      1.01              1%", ""), table);
  }

  @Test
  void aLongComparisonShowsASpreadSubsetPlusTheWorst() {
    // 101 points: rows 0, 10, …, 100 are shown, and the worst, 37, between them.
    String table = CompareTable.render("c", peaked(101, 37, 0.5));
    String[] lines = table.split("\n");
    assertEquals(1 + 1 + 12 + 1, lines.length, table);
    assertTrue(lines[6].startsWith(" 37") && lines[6].endsWith("50%  worst"), table);
    assertEquals("(12 of 101 shared times shown)", lines[lines.length - 1]);
  }

  @Test
  void verdictsSayWhetherTheDeclarationHolds() {
    TrajectoryComparison.Result bad = peaked(4, 2, 0.5);
    assertEquals("compare c: FAIL (4 shared times over t = 0 … 3, max relative error 50% > 5% at t = 2)",
        CompareTable.verdict("c", bad, METHOD, CompareStep.Expect.PASS));
    assertEquals("compare c: FAIL as expected (4 shared times over t = 0 … 3, max relative error 50% > 5% at t = 2)",
        CompareTable.verdict("c", bad, METHOD, CompareStep.Expect.FAIL));
    TrajectoryComparison.Result good = peaked(4, 2, 0.03);
    assertEquals("compare c: PASS, expected FAIL (4 shared times over t = 0 … 3, max relative error 3% ≤ 5% at t = 2)",
        CompareTable.verdict("c", good, METHOD, CompareStep.Expect.FAIL));
  }
}
