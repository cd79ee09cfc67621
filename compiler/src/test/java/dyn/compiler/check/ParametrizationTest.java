package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Parametrization;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.ReportStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The abc table (shared/science/reference.md §3.1) and what the compiler derives from it. Expected
 * multipliers are written from the table by hand: with the declared init taken as SP, tensor w of
 * role l gets init ×n^{b_SP − b}, forward ×n^{−a}, lr ×n^{−c}.
 */
class ParametrizationTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 6, out = 1, n = 50, singular_values = [1])";

  private static ModelSpec model(String knobs, int width) {
    Plan plan = TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = " + width + ", out = 1, act = relu" + knobs + ")");
    return plan.steps().stream().filter(s -> s instanceof ModelStep)
        .map(s -> ((ModelStep) s).model()).findFirst().orElseThrow();
  }

  private static void scaling(ParamSpec p, ParamSpec.Role role, double init, double forward,
      double lr) {
    assertEquals(role, p.scaling().role(), p.name());
    assertEquals(init, p.scaling().init(), 1e-12 * init, p.name() + " init");
    assertEquals(forward, p.scaling().forward(), 1e-12 * forward, p.name() + " forward");
    assertEquals(lr, p.scaling().lr(), 1e-12 * lr, p.name() + " lr");
  }

  @Test
  void standardIsTheDeclaredModelWithRolesOnly() {
    ModelSpec plain = model("", 64);
    ModelSpec sp = model(", parametrization = standard, gamma = 1", 64);
    assertEquals(plain.forward(), sp.forward());
    scaling(plain.params().get(0), ParamSpec.Role.INPUT, 1, 1, 1);
    scaling(plain.params().get(1), ParamSpec.Role.OUTPUT, 1, 1, 1);
    assertEquals(Parametrization.Kind.STANDARD, plain.parametrization().kind());
    assertEquals(64, plain.parametrization().width());
    assertEquals(1.0, plain.parametrization().gamma());
    assertFalse(plain.hasLrMultipliers());
  }

  @Test
  void mupMultipliersFollowTheTable() {
    // μP: a = (−½, ½), b = (½, ½), c = 0; SP b = (0, ½).
    double n = 256;
    ModelSpec m = model(", parametrization = mup", 256);
    scaling(m.params().get(0), ParamSpec.Role.INPUT, 1 / Math.sqrt(n), Math.sqrt(n), 1);
    scaling(m.params().get(1), ParamSpec.Role.OUTPUT, 1, 1 / Math.sqrt(n), 1);
    // Effective weights W = forward·init·w_declared: input variance 1/d as SP, output 1/n² (the
    // practical μP table's "1/fan_in²").
    ParamSpec w2 = m.params().get(1);
    double eff = Math.pow(w2.scaling().forward() * w2.scaling().init(), 2)
        * ((ParamSpec.Distribution.Normal) w2.init()).variance();
    assertEquals(1 / (n * n), eff, 1e-15);
    ParamSpec w1 = m.params().get(0);
    assertEquals(1.0 / 6, Math.pow(w1.scaling().forward() * w1.scaling().init(), 2)
        * ((ParamSpec.Distribution.Normal) w1.init()).variance(), 1e-15);
  }

  @Test
  void ntkAndMeanFieldMultipliersFollowTheTable() {
    double n = 100;
    ModelSpec ntk = model(", parametrization = ntk", 100);
    // NTK: a = (0, ½), b = (0, 0), c = 0.
    scaling(ntk.params().get(0), ParamSpec.Role.INPUT, 1, 1, 1);
    scaling(ntk.params().get(1), ParamSpec.Role.OUTPUT, Math.sqrt(n), 1 / Math.sqrt(n), 1);
    // MF (L = 1): a = (0, 1), b = (0, 0), c = −1.
    ModelSpec mf = model(", parametrization = mean_field", 100);
    scaling(mf.params().get(0), ParamSpec.Role.INPUT, 1, 1, n);
    scaling(mf.params().get(1), ParamSpec.Role.OUTPUT, Math.sqrt(n), 1 / n, n);
    assertTrue(mf.hasLrMultipliers());
  }

  @Test
  void meanFieldIsTheTableRowForOneHiddenLayer() {
    AbcTable mf = AbcTable.MEAN_FIELD;
    assertEquals(new AbcTable(0, 0.5, 1, 0, 0, 0, -1), mf);
  }

  /** P3: r and the classification of each row. */
  @Test
  void rValuesAndRegimes() {
    for (int depth = 1; depth <= 3; depth++) {
      assertEquals(0, AbcTable.MUP.r(depth), 1e-15, "μP r, L = " + depth);
      assertEquals(0.5, AbcTable.NTK.r(depth), 1e-15, "NTK r, L = " + depth);
      assertEquals(0, AbcTable.MEAN_FIELD.r(depth), 1e-15, "MF r, L = " + depth);
      assertEquals("feature learning", AbcTable.MUP.regime(depth));
      assertEquals("kernel", AbcTable.NTK.regime(depth));
      assertEquals("unstable", AbcTable.STANDARD.regime(depth), "SP at c = 0");
    }
    // SP with its stable c = 1 is in the kernel regime with r = ½ (L ≥ 2).
    assertEquals(0.5, AbcTable.STANDARD.withC(1).r(2), 1e-15);
    assertEquals("kernel", AbcTable.STANDARD.withC(1).regime(2));
    // The symmetry leaves r unchanged.
    assertEquals(AbcTable.NTK.r(2), AbcTable.NTK.shift(0.3).r(2), 1e-15);
  }

  @Test
  void deepNetworkRolesComeFromTheGraph() {
    Plan plan = TestScripts.plan("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 2, n = 50, singular_values = [1])",
        "model net = deep_linear(d = 6, width = 16, out = 2, depth = 4, parametrization = mup)");
    ModelSpec m = plan.steps().stream().filter(s -> s instanceof ModelStep)
        .map(s -> ((ModelStep) s).model()).findFirst().orElseThrow();
    List<ParamSpec.Role> roles = m.params().stream().map(p -> p.scaling().role()).toList();
    assertEquals(List.of(ParamSpec.Role.INPUT, ParamSpec.Role.HIDDEN, ParamSpec.Role.HIDDEN,
        ParamSpec.Role.OUTPUT), roles);
    assertEquals(3, m.parametrization().hiddenLayers());
    // μP hidden: a = 0, b = ½ = b_SP: no multipliers.
    scaling(m.params().get(1), ParamSpec.Role.HIDDEN, 1, 1, 1);
  }

  @Test
  void gammaIsADivisionNodeAtTheOutput() {
    ModelSpec m = model(", gamma = 4", 8);
    var g = m.forward();
    var out = g.nodes().get(g.outputs().get(0));
    assertTrue(out.op() instanceof Op.Binary);
    assertEquals(Op.BinaryFn.DIV, ((Op.Binary) out.op()).fn());
    var c = g.nodes().get(((Op.Binary) out.op()).b()).op();
    assertEquals(new Op.Constant(List.of(4.0)), c);
  }

  @Test
  void aDefinitionsOwnGammaHeaderShadowsTheKnob() {
    // The model divides by its own header `gamma`; the output-scale knob must not divide again.
    Plan plan = TestScripts.plan("import datasets", DATA,
        "model scaled(d, gamma) {", "  param w: [1, d] ~ normal(0, 1)", "  return w @ x / gamma", "}",
        "model net = scaled(d = 6, gamma = 4)");
    ModelSpec m = plan.steps().stream().filter(s -> s instanceof ModelStep)
        .map(s -> ((ModelStep) s).model()).findFirst().orElseThrow();
    assertEquals(1.0, m.parametrization().gamma());
    long divisions = m.forward().nodes().stream()
        .filter(n -> n.op() instanceof Op.Binary && ((Op.Binary) n.op()).fn() == Op.BinaryFn.DIV)
        .count();
    assertEquals(1, divisions);
  }

  @Test
  void planShowsTheKnobs() {
    Plan plan = TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 16, out = 1, parametrization = mup, gamma = 2)");
    String text = PlanPrinter.print(plan);
    assertTrue(text.contains("parametrization: mup (n = 16, L = 1), gamma = 2"), text);
    assertTrue(text.contains("input layer, init ×0.25 forward ×4 lr ×1"), text);
    String json = PlanJson.write(plan).replaceAll("\\s+", "");
    assertTrue(json.contains("\"parametrization\":{\"kind\":\"mup\",\"width\":16"), json);
    assertTrue(json.contains("\"scaling\":{\"role\":\"output\""), json);
  }

  @Test
  void diagonalNetworkOnlyAllowsStandard() {
    Compilation c = TestScripts.compile("import models", "import datasets",
        "data teacher = sparse_teacher(d = 3, n = 20, beta = [1, 0, 0])",
        "model net = diagonal(d = 3, parametrization = mup)");
    Diagnostic d = only(c);
    assertEquals("bad-parametrization", d.code());
    assertTrue(d.message().contains("only `standard` applies"), d.message());
    assertTrue(d.message().contains("`u` is not the left factor of a product"), d.message());
    assertEquals(4, d.where().line());
    assertTrue(TestScripts.compile("import models", "import datasets",
        "data teacher = sparse_teacher(d = 3, n = 20, beta = [1, 0, 0])",
        "model net = diagonal(d = 3, parametrization = standard)").ok());
  }

  @Test
  void misspelledParametrizationSuggests() {
    Diagnostic d = only(TestScripts.compile("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 8, out = 1, parametrization = mpu)"));
    assertTrue(d.hint().orElse("").contains("mup"), TestScripts.show(d));
  }

  @Test
  void gammaMustBePositive() {
    Diagnostic d = only(TestScripts.compile("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 8, out = 1, gamma = 0)"));
    assertEquals("output scale gamma must be positive, got 0", d.message());
  }

  @Test
  void coordCheckInstantiatesEachWidth() {
    Plan plan = TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 8, out = 1, parametrization = mup, seed = 3)",
        "report coord_check(net, teacher, widths = [32, 16], steps = 2, lr = 0.5)");
    ReportStep r = plan.steps().stream().filter(s -> s instanceof ReportStep)
        .map(s -> (ReportStep) s).findFirst().orElseThrow();
    CoordCheckSpec c = r.coordCheck().orElseThrow();
    assertEquals(List.of(16, 32), c.widths());
    assertEquals(16, c.models().get(0).params().get(0).rows());
    assertEquals(32, c.models().get(1).parametrization().width());
    assertEquals(1 / Math.sqrt(32), c.models().get(1).params().get(0).scaling().init(), 1e-15);
    assertEquals(3, c.init().seed());
    assertEquals(List.of(0), r.dependsOn());
  }

  @Test
  void coordCheckNeedsAWidthHeader() {
    Diagnostic d = only(TestScripts.compile("import models", "import datasets",
        "data teacher = sparse_teacher(d = 3, n = 20, beta = [1, 0, 0])",
        "model net = diagonal(d = 3)",
        "report coord_check(net, teacher, lr = 0.1)"));
    assertEquals("coord_check varies the header `width`, but model `diagonal` has none",
        d.message());
  }

  private static Diagnostic only(Compilation c) {
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }
}
