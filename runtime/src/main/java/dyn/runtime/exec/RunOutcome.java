package dyn.runtime.exec;

import dyn.runtime.sink.Verdict;
import java.util.List;

/**
 * What a run produced.
 *
 * @param results the trajectories (possibly partial after a failure)
 * @param verdicts check verdicts in plan order (none when a step failed)
 * @param failures step failures in plan order
 */
public record RunOutcome(Results results, List<Verdict> verdicts, List<StepFailure> failures) {
  public RunOutcome {
    verdicts = List.copyOf(verdicts);
    failures = List.copyOf(failures);
  }

  /** True when a step failed (exit 3). */
  public boolean failed() {
    return !failures.isEmpty();
  }

  /** True when every check passed. */
  public boolean checksPassed() {
    return verdicts.stream().allMatch(v -> v.passed());
  }
}
