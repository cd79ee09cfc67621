package dyn.runtime.escape;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.Program;
import dyn.runtime.graph.SubChain;
import dyn.runtime.model.FlatParams;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * The optimal escape direction of the origin saddle (reference §2.3): the unit θ̄ maximising the
 * escape speed s(θ̄) = (1/n) Σ_μ ⟨y_μ, f(x_μ; θ̄)⟩, which is −⟨∇_f L(0), f_θ̄⟩ for the square loss.
 *
 * <p>Why this is the direction small-init training leaves along: for f homogeneous of degree L in
 * θ and θ = ρ θ̄ with ρ tiny, the loss is L(0) − ρ^L s(θ̄) + O(ρ^{2L}), so the direction θ̄ follows
 * the gradient flow of s on the unit sphere (time reparametrised) until ρ has grown. Its limit
 * points are the critical points of s on the sphere, and the fastest escape is the maximum.
 *
 * <p>Two ascents, for two questions. The fastest escape ({@link #solve}) is L-BFGS along the
 * sphere ({@link #ascend}): quasi-Newton directions from the tangential gradients g − ⟨g, θ̄⟩θ̄, a
 * backtracking step, renormalisation. It can stop at a local maximum, so it runs from several
 * random starts and keeps the best. The critical point that the flow from a given initialisation
 * heads for (θ(0)/‖θ(0)‖: e.speed_from_init, escape_alignment) is {@link #follow}'s: small steps
 * along the tangential gradient itself, because L-BFGS's long steps leave the flow's basin and
 * its curvature pairs slide along the ridges of s where the flow rests (measured in {@link
 * #follow}'s comment). On a ReLU network that point is where the flow reaches a ridge of s, to
 * within the ridge's flatness: the flow itself still slides along it slowly (at seed 0 of
 * examples/escape_directions.dyn, from cos 1 to 0.977 between 10 and 40 radians of travel).
 */
public final class EscapeSolver {
  /** Relative tangential-gradient norm ‖g_T‖/‖g‖ at which the ascent stops. */
  static final double GRADIENT_TOL = 1e-7;
  /**
   * The ascent also stops when s rose by less than this share of itself over the last {@link
   * #STALL_WINDOW} iterations. A ReLU network's s is smooth only piecewise, and its maxima lie on
   * ridges where the tangential gradient never vanishes (at the width-64 bench it stays at ~0.6%
   * of ‖∇s‖ while s creeps up by 1e-10 of itself per iteration: bench/README.md, "Escape
   * solver"); the per-layer shares of E1 are smooth directions even there (scaling one layer
   * keeps every activation pattern) and have settled long before.
   */
  static final double STALL_TOL = 1e-8;
  /** Iterations between the stall checks of {@link #STALL_TOL}. */
  static final int STALL_WINDOW = 100;
  /** The most ascent iterations per start. */
  static final int MAX_ITERATIONS = 20_000;

  private final ModelSpec model;
  private final Program program;
  private final double[] y;
  private final int n;
  private final int degree;
  private final double[] seed;
  /** The fused pass over the whole chain, seeded with y/n; null where the model is not a chain. */
  private final SubChain fused;

  private EscapeSolver(ModelSpec model, Program program, double[] y, int n, int degree,
      boolean fuse) {
    this.model = model;
    this.program = program;
    this.y = y;
    this.n = n;
    this.degree = degree;
    this.seed = new double[y.length];
    for (int k = 0; k < y.length; k++) seed[k] = y[k] / n;
    boolean[] all = new boolean[program.paramCount()];
    Arrays.fill(all, true);
    this.fused = fuse ? program.subChain(all) : null;
    if (fused != null) {
      fused.setSeed(seed);
      // Vector code runs some hundred times slower until compiled (Program#awaitFusedPath).
      program.awaitFusedPath(1000);
    }
  }

  /**
   * Compiles the model on the data and checks that its origin is a saddle of the kind this solves:
   * f(x; cθ) = c^L f(x; θ) for c &gt; 0 with an integer L ≥ 2 (checked on two random directions).
   */
  public static EscapeSolver of(ModelSpec model, Dataset data, long seed) throws EscapeFailure {
    return of(model, data, seed, true);
  }

  /** As {@link #of}; without {@code fuse}, always the generic pass (tests compare the two). */
  static EscapeSolver of(ModelSpec model, Dataset data, long seed, boolean fuse)
      throws EscapeFailure {
    Matrix x = data.get("x").orElseThrow(() -> new EscapeFailure("the dataset has no x", null));
    Matrix y = data.get("y").orElseThrow(() -> new EscapeFailure("the dataset has no y", null));
    if (x.rows != model.inputDim() || y.rows != model.outputDim() || y.cols != x.cols) {
      throw new EscapeFailure("model " + model.name() + " maps " + model.inputDim() + " inputs to "
          + model.outputDim() + " outputs but the data are " + x.rows + "×" + x.cols + " → "
          + y.rows + "×" + y.cols, null);
    }
    Program program = Program.compile(model.forward(), FlatParams.shapes(model), model.inputDim(),
        x.cols, CpuBackend.INSTANCE);
    program.setInput(x.data);
    int degree = homogeneity(model, program, seed);
    return new EscapeSolver(model, program, y.data.clone(), x.cols, degree, fuse);
  }

  /** L with f(cθ) = c^L f(θ), or a failure saying why the origin is not such a saddle. */
  private static int homogeneity(ModelSpec model, Program program, long seed) throws EscapeFailure {
    int p = program.paramCount();
    double[] theta = new double[p];
    double[] scaled = new double[p];
    double degree = Double.NaN;
    for (int trial = 0; trial < 2; trial++) {
      CounterRng.fillNormal(CounterRng.derive(seed, 1_000 + trial), 0, theta, p);
      normalize(theta);
      double[] f1 = output(program, theta).clone();
      double c = trial == 0 ? 2.0 : 3.0;
      for (int k = 0; k < p; k++) scaled[k] = c * theta[k];
      double[] fc = output(program, scaled);
      double n1 = norm(f1);
      double nc = norm(fc);
      if (n1 == 0 || nc == 0) {
        throw new EscapeFailure("model " + model.name() + " outputs 0 at a random direction, so"
            + " its escape speed cannot be measured", null);
      }
      double l = Math.log(nc / n1) / Math.log(c);
      double rounded = Math.rint(l);
      double scale = Math.pow(c, rounded);
      double err = 0;
      for (int k = 0; k < f1.length; k++) err = Math.max(err, Math.abs(fc[k] - scale * f1[k]));
      if (Math.abs(l - rounded) > 1e-6 || err > 1e-9 * nc) {
        throw new EscapeFailure("model " + model.name() + " is not positively homogeneous in its"
            + " parameters (f(x; " + fmt(c) + "θ) ≠ " + fmt(c) + "^L f(x; θ) for any integer L), so"
            + " the origin is not the saddle whose escape directions this computes",
            "use a bias-free network with a homogeneous activation (linear, relu) and no"
                + " constant terms: a bias after the first layer adds a term of lower degree");
      }
      if (trial == 1 && rounded != degree) {
        throw new EscapeFailure("model " + model.name() + " has no single degree of homogeneity",
            null);
      }
      degree = rounded;
    }
    if (degree < 2) {
      throw new EscapeFailure("model " + model.name() + " is homogeneous of degree "
          + (int) degree + "; the origin is a saddle only for degree ≥ 2 (a linear model's loss"
          + " has a nonzero gradient there)", "use a network with at least two layers");
    }
    return (int) degree;
  }

  /**
   * Whether gradients come from the fused dense-chain pass, waiting at most {@code millis} for
   * its kernels to compile (tests: a fused ascent must be the generic one's to the bit).
   */
  boolean usesFusedPass(long millis) {
    return fused != null && program.awaitFusedPath(millis);
  }

  /** L, the degree of homogeneity of f in θ. */
  public int degree() {
    return degree;
  }

  /**
   * The best critical point over {@code restarts} random starts (seeded, so reproducible).
   *
   * @throws EscapeFailure when no start finds a positive speed (y orthogonal to every f)
   */
  public EscapeResult solve(int restarts, long seed) throws EscapeFailure {
    if (restarts < 1) throw new IllegalArgumentException("restarts must be at least 1");
    int p = program.paramCount();
    double[] best = null;
    double bestSpeed = Double.NEGATIVE_INFINITY;
    double[] speeds = new double[restarts];
    int iterations = 0;
    for (int r = 0; r < restarts; r++) {
      double[] theta = new double[p];
      CounterRng.fillNormal(CounterRng.derive(seed, r), 0, theta, p);
      Ascent a = ascend(theta);
      iterations += a.iterations;
      speeds[r] = a.speed;
      if (a.speed > bestSpeed) {
        bestSpeed = a.speed;
        best = a.direction;
      }
    }
    if (!(bestSpeed > 0)) {
      throw new EscapeFailure("the escape speed is not positive in any of " + restarts
          + " directions (max " + bestSpeed + "): the targets are orthogonal to every output"
          + " the model can make, so the origin is not left along any direction", null);
    }
    int agreeing = 0;
    for (double s : speeds) if (s >= bestSpeed * (1 - 1e-6)) agreeing++;
    return new EscapeResult(best, bestSpeed, degree, layers(best), restarts, agreeing, iterations);
  }

  /** One ascent from a start. */
  public record Ascent(double[] direction, double speed, int iterations, boolean converged) {}

  /**
   * Maximises s from {@code start} (any nonzero vector) on the unit sphere by Riemannian L-BFGS:
   * the quasi-Newton direction built from the last {@link #MEMORY} steps and tangential-gradient
   * changes, projected on the sphere's tangent space, a backtracking (Armijo) step along it, and
   * renormalisation. Plain projected ascent crept for thousands of iterations where the maximum
   * is flat in some directions (bench/README.md, "Escape solver"); the curvature pairs take those
   * directions at their own scale. That is what finds the largest s fast, and what makes it the
   * wrong tool for the point the flow from {@code start} reaches: {@link #follow} is that one.
   */
  public Ascent ascend(double[] start) {
    int p = start.length;
    double[] theta = start.clone();
    normalize(theta);
    double[] g = new double[p];
    double[] tg = new double[p];
    double[] trial = new double[p];
    double[] trialG = new double[p];
    double[] trialTg = new double[p];
    double[] dir = new double[p];
    double[][] steps = new double[MEMORY][p];
    double[][] changes = new double[MEMORY][p];
    double[] rho = new double[MEMORY];
    double[] alpha = new double[MEMORY];
    int stored = 0;
    int newest = -1;
    double s = speedAndGradient(theta, g);
    tangent(g, theta, tg);
    int it = 0;
    boolean converged = false;
    Stops stops = new Stops(s);
    for (; it < MAX_ITERATIONS; it++) {
      double gn = norm(g);
      double tn = norm(tg);
      if (stops.reached(it, s, gn, tn)) {
        converged = true;
        break;
      }
      // Two-loop recursion for the ascent direction H·∇_T s (H ≈ the inverse of −Hess s).
      System.arraycopy(tg, 0, dir, 0, p);
      for (int k = 0; k < stored; k++) {
        int i = Math.floorMod(newest - k, MEMORY);
        alpha[i] = rho[i] * dot(steps[i], dir);
        axpy(-alpha[i], changes[i], dir);
      }
      double scale = stored == 0 ? 1.0 / gn
          : 1.0 / (rho[newest] * dot(changes[newest], changes[newest]));
      for (int k = 0; k < p; k++) dir[k] *= scale;
      for (int k = stored - 1; k >= 0; k--) {
        int i = Math.floorMod(newest - k, MEMORY);
        double beta = rho[i] * dot(changes[i], dir);
        axpy(alpha[i] - beta, steps[i], dir);
      }
      tangent(dir, theta, dir);
      double slope = dot(dir, tg);
      if (!(slope > 0)) { // not an ascent direction: forget the curvature, take the gradient
        stored = 0;
        for (int k = 0; k < p; k++) dir[k] = tg[k] / gn;
        slope = tn * tn / gn;
      }
      Kept kept = backtrack(theta, s, dir, slope, 1.0, DoubleUnaryOperator.identity(), trial,
          trialG);
      if (kept == null && stored > 0) {
        // On a ridge of s the curvature pairs mislead; the next try is along the gradient.
        stored = 0;
        continue;
      }
      if (kept == null) {
        converged = true; // no step of any length raises s: a maximum to working precision
        break;
      }
      double st = kept.speed();
      tangent(trialG, trial, trialTg);
      // The pair (step, change of −∇_T s), both moved to the new tangent space by projection.
      int slot = (newest + 1) % MEMORY;
      for (int k = 0; k < p; k++) {
        steps[slot][k] = trial[k] - theta[k];
        changes[slot][k] = tg[k] - trialTg[k];
      }
      tangent(steps[slot], trial, steps[slot]);
      tangent(changes[slot], trial, changes[slot]);
      double curvature = dot(steps[slot], changes[slot]);
      if (curvature > 1e-300 * Math.max(1.0, dot(changes[slot], changes[slot]))) {
        rho[slot] = 1.0 / curvature;
        newest = slot;
        stored = Math.min(stored + 1, MEMORY);
      }
      double[] swap = theta;
      theta = trial;
      trial = swap;
      swap = g;
      g = trialG;
      trialG = swap;
      swap = tg;
      tg = trialTg;
      trialTg = swap;
      s = st;
    }
    return new Ascent(theta, s, it, converged);
  }

  /**
   * Follows the gradient flow of s on the unit sphere from {@code start} (any nonzero vector) to
   * where it stops rising: steps along the normalised tangential gradient ∇_T s/‖∇_T s‖ that turn
   * θ̄ by at most {@link #FLOW_STEP} radians each (explicit Euler in arc length), halved until s
   * rises by the Armijo share of the first-order gain, the next one tried at twice the last kept
   * angle up to the cap; the same stops as {@link #ascend}. This, not {@link #ascend}, gives the
   * critical point that small-init training from {@code start} heads for, for two measured
   * reasons (tools/example_checks/escape_directions.py; examples/escape_directions.dyn, seeds
   * 0–5): L-BFGS's first step, without curvature pairs, turns θ̄ by 45° and at seed 0 lands in
   * another basin (s = 0.0263 against the flow's 0.0319, cos −0.015 with the flow's point); and
   * on a ReLU ridge of s its curvature pairs take the ridge's flat directions at their own scale,
   * so it slides along the ridge far from where the flow rests (started from the flow's own end
   * point at seed 1, to cos 0.84 for 7e-6 of s). Capping L-BFGS's steps fixed the first but not
   * the second. This ascent ends within cos 0.992–1.000 of a fine Euler integration of the flow
   * (2e-3 rad steps) at every seed, in 70–300 iterations, fewer than L-BFGS takes there; on
   * EscapeSolverTest's teacher, over 72 starts of 10 → 8 → 8 → 8 → 2 and 10 → 12 → 12 → 2 nets,
   * within cos 0.9945 (L-BFGS: down to −0.03, in another basin). Like any ascent that keeps only
   * rising steps it can stall at a kink of s that the flow's fixed steps cross: on a 10 → 6 → 2
   * net (L = 2) with that teacher's data seed 1 it stops 1.7e-3 of s short of the flow, at cos
   * 0.96–0.99 with its end point (a bisector of the two sides' gradients did not help; not
   * pursued).
   */
  public Ascent follow(double[] start) {
    int p = start.length;
    double[] theta = start.clone();
    normalize(theta);
    double[] g = new double[p];
    double[] tg = new double[p];
    double[] trial = new double[p];
    double[] trialG = new double[p];
    double s = speedAndGradient(theta, g);
    tangent(g, theta, tg);
    double angle = FLOW_STEP;
    int it = 0;
    boolean converged = false;
    Stops stops = new Stops(s);
    for (; it < MAX_ITERATIONS; it++) {
      double gn = norm(g);
      double tn = norm(tg);
      if (stops.reached(it, s, gn, tn)) {
        converged = true;
        break;
      }
      // The step is an angle: θ + h ∇_T s with h = tan(angle)/‖∇_T s‖, renormalised, lies that
      // many radians from θ.
      Kept kept = backtrack(theta, s, tg, tn * tn, Math.min(FLOW_STEP, 2 * angle),
          a -> Math.tan(a) / tn, trial, trialG);
      if (kept == null) {
        converged = true; // no step along the gradient raises s: a maximum to working precision
        break;
      }
      double st = kept.speed();
      angle = kept.step();
      double[] swap = theta;
      theta = trial;
      trial = swap;
      swap = g;
      g = trialG;
      trialG = swap;
      tangent(g, theta, tg);
      s = st;
    }
    return new Ascent(theta, s, it, converged);
  }

  /** A step {@link #backtrack} kept, and s at the point it reaches. */
  private record Kept(double step, double speed) {}

  /**
   * The backtracking both ascents take along a ray from θ on the sphere: trial = θ + h·dir,
   * renormalised, with h = length(step) and step halved from {@code first} until s rises by the
   * Armijo share ARMIJO·h·slope of the first-order gain (slope = dir·∇_T s); past 30 halvings
   * the gain is at rounding level and any rise is kept. Fills trial and trialG; null when none
   * of 60 steps raises s.
   */
  private Kept backtrack(double[] theta, double s, double[] dir, double slope, double first,
      DoubleUnaryOperator length, double[] trial, double[] trialG) {
    double step = first;
    for (int halvings = 0; halvings < 60; halvings++) {
      double h = length.applyAsDouble(step);
      for (int k = 0; k < theta.length; k++) trial[k] = theta[k] + h * dir[k];
      normalize(trial);
      double st = speedAndGradient(trial, trialG);
      if (st > s + ARMIJO * h * slope || (st > s && halvings > 30)) return new Kept(step, st);
      step *= 0.5;
    }
    return null;
  }

  /**
   * The most radians one step of {@link #follow} turns θ̄. At examples/escape_directions.dyn's
   * seed 0 the flow's basin boundary is near θ(0): a 0.1-rad cap ends in the other basin, 0.07
   * reaches the flow's point (cos 0.986 with it) and 0.01–0.05 closer (0.992–0.994); 0.03 is a
   * factor 3 inside the failure, and the ascent still stops within 70–200 iterations at seeds
   * 0–5 (0.01 takes 170–300).
   */
  static final double FLOW_STEP = 0.03;

  /**
   * The stops both ascents share: the tangential gradient vanishing to {@link #GRADIENT_TOL} of
   * ‖∇s‖ (a critical point), or s rising by at most {@link #STALL_TOL} of itself over {@link
   * #STALL_WINDOW} iterations (a maximum on a ridge of s, where the flow only creeps along it).
   */
  private static final class Stops {
    private double checkpoint;

    Stops(double s) {
      this.checkpoint = s;
    }

    /** Whether to stop before iteration {@code it}, at s, with ‖∇s‖ = gn and ‖∇_T s‖ = tn. */
    boolean reached(int it, double s, double gn, double tn) {
      if (tn <= GRADIENT_TOL * Math.max(gn, 1e-300)) return true;
      if (it % STALL_WINDOW == 0) {
        if (it > 0 && s - checkpoint <= STALL_TOL * Math.abs(s)) return true;
        checkpoint = s;
      }
      return false;
    }
  }

  /** Curvature pairs kept by the ascent. */
  static final int MEMORY = 10;
  /** Sufficient increase: a step is kept when s rises by this share of its first-order gain. */
  private static final double ARMIJO = 1e-4;

  /** out = v − ⟨v, θ⟩θ, the part of v tangent to the sphere at the unit θ (out may be v). */
  private static void tangent(double[] v, double[] theta, double[] out) {
    double radial = dot(v, theta);
    for (int k = 0; k < v.length; k++) out[k] = v[k] - radial * theta[k];
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int k = 0; k < y.length; k++) y[k] += a * x[k];
  }

  /** s(θ) for a unit θ. */
  public double speed(double[] theta) {
    double[] f = output(program, theta);
    double s = 0;
    for (int k = 0; k < f.length; k++) s += f[k] * y[k];
    return s / n;
  }

  /**
   * ∇s(θ) into g, and s(θ) = ⟨θ, ∇s(θ)⟩/L (Euler's identity for a function homogeneous of degree
   * L, which {@link #of} checked): one formula on both paths, so the ascent takes the same steps
   * whichever computed the gradient. The fused dense-chain pass (the one training uses, seeded
   * with y/n in place of the residual) where the model is a chain of dense layers and the kernels
   * are compiled; the generic forward and backward otherwise. Both give the same gradient bits.
   * Package-private: EscapeSolverTest integrates the flow of s with it.
   */
  double speedAndGradient(double[] theta, double[] g) {
    if (fused != null && program.fusedReady()) {
      fused.seededGradient(theta, g);
    } else {
      output(program, theta);
      program.backward(0, seed);
      program.paramGradient(g);
    }
    return dot(theta, g) / degree;
  }

  /** Per-tensor Frobenius share and singular values of a direction. */
  public List<LayerSpectrum> layers(double[] direction) {
    List<LayerSpectrum> out = new ArrayList<>();
    double total = dot(direction, direction);
    int off = 0;
    for (int l = 0; l < model.params().size(); l++) {
      ParamSpec ps = model.params().get(l);
      int len = ps.rows() * ps.cols();
      double[] w = Arrays.copyOfRange(direction, off, off + len);
      off += len;
      double[] sv = SingularOps_DDRM.singularValues(new DMatrixRMaj(ps.rows(), ps.cols(), true, w));
      Arrays.sort(sv);
      List<Double> desc = new ArrayList<>();
      for (int k = sv.length - 1; k >= 0; k--) desc.add(sv[k]);
      out.add(new LayerSpectrum(ps.name(), l + 1, dot(w, w) / total, desc));
    }
    return out;
  }

  /** |cos| between two directions (a sign flip of θ̄ is another escape direction for even L). */
  public static double cosine(double[] a, double[] b) {
    return Math.abs(signedCosine(a, b));
  }

  /** cos(a, b) with its sign: leaving along −θ̄ is not leaving along θ̄ (escape_alignment). */
  public static double signedCosine(double[] a, double[] b) {
    return dot(a, b) / (norm(a) * norm(b));
  }

  private static double[] output(Program program, double[] theta) {
    program.setParams(theta);
    program.forward();
    return program.output(0);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void normalize(double[] a) {
    double nrm = norm(a);
    for (int k = 0; k < a.length; k++) a[k] /= nrm;
  }

  private static String fmt(double c) {
    return c == Math.rint(c) ? Integer.toString((int) c) : Double.toString(c);
  }
}
