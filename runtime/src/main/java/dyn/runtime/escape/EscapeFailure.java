package dyn.runtime.escape;

/** The escape solver does not apply to this model or data; the message says why. */
public final class EscapeFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final String hint;

  public EscapeFailure(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** A suggestion for the user, or null. */
  public String hint() {
    return hint;
  }
}
