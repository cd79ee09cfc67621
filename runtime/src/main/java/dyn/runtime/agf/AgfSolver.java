package dyn.runtime.agf;

import dyn.compiler.plan.ModelSpec;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic Alternating Gradient Flows (reference.md §1.3) for a model with a neuron decomposition,
 * on the canonical loss L = (1/2n) Σ ‖y − f‖² (C0.1), GF rate η = 1, times in GF time (C0.2).
 *
 * <p>Utility phase: the residual r of the active set is frozen; every dormant neuron takes Euler
 * steps of size h on the sphere, θ̄ ← normalize(θ̄ + h ν ∇U(θ̄; r)) with ν = ‖θ‖^{κ−2}, and
 * accumulates S += κ h U. The first neuron with S ≥ c activates; within the step that crosses,
 * the crossing time is interpolated linearly and every dormant neuron advances only that far, so
 * τ carries no O(h) bias from the step grid. All dormant utilities and gradients come from one
 * forward and backward pass ({@link NeuronModel.Utilities}). Cost phase: the active neurons (the
 * new one entering at its direction with norm 1) minimise L ({@link CostPhase}: gradient descent
 * with Armijo backtracking by default) until ‖∇L‖ ≤ tolerance or the step budget is spent;
 * non-convergence is reported on the round, not hidden. A neuron active before the round that the
 * cost phase drives through zero (its output reverses) or collapses toward zero returns to dormant
 * (reference §1.2, "Collapse back to dormant"; the diagonal code's sign flip of β_i, §1.4) and the
 * cost phase is redone without it; see {@link Run#returnCollapsed}.
 */
public final class AgfSolver {
  private static final long KAPPA_STREAM = 0x41_47_46L;

  private AgfSolver() {}

  /** Runs AGF from θ(0) on the dataset's x (d×n) and y (c×n). */
  public static AgfResult solve(ModelSpec model, Parameters theta0, Dataset data, AgfSettings s)
      throws AgfFailure {
    Matrix x = data.get("x").orElseThrow(() -> new AgfFailure("dataset has no x", null));
    Matrix y = data.get("y").orElseThrow(() -> new AgfFailure("dataset has no y", null));
    NeuronModel nm = NeuronModel.of(model, x, y);
    double kappa = inferKappa(nm);
    double[] flat0 = FlatParams.flatten(theta0);
    int h = nm.neurons;
    double[][] dir = new double[h][];
    double[] c = new double[h];
    for (int i = 0; i < h; i++) {
      double[] t = new double[nm.dim(i)];
      for (int k = 0; k < t.length; k++) t[k] = flat0[nm.index[i][k]];
      double norm = norm(t);
      c[i] = threshold(kappa, norm);
      if (norm > 0) {
        scale(t, 1 / norm);
        checkSmall(kappa, norm, c[i], i);
      }
      dir[i] = t;
    }
    return new Run(nm, kappa, dir, c, s).run(model);
  }

  /**
   * Below this norm an active neuron has collapsed toward zero: active neurons enter at norm 1
   * and dormant ones sit at the init's scale, which AGF needs below 0.05.
   */
  static final double COLLAPSED = 1e-2;

  /** c_i: ln(1/‖θ_i(0)‖) for κ = 2, (‖θ_i(0)‖^{−(κ−2)} − 1)/(κ−2) for κ &gt; 2; ∞ for norm 0. */
  static double threshold(double kappa, double norm) {
    if (norm == 0) return Double.POSITIVE_INFINITY;
    if (kappa == 2) return Math.log(1 / norm);
    return (Math.pow(norm, -(kappa - 2)) - 1) / (kappa - 2);
  }

  /**
   * A dormant neuron's norm ‖θ‖ when its accumulated utility is {@code deficit} short of its
   * threshold c (the radial solutions of reference §1.2 with η = 1, where ‖θ‖ = 1 at S = c):
   * e^{−deficit} for κ = 2, (1 + (κ−2)·deficit)^{−1/(κ−2)} for κ &gt; 2.
   */
  static double impliedNorm(double kappa, double deficit) {
    if (kappa == 2) return Math.exp(-deficit);
    return Math.pow(1 + (kappa - 2) * deficit, -1 / (kappa - 2));
  }

  private static void checkSmall(double kappa, double norm, double c, int i) throws AgfFailure {
    if (kappa == 2 && c < 3) {
      throw new AgfFailure(String.format(
          "init too large for AGF: neuron %d has ‖θ(0)‖ = %.3g, so ln(1/‖θ(0)‖) = %.3g < 3",
          i, norm, c), "AGF describes small initialisation; lower the init scale");
    }
    if (kappa > 2 && norm > 0.05) {
      throw new AgfFailure(String.format(
          "init too large for AGF: neuron %d has ‖θ(0)‖ = %.3g > 0.05 (κ = %.3g)", i, norm, kappa),
          "AGF describes small initialisation; lower the init scale");
    }
  }

  /**
   * κ from f_i(x; 2θ) = 2^κ f_i(x; θ) at a pseudo-random θ per neuron (θ(0) may be degenerate,
   * e.g. v = 0), checked on every neuron; also checks that f is the sum of its neurons.
   */
  static double inferKappa(NeuronModel nm) throws AgfFailure {
    double[] full = new double[nm.paramCount()];
    double[] sumF = null;
    double[][] f1 = new double[nm.neurons][];
    double[][] f2 = new double[nm.neurons][];
    double[][] th = new double[nm.neurons][];
    int best = -1;
    double bestNorm = 0;
    for (int i = 0; i < nm.neurons; i++) {
      double[] t = new double[nm.dim(i)];
      CounterRng.fillNormal(KAPPA_STREAM, (long) i * 1_000_003L, t, t.length);
      th[i] = t;
      for (int k = 0; k < t.length; k++) full[nm.index[i][k]] = t[k];
      f1[i] = nm.neuronOutput(i, t).clone();
      double[] t2 = t.clone();
      scale(t2, 2);
      f2[i] = nm.neuronOutput(i, t2).clone();
      if (sumF == null) sumF = new double[f1[i].length];
      for (int k = 0; k < sumF.length; k++) sumF[k] += f1[i][k];
      double nf = norm(f1[i]);
      if (nf > bestNorm) {
        bestNorm = nf;
        best = i;
      }
    }
    if (best < 0) {
      throw new AgfFailure("every neuron's output is zero on the data; AGF has nothing to learn", null);
    }
    double kappa = Math.log(norm(f2[best]) / bestNorm) / Math.log(2);
    if (Math.abs(kappa - Math.rint(kappa)) < 1e-6) kappa = Math.rint(kappa);
    double factor = Math.pow(2, kappa);
    for (int i = 0; i < nm.neurons; i++) {
      double err = 0;
      for (int k = 0; k < f1[i].length; k++) err = Math.max(err, Math.abs(f2[i][k] - factor * f1[i][k]));
      if (err > 1e-8 * (1 + maxAbs(f2[i]))) {
        throw new AgfFailure(String.format(
            "neuron %d is not positively homogeneous: f_i(x; 2θ) ≠ 2^κ f_i(x; θ) with κ = %.4g "
                + "(off by %.3g)", i, kappa, err),
            "AGF needs every neuron homogeneous of one degree κ ≥ 2 (no biases inside a neuron)");
      }
    }
    if (kappa < 2 - 1e-9) {
      throw new AgfFailure("neurons are homogeneous of degree κ = " + formatKappa(kappa) + " < 2",
          "AGF needs κ ≥ 2, e.g. two layers a·σ(wᵀx) with σ homogeneous");
    }
    double[] f = nm.output(full);
    double err = 0;
    for (int k = 0; k < f.length; k++) err = Math.max(err, Math.abs(f[k] - sumF[k]));
    if (err > 1e-8 * (1 + maxAbs(f))) {
      throw new AgfFailure(String.format(
          "the model is not the sum of its neurons: f(x; θ) − Σ_i f_i(x; θ_i) is %.3g", err),
          "AGF needs f(x) = Σ_i f_i(x; θ_i)");
    }
    return kappa;
  }

  /** The mutable state of one AGF run. */
  private static final class Run {
    private final NeuronModel nm;
    private final double kappa;
    private final double[][] dir;
    /** Each neuron's direction at θ(0), where a neuron that returns to dormant restarts. */
    private final double[][] dir0;
    private final double[] c;
    private final double[] acc;
    private final boolean[] active;
    private final AgfSettings s;
    private final double[] theta;
    private final double[] residual;
    private long utilityNanos;
    private long costNanos;
    private long costEvaluations;

    Run(NeuronModel nm, double kappa, double[][] dir, double[] c, AgfSettings s) {
      this.nm = nm;
      this.kappa = kappa;
      this.dir = dir;
      this.dir0 = new double[dir.length][];
      for (int i = 0; i < dir.length; i++) dir0[i] = dir[i].clone();
      this.c = c;
      this.s = s;
      this.acc = new double[nm.neurons];
      this.active = new boolean[nm.neurons];
      this.theta = new double[nm.paramCount()];
      this.residual = new double[nm.y.length];
    }

    AgfResult run(ModelSpec model) {
      double cpu0 = threadCpuSeconds();
      double level0 = nm.loss(theta, null, residual);
      List<AgfRound> rounds = new ArrayList<>();
      double t = 0;
      AgfResult.Stop stop;
      double uTol = s.utilityTolerance() * level0;
      double[][] g = new double[nm.neurons][];
      for (int i = 0; i < nm.neurons; i++) g[i] = new double[nm.dim(i)];
      double[] u = new double[nm.neurons];
      boolean[] dormant = new boolean[nm.neurons];
      while (true) {
        long phaseStart = System.nanoTime();
        if (rounds.size() >= s.maxRounds()) {
          stop = AgfResult.Stop.MAX_ROUNDS;
          break;
        }
        if (allActive()) {
          stop = AgfResult.Stop.ALL_ACTIVE;
          break;
        }
        // Utility phase with r frozen (the residual of the last cost phase).
        int fired = -1;
        for (int i = 0; i < nm.neurons; i++) dormant[i] = !active[i] && !Double.isInfinite(c[i]);
        NeuronModel.Utilities utilities = nm.utilities(dormant, residual);
        while (fired < 0) {
          if (t > s.maxTime()) break;
          double maxU = Double.NEGATIVE_INFINITY;
          double maxTangent = 0;
          double frac = 1;
          utilities.evaluate(dir, kappa, g, u);
          for (int i = 0; i < nm.neurons; i++) {
            if (!dormant[i]) continue;
            maxU = Math.max(maxU, u[i]);
            // Tangential part: ∇U − ⟨∇U, θ̄⟩θ̄ (and ⟨∇U, θ̄⟩ = κU by Euler's theorem).
            double radial = dot(g[i], dir[i]);
            double tg = 0;
            for (int k = 0; k < g[i].length; k++) {
              double v = g[i][k] - radial * dir[i][k];
              tg += v * v;
            }
            maxTangent = Math.max(maxTangent, Math.sqrt(tg));
            double next = acc[i] + kappa * s.h() * u[i];
            if (next >= c[i] && u[i] > 0) {
              double f = (c[i] - acc[i]) / (kappa * s.h() * u[i]);
              if (f < frac || fired < 0) {
                frac = f;
                fired = i;
              }
            }
          }
          if (maxU == Double.NEGATIVE_INFINITY) break;
          if (fired < 0 && maxU <= uTol && maxTangent <= uTol) break;
          double step = frac * s.h();
          for (int i = 0; i < nm.neurons; i++) {
            if (active[i] || Double.isInfinite(c[i])) continue;
            acc[i] += kappa * step * u[i];
            double nu = kappa == 2 ? 1 : 1 / (1 + (kappa - 2) * (c[i] - acc[i]));
            for (int k = 0; k < dir[i].length; k++) dir[i][k] += step * nu * g[i][k];
            scale(dir[i], 1 / norm(dir[i]));
          }
          if (fired >= 0) acc[fired] = c[fired];
          t += step;
        }
        utilityNanos += System.nanoTime() - phaseStart;
        if (fired < 0) {
          stop = t > s.maxTime() ? AgfResult.Stop.TIME_LIMIT : AgfResult.Stop.NO_UTILITY;
          break;
        }
        active[fired] = true;
        double[] dormantNorms = new double[nm.neurons];
        for (int i = 0; i < nm.neurons; i++) {
          dormantNorms[i] = active[i] ? Double.NaN : Double.isInfinite(c[i]) ? 0
              : impliedNorm(kappa, c[i] - acc[i]);
        }
        double[][] before = new double[nm.neurons][];
        for (int i = 0; i < nm.neurons; i++) if (active[i]) before[i] = nm.neuronOutput(i, slice(i)).clone();
        before[fired] = null;
        for (int k = 0; k < dir[fired].length; k++) theta[nm.index[fired][k]] = dir[fired][k];
        long costStart = System.nanoTime();
        double[] stats = minimiseCost();
        List<Integer> returned = new ArrayList<>();
        for (List<Integer> r = returnCollapsed(before); !r.isEmpty(); r = returnCollapsed(before)) {
          returned.addAll(r);
          stats = minimiseCost();
        }
        costNanos += System.nanoTime() - costStart;
        rounds.add(new AgfRound(t, fired, dir[fired].clone(), stats[0],
            stats[1] <= s.costTolerance(), stats[1], (int) stats[2], dormantNorms, returned));
        if (stats[0] <= s.lossTolerance() * level0) {
          stop = AgfResult.Stop.LOSS_ZERO;
          break;
        }
      }
      return new AgfResult(kappa, c.clone(), level0, rounds, stop, FlatParams.unflatten(model, theta),
          new AgfResult.Effort(utilityNanos / 1e9, costNanos / 1e9, costEvaluations,
              threadCpuSeconds() - cpu0));
    }

    /** Neuron i's entries of θ. */
    private double[] slice(int i) {
      double[] t = new double[nm.dim(i)];
      for (int k = 0; k < t.length; k++) t[k] = theta[nm.index[i][k]];
      return t;
    }

    /**
     * Sends back to dormant the neurons active before this round (their outputs in {@code
     * before}) that the cost phase drove through zero, so that their output reversed (which the
     * flow cannot do without passing through zero: the diagonal code's sign flip of β_i), or
     * collapsed below {@link #COLLAPSED}. Such a neuron leaves Θ_A at zero, restarts from its
     * direction at θ(0), and owes 2c_i of utility (S_i = −c_i): gradient flow shrinks it back to
     * its initial norm and regrows it, as the reference's flipped offset does (§1.4). On the
     * 2-D diagonal example D1 this gives the third jump: 47.28 against the closed form's 47.765
     * (the generic flow restarts the rotation from θ̄(0), which saves ln 2/(2|g|) there).
     *
     * @return the neurons returned (none: nothing to redo)
     */
    private List<Integer> returnCollapsed(double[][] before) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < nm.neurons; i++) {
        if (!active[i] || before[i] == null) continue;
        double[] now = slice(i);
        if (dot(nm.neuronOutput(i, now), before[i]) >= 0 && norm(now) >= COLLAPSED) continue;
        active[i] = false;
        before[i] = null;
        for (int at : nm.index[i]) theta[at] = 0;
        dir[i] = dir0[i].clone();
        acc[i] = -c[i];
        out.add(i);
      }
      return out;
    }

    private boolean allActive() {
      for (int i = 0; i < nm.neurons; i++) if (!active[i] && !Double.isInfinite(c[i])) return false;
      return true;
    }

    /** The cost phase on the active entries; {L, ‖∇L‖, iterations}. */
    private double[] minimiseCost() {
      boolean[] free = new boolean[theta.length];
      for (int i = 0; i < nm.neurons; i++) if (active[i]) for (int at : nm.index[i]) free[at] = true;
      CostPhase.Outcome o = new CostPhase(nm.costObjective(free), free, residual.length)
          .minimise(s.costSolver(), theta, residual, s.costTolerance(), s.costMaxIterations());
      costEvaluations += o.evaluations();
      // The fused evaluations leave no residual; the next utility phase needs the final θ's.
      nm.loss(theta, null, residual);
      return new double[] {o.level(), o.gradientNorm(), o.iterations()};
    }
  }

  /** CPU time of the calling thread, or NaN where the JVM does not measure it. */
  private static double threadCpuSeconds() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    if (!mx.isCurrentThreadCpuTimeSupported()) return Double.NaN;
    long ns = mx.getCurrentThreadCpuTime();
    return ns < 0 ? Double.NaN : ns / 1e9;
  }

  private static String formatKappa(double kappa) {
    return kappa == Math.rint(kappa) ? String.valueOf((long) kappa) : String.format("%.4g", kappa);
  }

  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }

  private static void scale(double[] v, double f) {
    for (int k = 0; k < v.length; k++) v[k] *= f;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, Math.abs(x));
    return m;
  }
}
