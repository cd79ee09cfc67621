package dyn.runtime.exec;

import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.SeriesRef;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.sink.Series;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The trajectories of a run, by train step id, and their series in plan order. */
public final class Results {
  private final Plan plan;
  private final Map<Integer, Trajectory> byTrain;
  private final Map<Integer, Series> predicted;
  private final Map<Integer, Map<Observable, Series>> theories;

  public Results(Plan plan, Map<Integer, Trajectory> byTrain) {
    this(plan, byTrain, Map.of());
  }

  /**
   * Results that also hold the predicted loss staircases of AGF predictions.
   *
   * @param predicted {@link PredictedStaircase} series by predict step id
   */
  public Results(Plan plan, Map<Integer, Trajectory> byTrain, Map<Integer, Series> predicted) {
    this(plan, byTrain, predicted, Map.of());
  }

  private Results(Plan plan, Map<Integer, Trajectory> byTrain, Map<Integer, Series> predicted,
      Map<Integer, Map<Observable, Series>> theories) {
    this.plan = plan;
    this.byTrain = Collections.unmodifiableMap(new TreeMap<>(byTrain));
    this.predicted = Collections.unmodifiableMap(new TreeMap<>(predicted));
    this.theories = Collections.unmodifiableMap(new TreeMap<>(theories));
  }

  /** These results with the series of kernel-theory predictions, by predict step id. */
  public Results withTheories(Map<Integer, Map<Observable, Series>> series) {
    Map<Integer, Map<Observable, Series>> out = new TreeMap<>(theories);
    out.putAll(series);
    return new Results(plan, byTrain, predicted, out);
  }

  /** These results with the predicted loss staircases of the given AGF runs, by predict step id. */
  public Results withPredictions(Map<Integer, dyn.runtime.agf.AgfResult> agf) {
    Map<Integer, Series> out = new TreeMap<>(predicted);
    agf.forEach((id, r) -> out.put(id,
        PredictedStaircase.of(plan, plan.step(id, dyn.compiler.plan.PredictStep.class), r)));
    return new Results(plan, byTrain, out, theories);
  }

  /** Trajectories by train step id, in id order. */
  public Map<Integer, Trajectory> trajectories() {
    return byTrain;
  }

  /** The trajectory of a train step, if it ran. */
  public Optional<Trajectory> trajectory(int trainId) {
    return Optional.ofNullable(byTrain.get(trainId));
  }

  /** One recorded series, if recorded. */
  public Optional<Series> series(SeriesRef ref) {
    if (predicted.containsKey(ref.train())) return Optional.of(predicted.get(ref.train()));
    if (theories.containsKey(ref.train())) {
      return Optional.ofNullable(theories.get(ref.train()).get(ref.observable()));
    }
    Trajectory t = byTrain.get(ref.train());
    if (t == null) return Optional.empty();
    double[][] values = t.series().get(ref.observable());
    if (values == null) return Optional.empty();
    List<Double> times = t.timesOf(ref.observable());
    return Optional.of(new Series(ref.trainName(), ref.observable(), times, values, false,
        watchedMonotone(ref, t, times)));
  }

  /**
   * Whether the loss never rose at any step, where the step loop watched it and the records
   * span the run (Dynamics.lossMonotoneEveryStep, the rule the checker's warning follows); null
   * where `monotone` must read the records.
   */
  private Boolean watchedMonotone(SeriesRef ref, Trajectory t, List<Double> times) {
    if (ref.observable() != Observable.LOSS || t.stats() == null || !t.stats().lossWatched()) {
      return null;
    }
    TrainStep train = plan.step(ref.train(), TrainStep.class);
    if (!Dynamics.lossMonotoneEveryStep(train.dynamics(), times)) return null;
    return t.stats().lossRoseAt() == Trajectory.Stats.NEVER;
  }

  /** The given series, or every recorded series (train steps in plan order, observables as declared) when refs is empty. */
  public List<Series> select(List<SeriesRef> refs) {
    List<Series> out = new ArrayList<>();
    if (refs.isEmpty()) {
      for (Step s : plan.steps()) {
        if (!(s instanceof TrainStep)) continue;
        TrainStep train = (TrainStep) s;
        for (Observable o : train.observables()) {
          series(new SeriesRef(train.id(), train.name(), o)).ifPresent(out::add);
        }
      }
    } else {
      for (SeriesRef r : refs) series(r).ifPresent(out::add);
    }
    return out;
  }
}
