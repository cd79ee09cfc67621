package dyn.cli.repl;

import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.sink.Num;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an {@code observe} typed into the REPL changed, train by train: the observables each train
 * now records and on how many times, and what it added or no longer records. An {@code observe}
 * replaces a train's default recording (loss on 40 log-spaced times), so {@code observe
 * singular_values} alone stops recording the loss; saying so beats a silent "ok".
 */
final class ObserveChanges {
  private ObserveChanges() {}

  /** One line per train whose recording changed, or one line saying nothing did. */
  static String describe(Plan before, Plan after) {
    Map<String, TrainStep> old = trains(before);
    Map<String, TrainStep> now = trains(after);
    if (now.isEmpty()) return "observe: no train yet; it applies to the trains defined later\n";
    StringBuilder sb = new StringBuilder();
    for (TrainStep t : now.values()) {
      TrainStep was = old.get(t.name());
      // Sets: a repeated observe line is compiled last, which reorders but changes nothing.
      if (was != null && Set.copyOf(was.observables()).equals(Set.copyOf(t.observables()))
          && was.times().equals(t.times()) && was.observableTimes().equals(t.observableTimes())) {
        continue;
      }
      sb.append(t.name()).append(" now records ").append(recording(t));
      List<String> notes = new ArrayList<>();
      if (was != null) {
        List<Observable> added = new ArrayList<>(t.observables());
        added.removeAll(was.observables());
        List<Observable> dropped = new ArrayList<>(was.observables());
        dropped.removeAll(t.observables());
        if (!added.isEmpty()) notes.add("added " + names(added));
        if (!dropped.isEmpty()) notes.add("no longer " + names(dropped));
        if (!was.times().equals(t.times()) || !was.observableTimes().equals(t.observableTimes())) {
          notes.add("was " + (was.sharedGrid() ? grid(was.times()) : recording(was)));
        }
      }
      if (!notes.isEmpty()) sb.append(" (").append(String.join("; ", notes)).append(')');
      sb.append('\n');
    }
    return sb.length() == 0 ? "observe: no change, every train already records that\n" : sb.toString();
  }

  /** A plan's train steps by name, in plan order; empty for no plan. */
  static Map<String, TrainStep> trains(Plan p) {
    Map<String, TrainStep> out = new LinkedHashMap<>();
    if (p == null) return out;
    for (Step s : p.steps()) if (s instanceof TrainStep) out.put(((TrainStep) s).name(), (TrainStep) s);
    return out;
  }

  /**
   * {@code loss, accuracy at 41 times, …}, or where observables have grids of their own each
   * group on its grid: {@code loss at 4 times, …; singular_values at 101 times, …}.
   */
  private static String recording(TrainStep t) {
    Map<List<Double>, List<Observable>> byGrid = new LinkedHashMap<>();
    for (Observable o : t.observables()) {
      byGrid.computeIfAbsent(t.timesOf(o), k -> new ArrayList<>()).add(o);
    }
    if (byGrid.size() <= 1) return names(t.observables()) + " at " + grid(t.times());
    List<String> parts = new ArrayList<>();
    byGrid.forEach((times, obs) -> parts.add(names(obs) + " at " + grid(times)));
    return String.join("; ", parts);
  }

  private static String names(List<Observable> obs) {
    List<String> n = new ArrayList<>();
    for (Observable o : obs) n.add(o.scriptName());
    return String.join(", ", n);
  }

  /**
   * {@code 41 times, t = 0, 0.012 … 12}: with the first time after 0, since grids that share
   * their count and ends (log(0.01, …) and the default log(0.012, …)) differ there.
   */
  private static String grid(List<Double> times) {
    if (times.isEmpty()) return "no times";
    StringBuilder sb = new StringBuilder().append(times.size()).append(" times, t = ").append(Num.format(times.get(0), 4));
    if (times.size() > 2 && times.get(0) == 0) sb.append(", ").append(Num.format(times.get(1), 4));
    return sb.append(" … ").append(Num.format(times.get(times.size() - 1), 4)).toString();
  }
}
