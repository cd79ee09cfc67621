package dyn.runtime.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one declared check.
 *
 * @param stepId the check step's id
 * @param text the check as written ({@code final(gf.loss) < 1e-6})
 * @param passed whether the comparison held (for every component)
 * @param value the value shown in the verdict (the side of the comparison that reads series; for
 *     a vector, its worst component: the one that fails by most or holds by least)
 * @param values every component of that side (one entry for a scalar)
 * @param worst the index of the worst component in {@code values}
 * @param failing how many components fail the comparison
 * @param error why the check could not be evaluated (then it did not pass)
 * @param labels what each component is, where it has a name ({@code gamma = 0.1} for a table of
 *     sweep results over gamma); empty for a vector series, whose components are numbered
 */
public record Verdict(int stepId, String text, boolean passed, double value, double[] values, int worst,
    int failing, Optional<String> error, List<String> labels) {
  /** Listed in the verdict line up to this many components; a wider vector ends with "…". */
  private static final int LISTED = 8;

  public Verdict {
    labels = List.copyOf(labels);
    if (!labels.isEmpty() && labels.size() != values.length) {
      throw new IllegalArgumentException("one label per component, or none");
    }
  }

  /** A scalar verdict. */
  public Verdict(int stepId, String text, boolean passed, double value, Optional<String> error) {
    this(stepId, text, passed, value, new double[] {value}, 0, passed ? 0 : 1, error, List.of());
  }

  /** A verdict over the components of the shown side, numbered. */
  public Verdict(int stepId, String text, boolean passed, double[] values, int worst, int failing,
      Optional<String> error) {
    this(stepId, text, passed, values, worst, failing, error, List.of());
  }

  /** A verdict over the components of the shown side, each named by a label. */
  public Verdict(int stepId, String text, boolean passed, double[] values, int worst, int failing,
      Optional<String> error, List<String> labels) {
    this(stepId, text, passed, values[worst], values.clone(), worst, failing, error, labels);
  }

  /** True when the check compared several components. */
  public boolean isVector() {
    return values.length > 1;
  }

  /**
   * {@code check final(gf.loss) < 1e-6: PASS (value 3.2e-9)}; a vector says how many components
   * failed, which one is worst and lists them: {@code FAIL (3 of 4 components fail; worst [3] = 1;
   * values 5, 3, 2, 1)}, naming the worst by its label where components have them ({@code worst
   * at gamma = 0.1: 1}).
   */
  public String line() {
    String shown = text.startsWith("check ") ? text : "check " + text;
    if (error.isPresent()) return shown + ": FAIL (" + error.get() + ")";
    String verdict = shown + ": " + (passed ? "PASS" : "FAIL");
    if (!isVector()) return verdict + " (value " + Num.format(value) + ")";
    List<String> listed = new ArrayList<>();
    for (int k = 0; k < Math.min(values.length, LISTED); k++) listed.add(Num.format(values[k]));
    if (values.length > LISTED) listed.add("…");
    String count = passed ? "all " + values.length + " components hold"
        : failing + " of " + values.length + " components fail";
    String which = labels.isEmpty() ? "worst [" + worst + "] = " : "worst at " + labels.get(worst) + ": ";
    return verdict + " (" + count + "; " + which + Num.format(value) + "; values "
        + String.join(", ", listed) + ")";
  }
}
