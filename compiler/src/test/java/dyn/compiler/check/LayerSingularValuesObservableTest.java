package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.LayerSpectra;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.TrainStep;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code observe layer_singular_values(top = k)}: settings, default, diagnostics, vector checks. */
class LayerSingularValuesObservableTest {
  private static final String[] HEAD = {
    "import models",
    "import datasets",
    "data teacher = linear_teacher(d = 4, out = 4, n = 20, singular_values = [2, 1])",
    "model net = deep_linear(d = 4, width = 4, out = 4, depth = 3, scale = 0.1)",
    "train gd = descent(net, teacher, lr = 0.01, until = 1)",
  };

  private static String[] with(String... more) {
    String[] all = new String[HEAD.length + more.length];
    System.arraycopy(HEAD, 0, all, 0, HEAD.length);
    System.arraycopy(more, 0, all, HEAD.length, more.length);
    return all;
  }

  private static TrainStep train(Plan p) {
    return p.steps().stream().filter(s -> s instanceof TrainStep)
        .map(s -> (TrainStep) s).findFirst().orElseThrow();
  }

  @Test
  void topReachesThePlanAndItsTextAndJson() {
    Plan p = TestScripts.plan(with("observe loss, layer_singular_values(top = 1 + 1)"));
    assertEquals(Optional.of(new LayerSpectra(2)), train(p).layerSpectra());
    assertTrue(PlanPrinter.print(p).contains("layer_singular_values(top = 2)"), PlanPrinter.print(p));
    assertTrue(PlanJson.write(p).replace(" ", "").contains("\"layerTop\":2"), PlanJson.write(p));
  }

  @Test
  void withoutSettingsTheDefaultTopIsKept() {
    TrainStep gd = train(TestScripts.plan(with("observe layer_singular_values")));
    assertTrue(gd.observables().contains(Observable.LAYER_SINGULAR_VALUES));
    assertEquals(Optional.of(new LayerSpectra(LayerSpectra.DEFAULT_TOP)), gd.layerSpectra());
  }

  @Test
  void aComponentPickCompilesLikeOtherVectors() {
    assertTrue(TestScripts.compile(with("observe layer_singular_values(top = 2)",
        "check final(gd.layer_singular_values[3]) < 2 * final(gd.layer_singular_values[2])")).ok());
  }

  @Test
  void topBelowOneIsAnErrorAtTheValue() {
    String line = "observe layer_singular_values(top = 0)";
    Compilation c = TestScripts.compile(with(line));
    Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals("bad-count"))
        .findFirst().orElseThrow(() -> new AssertionError(TestScripts.show(c.diagnostics())));
    assertEquals(line.indexOf("0") + 1, d.where().column(), TestScripts.show(d));
  }

  @Test
  void otherSettingsAndTwoDifferentTopsAreErrors() {
    assertFalse(TestScripts.compile(with("observe layer_singular_values(k = 2)")).ok());
    assertFalse(TestScripts.compile(with("observe layer_singular_values(top = 2, top = 3)")).ok());
    Compilation c = TestScripts.compile(with("observe layer_singular_values(top = 2)",
        "observe layer_singular_values(top = 3)"));
    assertFalse(c.ok());
    assertTrue(TestScripts.show(c.diagnostics()).contains("already records layer_singular_values"
        + " with top = 2"), TestScripts.show(c.diagnostics()));
  }
}
