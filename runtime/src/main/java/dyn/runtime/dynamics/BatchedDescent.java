package dyn.runtime.dynamics;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.model.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-batch gradient descent on a batch of trains at once (a sweep's points): step k of every
 * run still going, then step k+1. Each run keeps its own learning rate, record grid, step count
 * and divergence check; a run that diverges leaves the batch with its failure and the others go
 * on undisturbed, since no run reads another's state.
 *
 * <p>Each run is set up as {@link Trainer#train} sets it up and is stepped by the same
 * {@link Descent.Run#advance}, on its own θ and buffers, so its trajectory is bit-for-bit the
 * one it has when trained alone. The steps are interleaved, not stacked into one kernel. A
 * stacked kernel that keeps that equality is possible (points side by side in vector lanes, each
 * lane summing in the single run's order), but every operation of the generic graph path, its
 * backward and every update rule would need a lane version, for little: on bench/eta_gamma.dyn's
 * sweep (741 points of 600 steps) the trainings take about a tenth of the CPU (600 against 120
 * steps: ~0.45 s of ~5 s), the JIT compiling the per-point code about half (bench/README.md,
 * "Sweeps against batched numpy").
 */
public final class BatchedDescent {
  private BatchedDescent() {}

  /** One train of the batch: what {@link Trainer#train} takes. */
  public record Train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data) {}

  /** A train's trajectory, or (trajectory null) the failure that stopped it. */
  public record Outcome(Trajectory trajectory, TrainingFailure failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  /** Whether a train can join a batch: full-batch gradient descent in float64. */
  public static boolean fits(TrainStep step) {
    return step.dynamics() instanceof Dynamics.GradientDescent
        && step.precision() == TrainStep.Precision.FLOAT64;
  }

  /**
   * Trains every train of the batch from a copy of its θ(0); outcomes in the trains' order.
   *
   * @throws IllegalArgumentException when a train does not {@link #fits fit} a batch
   */
  public static List<Outcome> train(List<Train> trains, ProgramFactory programs) {
    int b = trains.size();
    Outcome[] out = new Outcome[b];
    Trainer.Prepared[] prepared = new Trainer.Prepared[b];
    Descent.Run[] runs = new Descent.Run[b];
    long[][] grids = new long[b][];
    for (int i = 0; i < b; i++) {
      Train t = trains.get(i);
      if (!fits(t.step())) {
        throw new IllegalArgumentException(t.step().label() + " is not float64 gradient descent");
      }
      Dynamics.GradientDescent gd = (Dynamics.GradientDescent) t.step().dynamics();
      try {
        Trainer.Prepared p = Trainer.prepare(t.step(), t.model(), t.theta0().copy(), t.data(),
            programs);
        grids[i] = Descent.gridSteps(p.grid, gd.lr(), gd.steps());
        prepared[i] = p;
        runs[i] = new Descent.Run(gd, p.objective, p.theta, p.updater(gd.update(), gd.lr(),
            gd.steps()), grids[i], p.recorder, Ticker.NONE);
      } catch (TrainingFailure f) {
        out[i] = new Outcome(null, f);
      }
    }
    // The runs still going, compacted as they end, so a finished or diverged run costs nothing.
    int[] live = new int[b];
    int count = 0;
    for (int i = 0; i < b; i++) if (runs[i] != null) live[count++] = i;
    while (count > 0) {
      int kept = 0;
      for (int j = 0; j < count; j++) {
        int i = live[j];
        boolean ended;
        try {
          ended = runs[i].advance();
        } catch (TrainingFailure f) {
          out[i] = new Outcome(null, f);
          continue;
        }
        if (ended) {
          Trainer.Prepared p = prepared[i];
          out[i] = new Outcome(p.trajectory(grids[i].length,
              runs[i].stats(p.start).withJitWait(p.jitWait * 1e-9)), null);
        } else {
          live[kept++] = i;
        }
      }
      count = kept;
    }
    List<Outcome> list = new ArrayList<>(b);
    for (Outcome o : out) list.add(o);
    return list;
  }
}
