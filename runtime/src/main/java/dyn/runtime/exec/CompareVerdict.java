package dyn.runtime.exec;

import dyn.runtime.analysis.StaircaseComparison;

/**
 * The outcome of one {@code compare} statement. A failed comparison does not stop the run; like
 * a failed check it makes {@code dyn run} exit with status 1.
 *
 * @param stepId the compare step's id
 * @param name its script name
 * @param result the matched jumps
 * @param line the verdict line as printed
 */
public record CompareVerdict(int stepId, String name, StaircaseComparison.Result result,
    String line) {
  public boolean passed() {
    return result.passed();
  }
}
