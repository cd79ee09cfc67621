package dyn.runtime.exec;

import dyn.compiler.plan.CompareStep;
import dyn.runtime.analysis.ComparisonResult;

/**
 * The outcome of one {@code compare} statement. A declaration that does not hold does not stop
 * the run; like a failed check it makes {@code dyn run} exit with status 1.
 *
 * @param stepId the compare step's id
 * @param name its script name
 * @param result what was measured: matched jumps or point-by-point errors
 * @param expect the verdict the script declared
 * @param table the comparison's table as printed, its title line first
 * @param line the verdict line as printed
 */
public record CompareVerdict(int stepId, String name, ComparisonResult result,
    CompareStep.Expect expect, String table, String line) {
  /** True when the comparison's verdict is the declared one. */
  public boolean passed() {
    return expect == CompareStep.Expect.PASS ? result.passed() : !result.passed() && !result.inconclusive();
  }
}
