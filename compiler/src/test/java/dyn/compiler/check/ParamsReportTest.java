package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.ParamsSpec;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code report params("theta.npz", gd)}: the plan it makes and its errors. */
class ParamsReportTest {
  private static String[] script(String... tail) {
    List<String> lines = new java.util.ArrayList<>(List.of("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])",
        "model net = deep_linear(d = 6, width = 8, out = 6)",
        "train gf = flow(net, teacher, until = 1)",
        "train gd = descent(net, teacher, lr = 0.1, until = 1)", "observe loss"));
    lines.addAll(List.of(tail));
    return lines.toArray(new String[0]);
  }

  private static ReportStep report(Plan p) {
    for (Step s : p.steps()) {
      if (s instanceof ReportStep) return (ReportStep) s;
    }
    throw new AssertionError("no report step");
  }

  private static Diagnostic only(String bad) {
    Compilation c = TestScripts.compile(script(bad));
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    assertEquals(8, errors.get(0).where().line(), TestScripts.show(errors.get(0)));
    return errors.get(0);
  }

  @Test
  void namesTheTrainAndTheFormat() {
    Plan p = TestScripts.plan(script("report params(\"theta.npz\", gd)"));
    ReportStep r = report(p);
    assertEquals(ReportStep.Kind.PARAMS, r.kind());
    assertEquals("theta.npz", r.path());
    assertEquals(Optional.of(new ParamsSpec(3, "gd", ParamsSpec.Format.NPZ)), r.params());
    assertEquals(List.of(3), r.dependsOn()); // data 0, model 1, gf 2, gd 3
    assertTrue(PlanPrinter.print(p).contains("params \"theta.npz\": θ(0) and θ(until) of gd (step 3)"),
        PlanPrinter.print(p));
    assertTrue(PlanJson.write(p).contains("\"trainName\": \"gd\""), PlanJson.write(p));
    Plan j = TestScripts.plan(script("report params(\"out/theta.JSON\", gf)"));
    assertEquals(Optional.of(new ParamsSpec(2, "gf", ParamsSpec.Format.JSON)), report(j).params());
  }

  @Test
  void anotherExtensionIsAnErrorAtTheFileName() {
    Diagnostic d = only("report params(\"theta.npy\", gd)");
    assertEquals("parameters are written as `.npz` (NumPy) or `.json`, not `theta.npy`", d.message());
    assertEquals(15, d.where().column());
  }

  @Test
  void theSecondArgumentMustBeATrain() {
    Diagnostic d = only("report params(\"theta.npz\", net)");
    assertTrue(d.message().contains("unknown train `net`"), d.message());
    assertEquals(28, d.where().column());
    Diagnostic typo = only("report params(\"theta.npz\", gdd)");
    assertTrue(typo.hint().orElse("").contains("`gd`"), TestScripts.show(typo));
  }

  @Test
  void exactlyOneTrain() {
    Diagnostic d = only("report params(\"theta.npz\", gd, gf)");
    assertEquals("`params` takes a file name and a train, e.g. `params(\"theta.npz\", gd)`",
        d.message());
    Diagnostic none = only("report params(\"theta.npz\")");
    assertEquals(d.message(), none.message());
  }

  @Test
  void theFileStaysInTheOutputFolder() {
    Diagnostic d = only("report params(\"../theta.npz\", gd)");
    assertTrue(d.message().contains("must be a relative path"), d.message());
  }
}
