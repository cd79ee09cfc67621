package dyn.runtime.dynamics;

import dyn.compiler.plan.Dynamics;

/**
 * Gradient flow dθ/dt = −M∇L(θ), M the diagonal of per-coordinate learning-rate multipliers
 * (a parametrization's n^{−c}; the identity by default), by the Dormand–Prince 5(4) pair, following Hairer, Nørsett &amp;
 * Wanner's DOPRI5: FSAL stages, RMS error norm with sk = atol + rtol·max(|θ|, |θ_new|) (atol at
 * most rtol times the RMS of θ(0): {@link #absoluteTolerance}), the
 * Lund PI step-size controller (β = 0.04, safety 0.9, factors in [0.2, 10]), the standard
 * initial-step heuristic, and the 4th-order continuous extension to evaluate θ at grid times
 * inside a step, so the grid never shortens a step. Steps grow as far as the tolerance allows,
 * which on a small-init plateau means steps of order the plateau length.
 */
final class GradientFlowSolver {
  private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
  private static final double A21 = 1.0 / 5;
  private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
  private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
  private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187,
      A53 = 64448.0 / 6561, A54 = -212.0 / 729;
  private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247,
      A64 = 49.0 / 176, A65 = -5103.0 / 18656;
  private static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192,
      A75 = -2187.0 / 6784, A76 = 11.0 / 84;
  private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920,
      E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
  private static final double D1 = -12715105075.0 / 11282082432.0,
      D3 = 87487479700.0 / 32700410799.0, D4 = -10690763975.0 / 1880347072.0,
      D5 = 701980252875.0 / 199316789632.0, D6 = -1453857185.0 / 822651844.0,
      D7 = 69997945.0 / 29380423.0;

  private static final double SAFE = 0.9, BETA = 0.04, FAC_MIN = 0.2, FAC_MAX = 10.0;

  private final Objective objective;
  private final int size;
  private double[] k1, k7;
  private final double[] k2, k3, k4, k5, k6, y1, tmp, dense;
  private long evaluations;
  private double lastLoss;

  private final double[] lrScale;

  GradientFlowSolver(Objective objective) {
    this(objective, null);
  }

  /** @param lrScale per-coordinate multipliers M, or null for dθ/dt = −∇L */
  GradientFlowSolver(Objective objective, double[] lrScale) {
    this.objective = objective;
    this.lrScale = lrScale;
    this.size = objective.paramCount();
    k1 = new double[size];
    k2 = new double[size];
    k3 = new double[size];
    k4 = new double[size];
    k5 = new double[size];
    k6 = new double[size];
    k7 = new double[size];
    y1 = new double[size];
    tmp = new double[size];
    dense = new double[size];
  }

  /** f(θ) = −M∇L(θ) into out; remembers L(θ). */
  private void rhs(double[] theta, double[] out) {
    lastLoss = objective.valueAndGradient(theta, out);
    if (lrScale == null) {
      for (int i = 0; i < size; i++) out[i] = -out[i];
    } else {
      for (int i = 0; i < size; i++) out[i] = -lrScale[i] * out[i];
    }
    evaluations++;
  }

  /** Integrates θ in place from t = 0 to {@code flow.until()}, recording at the grid. */
  Trajectory.Stats run(Dynamics.GradientFlow flow, double[] y, double[] grid, Recorder recorder,
      long startNanos, Ticker ticker) throws TrainingFailure {
    double rtol = flow.rtol();
    double atol = absoluteTolerance(flow.atol(), rtol, y);
    double until = flow.until();
    int g = 0;
    while (g < grid.length && grid[g] <= 0.0) recorder.record(g++, y);
    rhs(y, k1);
    double loss0 = lastLoss;
    checkLoss(loss0, loss0, 0.0, 0);
    double t = 0.0;
    double h = initialStep(y, rtol, atol, until);
    double facOld = 1e-4;
    boolean rejectedLast = false;
    long accepted = 0;
    long rejected = 0;
    long next = ticker.first();
    while (t < until) {
      if (accepted == next) next = ticker.tick(accepted, t, t);
      if (accepted + rejected >= flow.maxSteps()) {
        throw new TrainingFailure(
            "gradient flow took more than " + flow.maxSteps() + " steps and stopped at t = "
                + fmt(t) + " of " + fmt(until) + " (last step size " + fmt(h) + ")",
            t, "loosen rtol / atol, raise max_steps, or check the model for stiffness");
      }
      if (h < 1e-14 * Math.max(1.0, t)) {
        throw new TrainingFailure(
            "gradient flow step size underflow at t = " + fmt(t) + " (h = " + fmt(h)
                + "): the loss may be blowing up",
            t, "tighten rtol / check the model");
      }
      boolean last = t + h >= until;
      if (last) h = until - t;
      stages(y, h);
      double err = errorNorm(y, h, rtol, atol);
      if (!Double.isFinite(err)) {
        // Non-finite stages: shrink hard and retry, as for any rejected step.
        rejected++;
        h *= FAC_MIN;
        rejectedLast = true;
        continue;
      }
      double fac11 = Math.pow(err, 0.2 - BETA * 0.75);
      if (err <= 1.0) {
        double fac = fac11 / Math.pow(facOld, BETA);
        fac = Math.max(1.0 / FAC_MAX, Math.min(1.0 / FAC_MIN, fac / SAFE));
        double hNew = h / fac;
        if (rejectedLast) hNew = Math.min(hNew, h);
        facOld = Math.max(err, 1e-4);
        accepted++;
        double tNew = last ? until : t + h;
        // k7 = f(y1) was evaluated in stages(); lastLoss is L(y1).
        checkLoss(lastLoss, loss0, tNew, accepted);
        while (g < grid.length && grid[g] <= tNew) {
          if (grid[g] == tNew) {
            recorder.record(g, y1);
          } else {
            denseOutput(y, h, (grid[g] - t) / h);
            recorder.record(g, dense);
          }
          g++;
        }
        System.arraycopy(y1, 0, y, 0, size);
        double[] swap = k1;
        k1 = k7;
        k7 = swap;
        t = tNew;
        h = hNew;
        rejectedLast = false;
      } else {
        rejected++;
        h = h / Math.min(1.0 / FAC_MIN, fac11 / SAFE);
        rejectedLast = true;
      }
    }
    return new Trajectory.Stats(accepted, rejected, (System.nanoTime() - startNanos) * 1e-9);
  }

  /** Numbers in failure messages. */
  static String fmt(double v) {
    return String.format("%.6g", v);
  }

  private static void checkLoss(double loss, double loss0, double t, long step)
      throws TrainingFailure {
    if (step == 0 && t == 0 && !Double.isFinite(loss)) throw TrainingFailure.atStart(loss);
    if (!Double.isFinite(loss)) {
      throw new TrainingFailure(
          "gradient flow produced a " + (Double.isNaN(loss) ? "NaN" : "infinite")
              + " loss at t = " + fmt(t) + " (step " + step + ")",
          t, "tighten rtol / check the model");
    }
    if (loss0 > 0 && loss > 1e6 * loss0) {
      throw new TrainingFailure(
          "gradient flow diverged: the loss grew from " + fmt(loss0) + " to " + fmt(loss)
              + " by t = " + fmt(t) + " (step " + step + ")",
          t, "tighten rtol / check the model");
    }
  }

  /** Stages 2..7 from k1 = f(y); y1 = 5th-order solution, k7 = f(y1). */
  private void stages(double[] y, double h) {
    for (int i = 0; i < size; i++) tmp[i] = y[i] + h * A21 * k1[i];
    rhs(tmp, k2);
    for (int i = 0; i < size; i++) tmp[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    rhs(tmp, k3);
    for (int i = 0; i < size; i++) tmp[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    rhs(tmp, k4);
    for (int i = 0; i < size; i++) {
      tmp[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    }
    rhs(tmp, k5);
    for (int i = 0; i < size; i++) {
      tmp[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    rhs(tmp, k6);
    for (int i = 0; i < size; i++) {
      y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    }
    rhs(y1, k7);
  }

  /**
   * The absolute tolerance used: the given one, but at most rtol times the RMS of θ(0). From a
   * small init the whole plateau is spent at |θ| ~ α, and an atol above rtol·α controls θ only to
   * atol/α relative there, which shifts every escape: with α = 1e-16 and the default atol 1e-12
   * (rtol 1e-9), examples/agf_alpha.dyn's first jump came 9% late (13.44 against 12.32 with atol
   * 1e-40, its AGF time 12.16), and at α = 1e-8 the flow was 1e-5 from the closed form, where
   * rtol alone gives 3e-8 (tools/example_checks/agf_alpha.py). An init at zero keeps the given atol.
   */
  static double absoluteTolerance(double atol, double rtol, double[] theta0) {
    double sum = 0.0;
    for (double v : theta0) sum += v * v;
    double rms = Math.sqrt(sum / Math.max(1, theta0.length));
    return rms > 0 ? Math.min(atol, rtol * rms) : atol;
  }

  private double errorNorm(double[] y, double h, double rtol, double atol) {
    double s = 0.0;
    for (int i = 0; i < size; i++) {
      double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      double sk = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y1[i]));
      double q = e / sk;
      s += q * q;
    }
    return Math.sqrt(s / Math.max(1, size));
  }

  /** The continuous extension at θ = (s − t)/h ∈ [0, 1] of the step just taken, into dense. */
  private void denseOutput(double[] y, double h, double theta) {
    double theta1 = 1.0 - theta;
    for (int i = 0; i < size; i++) {
      double ydiff = y1[i] - y[i];
      double bspl = h * k1[i] - ydiff;
      double r4 = ydiff - h * k7[i] - bspl;
      double r5 = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
      dense[i] = y[i] + theta * (ydiff + theta1 * (bspl + theta * (r4 + theta1 * r5)));
    }
  }

  /** Hairer's starting step: an explicit Euler probe bounds the second derivative. */
  private double initialStep(double[] y, double rtol, double atol, double hMax) {
    double dnf = 0.0;
    double dny = 0.0;
    for (int i = 0; i < size; i++) {
      double sk = atol + rtol * Math.abs(y[i]);
      dnf += (k1[i] / sk) * (k1[i] / sk);
      dny += (y[i] / sk) * (y[i] / sk);
    }
    dnf = Math.sqrt(dnf / size);
    dny = Math.sqrt(dny / size);
    double h = (dnf <= 1e-5 || dny <= 1e-5) ? 1e-6 : 0.01 * dny / dnf;
    h = Math.min(h, hMax);
    for (int i = 0; i < size; i++) tmp[i] = y[i] + h * k1[i];
    rhs(tmp, k2);
    double der2 = 0.0;
    for (int i = 0; i < size; i++) {
      double sk = atol + rtol * Math.abs(y[i]);
      double q = (k2[i] - k1[i]) / sk;
      der2 += q * q;
    }
    der2 = Math.sqrt(der2 / size) / h;
    double der12 = Math.max(Math.abs(der2), dnf);
    double h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : Math.pow(0.01 / der12, 0.2);
    return Math.min(Math.min(100 * h, h1), hMax);
  }

  /** Right-hand-side evaluations so far (gradient evaluations). */
  long evaluations() {
    return evaluations;
  }
}
