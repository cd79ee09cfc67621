package dyn.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.CheckStep;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.plan.SeriesRef;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.model.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
  @TempDir Path out;

  private static final Origin GD_LINE = new Origin("s.dyn", 9, 1, 5, "train gd = descent(net, d, lr = 0.5, until = 2)");
  private static final SeriesRef GF_LOSS = new SeriesRef(2, "gf", Observable.LOSS);
  private static final SeriesRef GD_LOSS = new SeriesRef(3, "gd", Observable.LOSS);

  /** data d; model net (aligned to d); train gf (grid 0,1,2); train gd (grid 0,.5,..,2); table; csv; check. */
  static Plan plan() {
    Graph data = new Graph(List.of(new Graph.Node(new Op.Constant(List.of(1.0)), 1, 1),
        new Graph.Node(new Op.Constant(List.of(2.0)), 1, 1)), List.of(0, 1));
    Graph forward = new Graph(List.of(new Graph.Node(new Op.Input(0), 1, 1), new Graph.Node(new Op.Param(0), 1, 1),
        new Graph.Node(new Op.MatMul(1, 0), 1, 1)), List.of(2));
    ModelSpec spec = new ModelSpec("scalar", 1, 1, List.of(new ParamSpec("w", 1, 1, new ParamSpec.Distribution.Constant(1))),
        forward, Optional.empty(), true);
    return new Plan("s.dyn", List.of(new Plan.ParamValue("alpha", 1e-3, false)), List.of(
        new DataStep(0, "d", Origin.none(), data, List.of("x", "y")),
        new ModelStep(1, "net", Origin.none(), spec, new InitSpec(1e-3, 0, InitSpec.Kind.ALIGNED, 0)),
        new TrainStep(2, "gf", Origin.none(), 1, 0, TrainStep.Loss.MSE, new Dynamics.GradientFlow(2, 1e-9, 1e-12, 1000),
            List.of(0.0, 1.0, 2.0), List.of(Observable.LOSS)),
        new TrainStep(3, "gd", GD_LINE, 1, 0, TrainStep.Loss.MSE, new Dynamics.GradientDescent(0.5, 4),
            List.of(0.0, 0.5, 1.0, 1.5, 2.0), List.of(Observable.LOSS)),
        new ReportStep(4, "table", Origin.none(), ReportStep.Kind.TABLE, List.of(GF_LOSS, GD_LOSS), ""),
        new ReportStep(5, "csv", Origin.none(), ReportStep.Kind.CSV, List.of(), "r.csv"),
        new CheckStep(6, "check", Origin.none(), new CheckExpr.Compare("<",
            new CheckExpr.SeriesFn(CheckExpr.Fn.FINAL, List.of(GF_LOSS), List.of()), new CheckExpr.Number(0.2)),
            "final(gf.loss) < 0.2")));
  }

  /** Loss e^{−t} on the step's grid; gf finishes last so completion order differs from plan order. */
  static class FakeEngine implements Engine {
    final Map<String, Object> seen = new HashMap<>();

    public Dataset generate(DataStep step) {
      return new Dataset(step.outputs(), List.of(new Matrix(1, 1, new double[] {1}), new Matrix(1, 1, new double[] {2})));
    }

    public Parameters draw(ModelStep step, Dataset alignedTo) {
      seen.put("aligned", alignedTo);
      return new Parameters(List.of(new Matrix(1, 1, new double[] {step.init().scale()})));
    }

    public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data) throws TrainingFailure {
      if (step.name().equals("gf")) sleep(50);
      theta0.values().get(0).data[0] = 99; // a trainer that mutates its start must not affect the other trains
      double[][] loss = new double[step.times().size()][];
      for (int i = 0; i < loss.length; i++) loss[i] = new double[] {Math.exp(-step.times().get(i))};
      return new Trajectory(step.times(), Map.of(Observable.LOSS, loss), theta0, new Trajectory.Stats(4, 0, 0.01));
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String run(Executor ex, Path dir, RunOutcome[] outcome) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    outcome[0] = ex.run(plan(), dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsStepsAndPrintsTablesThenVerdictsInPlanOrder() throws Exception {
    FakeEngine engine = new FakeEngine();
    RunOutcome[] outcome = new RunOutcome[1];
    String text = run(new Executor(engine, 4, null), out, outcome);
    // e^-0.5 = 0.606531, e^-1 = 0.367879, e^-1.5 = 0.22313, e^-2 = 0.135335 (6 significant digits).
    String expected =
        "  t   gf.loss   gd.loss\n"
      + "  0         1         1\n"
      + "0.5            0.606531\n"
      + "  1  0.367879  0.367879\n"
      + "1.5             0.22313\n"
      + "  2  0.135335  0.135335\n"
      + "\n"
      + "check final(gf.loss) < 0.2: PASS (value 0.135335)\n";
    assertEquals(expected, text);
    assertFalse(outcome[0].failed());
    assertTrue(outcome[0].checksPassed());
    assertNotNull(engine.seen.get("aligned"), "an aligned init receives its dataset");
    assertEquals(List.of(2, 3), List.copyOf(outcome[0].results().trajectories().keySet()));
    List<String> csv = Files.readAllLines(out.resolve("r.csv"));
    assertEquals("t,gf.loss,gd.loss", csv.get(0));
    assertEquals(6, csv.size());
  }

  @Test
  void parallelAndSequentialRunsPrintTheSame() {
    RunOutcome[] outcome = new RunOutcome[1];
    String parallel = run(new Executor(new FakeEngine(), 4, null), out.resolve("p"), outcome);
    String sequential = run(new Executor(new FakeEngine(), 1, null), out.resolve("s"), outcome);
    assertEquals(sequential, parallel);
  }

  @Test
  void aTrainingFailureNamesItsStepAndWritesNoReports() {
    FakeEngine diverging = new FakeEngine() {
      @Override
      public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data) throws TrainingFailure {
        if (step.name().equals("gd")) throw new TrainingFailure("loss diverged at t = 1.5 (step 3)", 1.5, "lower lr");
        return super.train(step, model, theta0, data);
      }
    };
    RunOutcome[] outcome = new RunOutcome[1];
    String text = run(new Executor(diverging, 2, null), out, outcome);
    assertEquals("", text);
    assertTrue(outcome[0].failed());
    StepFailure f = outcome[0].failures().get(0);
    assertEquals(1, outcome[0].failures().size());
    assertEquals("train gd: loss diverged at t = 1.5 (step 3)", f.describe());
    assertSame(GD_LINE, f.origin());
    assertEquals(Optional.of("lower lr"), f.hint());
    assertFalse(f.isInternal());
    assertFalse(Files.exists(out.resolve("r.csv")));
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorThatKeepsTheException() {
    FakeEngine broken = new FakeEngine() {
      @Override
      public Dataset generate(DataStep step) {
        throw new IllegalStateException("boom");
      }
    };
    RunOutcome[] outcome = new RunOutcome[1];
    run(new Executor(broken, 1, null), out, outcome);
    StepFailure f = outcome[0].failures().get(0);
    assertEquals("data d", f.stepLabel());
    assertTrue(f.isInternal());
    assertEquals("data d: internal error: IllegalStateException: boom", f.describe());
    assertEquals("boom", f.internal().get().getMessage());
  }
}
