package dyn.runtime.sweep;

import dyn.compiler.plan.Plan;
import java.util.Map;

/**
 * Compiles the script at one point (its values as param overrides). The runtime cannot compile
 * (it sees only plans), so the command line supplies this.
 */
@FunctionalInterface
public interface PointCompiler {
  /**
   * @param values the point's params as override text, {@code lr -> "0.3"}
   * @throws Failure with the rendered diagnostics when the script does not compile there
   */
  Plan compile(Map<String, String> values) throws Failure;

  /** The script has errors at this point (say, a width that became 0). */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String diagnostics) {
      super(diagnostics);
    }
  }
}
