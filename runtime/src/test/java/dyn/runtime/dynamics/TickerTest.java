package dyn.runtime.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.runtime.Studies;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Initializer;
import dyn.runtime.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress pacing: which steps report, what they report, and that reporting changes no number. */
class TickerTest {
  private final Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 6, 64, new double[] {5, 3, 2, 1}, 32, 5));
  private final ModelSpec model = Studies.twoLayerLinear(6, 8, 6);
  private final Parameters theta0 = Initializer.draw(Studies.modelStep(model, 0.3, 2, InitSpec.Kind.DECLARED), null);

  /** Runs a loop of {@code steps} steps the way Descent does, with a clock of {@code nanosPerStep}. */
  private static List<Long> reportedSteps(long steps, long nanosPerStep, long targetNanos) {
    long[] now = {0};
    List<Long> reported = new ArrayList<>();
    Ticker ticker = new Ticker((done, t) -> reported.add((long) done), () -> now[0], targetNanos);
    long next = ticker.first();
    for (long k = 0; k < steps; k++) {
      if (k == next) next = ticker.tick(k, k, k * 0.1);
      now[0] += nanosPerStep;
    }
    return reported;
  }

  @Test
  void strideDoublesUntilReportsAreHalfTheTargetApart() {
    // Steps of 1 ns and a 64 ns target: the stride s doubles while s ns < 32 ns, then stays 32.
    assertEquals(List.of(1L, 3L, 7L, 15L, 31L, 63L, 95L, 127L, 159L), reportedSteps(160, 1, 64));
  }

  @Test
  void slowStepsReportEveryStep() {
    // Each step takes 10x the target: the stride never grows past 1.
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), reportedSteps(6, 1000, 100));
  }

  @Test
  void noneNeverFires() {
    assertEquals(Long.MAX_VALUE, Ticker.NONE.first());
    assertEquals(Long.MAX_VALUE, Ticker.NONE.tick(1, 1, 1));
  }

  @Test
  void gradientDescentReportsStepsAndTimeAndTrainsTheSame() throws TrainingFailure {
    double lr = 0.01;
    List<Double> grid = Studies.linearGrid(10, 10);
    List<double[]> reports = new ArrayList<>();
    // A stopped clock: every report comes "instantly", so the stride doubles: steps 2^j − 1.
    Ticker ticker = new Ticker((done, t) -> reports.add(new double[] {done, t}), () -> 0L, 100);
    Trajectory with = Trainer.train(Studies.train(new Dynamics.GradientDescent(lr, 1000), grid, Observable.LOSS),
        model, theta0, data, ticker);
    Trajectory without = Trainer.train(Studies.train(new Dynamics.GradientDescent(lr, 1000), grid, Observable.LOSS),
        model, theta0, data);
    assertEquals(9, reports.size());
    for (int j = 0; j < reports.size(); j++) {
      assertEquals((1L << (j + 1)) - 1, reports.get(j)[0], 0.0);
      assertEquals(reports.get(j)[0] * lr, reports.get(j)[1], 1e-12);
    }
    assertArrayEquals(FlatParams.flatten(without.finalParams()), FlatParams.flatten(with.finalParams()), 0.0);
  }

  @Test
  void gradientFlowReportsTimeReached() throws TrainingFailure {
    List<double[]> reports = new ArrayList<>();
    Ticker ticker = new Ticker((done, t) -> reports.add(new double[] {done, t}), () -> 0L, 100);
    Trajectory with = Trainer.train(Studies.train(new Dynamics.GradientFlow(8, 1e-8, 1e-12, 100_000),
        Studies.linearGrid(8, 8), Observable.LOSS), model, theta0, data, ticker);
    Trajectory without = Trainer.train(Studies.train(new Dynamics.GradientFlow(8, 1e-8, 1e-12, 100_000),
        Studies.linearGrid(8, 8), Observable.LOSS), model, theta0, data);
    assertTrue(reports.size() >= 3, "reports: " + reports.size());
    double last = 0;
    for (double[] r : reports) {
      assertEquals(r[0], r[1], 0.0, "gradient flow counts its progress in time");
      assertTrue(r[0] > last && r[0] < 8, "time reached " + r[0]);
      last = r[0];
    }
    assertArrayEquals(FlatParams.flatten(without.finalParams()), FlatParams.flatten(with.finalParams()), 0.0);
  }
}
