package dyn.compiler;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Plan;
import java.util.List;
import java.util.Optional;

/** The result of {@link Compiler#compile}: a plan when there were no errors, and all diagnostics. */
public record Compilation(Optional<Plan> plan, List<Diagnostic> diagnostics) {
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when a plan was produced (warnings allowed). */
  public boolean ok() {
    return plan.isPresent();
  }
}
