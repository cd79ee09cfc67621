package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.FourierPower;
import dyn.compiler.plan.Homogeneity;
import dyn.compiler.plan.LayerSpectra;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what each train records and when. {@code observe} statements apply to the trains they
 * list (or all). Each observable of a train is recorded on the union of the grids of the
 * statements that name it for that train, and t = 0 always; the train itself stops on the union
 * of its observables' grids, so an observable asked for at 3 times is not recorded at the 101 of
 * another. A train no statement covers records loss (and test_loss when its data has a test
 * split) on log(until·1e-3, until, 40). Grid times past a train's end are dropped with a warning,
 * and the end itself recorded.
 */
public final class Observations {
  private final Diagnostics diags;
  private final Map<String, Value> top;

  /**
   * What one train records.
   *
   * @param times where the train stops to record: the union of {@code grids}
   * @param grids the times of each observable, in the order of {@code observables}
   * @param fourierPower the settings of {@code fourier_power}, present exactly when recorded
   * @param layerSpectra the settings of {@code layer_singular_values}, present exactly when
   *     recorded
   */
  public record Recorded(List<Double> times, List<Observable> observables,
      Map<Observable, List<Double>> grids, Optional<FourierPower> fourierPower,
      Optional<LayerSpectra> layerSpectra) {
    /** Every observable on one grid. */
    public Recorded(List<Double> times, List<Observable> observables) {
      this(times, observables, sameGrid(times, observables), Optional.empty(), Optional.empty());
    }

    /** The times at which {@code o} is recorded. */
    public List<Double> timesOf(Observable o) {
      return grids.getOrDefault(o, times);
    }

    private static Map<Observable, List<Double>> sameGrid(List<Double> times,
        List<Observable> observables) {
      Map<Observable, List<Double>> out = new LinkedHashMap<>();
      observables.forEach(o -> out.put(o, times));
      return out;
    }
  }

  public Observations(Diagnostics diags, Map<String, Value> top) {
    this.diags = diags;
    this.top = top;
  }

  /** Per train name; an observable that a train cannot record is reported and left out. */
  public Map<String, Recorded> plan(List<Stmt.Observe> observes, List<Trains.TrainInfo> trains) {
    // Per train: the grids of the statements that cover it, and per observable the grids of
    // the statements that name it.
    Map<String, List<List<Double>>> grids = new LinkedHashMap<>();
    Map<String, Map<Observable, List<List<Double>>>> own = new LinkedHashMap<>();
    Map<String, List<Observable>> what = new LinkedHashMap<>();
    Map<String, FourierPower> fourier = new LinkedHashMap<>();
    Map<String, LayerSpectra> spectra = new LinkedHashMap<>();
    for (Stmt.Observe o : observes) {
      List<Trains.TrainInfo> covered = new ArrayList<>();
      for (Trains.TrainInfo t : trains) {
        if (o.trains().isEmpty() || o.trains().stream().anyMatch(i -> i.name().equals(t.name()))) {
          covered.add(t);
        }
      }
      List<Double> given = o.grid().isPresent() ? grid(o.grid().get()) : null;
      if (o.grid().isPresent() && given == null) continue;
      for (Trains.TrainInfo t : covered) {
        List<Double> grid = clip(given != null ? given : defaultGrid(t), t, o);
        grids.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(grid);
        Map<Observable, List<List<Double>>> byObs =
            own.computeIfAbsent(t.name(), k -> new LinkedHashMap<>());
        List<Observable> list = what.computeIfAbsent(t.name(), k -> new ArrayList<>());
        for (Ident id : o.observables()) {
          Observable obs = Builtins.OBSERVABLES.get(id.name());
          if (obs == null) continue; // reported by the resolver
          Optional<Expr.Call> settings = o.settingsOf(id.name());
          if (obs == Observable.LAYER_SINGULAR_VALUES) {
            LayerSpectra l = spectraSettings(settings);
            if (l == null) continue;
            LayerSpectra before = spectra.putIfAbsent(t.name(), l);
            if (before != null && before.top() != l.top()) {
              diags.error("observable-settings", settings.map(Expr.Call::span).orElse(id.span()),
                  "train `" + t.name() + "` already records layer_singular_values with top = "
                      + before.top());
              continue;
            }
          } else if (obs != Observable.FOURIER_POWER) {
            if (settings.isPresent()) {
              diags.error("observable-settings", settings.get().span(), "`" + id.name()
                  + "` takes no settings; write `" + id.name() + "`");
              continue;
            }
          } else {
            FourierPower f = fourierSettings(settings, id, t);
            if (f == null) continue;
            FourierPower before = fourier.putIfAbsent(t.name(), f);
            if (before != null && before.period() != f.period()) {
              diags.error("observable-settings", settings.get().span(), "train `" + t.name()
                  + "` already records fourier_power with period " + before.period());
              continue;
            }
          }
          if (list.contains(obs) || supported(obs, t, id)) {
            if (!list.contains(obs)) list.add(obs);
            byObs.computeIfAbsent(obs, k -> new ArrayList<>()).add(grid);
          }
        }
      }
    }
    Map<String, Recorded> out = new LinkedHashMap<>();
    for (Trains.TrainInfo t : trains) {
      if (!grids.containsKey(t.name())) {
        List<Observable> obs = new ArrayList<>(List.of(Observable.LOSS));
        // A paired loss has no test split to score (x_test has no second view).
        if (t.data().result().testSamples() > 0 && !t.loss().paired()) obs.add(Observable.TEST_LOSS);
        out.put(t.name(), new Recorded(defaultGrid(t), obs));
      } else {
        List<Observable> obs = what.get(t.name());
        Map<Observable, List<Double>> times = new LinkedHashMap<>();
        for (Observable o : obs) times.put(o, Grid.union(own.get(t.name()).get(o)));
        // With no observable left (each reported), the statements' grids stand in.
        List<Double> all = Grid.union(obs.isEmpty() ? grids.get(t.name())
            : new ArrayList<>(times.values()));
        out.put(t.name(), new Recorded(all, obs, times,
            obs.contains(Observable.FOURIER_POWER)
                ? Optional.of(fourier.get(t.name())) : Optional.empty(),
            obs.contains(Observable.LAYER_SINGULAR_VALUES)
                ? Optional.of(spectra.get(t.name())) : Optional.empty()));
      }
    }
    return out;
  }

  /**
   * The k of {@code layer_singular_values(top = k)}, {@link LayerSpectra#DEFAULT_TOP} when no
   * settings are written; null after an error.
   */
  private LayerSpectra spectraSettings(Optional<Expr.Call> call) {
    if (call.isEmpty()) return new LayerSpectra(LayerSpectra.DEFAULT_TOP);
    Expr.Call c = call.get();
    if (c.args().size() != 1 || c.args().get(0).name().isEmpty()
        || !c.args().get(0).name().get().name().equals("top")) {
      diags.error("observable-settings", c.span(), "`layer_singular_values` takes one named"
          + " setting: `layer_singular_values(top = k)`, the singular values kept per tensor");
      return null;
    }
    Integer k = Evaluator.scalars(diags, top).count(c.args().get(0).value(),
        "the number of singular values per tensor", 1);
    return k == null ? null : new LayerSpectra(k);
  }

  /**
   * The period of {@code fourier_power(period = P)}, checked against the model's neuron slices;
   * null after an error.
   */
  private FourierPower fourierSettings(Optional<Expr.Call> call, Ident id, Trains.TrainInfo t) {
    if (call.isEmpty()) {
      diags.error("observable-settings", id.span(),
          "`fourier_power` needs a period: write `fourier_power(period = P)`");
      return null;
    }
    Expr.Call c = call.get();
    if (c.args().size() != 1 || c.args().get(0).name().isEmpty()
        || !c.args().get(0).name().get().name().equals("period")) {
      diags.error("observable-settings", c.span(),
          "`fourier_power` takes one named setting: `fourier_power(period = P)`");
      return null;
    }
    Expr arg = c.args().get(0).value();
    Integer period = Evaluator.scalars(diags, top).count(arg, "the period", 1);
    if (period == null) return null;
    ModelSpec spec = t.model().spec();
    if (spec.neurons().isEmpty()) {
      diags.error("unsupported-observable", id.span(), "`fourier_power` needs a neuron "
          + "decomposition, but model `" + t.model().step().name() + "` of train `" + t.name()
          + "` declares none");
      return null;
    }
    for (ModelSpec.Part part : spec.neurons().get().parts()) {
      ParamSpec p = spec.params().get(part.param());
      int len = part.slice() == ModelSpec.Slice.ROW ? p.cols()
          : part.slice() == ModelSpec.Slice.COLUMN ? p.rows() : 1;
      if (len % period != 0) {
        diags.error("bad-period", arg.span(), "each neuron's slice of `" + p.name() + "` of model `"
            + t.model().step().name() + "` has length " + len + ", not a multiple of the period "
            + period);
        return null;
      }
    }
    return new FourierPower(period);
  }

  private boolean supported(Observable obs, Trains.TrainInfo t, Ident at) {
    if (obs == Observable.SHARPNESS && t.precision() != TrainStep.Precision.FLOAT64) {
      // Finite-difference Hessian-vector products of single-precision gradients are noise.
      diags.error("unsupported-observable", at.span(), "`sharpness` differentiates the gradient"
          + " numerically and needs float64, but train `" + t.name() + "` uses dtype = \""
          + t.precision().scriptName() + "\"");
      return false;
    }
    String why = pairing(obs, t);
    if (why != null) {
      // reported below
    } else if (obs == Observable.ESCAPE_ALIGNMENT) {
      why = escapeRefusal(t);
    } else if (obs == Observable.NTK_EIGENVALUES || obs == Observable.KERNEL_DISTANCE
        || obs == Observable.KERNEL_ALIGNMENT) {
      why = EmpiricalKernelSize.refusal(obs, t, Runtime.getRuntime().maxMemory());
    } else if (!obs.recordableBy(t.model().spec(), t.data().result().testSamples() > 0,
        t.data().result().paired())) {
      why = whyNot(obs, t);
    }
    if (why == null) return true;
    diags.error("unsupported-observable", at.span(), why);
    return false;
  }

  /**
   * Why an observable does not fit the train's pairing, or null: {@code embedding_eigenvalues}
   * needs two views; a paired loss (Barlow Twins) has no labels to score, no test split with a
   * second view, and no per-sample loss for gradient coherence.
   */
  private static String pairing(Observable obs, Trains.TrainInfo t) {
    if (obs == Observable.EMBEDDING_EIGENVALUES && !t.data().result().paired()) {
      return "`embedding_eigenvalues` correlates the embeddings of two views of each sample, but"
          + " data `" + t.data().step().name() + "` of train `" + t.name() + "` assigns no second"
          + " view `x2`";
    }
    if (!t.loss().paired()) return null;
    switch (obs) {
      case TEST_LOSS:
      case TEST_ACCURACY:
      case ACCURACY:
      case KERNEL_ALIGNMENT:
        return "`" + obs.scriptName() + "` scores the model against labels, but train `"
            + t.name() + "` uses the self-supervised loss `" + t.loss().scriptName() + "`";
      case COHERENCE:
      case M_COHERENCE:
        return "`" + obs.scriptName() + "` needs a per-sample loss, but `" + t.loss().scriptName()
            + "` of train `" + t.name() + "` couples all samples through C";
      default:
        return null;
    }
  }

  /**
   * Why a train cannot record {@code escape_alignment}, or null: its reference direction is an
   * escape direction of the origin saddle, which exists for homogeneous models of a whole degree
   * L ≥ 2 (the same condition as {@code escape(…)}), and its speed ⟨y, f⟩ is the square loss's.
   */
  private static String escapeRefusal(Trains.TrainInfo t) {
    if (t.loss() != TrainStep.Loss.MSE) {
      return "`escape_alignment` compares θ(t) with an escape direction of the square loss, but"
          + " train `" + t.name() + "` uses loss = " + t.loss().scriptName();
    }
    String problem = Homogeneity.of(t.model().spec().forward()).originSaddleProblem();
    return problem == null ? null : "`escape_alignment` needs f(x; cθ) = c^L f(x; θ) with a whole"
        + " L ≥ 2 (the origin a saddle left along a direction), but model `"
        + t.model().step().name() + "` of train `" + t.name() + "` is not of that kind: " + problem;
  }

  /** Why {@link Observable#recordableBy} said no, for the message. */
  static String whyNot(Observable obs, Trains.TrainInfo t) {
    switch (obs) {
      case TEST_LOSS:
      case TEST_ACCURACY:
        return "`" + obs.scriptName() + "` needs a test split, but data `"
            + t.data().step().name() + "` of train `" + t.name() + "` has none";
      case SINGULAR_VALUES:
        return "`singular_values` needs a model that is linear in x, but model `"
            + t.model().step().name() + "` of train `" + t.name() + "` is not";
      case NC1:
        return "`nc1` needs the model's output to be a linear layer `W @ h` (plus a bias) of"
            + " features h, but model `" + t.model().step().name() + "` of train `" + t.name()
            + "` ends otherwise";
      default:
        return "`" + obs.scriptName() + "` needs a neuron decomposition, but model `"
            + t.model().step().name() + "` of train `" + t.name() + "` declares none";
    }
  }

  private List<Double> defaultGrid(Trains.TrainInfo t) {
    double until = t.dynamics().until();
    return Grid.log(until * 1e-3, until, 40);
  }

  private List<Double> clip(List<Double> grid, Trains.TrainInfo t, Stmt.Observe o) {
    double until = t.dynamics().until();
    List<Double> kept = new ArrayList<>();
    for (double v : grid) if (v <= until * (1 + 1e-12)) kept.add(v);
    if (kept.size() < grid.size()) {
      // The train's end is recorded in their place: otherwise final(…) read the last time kept,
      // which could be t = 0 (`final(gd.loss) < 1` passed on the initial loss).
      boolean endAdded = kept.isEmpty() || kept.get(kept.size() - 1) < until * (1 - 1e-12);
      if (endAdded) kept.add(until);
      diags.warning("grid-past-end", o.grid().map(Expr.Call::span).orElse(o.span()),
          (grid.size() - kept.size() + (endAdded ? 1 : 0)) + " observation times are after train `" + t.name()
              + "` ends at t = " + Format.num(until) + "; they are dropped"
              + (endAdded ? " and the end, t = " + Format.num(until) + ", is recorded instead" : ""), null);
    }
    finerThanSteps(kept, t, o);
    return kept;
  }

  /**
   * Warns when most of a step-based train's grid times read the same step as the time before
   * them: step k sits at t = k·lr and time t records step round(t/lr), so on a grid finer than lr
   * the rows repeat one step under different times, up to lr/2 early or late (linear(0, 0.4, 5)
   * at lr = 0.7 showed step 0 four times and labelled step 1, at t = 0.7, as t = 0.4). A log grid
   * that is finer than lr only near its start stays quiet.
   */
  private void finerThanSteps(List<Double> grid, Trains.TrainInfo t, Stmt.Observe o) {
    // Only a grid the script wrote: the default one (log-spaced from until·1e-3) is finer than
    // the steps of a short run by design, and the script has no grid to point at.
    if (o.grid().isEmpty()) return;
    double lr = t.dynamics().stepSize();
    if (Double.isNaN(lr)) return;
    int positive = grid.size() - 1;
    int repeats = 0;
    for (int i = 1; i < grid.size(); i++) {
      if (Dynamics.stepAt(grid.get(i), lr) == Dynamics.stepAt(grid.get(i - 1), lr)) repeats++;
    }
    if (repeats * 2 > positive) {
      diags.warning("grid-finer-than-steps", o.grid().map(Expr.Call::span).orElse(o.span()),
          repeats + " of " + positive + " observation times of train `" + t.name() + "` read the same"
              + " step as the time before them: its steps are lr = " + Format.num(lr) + " apart, and a"
              + " time t records step round(t/lr)",
          "observe at most one time per step, e.g. linear(0, " + Format.num(t.dynamics().until()) + ", "
              + (Math.min(Dynamics.stepAt(t.dynamics().until(), lr), 1000) + 1) + ")");
    }
  }

  /** The times of {@code log(t0, t1, points)} or {@code linear(t0, t1, points)}, or null. */
  private List<Double> grid(Expr.Call g) {
    Evaluator at = Evaluator.scalars(diags, top);
    String kind = g.callee().name();
    List<Expr> a = at.positional(g, 3);
    if (a == null) return null;
    Double t0 = at.number(a.get(0), "the first time");
    Double t1 = at.number(a.get(1), "the last time");
    Integer points = at.count(a.get(2), "the number of points", 2, Grid.MAX_POINTS,
        "each point is a recorded time of the observables it names: a row of their tables");
    if (t0 == null || t1 == null || points == null) return null;
    if (kind.equals("log") ? !(t0 > 0) : !(t0 >= 0)) {
      diags.error("bad-grid", a.get(0).span(), "the first time of `" + kind + "` must be "
          + (kind.equals("log") ? "positive" : "≥ 0") + ", got " + Format.num(t0));
      return null;
    }
    if (!(t1 > t0)) {
      diags.error("bad-grid", a.get(1).span(), "the last time must be after the first, got "
          + Format.num(t1) + " ≤ " + Format.num(t0));
      return null;
    }
    return kind.equals("log") ? Grid.log(t0, t1, points) : Grid.linear(t0, t1, points);
  }
}
