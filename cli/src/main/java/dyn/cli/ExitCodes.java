package dyn.cli;

/** The exit codes of {@code dyn}, documented in the README. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Everything ran and every check passed. */
  public static final int OK = 0;
  /** The study ran, but a declared check failed. */
  public static final int CHECK_FAILED = 1;
  /** A usage error or an error in the script. */
  public static final int USAGE_OR_SCRIPT = 2;
  /** A runtime failure: divergence, NaN, I/O, or an internal error. */
  public static final int RUNTIME = 3;
}
