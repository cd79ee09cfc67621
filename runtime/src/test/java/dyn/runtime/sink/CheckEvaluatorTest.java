package dyn.runtime.sink;

import static dyn.runtime.sink.Fixtures.boxed;
import static dyn.runtime.sink.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckExpr.Fn;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.SeriesRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckEvaluatorTest {
  private static final SeriesRef GF = new SeriesRef(2, "gf", Observable.LOSS);
  private static final SeriesRef GD = new SeriesRef(3, "gd", Observable.LOSS);
  private static final SeriesRef SV = new SeriesRef(2, "gf", Observable.SINGULAR_VALUES);
  private static final SeriesRef TEST = new SeriesRef(2, "gf", Observable.TEST_LOSS);

  private final Map<SeriesRef, Series> recorded = new HashMap<>();
  private final CheckEvaluator eval = new CheckEvaluator(r -> Optional.ofNullable(recorded.get(r)));

  CheckEvaluatorTest() {
    // gf: loss 1 + 2t on t = 0, 1, 2, 4; gd: on t = 0, 0.5, 1, 2 with values off by 10 %, 0, 20 %, 25 %.
    recorded.put(GF, scalar("gf", Observable.LOSS, new double[] {0, 1, 2, 4}, new double[] {1, 3, 5, 9}));
    recorded.put(GD, scalar("gd", Observable.LOSS, new double[] {0, 0.5, 1, 2}, new double[] {1.1, 100, 3, 6.25}));
    recorded.put(SV, new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0, 1, 2, 4}),
        new double[][] {{0.1, 7}, {2, 0.5}, {4, 0.25}, {5, 3}}));
  }

  private static CheckExpr fn(Fn f, SeriesRef... s) {
    return new CheckExpr.SeriesFn(f, List.of(s), List.of());
  }

  private double value(CheckExpr e) throws Exception {
    return eval.value(e);
  }

  private static CheckExpr picked(Fn f, SeriesRef s, int k) {
    return new CheckExpr.SeriesFn(f, List.of(s), List.of(), List.of(k));
  }

  @Test
  void finalMinMaxOfAScalarSeries() throws Exception {
    assertEquals(9, value(fn(Fn.FINAL, GF)));
    assertEquals(1, value(fn(Fn.MIN, GF)));
    assertEquals(9, value(fn(Fn.MAX, GF)));
  }

  /** SV's rows are (0.1, 7), (2, 0.5), (4, 0.25), (5, 3): read off per column by hand. */
  @Test
  void finalMinMaxOfAVectorSeriesGiveEveryComponent() throws Exception {
    assertArrayEquals(new double[] {5, 3}, eval.values(fn(Fn.FINAL, SV)));
    assertArrayEquals(new double[] {0.1, 0.25}, eval.values(fn(Fn.MIN, SV)));
    assertArrayEquals(new double[] {5, 7}, eval.values(fn(Fn.MAX, SV)));
    assertArrayEquals(new double[] {0, 0}, eval.values(fn(Fn.MONOTONE, SV)));
    assertEquals(3, value(picked(Fn.FINAL, SV, 1)));
    assertEquals(0.25, value(picked(Fn.MIN, SV, 1)));
    // at(gf.singular_values[1], 1.5): halfway between 0.5 and 0.25.
    assertEquals(0.375, value(new CheckExpr.SeriesFn(Fn.AT, List.of(SV), List.of(1.5), List.of(1))), 1e-15);
    // One number is needed (a sweep metric): a whole vector is an error naming the fix.
    CheckEvaluator.CheckError e = assertThrows(CheckEvaluator.CheckError.class, () -> value(fn(Fn.FINAL, SV)));
    assertTrue(e.getMessage().contains("[k]"), e.getMessage());
    e = assertThrows(CheckEvaluator.CheckError.class, () -> value(picked(Fn.FINAL, SV, 2)));
    assertEquals("gf.singular_values has 2 components (0 … 1); gf.singular_values[2] does not exist", e.getMessage());
  }

  /**
   * The case: final singular values 5, 3, 2, 1 and `> 4.99`. Reading component 0 only
   * passed it; every component must hold, and the line names the worst and lists them all.
   */
  @Test
  void aComparisonOfAVectorHoldsOnlyWhenEveryComponentDoes() {
    recorded.put(SV, new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0, 1}),
        new double[][] {{1e-4, 1e-4, 1e-4, 1e-4}, {5, 3, 2, 1}}));
    Verdict v = check(">", fn(Fn.FINAL, SV), new CheckExpr.Number(4.99), "final(gf.singular_values) > 4.99");
    assertFalse(v.passed());
    assertEquals(3, v.failing());
    assertEquals(3, v.worst());
    assertEquals(1, v.value());
    assertEquals("check final(gf.singular_values) > 4.99: FAIL (3 of 4 components fail; worst [3] = 1; "
        + "values 5, 3, 2, 1)", v.line());
    Verdict all = check(">", fn(Fn.FINAL, SV), new CheckExpr.Number(0.99), "final(gf.singular_values) > 0.99");
    assertTrue(all.passed());
    assertEquals("check final(gf.singular_values) > 0.99: PASS (all 4 components hold; worst [3] = 1; "
        + "values 5, 3, 2, 1)", all.line());
    Verdict one = check(">", picked(Fn.FINAL, SV, 0), new CheckExpr.Number(4.99), "final(gf.singular_values[0]) > 4.99");
    assertTrue(one.passed());
    assertEquals("check final(gf.singular_values[0]) > 4.99: PASS (value 5)", one.line());
    // For `<` the worst is the largest; arithmetic works per component: 2·(5, 3, 2, 1) < 10 fails at [0].
    Verdict scaled = check("<", new CheckExpr.Arith('*', new CheckExpr.Number(2), fn(Fn.FINAL, SV)),
        new CheckExpr.Number(10), "2 * final(gf.singular_values) < 10");
    assertFalse(scaled.passed());
    assertEquals(0, scaled.worst());
    assertEquals(10, scaled.value());
    // Vector against vector: component by component (final vs. initial: every value grew).
    assertTrue(check(">", fn(Fn.FINAL, SV), fn(Fn.MIN, SV), "x").passed());
  }

  @Test
  void aVectorWithNoComponentsDoesNotPassVacuously() {
    recorded.put(SV, new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0}), new double[][] {{}}));
    Verdict v = check("<", fn(Fn.FINAL, SV), new CheckExpr.Number(1), "final(gf.singular_values) < 1");
    assertFalse(v.passed());
    assertEquals("check final(gf.singular_values) < 1: FAIL (the series has no components to compare)", v.line());
  }

  @Test
  void sidesOfDifferentWidthsAreAnError() {
    recorded.put(new SeriesRef(2, "gf", Observable.NEURON_NORMS), new Series("gf", Observable.NEURON_NORMS,
        boxed(new double[] {0, 1}), new double[][] {{1, 1, 1}, {2, 2, 2}}));
    Verdict v = check("<", fn(Fn.FINAL, SV), fn(Fn.FINAL, new SeriesRef(2, "gf", Observable.NEURON_NORMS)), "x");
    assertFalse(v.passed());
    assertTrue(v.error().orElseThrow().contains("2 and 3 components"), v.line());
  }

  @Test
  void atInterpolatesLinearlyInTime() throws Exception {
    // The series is 1 + 2t, so interpolation is exact everywhere on [0, 4].
    for (double t : new double[] {0, 0.25, 1, 1.5, 3, 4}) {
      assertEquals(1 + 2 * t, value(new CheckExpr.SeriesFn(Fn.AT, List.of(GF), List.of(t))), 1e-12);
    }
    assertThrows(CheckEvaluator.CheckError.class, () -> value(new CheckExpr.SeriesFn(Fn.AT, List.of(GF), List.of(5.0))));
  }

  @Test
  void diffsUseSharedTimesOnly() throws Exception {
    // Shared times 0, 1, 2: |1.1−1|/1 = 0.1, |3−3|/3 = 0, |6.25−5|/5 = 0.25; t = 0.5 is not shared.
    assertEquals(0.25, value(fn(Fn.MAX_REL_DIFF, GD, GF)), 1e-12);
    assertEquals(1.25, value(fn(Fn.MAX_ABS_DIFF, GD, GF)), 1e-12);
  }

  @Test
  void diffsThatShareOnlyTheStartFailInsteadOfPassingWithZero() {
    // Two trains of one model start from the same θ(0): agreeing at t = 0 says nothing, and
    // max_rel_diff(gd.loss, gf.loss) on grids that met only there passed with value 0.
    recorded.put(new SeriesRef(4, "late", Observable.LOSS), new Series("late", Observable.LOSS,
        boxed(new double[] {0, 0.3, 0.7}), new double[][] {{1}, {2}, {3}}));
    CheckEvaluator.CheckError e = assertThrows(CheckEvaluator.CheckError.class,
        () -> value(fn(Fn.MAX_REL_DIFF, new SeriesRef(4, "late", Observable.LOSS), GF)));
    assertTrue(e.getMessage().endsWith("share no recorded times after t = 0"), e.getMessage());
  }

  @Test
  void vectorDiffsUseAllComponents() throws Exception {
    // Second components differ most: at t = 0 |0.1−7| = 6.9.
    Series other = new Series("gd", Observable.SINGULAR_VALUES, boxed(new double[] {0, 1}),
        new double[][] {{0.1, 0.1}, {2, 0.5}});
    recorded.put(new SeriesRef(3, "gd", Observable.SINGULAR_VALUES), other);
    assertEquals(6.9, value(fn(Fn.MAX_ABS_DIFF, SV, new SeriesRef(3, "gd", Observable.SINGULAR_VALUES))), 1e-12);
  }

  @Test
  void arithmeticAndComparison() throws Exception {
    CheckExpr ratio = new CheckExpr.Arith('/', fn(Fn.FINAL, GF), new CheckExpr.Arith('-', fn(Fn.MIN, GF), new CheckExpr.Number(0.5)));
    assertEquals(18, value(ratio));
    assertEquals(14, value(new CheckExpr.Arith('+', new CheckExpr.Number(5), fn(Fn.FINAL, GF))));
    assertEquals(-4, value(new CheckExpr.Arith('-', fn(Fn.FINAL, GF), new CheckExpr.Number(13))));
    assertEquals(27, value(new CheckExpr.Arith('*', fn(Fn.FINAL, GF), new CheckExpr.Number(3))));
  }

  private Verdict check(String op, CheckExpr left, CheckExpr right, String text) {
    return eval.evaluate(new CheckStep(7, "c", Origin.none(), new CheckExpr.Compare(op, left, right), text));
  }

  @Test
  void anInfiniteSideNeverHolds() {
    // 1/0 and an overflowed product are not numbers a check meant: `check 1 / z > 1` passed.
    CheckExpr inf = new CheckExpr.Arith('/', new CheckExpr.Number(1), new CheckExpr.Number(0));
    Verdict v = check(">", inf, new CheckExpr.Number(1), "1 / z > 1");
    assertFalse(v.passed());
    assertEquals("check 1 / z > 1: FAIL (value inf)", v.line());
    CheckExpr minusInf = new CheckExpr.Arith('-', new CheckExpr.Number(0), inf);
    assertFalse(check("<", minusInf, new CheckExpr.Number(0), "0 - 1/z < 0").passed());
    assertFalse(check("<", fn(Fn.FINAL, GF), inf, "final(gf.loss) < 1/z").passed());
  }

  @Test
  void verdictLines() {
    Verdict pass = check("<", fn(Fn.FINAL, GF), new CheckExpr.Number(10), "final(gf.loss) < 10");
    assertTrue(pass.passed());
    assertEquals("check final(gf.loss) < 10: PASS (value 9)", pass.line());
    Verdict fail = check("<", fn(Fn.MAX_REL_DIFF, GD, GF), new CheckExpr.Number(0.05), "max_rel_diff(gd.loss, gf.loss) < 0.05");
    assertFalse(fail.passed());
    assertEquals("check max_rel_diff(gd.loss, gf.loss) < 0.05: FAIL (value 0.25)", fail.line());
    Verdict flipped = check(">", new CheckExpr.Number(3.2e-8), fn(Fn.FINAL, GF), "3.2e-8 > final(gf.loss)");
    assertEquals("check 3.2e-8 > final(gf.loss): FAIL (value 9)", flipped.line());
    assertTrue(check("<=", fn(Fn.FINAL, GF), new CheckExpr.Number(9), "x").passed());
    assertTrue(check(">=", fn(Fn.FINAL, GF), new CheckExpr.Number(9), "x").passed());
    assertFalse(check(">", fn(Fn.FINAL, GF), new CheckExpr.Number(9), "x").passed());
  }

  @Test
  void unrecordedSeriesAndNanFail() {
    Verdict missing = check("<", fn(Fn.FINAL, TEST), new CheckExpr.Number(1), "final(gf.test_loss) < 1");
    assertFalse(missing.passed());
    assertEquals("check final(gf.test_loss) < 1: FAIL (gf.test_loss was not recorded)", missing.line());
    recorded.put(GF, scalar("gf", Observable.LOSS, new double[] {0, 1}, new double[] {1, Double.NaN}));
    assertFalse(check("<", fn(Fn.FINAL, GF), new CheckExpr.Number(1), "final(gf.loss) < 1").passed());
    assertFalse(check(">", fn(Fn.FINAL, GF), new CheckExpr.Number(1), "final(gf.loss) > 1").passed());
  }
}
