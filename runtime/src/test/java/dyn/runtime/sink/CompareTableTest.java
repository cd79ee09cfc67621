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

  /** L = 4 before t = 10, 1 from 10 to 30, 0.25 after, on the n-point log grid over [1, 100]. */
  private static dyn.runtime.analysis.StaircaseComparison.Result sharpStaircase(int n, double rtol) {
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = Math.pow(100, g / (n - 1.0));
      l[g] = t[g] < 10 ? 4 : t[g] < 30 ? 1 : 0.25;
    }
    return dyn.runtime.analysis.StaircaseComparison.compare(t, l, null, new double[] {10.5, 30},
        new double[] {4, 1, 0.25}, new int[] {-1, -1}, rtol, 0.01,
        dyn.runtime.analysis.Staircase.Axis.LOG);
  }

  @Test
  void aStaircaseVerdictGivesTheGridResolutionAndSaysWhenTheGridDecides() {
    CompareStep.Staircase method =
        new CompareStep.Staircase(java.util.Optional.empty(), 0.05, 0.01, CompareStep.Axis.LOG);
    // 95 points over two decades, 5% apart: jump 1 (truly at 10, predicted 10.5) crossed
    // between grid times 9.52 and 10 (a grid time), a time error of 4.8% to 9.3%.
    dyn.runtime.analysis.StaircaseComparison.Result coarse = sharpStaircase(95, 0.05);
    String table = CompareTable.render("c", coarse);
    assertTrue(table.split("\n")[1].contains("relative error   grid"), table);
    assertTrue(table.split("\n")[2].contains("±"), table);
    String v = CompareTable.verdict("c", coarse, method, CompareStep.Expect.PASS);
    assertTrue(v.startsWith("compare c: INCONCLUSIVE, decided by the grid (2 jumps, max time error "), v);
    assertTrue(v.endsWith("; jump 1 crossed between grid times 9.5219 and 10, a time error of 4.8% to 9.3%"
        + " (predicted 10.5), either side of 5%; a finer grid decides it)"), v);
    assertTrue(CompareTable.verdict("c", coarse, method, CompareStep.Expect.FAIL)
        .startsWith("compare c: INCONCLUSIVE, decided by the grid, not the expected FAIL ("));
    // 4001 points, 0.12% apart: a PASS, with the grid's worst resolution beside the error.
    String fine = CompareTable.verdict("c", sharpStaircase(4001, 0.05), method, CompareStep.Expect.PASS);
    assertTrue(fine.matches("compare c: PASS \\(2 jumps, max time error 4\\.\\d+% \\(grid ±0\\.\\d+%\\) ≤ 5%, .*"), fine);
  }

  @Test
  void aStaircaseVerdictSaysWhenTheRecordingOutrunsThePredictionsHorizon() {
    CompareStep.Staircase method =
        new CompareStep.Staircase(java.util.Optional.empty(), 0.05, 0.01, CompareStep.Axis.LOG);
    // The same staircase to t = 100, against a prediction that stopped at t = 40 with its two
    // jumps: a jump after 40 would be neither predicted nor compared, so the PASS says where it
    // stops (modular_addition's c1 compares the first frequency's jumps to t = 60 of 200).
    int n = 4001;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int g = 0; g < n; g++) {
      t[g] = Math.pow(100, g / (n - 1.0));
      l[g] = t[g] < 10 ? 4 : t[g] < 30 ? 1 : 0.25;
    }
    dyn.runtime.analysis.StaircaseComparison.Result r = dyn.runtime.analysis.StaircaseComparison.compare(
        t, l, null, new double[] {10, 30}, new double[] {4, 1, 0.25}, new int[] {-1, -1}, 0.05, 0.01,
        dyn.runtime.analysis.Staircase.Axis.LOG, 40);
    String v = CompareTable.verdict("c", r, method, CompareStep.Expect.PASS);
    assertTrue(v.startsWith("compare c: PASS (") && v.endsWith(
        ", compared to t = 40, the prediction's `until` (the recording runs to t = 100))"), v);
    // A horizon the recording does not pass (with the time tolerance) adds nothing.
    r = dyn.runtime.analysis.StaircaseComparison.compare(t, l, null, new double[] {10, 30},
        new double[] {4, 1, 0.25}, new int[] {-1, -1}, 0.05, 0.01,
        dyn.runtime.analysis.Staircase.Axis.LOG, 98);
    assertTrue(!CompareTable.verdict("c", r, method, CompareStep.Expect.PASS).contains("compared to"));
  }
}
