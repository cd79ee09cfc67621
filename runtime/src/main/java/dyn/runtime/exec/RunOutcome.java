package dyn.runtime.exec;

import dyn.runtime.sink.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced.
 *
 * @param results the trajectories (possibly partial after a failure)
 * @param verdicts check verdicts in plan order (none when a step failed)
 * @param failures step failures in plan order
 * @param compares compare verdicts in plan order (none when a step failed)
 * @param written the files the run wrote, whole (atomically), in the order written; a manifest
 *     hashes exactly these
 */
public record RunOutcome(Results results, List<Verdict> verdicts, List<StepFailure> failures,
    List<CompareVerdict> compares, List<Path> written) {
  public RunOutcome {
    verdicts = List.copyOf(verdicts);
    failures = List.copyOf(failures);
    compares = List.copyOf(compares);
    written = List.copyOf(written);
  }

  /** An outcome that wrote no files. */
  public RunOutcome(Results results, List<Verdict> verdicts, List<StepFailure> failures,
      List<CompareVerdict> compares) {
    this(results, verdicts, failures, compares, List.of());
  }

  /** An outcome of a plan without {@code compare} statements. */
  public RunOutcome(Results results, List<Verdict> verdicts, List<StepFailure> failures) {
    this(results, verdicts, failures, List.of());
  }

  /** True when a step failed (exit 3). */
  public boolean failed() {
    return !failures.isEmpty();
  }

  /** True when every check and every comparison passed. */
  public boolean checksPassed() {
    return verdicts.stream().allMatch(v -> v.passed())
        && compares.stream().allMatch(CompareVerdict::passed);
  }
}
