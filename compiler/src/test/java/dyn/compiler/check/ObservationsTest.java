package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.TestScripts;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanJson;
import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each observable of a train is recorded on the grids of the statements that name it. */
class ObservationsTest {
  private static final String[] HEAD = {
    "import models",
    "import datasets",
    "data teacher = linear_teacher(d = 4, out = 2, n = 20, singular_values = [2, 1], seed = 1)",
    "model net = two_layer(d = 4, width = 3, out = 2)",
    "train gd = descent(net, teacher, lr = 0.1, steps = 100)",
  };

  private static Plan plan(String... observes) {
    List<String> lines = new ArrayList<>(List.of(HEAD));
    lines.addAll(List.of(observes));
    return TestScripts.plan(lines.toArray(String[]::new));
  }

  private static TrainStep gd(Plan p) {
    for (Step s : p.steps()) if (s instanceof TrainStep t) return t;
    throw new AssertionError("no train step");
  }

  @Test
  void eachObservableKeepsTheGridOfItsStatement() {
    TrainStep t = gd(plan("observe loss at linear(0, 10, 3)",
        "observe singular_values at linear(0, 10, 101)"));
    assertEquals(List.of(0.0, 5.0, 10.0), t.timesOf(Observable.LOSS));
    assertEquals(Grid.linear(0, 10, 101), t.timesOf(Observable.SINGULAR_VALUES));
    // The training stops on the union: 0, 5 and 10 are among the 101.
    assertEquals(101, t.times().size());
    assertFalse(t.sharedGrid());
  }

  @Test
  void anObservableNamedInTwoStatementsGetsTheUnionOfTheirGrids() {
    TrainStep t = gd(plan("observe loss at linear(0, 10, 3)",
        "observe loss, singular_values at linear(0, 10, 6)"));
    assertEquals(List.of(0.0, 2.0, 4.0, 5.0, 6.0, 8.0, 10.0), t.timesOf(Observable.LOSS));
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0), t.timesOf(Observable.SINGULAR_VALUES));
    assertEquals(t.timesOf(Observable.LOSS), t.times());
    // Loss is on every time of the train, so only singular_values has a grid of its own.
    assertEquals(List.of(Observable.SINGULAR_VALUES), List.copyOf(t.observableTimes().keySet()));
  }

  @Test
  void tZeroIsAlwaysRecorded() {
    TrainStep t = gd(plan("observe loss at log(1, 10, 3)",
        "observe singular_values at linear(2, 10, 5)"));
    assertEquals(0.0, t.timesOf(Observable.LOSS).get(0));
    assertEquals(0.0, t.timesOf(Observable.SINGULAR_VALUES).get(0));
    assertEquals(4, t.timesOf(Observable.LOSS).size());
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0), t.timesOf(Observable.SINGULAR_VALUES));
    TreeSet<Double> union = new TreeSet<>(t.timesOf(Observable.LOSS));
    union.addAll(t.timesOf(Observable.SINGULAR_VALUES));
    assertEquals(List.copyOf(union), t.times());
  }

  @Test
  void oneGridForAllIsAPlanWithoutOwnGrids() {
    TrainStep one = gd(plan("observe loss, singular_values at linear(0, 10, 11)"));
    TrainStep two = gd(plan("observe loss at linear(0, 10, 11)",
        "observe singular_values at linear(0, 10, 11)"));
    assertTrue(one.sharedGrid());
    assertEquals(one, two);
    assertFalse(PlanPrinter.print(plan("observe loss, singular_values at linear(0, 10, 11)"))
        .contains("times of"));
  }

  @Test
  void theDefaultGridIsUnchanged() {
    TrainStep t = gd(plan());
    assertEquals(Grid.log(10 * 1e-3, 10, 40), t.times());
    assertTrue(t.sharedGrid());
  }

  @Test
  void aGridPastTheEndIsClippedForItsObservableOnly() {
    TrainStep t = gd(plan("observe loss at linear(0, 20, 3)",
        "observe singular_values at linear(0, 10, 11)"));
    assertEquals(List.of(0.0, 10.0), t.timesOf(Observable.LOSS));
    assertEquals(11, t.timesOf(Observable.SINGULAR_VALUES).size());
  }

  @Test
  void thePlanShowsEachOwnGrid() {
    Plan p = plan("observe loss at linear(0, 10, 3)",
        "observe singular_values at linear(0, 10, 101)");
    String text = PlanPrinter.print(p);
    assertTrue(text.contains("  times (101): 0 0.1 0.2"), text);
    assertTrue(text.contains("  times of loss (3): 0 5 10\n"), text);
    assertFalse(text.contains("times of singular_values"), text);
    String json = PlanJson.write(p);
    assertTrue(json.contains("\"observableTimes\": {"), json);
    assertTrue(json.contains("\"loss\": [0, 5, 10]"), json);
  }
}
