package dyn.runtime.dynamics;

/**
 * Training stopped on bad numbers: a NaN or infinite loss or parameter, or a loss that grew by
 * orders of magnitude (divergence), or an integrator that could not meet its tolerance.
 * The executor turns it into a diagnostic naming the plan step and its script line.
 */
public final class TrainingFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final double time;
  private final String hint;

  public TrainingFailure(String message, double time, String hint) {
    super(message);
    this.time = time;
    this.hint = hint;
  }

  /** The GF time at which training stopped. */
  public double time() {
    return time;
  }

  /** A suggestion for the user ("lower lr"), or null. */
  public String hint() {
    return hint;
  }
}
