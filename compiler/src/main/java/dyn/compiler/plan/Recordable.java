package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each train of a plan can record: {@link Observable#recordableBy} applied to its model and
 * data. The REPL and the language server complete {@code TRAIN.} with these, so both offer what
 * the checker would accept and nothing else.
 */
public final class Recordable {
  private Recordable() {}

  /** Train name → the observables it can record, in {@link Observable} order. */
  public static Map<String, List<Observable>> byTrain(Plan plan) {
    Map<String, List<Observable>> out = new LinkedHashMap<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof TrainStep)) continue;
      TrainStep t = (TrainStep) s;
      ModelSpec model = plan.step(t.model(), ModelStep.class).model();
      DataStep data = plan.step(t.data(), DataStep.class);
      boolean testSplit = data.testSamples() > 0;
      boolean paired = data.output("x2") >= 0;
      List<Observable> ok = new ArrayList<>();
      for (Observable o : Observable.values()) {
        if (o.recordableBy(model, testSplit, paired)) ok.add(o);
      }
      out.put(t.name(), List.copyOf(ok));
    }
    return out;
  }

  /**
   * As {@link #byTrain}, and for each prediction the series it predicts (AGF: its loss; a kernel
   * theory: its own), so {@code p.} completes too: it offered nothing, or every observable.
   */
  public static Map<String, List<Observable>> byName(Plan plan) {
    Map<String, List<Observable>> out = byTrain(plan);
    for (Step s : plan.steps()) {
      if (s instanceof PredictStep p) out.put(p.name(), List.of(Observable.LOSS));
      else if (s instanceof TheoryStep t) out.put(t.name(), List.copyOf(t.series()));
    }
    return out;
  }
}
