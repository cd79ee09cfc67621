package dyn.runtime.dynamics;

import dyn.compiler.plan.CheckExpr;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Update;
import dyn.runtime.random.CounterRng;

/**
 * Gradient descent and minibatch SGD, step k placed at t = k·lr. The step loop reuses its
 * buffers and allocates nothing; observables are computed only at grid steps k = round(t/lr).
 */
final class Descent {
  private Descent() {}

  /** The grid index where each time lands, or the grid prefix that fits within {@code steps}. */
  static long[] gridSteps(double[] grid, double lr, long steps) {
    int reached = 0;
    while (reached < grid.length && Dynamics.stepAt(grid[reached], lr) <= steps) reached++;
    long[] k = new long[reached];
    for (int g = 0; g < reached; g++) k[g] = Dynamics.stepAt(grid[g], lr);
    return k;
  }

  /**
   * θ ← θ − lr·m⊙g: the step with per-coordinate learning-rate multipliers m (a parametrization's
   * n^{−c}), or the plain step when m is null.
   */
  static void step(double[] theta, double lr, double[] m, double[] grad) {
    if (m == null) {
      for (int i = 0; i < theta.length; i++) theta[i] -= lr * grad[i];
    } else {
      for (int i = 0; i < theta.length; i++) theta[i] -= lr * m[i] * grad[i];
    }
  }

  /**
   * Full-batch GD (or another optimizer) on θ in place; {@code updater} makes each move. The
   * finished run says how many steps it took and where its loss first rose.
   */
  static Run gradientDescent(Dynamics.GradientDescent gd, Objective objective, double[] theta,
      Updater updater, long[] gridSteps, Recorder recorder, Ticker ticker)
      throws TrainingFailure {
    Run run = new Run(gd, objective, theta, updater, gridSteps, recorder, ticker);
    while (!run.advance()) {
      // each call is one step
    }
    return run;
  }

  /**
   * One full-batch GD run, stepped by its caller: {@link #gradientDescent} steps one run to its
   * end, {@link BatchedDescent} steps many in turn. Both go through {@link #advance}, so a run
   * computes the same numbers either way.
   */
  static final class Run {
    private final Dynamics.GradientDescent gd;
    private final Objective objective;
    private final double[] theta;
    private final Updater updater;
    private final long[] gridSteps;
    private final Recorder recorder;
    private final Ticker ticker;
    private final double[] grad;
    private final double lr;
    /** What a divergence message calls the run: the optimizer's name. */
    private final String what;
    private double loss0 = Double.NaN;
    private double previous = Double.NaN;
    /**
     * The first step k whose loss rose from step k−1's (CheckExpr.rises), or {@link
     * Trajectory.Stats#NEVER}. The loss is the objective's at each step: on the fused and device
     * paths it may differ from a recorded value in the last bits, far below the rule's slack.
     */
    private long roseAt = Trajectory.Stats.NEVER;
    private int g;
    private long next;
    private long k;

    Run(Dynamics.GradientDescent gd, Objective objective, double[] theta, Updater updater,
        long[] gridSteps, Recorder recorder, Ticker ticker) {
      this.gd = gd;
      this.objective = objective;
      this.theta = theta;
      this.updater = updater;
      this.gridSteps = gridSteps;
      this.recorder = recorder;
      this.ticker = ticker;
      this.grad = new double[theta.length];
      this.lr = gd.lr();
      this.what = name(gd.update().optimizer(), false);
      this.next = ticker.first();
    }

    /**
     * Step k: the loss and gradient at θ, the divergence check, the records due at k, then
     * (unless k is the last step) the move to θ(k+1).
     *
     * @return true when the run has ended (k was its last step)
     * @throws TrainingFailure when the loss at step k is not finite or has exploded
     */
    boolean advance() throws TrainingFailure {
      if (k == next) next = ticker.tick(k, k, k * lr);
      double loss = objective.valueAndGradient(theta, grad);
      if (k == 0) loss0 = loss;
      check(what, loss, loss0, k, lr);
      // `monotone`'s rule between consecutive steps rather than records: a catapult between
      // two records is a rise all the same.
      if (roseAt < 0 && k > 0 && CheckExpr.rises(previous, loss, loss0)) roseAt = k;
      previous = loss;
      double exact = objective.lastLossIsExact() ? loss : Double.NaN;
      while (g < gridSteps.length && gridSteps[g] == k) recorder.record(g++, theta, exact);
      if (k == gd.steps()) return true;
      updater.step(theta, grad, k);
      k++;
      return false;
    }

    /** The step the run is at (its last step once {@link #advance} returned true). */
    long step() {
      return k;
    }

    /** What the finished run reports: its steps, wall time since {@code start}, the first rise. */
    Trajectory.Stats stats(long start) {
      return new Trajectory.Stats(k, 0, (System.nanoTime() - start) * 1e-9)
          .withLossRoseAt(roseAt);
    }
  }

  /** The optimizer as a divergence message names it, full-batch or on minibatches. */
  static String name(Update.Optimizer optimizer, boolean minibatch) {
    if (optimizer instanceof Update.Optimizer.Momentum) return minibatch ? "SGD with momentum" : "gradient descent with momentum";
    if (optimizer instanceof Update.Optimizer.Adam a) return (a.decoupled() ? "AdamW" : "Adam") + (minibatch ? " on minibatches" : "");
    return minibatch ? "SGD" : "gradient descent";
  }

  /**
   * Minibatch SGD on θ in place. Each epoch is a Fisher–Yates shuffle of the n sample indices
   * (swap i with ⌊u·(i+1)⌋ for i = n−1 … 1, u the next uniform of the step's stream, the
   * counter running on across epochs); batches are consecutive runs of {@code batch} indices, and
   * a tail shorter than a batch is dropped so every step has the same size.
   */
  static long sgd(Dynamics.Sgd sgd, Objective full, Objective batchObjective, double[] x,
      double[] y, int d, int c, int n, double[] theta, Updater updater, long[] gridSteps,
      Recorder recorder, Ticker ticker) throws TrainingFailure {
    int b = sgd.batch();
    if (b < 1 || b > n) {
      throw new IllegalArgumentException("sgd batch " + b + " must be between 1 and n = " + n);
    }
    double[] grad = new double[theta.length];
    double[] xb = new double[d * b];
    double[] yb = new double[c * b];
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    long counter = 0;
    int pos = n;
    double lr = sgd.lr();
    double loss0 = full.value(theta);
    String sgdName = name(sgd.update().optimizer(), true);
    check(sgdName, loss0, loss0, 0, lr);
    int g = 0;
    long next = ticker.first();
    for (long k = 0; ; k++) {
      if (k == next) next = ticker.tick(k, k, k * lr);
      // The full loss is checked every 64 steps (below); a record or the last step between those
      // checks is checked first, so no exploded or non-finite θ is ever recorded or returned.
      boolean due = (g < gridSteps.length && gridSteps[g] == k) || k == sgd.steps();
      if (due && k > 0 && k % 64 != 0) check(sgdName, full.value(theta), loss0, k, lr);
      while (g < gridSteps.length && gridSteps[g] == k) {
        recorder.record(g++, theta);
      }
      if (k == sgd.steps()) return k;
      if (pos + b > n) {
        for (int i = n - 1; i > 0; i--) {
          int j = (int) (CounterRng.uniform(sgd.stream(), counter++) * (i + 1));
          int s = perm[i];
          perm[i] = perm[j];
          perm[j] = s;
        }
        pos = 0;
      }
      for (int col = 0; col < b; col++) {
        int src = perm[pos + col];
        for (int r = 0; r < d; r++) xb[r * b + col] = x[r * n + src];
        for (int r = 0; r < c; r++) yb[r * b + col] = y[r * n + src];
      }
      pos += b;
      batchObjective.setBatch(xb, yb);
      double loss = batchObjective.valueAndGradient(theta, grad);
      check(sgdName, loss, Double.POSITIVE_INFINITY, k, lr);
      updater.step(theta, grad, k);
      if (Math.floorMod(k, 64L) == 63L) check(sgdName, full.value(theta), loss0, k + 1, lr);
    }
  }

  /**
   * Stops a diverging run. Called every step, so the healthy case returns before any message
   * is built: the hint's two double-to-text conversions cost more than a small model's step.
   */
  private static void check(String what, double loss, double loss0, long k, double lr)
      throws TrainingFailure {
    boolean exploded = loss0 > 0 && loss > 1e6 * loss0;
    if (Double.isFinite(loss) && !exploded) return;
    if (k == 0 && !Double.isFinite(loss)) throw TrainingFailure.atStart(loss);
    double t = k * lr;
    String hint = "lower the learning rate (lr = " + dyn.runtime.sink.Num.exact(lr) + "; try "
        + dyn.runtime.sink.Num.exact(lr / 2) + ")";
    if (!Double.isFinite(loss)) {
      throw new TrainingFailure(
          what + " diverged: the loss became " + (Double.isNaN(loss) ? "NaN" : "infinite")
              + " at step " + k + " (t = " + GradientFlowSolver.fmt(t) + ")",
          t, hint);
    }
    throw new TrainingFailure(
        what + " diverged: the loss grew from " + GradientFlowSolver.fmt(loss0) + " to "
            + GradientFlowSolver.fmt(loss) + " by step " + k + " (t = "
            + GradientFlowSolver.fmt(t) + ")",
        t, hint);
  }
}
