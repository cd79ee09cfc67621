package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * One positional argument too many (issue 20, item 6): the third positional argument of
 * `descent` is `lr`, so a later `lr = …` used to read "argument `lr` is given twice", which
 * does not say where the first one is.
 */
class ArgumentMessagesTest {
  @Test
  void aPositionalArgumentThatTookANamedOnesPlaceIsNamed() {
    String train = "train gd = descent(net, teacher, 100, lr = 0.01, steps = 100)";
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 10, singular_values = [1])",
        "model net = two_layer(d = 4, width = 2, out = 1)", train);
    Diagnostic d = c.diagnostics().stream().filter(x -> x.severity() == Diagnostic.Severity.ERROR)
        .findFirst().orElseThrow();
    assertEquals("argument `lr` is given twice: the 3rd positional argument of `descent` is `lr` already", d.message());
    assertEquals(train.indexOf("lr =") + 1, d.where().column());
    assertEquals("by position `descent` takes model, data, lr, in that order; if the 3rd is meant for another"
        + " argument, give it by name", d.hint().orElseThrow());
  }

  @Test
  void twoNamedOnesKeepTheShortMessage() {
    Compilation c = TestScripts.compile("import models", "model net = two_layer(d = 4, d = 5, width = 2, out = 1)");
    assertEquals("argument `d` is given twice", c.diagnostics().get(0).message());
  }
}
