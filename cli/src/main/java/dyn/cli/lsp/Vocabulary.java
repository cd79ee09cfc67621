package dyn.cli.lsp;

import dyn.compiler.resolve.Builtins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The language's own names (from the resolver's {@link Builtins} tables, never a copy of them),
 * with the one line hover and completion show for each, and the keys a builtin call takes.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /**
   * Every builtin name with what it is, grouped as a reader looks for them; the REPL completes
   * from the same table.
   */
  public static Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    Builtins.TRAINS.forEach((n, keys) -> out.put(n, "training builtin " + call(n, keys)));
    Builtins.PREDICTS.forEach((n, keys) -> out.put(n, "prediction builtin " + call(n, keys)));
    Builtins.COMPARES.forEach((n, keys) -> out.put(n, "comparison builtin " + call(n, keys)));
    Builtins.OBSERVABLES.keySet().forEach(n -> out.putIfAbsent(n, "observable"));
    Builtins.REPORTS.forEach(n -> out.putIfAbsent(n, "report kind"));
    Builtins.CHECK_FNS.forEach(n -> out.putIfAbsent(n, "check function of series"));
    Builtins.ACTIVATIONS.keySet().forEach(n -> out.putIfAbsent(n, "elementwise function / activation"));
    Builtins.REDUCTIONS.forEach(n -> out.putIfAbsent(n, "reduction"));
    Builtins.VECTOR_FNS.forEach(n -> out.putIfAbsent(n,
        "function of compile-time numbers and vectors (definition bodies, `require`)"));
    Builtins.SHAPING.forEach(n -> out.putIfAbsent(n, "shape function"));
    Builtins.DATA_PRIMITIVES.forEach(n -> out.putIfAbsent(n, "dataset primitive"));
    Builtins.DISTRIBUTIONS.forEach(n -> out.putIfAbsent(n, "init distribution"));
    Builtins.PARAMETRIZATIONS.forEach(n -> out.putIfAbsent(n, "parametrization"));
    Builtins.INITS.forEach(n -> out.putIfAbsent(n, "init rule"));
    Builtins.GRIDS.forEach(n -> out.putIfAbsent(n, "observation grid"));
    Builtins.DATA_OUTPUTS.forEach(n -> out.putIfAbsent(n, "dataset output"));
    // Neither completed nor hovered before (the diagnostics audit): losses, schedules, spectra,
    // the sweep's spaces, axis values, reductions and fits, searches, backends.
    Builtins.LOSSES.forEach(n -> out.putIfAbsent(n, "loss"));
    Builtins.SCHEDULES.forEach(n -> out.putIfAbsent(n, "learning-rate schedule"));
    Builtins.SPECTRA.keySet().forEach(n -> out.putIfAbsent(n, "spectrum of an eigenframework prediction"));
    dyn.compiler.sweep.Axes.SPACES.forEach(n -> out.putIfAbsent(n, "sweep space"));
    dyn.compiler.sweep.Axes.GENERATORS.forEach(n -> out.putIfAbsent(n, "values of a sweep axis"));
    dyn.compiler.sweep.SweepPlanner.SEARCH_METHODS.forEach(n -> out.putIfAbsent(n, "search method"));
    dyn.compiler.sweep.SweepPlanner.SEARCH_SCALES.forEach(n -> out.putIfAbsent(n, "scale of a search axis"));
    dyn.compiler.sweep.SweepPlanner.REDUCTIONS.keySet().forEach(n -> out.putIfAbsent(n, "reduction of sweep results over an axis"));
    dyn.compiler.sweep.SweepPlanner.FITS.forEach(n -> out.putIfAbsent(n, "fit of sweep results"));
    dyn.compiler.plan.Plan.BACKEND_NAMES.forEach(n -> out.putIfAbsent(n, "backend"));
    return out;
  }

  /** What a builtin name is, if it is one. */
  static Optional<String> describe(String name) {
    return Optional.ofNullable(all().get(name));
  }

  /** The keys of a builtin call ({@code descent} → model, data, lr, …), empty for other names. */
  static List<String> keys(String callee) {
    if (Builtins.TRAINS.containsKey(callee)) return Builtins.TRAINS.get(callee);
    if (Builtins.PREDICTS.containsKey(callee)) return Builtins.PREDICTS.get(callee);
    if (Builtins.COMPARES.containsKey(callee)) return Builtins.COMPARES.get(callee);
    if (callee.equals("coord_check")) return Builtins.COORD_CHECK_KEYS;
    return List.of();
  }

  /** The keys every model instantiation takes after its definition's own. */
  static List<String> modelKeys() {
    return new ArrayList<>(Builtins.MODEL_KEYS);
  }

  private static String call(String name, List<String> keys) {
    return "`" + name + "(" + String.join(", ", keys) + ")`";
  }
}
