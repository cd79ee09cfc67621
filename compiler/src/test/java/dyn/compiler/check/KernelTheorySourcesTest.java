package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.TestScripts;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TheoryStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kernel predictions standing in for a model or a spectrum: {@code linearized(theta, …)},
 * {@code eigenframework(kernel = theta, …)} and {@code report heatmap("k.svg", theta)} plan
 * steps that carry the kernel (its refusals are examples/errors/kernel_sources.dyn).
 */
class KernelTheorySourcesTest {
  private static Plan plan(String... tail) {
    List<String> lines = new ArrayList<>(List.of("import models", "import datasets",
        "data task = linear_teacher(d = 4, out = 1, n = 20, singular_values = [1], n_test = 5)",
        "model net = two_layer(d = 4, width = 64, out = 1, act = relu, parametrization = ntk)",
        "train gd = descent(net, task, lr = 0.1, steps = 10)",
        "predict theta = ntk(net, task)"));
    lines.addAll(List.of(tail));
    return TestScripts.plan(lines.toArray(new String[0]));
  }

  private static <T> T theory(Plan p, String name, Class<T> kind) {
    for (Step s : p.steps()) {
      if (s instanceof TheoryStep && ((TheoryStep) s).name().equals(name)) {
        return kind.cast(((TheoryStep) s).theory());
      }
    }
    throw new AssertionError("no prediction " + name);
  }

  @Test
  void linearizedWithAnNtkCarriesTheKernelAndItsModelsTimes() {
    Plan p = plan("predict lazy = linearized(net, task, lr = 0.1)",
        "predict lazy_inf = linearized(theta, task, lr = 0.1)");
    TheoryStep.Linearized empirical = theory(p, "lazy", TheoryStep.Linearized.class);
    TheoryStep.Linearized infinite = theory(p, "lazy_inf", TheoryStep.Linearized.class);
    TheoryStep.Kernel k = theory(p, "theta", TheoryStep.Kernel.class);
    assertTrue(empirical.limit().isEmpty());
    assertEquals(k, infinite.limit().orElseThrow());
    assertEquals(empirical.model(), infinite.model());
    assertEquals(empirical.times(), infinite.times());
    assertTrue(PlanPrinter.print(p).contains("kernel: infinite-width ntk"), PlanPrinter.print(p));
  }

  @Test
  void eigenframeworkFromAKernelMeasuresSpectrumAndTargetOnItsData() {
    Plan p = plan("predict e = eigenframework(kernel = theta, n = 10, ridge = 1e-3)");
    TheoryStep.Eigenframework e = theory(p, "e", TheoryStep.Eigenframework.class);
    TheoryStep.Kernel k = theory(p, "theta", TheoryStep.Kernel.class);
    assertEquals(new TheoryStep.Spectrum.Measured(k, false, 20), e.spectrum());
    assertEquals(new TheoryStep.Spectrum.Measured(k, true, 20), e.target());
    assertEquals(List.of(Math.min(k.model(), k.data()), Math.max(k.model(), k.data())),
        e.dependsOn());
  }

  @Test
  void anEmpiricalNtkIsAKernelOfTheModelAtInit() {
    Plan p = plan("predict emp = empirical_ntk(net, task)",
        "predict e = eigenframework(kernel = emp, n = 10, ridge = 1e-3)",
        "predict fit = krr(emp, task, ridge = 1e-3)");
    TheoryStep.Kernel emp = theory(p, "emp", TheoryStep.Kernel.class);
    TheoryStep.Kernel theta = theory(p, "theta", TheoryStep.Kernel.class);
    assertTrue(emp.empirical());
    assertTrue(!theta.empirical());
    assertEquals(TheoryStep.Kind.NTK, emp.kind());
    assertEquals(theta.model(), emp.model());
    assertEquals(20, emp.points());
    assertEquals("empirical_ntk", emp.method());
    assertEquals(new TheoryStep.Spectrum.Measured(emp, false, 20),
        theory(p, "e", TheoryStep.Eigenframework.class).spectrum());
    assertEquals(emp, theory(p, "fit", TheoryStep.Krr.class).spec());
    assertTrue(PlanPrinter.print(p).contains("empirical_ntk: model: step 1, data: step 0, J M Jᵀ"
        + " at the model's θ(0)"), PlanPrinter.print(p));
  }

  @Test
  void aKernelHeatmapIsAReportOfTheGramMatrix() {
    Plan p = plan("report heatmap(\"k.svg\", theta, title = \"Θ\")");
    ReportStep r = null;
    for (Step s : p.steps()) {
      if (s instanceof ReportStep) r = (ReportStep) s;
    }
    assertEquals(ReportStep.Kind.HEATMAP, r.kind());
    assertEquals("k.svg", r.path());
    assertEquals("theta", r.heatmap().orElseThrow().name());
    assertEquals("Θ", r.heatmap().orElseThrow().title());
    assertEquals(20, r.heatmap().orElseThrow().kernel().points());
    assertEquals(List.of(r.heatmap().orElseThrow().kernel().data()), r.dependsOn());
  }

  @Test
  void anEmpiricalNtkTooLargeToHoldIsRefusedWithItsSize() {
    // 60000 inputs × 40960 parameters (d = 4, width 8192: W1 4·8192, W2 8192) is a Jacobian of
    // 2.46e9 > 2³¹ entries, refused whatever the heap.
    dyn.compiler.Compilation c = TestScripts.compile("import models", "import datasets",
        "data big = linear_teacher(d = 4, out = 1, n = 60000, singular_values = [1])",
        "model net = two_layer(d = 4, width = 8192, out = 1, act = relu)",
        "predict emp = empirical_ntk(net, big)");
    List<dyn.compiler.diag.Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == dyn.compiler.diag.Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    assertEquals("kernel-too-large", errors.get(0).code(), TestScripts.show(errors.get(0)));
    assertTrue(errors.get(0).message().startsWith("the empirical NTK on 60000 inputs needs a"
        + " 60000×40960 Jacobian"), errors.get(0).message());
  }
}
