package dyn.cli.slurm;

/** A Slurm command failed; the message says which and what it printed. */
public final class SlurmException extends Exception {
  private static final long serialVersionUID = 1L;

  public SlurmException(String message) {
    super(message);
  }
}
