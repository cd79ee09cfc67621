package dyn.runtime.exec;

import dyn.compiler.plan.Origin;
import dyn.compiler.plan.Step;
import dyn.runtime.dynamics.TrainingFailure;
import java.util.Optional;

/**
 * A runtime failure as a value: which plan step failed, where it came from in the script, and
 * why. The CLI renders it like a compile diagnostic.
 *
 * @param stepId the failed step's id
 * @param stepLabel the step's label, {@code train gd}
 * @param origin the script statement of the step
 * @param message one line, no trailing period ({@code loss diverged at t = 3.2 (step 320)})
 * @param hint a suggestion, if any
 * @param internal the unexpected exception behind an internal error (shown only with --debug)
 */
public record StepFailure(
    int stepId, String stepLabel, Origin origin, String message, Optional<String> hint, Optional<Throwable> internal) {

  /** A training failure: NaN, divergence, integrator failure. */
  public static StepFailure of(Step step, TrainingFailure f) {
    return new StepFailure(step.id(), step.label(), step.origin(), f.getMessage(), Optional.ofNullable(f.hint()), Optional.empty());
  }

  /** A failure with a plain message (I/O). */
  public static StepFailure of(Step step, String message, String hint) {
    return new StepFailure(step.id(), step.label(), step.origin(), message, Optional.ofNullable(hint), Optional.empty());
  }

  /** An unexpected exception: a bug in dyn, not in the script. */
  public static StepFailure internal(Step step, Throwable e) {
    String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new StepFailure(step.id(), step.label(), step.origin(), "internal error: " + why,
        Optional.of("this is a bug in dyn; run again with --debug for the Java stack trace"), Optional.of(e));
  }

  /** True for a bug in dyn rather than a problem of the study. */
  public boolean isInternal() {
    return internal.isPresent();
  }

  /** The message with its step: {@code train gd: loss diverged at t = 3.2 (step 320)}. */
  public String describe() {
    return stepLabel + ": " + message;
  }
}
