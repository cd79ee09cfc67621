package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * {@code observe escape_alignment}: accepted where the origin is a saddle left along a direction
 * (a bias-free homogeneous model of whole degree ≥ 2, square loss), refused at the name otherwise
 * with the reason — the same condition {@code escape(…)} has.
 */
class EscapeAlignmentObservableTest {
  private static String[] script(String model, String train) {
    return new String[] {
      "import models",
      "import datasets",
      "data teacher = linear_teacher(d = 4, out = 1, n = 20, singular_values = [2])",
      model,
      train,
      "observe loss, escape_alignment",
    };
  }

  private static Diagnostic refusal(String... lines) {
    Compilation c = TestScripts.compile(lines);
    Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals("unsupported-observable"))
        .findFirst().orElseThrow(() -> new AssertionError(TestScripts.show(c.diagnostics())));
    assertEquals(lines[5].indexOf("escape_alignment") + 1, d.where().column(), TestScripts.show(d));
    return d;
  }

  @Test
  void aDeepLinearNetOnTheSquareLossRecordsIt() {
    Compilation c = TestScripts.compile(script(
        "model net = deep_linear(d = 4, width = 4, out = 1, depth = 3, scale = 0.1)",
        "train gd = descent(net, teacher, lr = 0.01, until = 1)"));
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
  }

  @Test
  void aModelLinearInThetaIsRefusedWithItsDegree() {
    Diagnostic d = refusal(script(
        "model lin(d) {\n  param W: [1, d] ~ normal(0, 1)\n  return W @ x\n}\nmodel net = lin(d = 4)",
        "train gd = descent(net, teacher, lr = 0.01, until = 1)"));
    assertTrue(d.message().contains("degree 1"), d.message());
  }

  @Test
  void anotherLossIsRefused() {
    Diagnostic d = refusal(script(
        "model net = deep_linear(d = 4, width = 4, out = 1, depth = 3, scale = 0.1)",
        "train gd = descent(net, teacher, lr = 0.01, until = 1, loss = logistic)"));
    assertTrue(d.message().contains("square loss"), d.message());
  }
}
