package dyn.compiler.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.TestScripts;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import org.junit.jupiter.api.Test;

/** {@code dyn plan} shows a sweep: axes and their values, point count, metrics, lets, reports. */
class SweepPlanListingTest {
  private static Plan plan() {
    return TestScripts.plan(
        "import models", "import datasets",
        "param lr = 0.1", "param gamma = 1", "param seed = 0", "param w = 2",
        "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
        "model net = two_layer(d = 2, width = 2, out = 1, seed = seed + 1)",
        "train gd = descent(net, teacher, lr = lr, steps = 5)",
        "observe loss",
        "sweep s = grid(gamma = logspace(0.01, 100, 5), zip(lr = [0.01, 0.1], w = [1, 2]),"
            + " seed = seeds(3)) {",
        "  loss = final(gd.loss)",
        "}",
        "let m = mean(s.loss, over = seed)",
        "let best = min(m, over = lr)",
        "let f = fit_power(best, where = gamma < 10)",
        "report csv(\"m.csv\", m)",
        "check f.exponent > 0");
  }

  @Test
  void textListsAxesPointsMetricsAndDerivedValues() {
    String text = PlanPrinter.print(plan());
    // 5 gammas × 2 zip positions × 3 seeds.
    assertTrue(text.contains("sweep s  (line 11): 30 points over gamma, lr, w, seed"), text);
    assertTrue(text.contains("  axis gamma: 5 values, log-spaced from 0.01 to 100: 0.01 0.1 1 10 100\n"),
        text);
    assertTrue(text.contains("  axis zip(lr, w): 2 positions: (0.01, 1) (0.1, 2)\n"), text);
    assertTrue(text.contains("  axis seed: 3 values, linear-spaced from 0 to 2: 0 1 2\n"), text);
    assertTrue(text.contains("  metric loss = final(gd.loss)\n"), text);
    assertTrue(text.contains("  let m = mean(s.loss, over = seed)  [by gamma, lr, w]\n"), text);
    assertTrue(text.contains("  let f = fit_power(best, x = gamma, where = gamma < 10"), text);
    assertTrue(text.contains("  report csv \"m.csv\": m\n"), text);
    assertTrue(text.contains("  check f.exponent > 0\n"), text);
  }

  @Test
  void jsonHoldsTheSameSweep() {
    String json = PlanJson.write(plan());
    String flat = json.replaceAll("\\s+", "");
    assertTrue(flat.contains("\"sweep\":{\"name\":\"s\",\"line\":11,\"points\":30"), json);
    assertTrue(flat.contains("\"params\":[\"gamma\"],\"count\":5,\"spacing\":\"log\",\"values\":[0.01,0.1,1"),
        json);
    assertTrue(flat.contains("\"params\":[\"lr\",\"w\"],\"count\":2,\"spacing\":\"list\""), json);
    assertTrue(flat.contains("\"name\":\"f\",\"kind\":\"fit_power\""), json);
    assertEquals(1, flat.split("\"checks\":\\[\"f.exponent>0\"\\]", -1).length - 1, json);
  }
}
