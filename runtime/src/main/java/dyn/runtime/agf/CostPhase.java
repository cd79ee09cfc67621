package dyn.runtime.agf;

import dyn.compiler.plan.PredictStep.CostSolver;

/**
 * AGF's cost phase: minimise L over the active neurons' entries (the others held at zero) until
 * ‖∇L‖ ≤ tolerance or the iteration budget is spent. Three minimisers, all parameter-free:
 * <ul>
 *   <li>{@link CostSolver#GD}: gradient descent with Armijo backtracking;
 *   <li>{@link CostSolver#MOMENTUM}: Nesterov's accelerated gradient with a
 *       backtracked step and adaptive restart (O'Donoghue &amp; Candès 2015), the parameter-free
 *       form of the reference's momentum SGD;
 *   <li>{@link CostSolver#LBFGS}: limited-memory BFGS (10 pairs) with Armijo
 *       backtracking from the unit step.
 * </ul>
 * The cost phase only has to find the minimum the active set flows to; on the κ = 3 networks the
 * plateaus are degenerate (scale and rotation symmetries between neurons of one frequency) and
 * plain gradient descent crawls there, which is why the accelerated solvers exist.
 */
final class CostPhase {
  /** The loss of the full flat θ: writes ∇L into grad and y − f into residual, returns L. */
  interface Objective {
    double loss(double[] theta, double[] grad, double[] residual);
  }

  /**
   * An objective whose loss alone costs less than loss and gradient (the fused pass's forward
   * half), and whose gradient at the point of the last {@link #value} follows on request, with
   * the bits {@link #loss} would give. Gradient descent's line search then pays a full pass only
   * for the trial it accepts: over a third of its trials are rejected. It writes no residual.
   */
  interface SplitObjective extends Objective {
    /** L(θ) alone. */
    double value(double[] theta);

    /** ∇L at the θ of the last {@link #value}. */
    void gradientOfLast(double[] grad);
  }

  /** How one cost phase ended; evaluations counts the losses computed (with or without ∇L). */
  record Outcome(double level, double gradientNorm, int iterations, long evaluations) {}

  private static final int MEMORY = 10;

  private final Objective f;
  /** f where its loss comes without its gradient, else null. */
  private final SplitObjective split;
  private final boolean[] free;
  private final int n;
  private final int residualLength;
  private long evaluations;
  /** Whether the last trial point's gradient is computed (see {@link #trialLoss}). */
  private boolean trialGradientReady;

  CostPhase(Objective f, boolean[] free, int residualLength) {
    this.f = f;
    this.split = f instanceof SplitObjective ? (SplitObjective) f : null;
    this.free = free;
    this.n = free.length;
    this.residualLength = residualLength;
  }

  /** Minimises from theta in place, leaving residual at the final θ's. */
  Outcome minimise(CostSolver solver, double[] theta, double[] residual, double tol,
      int budget) {
    switch (solver) {
      case MOMENTUM:
        return nesterov(theta, residual, tol, budget);
      case LBFGS:
        return lbfgs(theta, residual, tol, budget);
      case GD:
      default:
        return gradientDescent(theta, residual, tol, budget);
    }
  }

  private double eval(double[] theta, double[] grad, double[] residual) {
    evaluations++;
    double l = f.loss(theta, grad, residual);
    hold(grad);
    return l;
  }

  private void hold(double[] grad) {
    for (int k = 0; k < n; k++) if (!free[k]) grad[k] = 0;
  }

  /** L at a trial point; its gradient only once {@link #trialGradient} asks, where f allows. */
  private double trialLoss(double[] trial, double[] trialGrad, double[] trialRes) {
    if (split == null) {
      trialGradientReady = true;
      return eval(trial, trialGrad, trialRes);
    }
    evaluations++;
    trialGradientReady = false;
    return split.value(trial);
  }

  /** The last {@link #trialLoss} point's gradient, in trialGrad (computed now if not yet). */
  private double[] trialGradient(double[] trialGrad) {
    if (!trialGradientReady) {
      split.gradientOfLast(trialGrad);
      hold(trialGrad);
      trialGradientReady = true;
    }
    return trialGrad;
  }

  /** Gradient descent with Armijo backtracking; the step grows by 1.5 after each success. */
  private Outcome gradientDescent(double[] theta, double[] residual, double tol, int budget) {
    double[] grad = new double[n];
    double[] trial = new double[n];
    double[] trialGrad = new double[n];
    double[] trialRes = new double[residualLength];
    double l = eval(theta, grad, residual);
    double gn = AgfSolver.norm(grad);
    double eta = 1.0;
    int it = 0;
    while (gn > tol && it < budget) {
      it++;
      double lt;
      while (true) {
        for (int k = 0; k < n; k++) trial[k] = theta[k] - eta * grad[k];
        lt = trialLoss(trial, trialGrad, trialRes);
        if (lt <= l - 1e-4 * eta * gn * gn || eta < 1e-14) break;
        // Near the minimum the decrease drops below the rounding of L; the gradient norm is
        // then the only trustworthy measure of progress.
        if (Math.abs(lt - l) <= 1e-13 * Math.abs(l)
            && AgfSolver.norm(trialGradient(trialGrad)) < gn) {
          break;
        }
        eta *= 0.5;
      }
      trialGradient(trialGrad);
      System.arraycopy(trial, 0, theta, 0, n);
      System.arraycopy(trialRes, 0, residual, 0, residualLength);
      System.arraycopy(trialGrad, 0, grad, 0, n);
      l = lt;
      gn = AgfSolver.norm(grad);
      eta *= 1.5;
    }
    return new Outcome(l, gn, it, evaluations);
  }

  /**
   * Accelerated gradient: y = x + β(x − x₋), x₊ = y − η∇L(y) with η backtracked until
   * L(x₊) ≤ L(y) − ½η‖∇L(y)‖²; momentum restarts (β = 0) whenever L rises or the step turns
   * against the gradient.
   */
  private Outcome nesterov(double[] theta, double[] residual, double tol, int budget) {
    double[] prev = theta.clone();
    double[] yv = new double[n];
    double[] gy = new double[n];
    double[] gx = new double[n];
    double[] resY = new double[residualLength];
    double[] trial = new double[n];
    double[] trialGrad = new double[n];
    double[] trialRes = new double[residualLength];
    double lx = eval(theta, gx, residual);
    double gn = AgfSolver.norm(gx);
    double eta = 1.0;
    double k = 0;
    int it = 0;
    while (gn > tol && it < budget) {
      it++;
      double beta = k / (k + 3);
      double ly;
      if (beta == 0) {
        System.arraycopy(theta, 0, yv, 0, n);
        System.arraycopy(gx, 0, gy, 0, n);
        ly = lx;
      } else {
        for (int j = 0; j < n; j++) yv[j] = theta[j] + beta * (theta[j] - prev[j]);
        ly = eval(yv, gy, resY);
      }
      double gyn2 = dot(gy, gy);
      double lt;
      while (true) {
        for (int j = 0; j < n; j++) trial[j] = yv[j] - eta * gy[j];
        lt = eval(trial, trialGrad, trialRes);
        if (lt <= ly - 0.5 * eta * gyn2 || eta < 1e-14) break;
        if (Math.abs(lt - ly) <= 1e-13 * Math.abs(ly) && AgfSolver.norm(trialGrad) < Math.sqrt(gyn2)) {
          break;
        }
        eta *= 0.5;
      }
      // Restart: the accelerated sequence is not monotone; when it climbs, or moves against the
      // gradient at y, drop the momentum and continue from the better point.
      double turn = 0;
      for (int j = 0; j < n; j++) turn += gy[j] * (trial[j] - theta[j]);
      if (lt > lx || turn > 0) {
        k = 0;
        if (lt > lx) {
          eta *= 0.5;
          continue;
        }
      } else {
        k++;
      }
      System.arraycopy(theta, 0, prev, 0, n);
      System.arraycopy(trial, 0, theta, 0, n);
      System.arraycopy(trialRes, 0, residual, 0, residualLength);
      System.arraycopy(trialGrad, 0, gx, 0, n);
      lx = lt;
      gn = AgfSolver.norm(gx);
      eta *= 1.1;
    }
    return new Outcome(lx, gn, it, evaluations);
  }

  /** L-BFGS with Armijo backtracking from the unit step; a non-descent direction resets memory. */
  private Outcome lbfgs(double[] theta, double[] residual, double tol, int budget) {
    double[][] s = new double[MEMORY][n];
    double[][] yk = new double[MEMORY][n];
    double[] rho = new double[MEMORY];
    double[] alpha = new double[MEMORY];
    int stored = 0;
    int head = 0;
    double[] g = new double[n];
    double[] d = new double[n];
    double[] trial = new double[n];
    double[] trialGrad = new double[n];
    double[] trialRes = new double[residualLength];
    double l = eval(theta, g, residual);
    double gn = AgfSolver.norm(g);
    int it = 0;
    while (gn > tol && it < budget) {
      it++;
      // Two-loop recursion: d = −H∇L.
      for (int j = 0; j < n; j++) d[j] = -g[j];
      for (int m = 0; m < stored; m++) {
        int at = Math.floorMod(head - 1 - m, MEMORY);
        alpha[at] = rho[at] * dot(s[at], d);
        for (int j = 0; j < n; j++) d[j] -= alpha[at] * yk[at][j];
      }
      double gamma = 1.0;
      if (stored > 0) {
        int last = Math.floorMod(head - 1, MEMORY);
        gamma = dot(s[last], yk[last]) / dot(yk[last], yk[last]);
      }
      for (int j = 0; j < n; j++) d[j] *= gamma;
      for (int m = stored - 1; m >= 0; m--) {
        int at = Math.floorMod(head - 1 - m, MEMORY);
        double b = rho[at] * dot(yk[at], d);
        for (int j = 0; j < n; j++) d[j] += (alpha[at] - b) * s[at][j];
      }
      for (int j = 0; j < n; j++) if (!free[j]) d[j] = 0;
      double slope = dot(g, d);
      if (!(slope < 0)) {
        stored = 0;
        for (int j = 0; j < n; j++) d[j] = -g[j];
        slope = -gn * gn;
      }
      double step = stored == 0 ? Math.min(1.0, 1.0 / gn) : 1.0;
      double lt;
      while (true) {
        for (int j = 0; j < n; j++) trial[j] = theta[j] + step * d[j];
        lt = eval(trial, trialGrad, trialRes);
        if (lt <= l + 1e-4 * step * slope || step < 1e-14) break;
        if (Math.abs(lt - l) <= 1e-13 * Math.abs(l) && AgfSolver.norm(trialGrad) < gn) break;
        step *= 0.5;
      }
      double sy = 0;
      double yy = 0;
      for (int j = 0; j < n; j++) {
        double sj = trial[j] - theta[j];
        double yj = trialGrad[j] - g[j];
        s[head][j] = sj;
        yk[head][j] = yj;
        sy += sj * yj;
        yy += yj * yj;
      }
      // Keep only pairs of positive curvature, so the implied inverse Hessian stays positive.
      if (sy > 1e-12 * yy) {
        rho[head] = 1 / sy;
        head = (head + 1) % MEMORY;
        stored = Math.min(stored + 1, MEMORY);
      }
      System.arraycopy(trial, 0, theta, 0, n);
      System.arraycopy(trialRes, 0, residual, 0, residualLength);
      System.arraycopy(trialGrad, 0, g, 0, n);
      l = lt;
      gn = AgfSolver.norm(g);
    }
    return new Outcome(l, gn, it, evaluations);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }
}
