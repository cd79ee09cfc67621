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

  /**
   * The loss at θ(0), before any step, is not finite: the data or the initial parameters hold a
   * NaN or an infinity. Blamed on the learning rate or the tolerances before ("lower the learning
   * rate"), which cannot help.
   */
  public static TrainingFailure atStart(double loss) {
    return new TrainingFailure("the loss is " + (Double.isNaN(loss) ? "NaN" : "infinite")
        + " at θ(0), before any step: the data or the initial parameters are not finite", 0,
        "look for a nan or inf in a loaded data file, and for an init scale that overflows");
  }
}
