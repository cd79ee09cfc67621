package dyn.runtime.dynamics;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.LayerSpectra;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.loss.BarlowTwins;
import dyn.runtime.loss.Labels;
import dyn.runtime.loss.LossFunction;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one train step: gradient flow, gradient descent or SGD, recording on the grid. */
public final class Trainer {
  private Trainer() {}

  /**
   * Trains from a copy of theta0 and records the step's observables at its grid times. Grid
   * times beyond the end of a GD/SGD run (k = round(t/lr) past the last step) are not reached and
   * are left out of the trajectory.
   *
   * @throws TrainingFailure on NaN, divergence or an integrator failure
   */
  public static Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data)
      throws TrainingFailure {
    return train(step, model, theta0, data, ProgramFactory.CPU, Ticker.NONE);
  }

  /**
   * As {@link #train(TrainStep, ModelSpec, Parameters, Dataset)}, reporting progress through the
   * ticker: steps done of {@code steps} for GD/SGD, time reached of {@code until} for gradient flow.
   */
  public static Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
      Ticker ticker) throws TrainingFailure {
    return train(step, model, theta0, data, ProgramFactory.CPU, ticker);
  }

  /**
   * As {@link #train(TrainStep, ModelSpec, Parameters, Dataset)}, with the training objective's
   * graph compiled by {@code programs} (e.g. on a GPU); observables stay on the CPU.
   */
  public static Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
      ProgramFactory programs) throws TrainingFailure {
    return train(step, model, theta0, data, programs, Ticker.NONE);
  }

  /** The general form: objective compiled by {@code programs}, progress through {@code ticker}. */
  public static Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
      ProgramFactory programs, Ticker ticker) throws TrainingFailure {
    Prepared p = prepare(step, model, theta0, data, programs);
    double[] theta = p.theta;
    double[] grid = p.grid;
    Dynamics dyn = step.dynamics();
    int reached;
    Trajectory.Stats stats;
    long jitWait = p.jitWait;
    long start = p.start;
    if (dyn instanceof Dynamics.GradientFlow) {
      GradientFlowSolver solver = new GradientFlowSolver(p.objective, p.lrScale);
      stats = solver.run((Dynamics.GradientFlow) dyn, theta, grid, p.recorder, start, ticker);
      reached = 0;
      while (reached < grid.length && grid[reached] <= dyn.until()) reached++;
    } else if (dyn instanceof Dynamics.GradientDescent) {
      Dynamics.GradientDescent gd = (Dynamics.GradientDescent) dyn;
      long[] ks = Descent.gridSteps(grid, gd.lr(), gd.steps());
      Descent.Run run = Descent.gradientDescent(gd, p.objective, theta,
          p.updater(gd.update(), gd.lr(), gd.steps()), ks, p.recorder, ticker);
      reached = ks.length;
      stats = run.stats(start);
    } else {
      Dynamics.Sgd sgd = (Dynamics.Sgd) dyn;
      long[] ks = Descent.gridSteps(grid, sgd.lr(), sgd.steps());
      Objective batch = objective(model, null, p.y, Math.min(sgd.batch(), p.n), programs, p.float32,
          step);
      long batchWait = batch.awaitFusedKernels();
      jitWait += batchWait;
      start += batchWait;
      long steps = Descent.sgd(sgd, p.objective, batch, p.x.data, p.y.data, p.x.rows, p.y.rows, p.n,
          theta, p.updater(sgd.update(), sgd.lr(), sgd.steps()), ks, p.recorder, ticker);
      reached = ks.length;
      stats = new Trajectory.Stats(steps, 0, (System.nanoTime() - start) * 1e-9);
    }
    return p.trajectory(reached, stats.withJitWait(jitWait * 1e-9));
  }

  /**
   * A train set up to take its first step: θ(0) flattened, the objective (its fused kernels
   * compiled), the recorder and the grid. {@link #train} and {@link BatchedDescent} start from
   * the same set-up.
   */
  static final class Prepared {
    final TrainStep step;
    final ModelSpec model;
    final Matrix x;
    final Matrix y;
    final int n;
    final double[] theta;
    final boolean float32;
    final Objective objective;
    final long jitWait;
    final long start;
    final double[] grid;
    final Recorder recorder;
    final double[] lrScale;

    private Prepared(TrainStep step, ModelSpec model, Dataset data, Matrix x, Matrix y,
        double[] theta, Objective objective, long jitWait, long start) throws TrainingFailure {
      this.step = step;
      this.model = model;
      this.x = x;
      this.y = y;
      this.n = x.cols;
      this.theta = theta;
      this.float32 = step.precision() == TrainStep.Precision.FLOAT32;
      this.objective = objective;
      this.jitWait = jitWait;
      this.start = start;
      this.grid = step.times().stream().mapToDouble(Double::doubleValue).toArray();
      this.recorder = new Recorder(model, data, step.observables(), Recorder.rows(step), objective,
          step.fourierPower().map(f -> f.period()).orElse(0),
          step.layerSpectra().map(l -> l.top()).orElse(LayerSpectra.DEFAULT_TOP), step.loss());
      recorder.start(theta);
      this.lrScale = FlatParams.lrMultipliers(model);
    }

    /** The optimizer's state for a run of {@code steps} steps at {@code lr}. */
    Updater updater(dyn.compiler.plan.Update update, double lr, long steps) {
      return new Updater(update, lr, steps, lrScale, tensorSizes(model), theta.length);
    }

    /**
     * The trajectory of the first {@code reached} grid times, θ where the run stopped; each
     * series holds its own times among them.
     */
    Trajectory trajectory(int reached, Trajectory.Stats stats) {
      List<Double> times = new ArrayList<>(step.times().subList(0, reached));
      Map<Observable, double[][]> series = recorder.series(reached);
      // A series' rows are the first of its own times (a subset of the train's, in order).
      Map<Observable, List<Double>> own = new LinkedHashMap<>();
      series.forEach((o, rows) -> own.put(o, List.copyOf(step.timesOf(o).subList(0, rows.length))));
      return new Trajectory(times, series, own, FlatParams.unflatten(model, theta), stats);
    }
  }

  /** Sets a train up for its first step (labels checked, objective built). */
  static Prepared prepare(TrainStep step, ModelSpec model, Parameters theta0, Dataset data,
      ProgramFactory programs) throws TrainingFailure {
    long start = System.nanoTime();
    Matrix x = trainingInputs(step.loss(), data);
    int n = x.cols;
    // A paired loss reads no labels: a dataset of views alone trains with none.
    Matrix y = step.loss().paired() ? data.get("y").orElse(new Matrix(0, n))
        : data.get("y").orElseThrow(() -> new IllegalStateException("dataset has no y"));
    double[] theta = FlatParams.flatten(theta0);
    boolean float32 = step.precision() == TrainStep.Precision.FLOAT32;
    checkLabels(step.loss(), model, y, "y");
    Objective objective = objective(model, x.data, y, n, programs, float32, step);
    // The JIT compiling the fused kernels is start-up, like loading a GPU module before a run:
    // it is waited for here, kept out of the training's clock, and reported beside it.
    long jitWait = objective.awaitFusedKernels();
    start += jitWait;
    return new Prepared(step, model, data, x, y, theta, objective, jitWait, start);
  }

  /**
   * What the objective's batches are cut from: x (d×n), or for a paired loss the views stacked,
   * [x; x2] (2d×n), so that a minibatch of columns keeps each sample's two views together.
   */
  static Matrix trainingInputs(TrainStep.Loss loss, Dataset data) {
    Matrix x = data.get("x").orElseThrow(() -> new IllegalStateException("dataset has no x"));
    if (!loss.paired()) return x;
    Matrix x2 = data.get("x2").orElseThrow(() -> new IllegalStateException(
        "loss " + loss.scriptName() + " needs a dataset with a second view x2"));
    return BarlowTwins.stackViews(x, x2);
  }

  private static int[] tensorSizes(ModelSpec model) {
    int[] out = new int[model.params().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.params().get(i).rows() * model.params().get(i).cols();
    }
    return out;
  }

  /**
   * Stops before training when the labels' values do not fit the loss (a class index ≥ the
   * output count, a label that is not ±1 for logistic): the shapes were checked at compile time,
   * the values are data.
   */
  static void checkLabels(TrainStep.Loss loss, ModelSpec model, Matrix labels, String which)
      throws TrainingFailure {
    String why = Labels.problem(loss, model.outputDim(), labels.data, labels.rows, labels.cols,
        which);
    if (why != null) {
      throw new TrainingFailure("labels do not fit loss `" + loss.scriptName() + "`: " + why, 0.0,
          "check the dataset's labels (docs/LANGUAGE.md, Losses)");
    }
  }

  /**
   * The objective (y only for its row count when x is null), or (float32 on a model it does
   * not cover) a failure saying so.
   */
  private static Objective objective(ModelSpec model, double[] x, Matrix y, int n,
      ProgramFactory programs, boolean float32, TrainStep step) throws TrainingFailure {
    TrainStep.Loss loss = step.loss();
    LossFunction f = LossFunction.of(step, model.outputDim(), y.rows);
    try {
      return x == null ? new Objective(model, n, programs, float32, loss, f, y.rows)
          : new Objective(model, x, y.data, n, programs, float32, loss, f, y.rows);
    } catch (IllegalArgumentException e) {
      if (!float32) throw e;
      throw new TrainingFailure(e.getMessage() + " (model `" + model.name() + "`)", 0.0,
          "train it with dtype = \"float64\" (the default)");
    }
  }
}
