package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** log, sqrt, exp, … in checks: folded over params, applied to series values at run time. */
class CheckMathTest {
  private static final List<String> BASE = List.of("import models", "import datasets",
      "param alpha = 1e-4",
      "data teacher = linear_teacher(d = 4, out = 4, n = 20, singular_values = [3, 2], seed = 0)",
      "model net = two_layer(d = 4, width = 4, out = 4, act = linear, scale = alpha, seed = 1)",
      "train gf = flow(net, teacher, until = 8)",
      "observe loss at log(0.01, 8, 5)");

  private static Compilation compile(String... tail) {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of(tail));
    return TestScripts.compile(lines.toArray(new String[0]));
  }

  private static CheckExpr.Compare condition(Compilation c) {
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    Plan plan = c.plan().orElseThrow();
    CheckStep s = (CheckStep) plan.steps().get(plan.steps().size() - 1);
    return (CheckExpr.Compare) s.condition();
  }

  @Test
  void mathOfParamsIsFoldedWhenCompiled() {
    // The time of `at` follows ln(1/α): 0.5 · ln(1e4) = 4.60517.
    CheckExpr.Compare c = condition(compile("check at(gf.loss, 0.5 * log(1 / alpha)) > 1"));
    CheckExpr.SeriesFn at = (CheckExpr.SeriesFn) c.left();
    assertEquals(0.5 * Math.log(1e4), at.args().get(0), 1e-15);
    c = condition(compile("check final(gf.loss) < sqrt(alpha) * exp(0)"));
    // Each call is folded (sqrt(1e-4) = 0.01, exp(0) = 1); the product stays arithmetic.
    assertEquals(new CheckExpr.Arith('*', new CheckExpr.Number(0.01), new CheckExpr.Number(1)), c.right());
  }

  @Test
  void mathOfSeriesValuesIsAppliedAtRunTime() {
    Compilation comp = compile("check log(final(gf.loss)) < -10");
    CheckExpr.Compare c = condition(comp);
    CheckExpr.Apply a = assertInstanceOf(CheckExpr.Apply.class, c.left());
    assertEquals(Op.UnaryFn.LOG, a.fn());
    assertInstanceOf(CheckExpr.SeriesFn.class, a.arg());
    String plan = PlanPrinter.print(comp.plan().orElseThrow());
    assertTrue(plan.contains("log(final(gf.loss)) < -10"), plan);
    assertTrue(PlanJson.write(comp.plan().orElseThrow()).contains("\"apply\": \"log\""));
  }

  @Test
  void badUsesAreErrorsAtTheirCall() {
    Compilation c = compile("check log(-1) < 1");
    assertFalse(c.ok());
    assertTrue(TestScripts.show(c.diagnostics()).contains("`log` of -1 is not a finite number"),
        TestScripts.show(c.diagnostics()));
    c = compile("check log(final(gf.loss), 2) < 1");
    assertTrue(TestScripts.show(c.diagnostics()).contains("`log` takes 1 positional argument"));
    c = compile("check lg(final(gf.loss)) < 1");
    assertTrue(TestScripts.show(c.diagnostics()).contains("did you mean `log`?"),
        TestScripts.show(c.diagnostics()));
  }
}
