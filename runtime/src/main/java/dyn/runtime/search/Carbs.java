package dyn.runtime.search;

import dyn.compiler.plan.SearchSpec;
import dyn.runtime.random.CounterRng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CARBS, the cost-aware Pareto-region Bayesian search (Fetterman et al. 2023), as wave2.md §3.6
 * states it: random starts around the search centre; then Gaussian-process surrogates for the
 * objective, the log-cost and the chance of success; candidates drawn around the observed Pareto
 * points; and the suggestion that maximizes expected improvement over the Pareto front at its
 * predicted cost, times a prior that keeps the search local, times the chance of success.
 *
 * <p>Deterministic: suggestion number i draws only from the counter-based stream
 * {@code derive(seed, i)}, and depends otherwise only on the observations made before it and
 * the suggestions still outstanding. Replaying the same observations in the same order therefore
 * gives the same suggestions, which is how an interrupted search resumes.
 *
 * <p>Departures from the reference code, each because a dyn point is deterministic or the code's
 * own effect is nil: GP hyperparameters are fixed at their initial values (§3.5); outputs are
 * mapped to normal scores by average rank (QuantileTransformer with √N quantiles in the code);
 * outstanding suggestions get the posterior mean ("kriging believer", the code's MEAN option).
 */
public final class Carbs {
  private static final double NOISE = 1e-2 + 1e-4;
  private static final double EXPLORATION_BIAS = 1.0;
  private static final int CANDIDATES_PER_DIM = 100;

  private final SearchSpec spec;
  private final BasicSpace space;
  private final int sign;
  private final List<Observation> observations = new ArrayList<>();
  private int resampleCount;

  public Carbs(SearchSpec spec) {
    this.spec = spec;
    this.space = new BasicSpace(spec.params());
    this.sign = spec.maximize() ? 1 : -1;
  }

  /** Records a finished point. */
  public void observe(Observation o) {
    observations.add(o);
  }

  public List<Observation> observations() {
    return List.copyOf(observations);
  }

  /**
   * The values of suggestion number {@code index} (counted from 0 over the whole search),
   * aligned with the spec's params.
   *
   * @param outstanding values of suggestions made but not yet observed
   */
  public double[] suggest(int index, List<double[]> outstanding) {
    Draws draws = new Draws(CounterRng.derive(spec.seed(), index));
    List<Observation> ok = successes();
    if (ok.size() < spec.randomStarts()) {
      return around(List.of(space.center()), draws);
    }
    if (spec.resample() > 0 && ok.size() > (resampleCount + 1) * spec.resample()) {
      resampleCount++;
      double[] r = resample(ok, outstanding);
      if (r != null) return r;
    }
    List<Pareto.Group> pareto = Pareto.paretoGroups(ok, space, sign, true);
    List<double[]> origins = new ArrayList<>();
    for (Pareto.Group g : pareto) origins.add(g.basic);
    try {
      double[] best = acquire(ok, outstanding, pareto, origins, draws);
      if (best != null) return space.fromBasic(best);
    } catch (IllegalStateException e) {
      // A degenerate surrogate: fall back to sampling around the front, as the reference does.
    }
    return around(origins, draws);
  }

  private List<Observation> successes() {
    List<Observation> ok = new ArrayList<>();
    for (Observation o : observations) if (!o.failed()) ok.add(o);
    return ok;
  }

  /** The cheapest least-sampled point of the (non-conservative) front, counting outstanding ones. */
  private double[] resample(List<Observation> ok, List<double[]> outstanding) {
    List<Pareto.Group> groups = Pareto.paretoGroups(ok, space, sign, false);
    Pareto.Group best = null;
    int fewest = Integer.MAX_VALUE;
    for (Pareto.Group g : groups) {
      int n = g.members.size();
      for (double[] v : outstanding) if (Arrays.equals(space.toBasic(v), g.basic)) n++;
      if (n < fewest) {
        fewest = n;
        best = g;
      }
    }
    return best == null ? null : best.members.get(0).values();
  }

  /** A point drawn around one of the origins, inside the bounds (the origin itself if none is). */
  private double[] around(List<double[]> origins, Draws draws) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      double[] o = origins.get(draws.index(origins.size()));
      double[] b = new double[o.length];
      for (int i = 0; i < b.length; i++) b[i] = o[i] + spec.radius() * draws.normal();
      b = space.round(b);
      if (space.inside(b)) return space.fromBasic(b);
    }
    return space.fromBasic(origins.get(0));
  }

  private double[] acquire(List<Observation> ok, List<double[]> outstanding, List<Pareto.Group> pareto,
      List<double[]> origins, Draws draws) {
    int n = ok.size();
    double[][] x = new double[n][];
    double[] scores = Surrogates.normalScores(ok);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = space.toBasic(ok.get(i).values());
      y[i] = sign * scores[i];
    }
    GaussianProcess.Kernel kernel = GaussianProcess.linearPlusMatern32(spec.radius());
    GaussianProcess output = new GaussianProcess(kernel, x, y, NOISE);
    if (!outstanding.isEmpty()) {
      // Kriging believer: pretend each outstanding point returned the current posterior mean.
      double[][] x2 = Arrays.copyOf(x, n + outstanding.size());
      double[] y2 = Arrays.copyOf(y, n + outstanding.size());
      for (int j = 0; j < outstanding.size(); j++) {
        x2[n + j] = space.toBasic(outstanding.get(j));
        y2[n + j] = output.predict(x2[n + j])[0];
      }
      output = new GaussianProcess(kernel, x2, y2, NOISE);
    }
    Surrogates.LogCost costScale = Surrogates.LogCost.fit(ok);
    double[] c = new double[n];
    for (int i = 0; i < n; i++) c[i] = costScale.apply(ok.get(i).cost());
    GaussianProcess cost = new GaussianProcess(kernel, x, c, NOISE);
    GaussianProcess success = successModel(kernel);

    // The Pareto GP: surrogate output as a function of transformed log-cost along the front.
    List<double[]> px = new ArrayList<>();
    List<Double> py = new ArrayList<>();
    double cmin = Double.POSITIVE_INFINITY;
    double cmax = Double.NEGATIVE_INFINITY;
    for (Pareto.Group g : pareto) {
      for (Observation o : g.members) {
        double t = costScale.apply(o.cost());
        px.add(new double[] {t});
        py.add(y[ok.indexOf(o)]);
      }
      double t = costScale.apply(g.cost());
      cmin = Math.min(cmin, t);
      cmax = Math.max(cmax, t);
    }
    GaussianProcess front = new GaussianProcess(GaussianProcess.rbf(1.0), px.toArray(new double[0][]),
        py.stream().mapToDouble(Double::doubleValue).toArray(), NOISE);
    // Clamping: a cost drawn log-uniformly along the front raises the bar everywhere to the
    // front's value there, so improving only the cheap end is not enough (§3.6 e).
    double drawn = cmin + (cmax - cmin) * draws.uniform();
    double floor = front.predict(new double[] {drawn})[0];

    int m = CANDIDATES_PER_DIM * space.dim();
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < m; k++) {
      double[] o = origins.get(draws.index(origins.size()));
      double[] b = new double[o.length];
      for (int i = 0; i < b.length; i++) b[i] = o[i] + spec.radius() * draws.normal();
      b = space.round(b);
      if (!space.inside(b)) continue;
      double prior = 0;
      for (double[] origin : origins) prior = Math.max(prior, density(distance(b, origin), spec.radius()));
      double[] mv = output.predict(b);
      double t = Math.min(cmax, Math.max(cmin, cost.predict(b)[0]));
      double bar = Math.max(front.predict(new double[] {t})[0], floor);
      double sigma = Math.sqrt(mv[1]);
      double z = (mv[0] - bar - EXPLORATION_BIAS) / sigma;
      double ei = sigma * (Normal.pdf(z) + z * Normal.cdf(z));
      double pSuccess = 1;
      if (success != null) {
        double[] sv = success.predict(b);
        // As coded in the reference: Normal(μ, var).cdf(0), the variance used as the scale.
        pSuccess = Normal.cdf((0 - sv[0]) / sv[1]);
      }
      double score = ei * prior * pSuccess;
      if (score > bestScore) {
        bestScore = score;
        best = b;
      }
    }
    return best;
  }

  /** Labels −1 for a success and +1 for a failure; null when there are no failures yet. */
  private GaussianProcess successModel(GaussianProcess.Kernel kernel) {
    boolean anyFailed = observations.stream().anyMatch(Observation::failed);
    if (!anyFailed) return null;
    double[][] x = new double[observations.size()][];
    double[] y = new double[observations.size()];
    for (int i = 0; i < y.length; i++) {
      x[i] = space.toBasic(observations.get(i).values());
      y[i] = observations.get(i).failed() ? 1 : -1;
    }
    return new GaussianProcess(kernel, x, y, NOISE);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return Math.sqrt(s);
  }

  private static double density(double d, double sigma) {
    return StrictMath.exp(-0.5 * d * d / (sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
  }

  /** The random numbers of one suggestion: normals and uniforms from two sub-streams. */
  private static final class Draws {
    private final long normals;
    private final long uniforms;
    private long nk;
    private long uk;

    Draws(long stream) {
      this.normals = CounterRng.derive(stream, 0);
      this.uniforms = CounterRng.derive(stream, 1);
    }

    double normal() {
      return CounterRng.normal(normals, nk++);
    }

    double uniform() {
      return CounterRng.uniform(uniforms, uk++);
    }

    int index(int n) {
      return Math.min(n - 1, (int) (uniform() * n));
    }
  }
}
