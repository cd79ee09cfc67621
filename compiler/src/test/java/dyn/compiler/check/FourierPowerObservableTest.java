package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.FourierPower;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.TrainStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FourierPowerObservableTest {
  private static final String[] HEAD = {
    "import models",
    "import datasets",
    "data mod = modular_addition(p = 6, amplitudes = [1], frequencies = [1])",
    "model net = quadratic(d = 12, width = 3, out = 6, scale = 0.01)",
    "train gd = descent(net, mod, lr = 0.01, until = 1)",
  };

  private static String[] with(String... more) {
    String[] all = new String[HEAD.length + more.length];
    System.arraycopy(HEAD, 0, all, 0, HEAD.length);
    System.arraycopy(more, 0, all, HEAD.length, more.length);
    return all;
  }

  @Test
  void periodReachesThePlan() {
    Plan p = TestScripts.plan(with("observe loss, fourier_power(period = 2 * 3) at linear(0, 1, 3)"));
    TrainStep gd = p.steps().stream().filter(s -> s instanceof TrainStep)
        .map(s -> (TrainStep) s).findFirst().orElseThrow();
    assertEquals(List.of(Observable.LOSS, Observable.FOURIER_POWER), gd.observables());
    assertEquals(Optional.of(new FourierPower(6)), gd.fourierPower());
    assertTrue(PlanPrinter.print(p).contains("fourier_power(period = 6)"), PlanPrinter.print(p));
    assertTrue(PlanJson.write(p).contains("\"fourierPeriod\": 6")
        || PlanJson.write(p).contains("\"fourierPeriod\":6"), PlanJson.write(p));
  }

  @Test
  void periodThatDoesNotDivideASliceIsAnErrorAtThePeriod() {
    String line = "observe fourier_power(period = 5)";
    Compilation c = TestScripts.compile(with(line));
    assertFalse(c.ok());
    Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals("bad-period"))
        .findFirst().orElseThrow(() -> new AssertionError(TestScripts.show(c.diagnostics())));
    assertTrue(d.message().contains("length 12"), d.message());
    assertEquals(line.indexOf("5") + 1, d.where().column(), TestScripts.show(d));
  }

  @Test
  void missingPeriodAndSettingsOnOtherObservablesAreErrors() {
    assertFalse(TestScripts.compile(with("observe fourier_power")).ok());
    assertFalse(TestScripts.compile(with("observe loss(period = 2)")).ok());
    assertFalse(TestScripts.compile(with("observe fourier_power(step = 2)")).ok());
  }
}
