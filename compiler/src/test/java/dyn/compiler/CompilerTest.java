package dyn.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade on the LANGUAGE.md example, end to end. */
class CompilerTest {
  static String resource(String name) throws IOException {
    try (InputStream in = CompilerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Plan saddle(Map<String, String> overrides) throws IOException {
    Compilation c = Compiler.compile(new Source("saddle.dyn", resource("plan/saddle.dyn")),
        new Compiler.Options(overrides, TestScripts.stdlib()));
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    assertTrue(c.diagnostics().isEmpty(), TestScripts.show(c.diagnostics()));
    return c.plan().get();
  }

  @Test
  void languageExampleCompilesToTheExpectedSteps() throws IOException {
    Plan p = saddle(Map.of());
    assertEquals(List.of("data teacher", "model net", "train gf", "train gd", "report table",
        "report saddle.csv", "report saddle.json", "check final(gf.loss) < 1e-6",
        "check max_rel_diff(gd.loss, gf.loss) < 0.05"),
        p.steps().stream().map(Step::label).toList());

    DataStep data = p.step(0, DataStep.class);
    assertEquals(List.of("x", "y", "x_test", "y_test", "teacher"), data.outputs());
    assertEquals(6, data.graph().output(0).rows());
    assertEquals(200, data.graph().output(0).cols());
    assertEquals(100, data.graph().output(2).cols());
    assertEquals(10, data.origin().line());

    ModelStep net = p.step(1, ModelStep.class);
    assertEquals(6, net.model().inputDim());
    assertEquals(6, net.model().outputDim());
    assertEquals(6 * 8 + 8 * 6, net.model().parameterCount());
    assertTrue(net.model().linearInX());
    assertEquals(new InitSpec(1e-4, 1, InitSpec.Kind.DECLARED, -1), net.init());

    TrainStep gf = p.step(2, TrainStep.class);
    assertEquals(new Dynamics.GradientFlow(12, 1e-9, 1e-12, 10_000_000), gf.dynamics());
    assertEquals(List.of(Observable.LOSS, Observable.TEST_LOSS, Observable.SINGULAR_VALUES),
        gf.observables());
    assertEquals(41, gf.times().size());
    assertEquals(0.01, gf.times().get(1));
    assertEquals(12.0, gf.times().get(40));
    TrainStep gd = p.step(3, TrainStep.class);
    assertEquals(new Dynamics.GradientDescent(0.01, 1200), gd.dynamics());
    assertEquals(gf.times(), gd.times());

    ReportStep table = p.step(4, ReportStep.class);
    assertEquals(List.of("gf.loss", "gd.loss", "gf.singular_values"),
        table.series().stream().map(s -> s.label()).toList());
    assertEquals("saddle.csv", p.step(5, ReportStep.class).path());
    assertEquals(6, p.step(6, ReportStep.class).series().size());

    CheckStep check = p.step(8, CheckStep.class);
    assertEquals("max_rel_diff(gd.loss, gf.loss) < 0.05", check.text());
    assertEquals(List.of(2, 3), check.dependsOn());
  }

  @Test
  void overridesReachThePlan() throws IOException {
    Plan p = saddle(Map.of("alpha", "1e-6", "width", "16"));
    assertEquals(1e-6, p.step(1, ModelStep.class).init().scale());
    assertEquals(16, p.step(1, ModelStep.class).model().params().get(0).rows());
    assertTrue(p.params().get(0).overridden());
  }

  @Test
  void printerAndJsonAreDeterministic() throws IOException {
    Plan a = saddle(Map.of());
    Plan b = saddle(Map.of());
    assertEquals(a, b);
    assertEquals(PlanPrinter.print(a), PlanPrinter.print(b));
    assertEquals(PlanJson.write(a), PlanJson.write(b));
    String text = PlanPrinter.print(a);
    assertTrue(text.contains("step 1: model net  (line 13)"), text);
    assertTrue(text.contains("  %3 = matmul %1 %0 : [8×n]"), text);
    assertTrue(text.contains("  %7 = normal 6 200 stream="), text);
    assertTrue(text.contains("dynamics: descent lr=0.01 steps=1200 until=12"), text);
    String json = PlanJson.write(a);
    assertTrue(json.startsWith("{\n  \"script\": \"saddle.dyn\","), json);
    assertTrue(json.contains("\"method\": \"flow\""));
    assertEquals(count(json, '{'), count(json, '}'));
    assertEquals(count(json, '['), count(json, ']'));
  }

  @Test
  void syntaxErrorsStopBeforeResolution() {
    Compilation c = TestScripts.compile("param a = ", "param b = nope");
    assertFalse(c.ok());
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.message().contains("nope")),
        TestScripts.show(c.diagnostics()));
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
