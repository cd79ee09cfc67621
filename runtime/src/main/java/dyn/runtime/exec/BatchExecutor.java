package dyn.runtime.exec;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.BatchedDescent;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.graph.Program;
import dyn.runtime.model.Parameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the plans of a batch of sweep points as one program on the CPU: each plan's data and
 * model steps, then all their trains together in one {@link BatchedDescent}. The outcome of each
 * plan is what {@link Executor#run} gives for it alone: the same trajectory, bit for bit, or the
 * same failure, named by the same step.
 *
 * <p>Only plans that {@link #fits fit} are batched: data steps, model steps and one train by
 * full-batch gradient descent in float64 on a small model and dataset ({@link #MAX_NUMBERS}), and
 * nothing that writes or checks (a point's reports, checks and predictions run through {@link
 * Executor}). A data step or model draw that is equal
 * in several plans (records compare by value: a step is its generator's whole input) is done once
 * for all of them; a sweep over γ and lr draws its dataset and θ(0) once per batch.
 */
public final class BatchExecutor {
  private BatchExecutor() {}

  /**
   * The most numbers (a model's parameters, or the largest array a data step makes) a batched
   * point may hold: a batch keeps every point's state at once (64 points × 0.5 MB for each array
   * this large), where a point alone holds one point's. Larger points spend their time training, not starting, so
   * batching would save them nothing anyway.
   */
  static final long MAX_NUMBERS = 1L << 16;

  /** Whether a plan can run in a batch; why not (a short phrase) when it cannot, else null. */
  public static String whyNot(Plan plan) {
    int trains = 0;
    for (Step s : plan.steps()) {
      if (s instanceof TrainStep) {
        trains++;
        if (!BatchedDescent.fits((TrainStep) s)) return "its train is not full-batch descent in float64";
      } else if (s instanceof ModelStep) {
        long params = 0;
        for (dyn.compiler.plan.ParamSpec p : ((ModelStep) s).model().params()) params += (long) p.rows() * p.cols();
        if (params > MAX_NUMBERS) return "its model is too large to batch (" + params + " parameters)";
      } else if (s instanceof DataStep) {
        for (dyn.compiler.plan.Graph.Node n : ((DataStep) s).graph().nodes()) {
          if ((long) n.rows() * n.cols() > MAX_NUMBERS) return "its data is too large to batch";
        }
      } else {
        return "it has a " + s.getClass().getSimpleName().replace("Step", "").toLowerCase(java.util.Locale.ROOT)
            + " step (only data, model and one train are batched)";
      }
    }
    return trains == 1 ? null : "it has " + trains + " trains (one is batched)";
  }

  /** Whether a plan can run in a batch ({@link #whyNot} says why not). */
  public static boolean fits(Plan plan) {
    return whyNot(plan) == null;
  }

  /**
   * Runs the plans; one outcome per plan, in order.
   *
   * @throws IllegalArgumentException when a plan does not {@link #fits fit}
   */
  public static List<RunOutcome> run(List<Plan> plans) {
    for (Plan p : plans) {
      String why = whyNot(p);
      if (why != null) throw new IllegalArgumentException("cannot batch " + p.script() + ": " + why);
    }
    if (!plans.isEmpty()) Program.warmUpFusedPath();
    // Keyed by value on purpose: equal steps of different points give equal data and draws.
    Map<DataStep, Object> data = new HashMap<>();
    Map<List<Object>, Object> draws = new HashMap<>();
    List<List<StepFailure>> failures = new ArrayList<>();
    List<TrainStep> trainOf = new ArrayList<>();
    List<BatchedDescent.Train> batch = new ArrayList<>();
    List<Integer> batched = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      List<StepFailure> failed = new ArrayList<>();
      failures.add(failed);
      Map<Integer, Dataset> datasets = new HashMap<>();
      for (Step s : plan.steps()) {
        if (!(s instanceof DataStep)) continue;
        Object d = data.computeIfAbsent((DataStep) s, BatchExecutor::generate);
        if (d instanceof StepFailure) failed.add((StepFailure) d);
        else datasets.put(s.id(), (Dataset) d);
      }
      Map<Integer, Parameters> thetas = new HashMap<>();
      if (failed.isEmpty()) {
        for (Step s : plan.steps()) {
          if (!(s instanceof ModelStep)) continue;
          ModelStep m = (ModelStep) s;
          Dataset aligned = m.init().alignedTo() >= 0 ? datasets.get(m.init().alignedTo()) : null;
          Object t = draws.computeIfAbsent(java.util.Arrays.asList(m, aligned), k -> draw(m, aligned));
          if (t instanceof StepFailure) failed.add((StepFailure) t);
          else thetas.put(m.id(), (Parameters) t);
        }
      }
      TrainStep train = null;
      for (Step s : plan.steps()) if (s instanceof TrainStep) train = (TrainStep) s;
      trainOf.add(train);
      if (!failed.isEmpty()) continue;
      ModelStep model = plan.step(train.model(), ModelStep.class);
      batch.add(new BatchedDescent.Train(train, model.model(), thetas.get(train.model()),
          datasets.get(train.data())));
      batched.add(i);
    }
    List<BatchedDescent.Outcome> trained = BatchedDescent.train(batch, ProgramFactory.CPU);
    Map<Integer, Trajectory> trajectories = new HashMap<>();
    for (int j = 0; j < batched.size(); j++) {
      int i = batched.get(j);
      BatchedDescent.Outcome o = trained.get(j);
      if (o.failed()) failures.get(i).add(StepFailure.of(trainOf.get(i), o.failure()));
      else trajectories.put(i, o.trajectory());
    }
    List<RunOutcome> out = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      Trajectory tr = trajectories.get(i);
      Results results = new Results(plan, tr == null ? Map.of() : Map.of(trainOf.get(i).id(), tr));
      out.add(new RunOutcome(results, List.of(), failures.get(i)));
    }
    return out;
  }

  /** A dataset, or the failure {@link Executor#run} reports for its step. */
  private static Object generate(DataStep s) {
    try {
      return Engine.CPU.generate(s);
    } catch (dyn.compiler.data.DataException e) {
      return StepFailure.of(s, e.getMessage(), null);
    } catch (RuntimeException | Error e) {
      return StepFailure.internal(s, e);
    }
  }

  /** θ(0), or the failure {@link Executor#run} reports for its step. */
  private static Object draw(ModelStep m, Dataset aligned) {
    try {
      return Engine.CPU.draw(m, aligned);
    } catch (RuntimeException | Error e) {
      return StepFailure.internal(m, e);
    }
  }
}
