package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.TrainStep;
import org.junit.jupiter.api.Test;

/** {@code dtype = "float32"} on a train: reaches the plan; anything else is an error at it. */
class DtypeTest {
  private static String[] script(String dtypeArg) {
    return new String[] {
      "import models",
      "import datasets",
      "data t = linear_teacher(d = 3, out = 2, n = 10, singular_values = [2, 1])",
      "model net = two_layer(d = 3, width = 4, out = 2, act = linear, scale = 0.1)",
      "train gd = descent(net, t, lr = 0.01, steps = 5" + dtypeArg + ")",
      "observe loss at linear(0, 0.05, 2)",
    };
  }

  private static TrainStep train(Plan p) {
    return p.steps().stream().filter(s -> s instanceof TrainStep).map(s -> (TrainStep) s)
        .findFirst().orElseThrow();
  }

  @Test
  void float64IsTheDefaultAndFloat32ReachesThePlan() {
    Plan p64 = TestScripts.plan(script(""));
    assertEquals(TrainStep.Precision.FLOAT64, train(p64).precision());
    assertFalse(PlanPrinter.print(p64).contains("dtype"));
    assertFalse(PlanJson.write(p64).contains("dtype"));
    Plan p32 = TestScripts.plan(script(", dtype = \"float32\""));
    assertEquals(TrainStep.Precision.FLOAT32, train(p32).precision());
    assertTrue(PlanPrinter.print(p32).contains("dtype=float32"), PlanPrinter.print(p32));
    assertTrue(PlanJson.write(p32).contains("float32"), PlanJson.write(p32));
  }

  @Test
  void otherDtypesAreAnErrorAtTheValue() {
    String[] s = script(", dtype = \"float16\"");
    Compilation c = TestScripts.compile(s);
    assertFalse(c.ok());
    Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals("bad-dtype"))
        .findFirst().orElseThrow(() -> new AssertionError(TestScripts.show(c.diagnostics())));
    assertEquals(s[4].indexOf("\"float16\"") + 1, d.where().column(), TestScripts.show(d));
  }
}
