package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.plan.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The `loss` key and the optimizer trains reach the plan; bad values are errors at them. */
class OptimizerLossCheckTest {
  private static String[] script(String model, String train) {
    return new String[] {
      "import models",
      "import datasets",
      "data t = linear_teacher(d = 3, out = 2, n = 10, singular_values = [2, 1])",
      "model net = " + model,
      "train a = " + train,
    };
  }

  private static final String NET = "two_layer(d = 3, width = 16, out = 2, act = tanh)";

  private static TrainStep train(Plan p) {
    return p.steps().stream().filter(s -> s instanceof TrainStep).map(s -> (TrainStep) s)
        .findFirst().orElseThrow();
  }

  private static Diagnostic error(String[] s, String code) {
    Compilation c = TestScripts.compile(s);
    assertFalse(c.ok());
    return c.diagnostics().stream().filter(x -> x.code().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError(TestScripts.show(c.diagnostics())));
  }

  @Test
  void lossAndAdamwReachThePlan() {
    Plan p = TestScripts.plan(script(NET, "adamw(net, t, lr = 0.01, steps = 10, beta2 = 0.98,"
        + " weight_decay = 0.5, schedule = cosine, warmup = 2, loss = cross_entropy)"));
    TrainStep t = train(p);
    assertEquals(TrainStep.Loss.CROSS_ENTROPY, t.loss());
    Update u = ((Dynamics.GradientDescent) t.dynamics()).update();
    Update.Optimizer.Adam a = (Update.Optimizer.Adam) u.optimizer();
    assertTrue(a.decoupled());
    assertEquals(0.98, a.beta2(), 0);
    assertEquals(List.of(1.0, 1.0), a.tensorLr());
    assertEquals(0.5, u.weightDecay(), 0);
    assertEquals(new Update.Schedule(Update.Schedule.Kind.COSINE, 2), u.schedule());
  }

  @Test
  void momentumWithABatchIsMinibatched() {
    TrainStep t = train(TestScripts.plan(script(NET,
        "momentum(net, t, lr = 0.01, steps = 10, beta = 0.5, batch = 5)")));
    Dynamics.Sgd s = (Dynamics.Sgd) t.dynamics();
    assertEquals(5, s.batch());
    assertEquals(new Update.Optimizer.Momentum(0.5), s.update().optimizer());
  }

  /** μP + Adam: n^{−½} for the input and output layers of a two-layer net (width 16 → 0.25). */
  @Test
  void adamUnderMupScalesEachTensor() {
    TrainStep t = train(TestScripts.plan(script(
        "two_layer(d = 3, width = 16, out = 2, act = tanh, parametrization = mup)",
        "adam(net, t, lr = 0.01, steps = 10)")));
    Update.Optimizer.Adam a =
        (Update.Optimizer.Adam) ((Dynamics.GradientDescent) t.dynamics()).update().optimizer();
    assertEquals(List.of(0.25, 0.25), a.tensorLr());
    assertEquals(1.0, Optimizers.adamExponent(dyn.compiler.plan.ParamSpec.Role.HIDDEN), 0);
  }

  @Test
  void adamUnderNtkIsRefused() {
    error(script("two_layer(d = 3, width = 16, out = 2, act = tanh, parametrization = ntk)",
        "adam(net, t, lr = 0.01, steps = 10)"), "adam-parametrization");
  }

  @Test
  void badValuesAreErrorsAtThem() {
    String[] s = script(NET, "adam(net, t, lr = 0.01, steps = 10, beta1 = 1)");
    assertEquals(s[4].indexOf("= 1)") + 3, error(s, "out-of-range").where().column());
    error(script(NET, "adam(net, t, lr = -0.01, steps = 10)"), "not-positive");
    error(script(NET, "descent(net, t, lr = 0.1, steps = 10, warmup = 10)"), "bad-warmup");
  }

  @Test
  void misspeltLossSuggestsTheLoss() {
    Compilation c = TestScripts.compile(script(NET,
        "descent(net, t, lr = 0.1, steps = 10, loss = hinje)"));
    assertFalse(c.ok());
    String all = TestScripts.show(c.diagnostics());
    assertTrue(all.contains("unknown loss `hinje`") && all.contains("`hinge`"), all);
  }

  @Test
  void binaryLossNeedsOneOutputAndFloat32NeedsMse() {
    error(script(NET, "descent(net, t, lr = 0.1, steps = 10, loss = logistic)"),
        "dimension-mismatch");
    error(script(NET, "descent(net, t, lr = 0.1, steps = 10, loss = cross_entropy,"
        + " dtype = \"float32\")"), "float32-loss");
  }
}
