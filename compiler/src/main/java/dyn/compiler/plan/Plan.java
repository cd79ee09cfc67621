package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * A compiled study, ready to execute.
 *
 * <p>Steps are listed in a deterministic topological order: a step's {@link Step#dependsOn()}
 * indices are always smaller than its own {@link Step#id()}, and {@code steps.get(i).id() == i}.
 *
 * @param script the script path as given
 * @param params every script {@code param}, with its final value (after command-line overrides)
 * @param steps the DAG, in topological order
 * @param sweep the script's {@code sweep}, if it has one: then the steps are one point's study and
 *     a run executes them once per point, never at the base values alone
 * @param backend the script's {@code backend} statement (one of {@link #BACKEND_NAMES}), if it has
 *     one: where {@code dyn run} executes the plan when {@code --backend} is not given
 */
public record Plan(String script, List<ParamValue> params, List<Step> steps, Optional<SweepSpec> sweep,
    Optional<String> backend) {
  /** The names a {@code backend} statement (and {@code --backend}) may give. */
  public static final List<String> BACKEND_NAMES = List.of("cpu", "auto", "cuda");

  /** A plan without a sweep. */
  public Plan(String script, List<ParamValue> params, List<Step> steps) {
    this(script, params, steps, Optional.empty());
  }

  /** A plan whose script has no {@code backend} statement. */
  public Plan(String script, List<ParamValue> params, List<Step> steps, Optional<SweepSpec> sweep) {
    this(script, params, steps, sweep, Optional.empty());
  }

  public Plan {
    params = List.copyOf(params);
    steps = List.copyOf(steps);
    if (backend.isPresent() && !BACKEND_NAMES.contains(backend.get())) {
      throw new IllegalArgumentException("unknown backend " + backend.get());
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id() != i) {
        throw new IllegalArgumentException("step " + i + " has id " + steps.get(i).id());
      }
      for (int d : steps.get(i).dependsOn()) {
        if (d >= i) throw new IllegalArgumentException("step " + i + " depends on later step " + d);
      }
    }
  }

  /** A script parameter and the value the plan was built with. */
  public record ParamValue(String name, double value, boolean overridden) {}

  /** The step with the given id, cast to the expected kind. */
  public <S extends Step> S step(int id, Class<S> kind) {
    return kind.cast(steps.get(id));
  }
}
