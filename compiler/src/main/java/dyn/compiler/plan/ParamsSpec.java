package dyn.compiler.plan;

/**
 * What a {@code report params("theta.npz", gd)} exports: the named parameter tensors of one train
 * at its start θ(0) and at its end θ(until), so that a run can be replayed outside dyn.
 *
 * @param train the train step's id
 * @param trainName the train's script name
 * @param format the file format, picked by the path's extension
 */
public record ParamsSpec(int train, String trainName, Format format) {
  /** File formats of a parameter export. */
  public enum Format {
    /** NumPy's archive of {@code .npy} arrays ({@code numpy.load} reads it). */
    NPZ,
    /** Nested JSON arrays, row-major. */
    JSON;

    /** The format a file name asks for, or null for an extension that is neither. */
    public static Format of(String path) {
      String p = path.toLowerCase(java.util.Locale.ROOT);
      if (p.endsWith(".npz")) return NPZ;
      if (p.endsWith(".json")) return JSON;
      return null;
    }
  }
}
