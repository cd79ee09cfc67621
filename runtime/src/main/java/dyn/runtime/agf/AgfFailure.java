package dyn.runtime.agf;

/** AGF cannot be applied to this model, data or initialisation; the message says why. */
public final class AgfFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final String hint;

  public AgfFailure(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** A suggestion for the user, or null. */
  public String hint() {
    return hint;
  }
}
