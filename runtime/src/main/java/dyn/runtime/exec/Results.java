package dyn.runtime.exec;

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

  public Results(Plan plan, Map<Integer, Trajectory> byTrain) {
    this.plan = plan;
    this.byTrain = Collections.unmodifiableMap(new TreeMap<>(byTrain));
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
    Trajectory t = byTrain.get(ref.train());
    if (t == null) return Optional.empty();
    double[][] values = t.series().get(ref.observable());
    if (values == null) return Optional.empty();
    return Optional.of(new Series(ref.trainName(), ref.observable(), t.times(), values));
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
