package dyn.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Derived;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.SweepCheck;
import dyn.compiler.plan.SweepExpr;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.sink.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks of sweep results that read a table over one axis: one component per axis value in
 * ascending order, compared component by component, and {@code monotone(T)}. The tables are
 * written by hand, so every expected verdict follows from the numbers below.
 */
class TableCheckTest {
  /**
   * test(k, ridge): at ridge 1 the risk is 4/k (falls with k), at ridge 2 it is 1 + k/100; the
   * rows are listed with k descending, so the check must sort them.
   */
  private static Gather.Values values() {
    List<ResultTable.Row> rows = new ArrayList<>();
    for (double k : new double[] {40, 20, 10}) {
      rows.add(new ResultTable.Row(new double[] {k, 1}, new double[] {4 / k, 7}));
      rows.add(new ResultTable.Row(new double[] {k, 2}, new double[] {1 + k / 100, 1.0 / 8}));
    }
    ResultTable all = new ResultTable(List.of("k", "ridge"), List.of("test", "theory"), rows);
    List<Derived> derived = List.of(
        new Derived.Reduce("best", Origin.none(), Derived.Reduction.MIN, "s.test", List.of("ridge"),
            "ridge", List.of("k")),
        new Derived.Reduce("worst", Origin.none(), Derived.Reduction.MAX, "s.test",
            List.of("ridge"), "ridge", List.of("k")),
        new Derived.Reduce("predicted", Origin.none(), Derived.Reduction.MIN, "s.theory",
            List.of("ridge"), "ridge", List.of("k")));
    SweepSpec spec = new SweepSpec("s", Origin.none(), List.of("k", "ridge"),
        List.of(List.of("k"), List.of("ridge")), List.of(), List.of(), derived, List.of(),
        List.of());
    return Gather.compute(spec, all);
  }

  private static Verdict check(String op, SweepExpr left, SweepExpr right) {
    return Gather.check(1, new SweepCheck("c", Origin.none(), new SweepExpr.Compare(op, left, right)),
        values());
  }

  @Test
  void aTableIsOneComponentPerAxisValueAscending() {
    // best(k) = min(4/k, 1 + k/100): k = 10 → 0.4, 20 → 0.2, 40 → 0.1.
    Verdict v = check("<", new SweepExpr.Table("best"), new SweepExpr.Number(0.3));
    assertFalse(v.passed());
    assertEquals(1, v.failing());
    assertArrayEquals(new double[] {0.4, 0.2, 0.1}, v.values(), 1e-15);
    assertEquals(0, v.worst());
    Verdict scaled = check("<", new SweepExpr.Table("best"),
        new SweepExpr.Arith('*', new SweepExpr.Number(4), new SweepExpr.Table("predicted")));
    // predicted = min(7, 1/8) = 1/8 for every k: 4/8 = 0.5 bounds every component.
    assertTrue(scaled.passed(), scaled.line());
  }

  /** A table's components are named by their axis values, so the verdict says where it fails. */
  @Test
  void theWorstComponentIsNamedByItsAxisValue() {
    Verdict v = check("<", new SweepExpr.Table("best"), new SweepExpr.Number(0.3));
    assertEquals(List.of("k = 10", "k = 20", "k = 40"), v.labels());
    assertEquals("check c: FAIL (1 of 3 components fail; worst at k = 10: 0.4; values 0.4, 0.2, 0.1)",
        v.line());
    // A number on the left shows the table on the right, still by its axis values.
    Verdict right = check(">", new SweepExpr.Number(0.15), new SweepExpr.Table("best"));
    assertEquals(List.of("k = 10", "k = 20", "k = 40"), right.labels());
    assertEquals(0, check(">", new SweepExpr.Monotone("best"), new SweepExpr.Number(0.5)).labels().size());
  }

  @Test
  void monotoneSaysWhetherATableNeverRisesAlongItsAxis() {
    // best falls (0.4, 0.2, 0.1); worst = max(4/k, 1 + k/100) is 1.1, 1.2, 1.4: it rises.
    assertEquals(1, check(">", new SweepExpr.Monotone("best"), new SweepExpr.Number(0.5)).value());
    assertEquals(0, check(">", new SweepExpr.Monotone("worst"), new SweepExpr.Number(0.5)).value());
  }
}
