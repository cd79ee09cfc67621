package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A declared expectation, evaluated after the series it reads exist. A false check does not stop
 * the run; it makes {@code dyn run} exit with status 1 after all reports are written.
 *
 * @param condition the comparison to evaluate
 * @param text the check as written in the script, for the verdict line
 */
public record CheckStep(int id, String name, Origin origin, CheckExpr condition, String text)
    implements Step {
  @Override
  public List<Integer> dependsOn() {
    List<Integer> ids = new ArrayList<>();
    condition.collectTrains(ids);
    ids.sort(null);
    return ids;
  }
}
