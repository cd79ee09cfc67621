package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A name of the wrong kind is said to be that kind, not unknown: `report table(gd)` said "unknown
 * name `gd`", `staircase(gd.loss, gd)` "unknown prediction `gd`", and `loss = mse(1)` "unknown
 * loss `mse`" (found by the session-12 diagnostics audit).
 */
class MisnamedKindTest {
  private static List<String> errors(String line) {
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 2, n = 50, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 6, width = 4, out = 2, seed = 1)",
        "train gd = descent(net, teacher, lr = 0.1, steps = 10)", line);
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
        .map(d -> d.message() + " [" + d.hint().orElse("") + "]").toList();
  }

  @Test
  void aTrainWhereASeriesGoes() {
    assertEquals(List.of("`gd` is a train, not a series [name one of its series, e.g. `gd.loss`]"),
        errors("report table(gd)"));
  }

  @Test
  void aTrainWhereAPredictionGoes() {
    assertEquals(List.of("`gd` is a train, not a prediction [compare against a `predict` statement,"
        + " e.g. `predict p = agf(net, data)`]"), errors("compare c = staircase(gd.loss, gd)"));
  }

  @Test
  void aLossWithoutSettingsGivenSome() {
    assertEquals(List.of("loss `mse` takes no settings [write `loss = mse`]"),
        errors("train g2 = descent(net, teacher, lr = 0.1, steps = 10, loss = mse(1))"));
  }

  @Test
  void aKeyOfANeighbouringCallSaysWhyNotHere() {
    // `flow(…, lr = 0.1)` said "unknown argument `lr`" with no help.
    assertEquals(List.of("`flow` has no `lr`: gradient flow is continuous time, integrated with adaptive"
        + " steps to `until` [use `descent(…, lr = …)` for steps of size lr, or drop `lr`]"),
        errors("train gf = flow(net, teacher, until = 1, lr = 0.1)"));
  }

  @Test
  void aMisspeltArgumentIsOneErrorNotAlsoAMissingOne() {
    // `stpes` also gave "`descent` needs exactly one of `until` and `steps`", gone once fixed.
    assertEquals(List.of("unknown argument `stpes` [did you mean `steps`?]"),
        errors("train g2 = descent(net, teacher, lr = 0.1, stpes = 10)"));
    // A missing argument the misspelt one is not close to is still said.
    assertEquals(2, errors("train g3 = descent(net, teacher, lr = 0.1, momentumm = 0.9)").size());
  }

  @Test
  void aMisspeltComparisonIsOneError() {
    // It also called `gd.loss` a misplaced index and the declared prediction `p` unknown.
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 2, n = 50, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 6, width = 4, out = 2, seed = 1)",
        "train gd = descent(net, teacher, lr = 0.1, steps = 10)", "observe loss",
        "predict p = agf(net, teacher)", "compare c = stairrcase(gd.loss, p)");
    assertEquals(List.of("unknown comparison `stairrcase`"),
        c.diagnostics().stream().map(Diagnostic::message).toList());
  }

  @Test
  void aParamThatIsNotFiniteIsAnError() {
    assertEquals(List.of("param `x` is infinite: a param must be a finite number [the largest float64 is"
        + " about 1.8e308; a division by zero gives inf]"), errors("param x = 1e300 * 1e300"));
    // A literal past float64 is a syntax error, naming what was written (Parse, NumberRange).
    assertEquals(List.of("`1e999` is beyond the range of a float64 number [the largest float64 is about"
        + " 1.8e308]"), errors("param x = 1e999"));
    assertEquals(List.of("`2.5e-400` is below the smallest float64 number and would read as 0 [the"
        + " smallest positive float64 is about 4.9e-324; write 0 if 0 is meant]"), errors("param x = 2.5e-400"));
    assertEquals(1, errors("param y = 1 / 0").size());
  }
}
