package dyn.compiler.data;

/**
 * A data file or data input that cannot be used, with a message that names the file and what
 * is wrong in it ({@code x.npy: truncated: the header promises 800 bytes of data, the file has
 * 792}). The checker turns it into a positioned diagnostic, the runtime into a step failure.
 */
public final class DataException extends RuntimeException {
  public DataException(String message) {
    super(message);
  }
}
