package dyn.runtime.sink;

import java.util.Optional;

/**
 * The outcome of one declared check.
 *
 * @param stepId the check step's id
 * @param text the check as written ({@code final(gf.loss) < 1e-6})
 * @param passed whether the comparison held
 * @param value the value shown in the verdict (the side of the comparison that reads series)
 * @param error why the check could not be evaluated (then it did not pass)
 */
public record Verdict(int stepId, String text, boolean passed, double value, Optional<String> error) {
  /** {@code check final(gf.loss) < 1e-6: PASS (value 3.2e-9)}. */
  public String line() {
    String shown = text.startsWith("check ") ? text : "check " + text;
    if (error.isPresent()) return shown + ": FAIL (" + error.get() + ")";
    return shown + ": " + (passed ? "PASS" : "FAIL") + " (value " + Num.format(value) + ")";
  }
}
