package dyn.compiler.data;

/**
 * A loaded file as a matrix: {@code rows × cols}, row-major. A 1-D array of n values is a row
 * (1 × n, what a label row is); an array of shape (n, d1, d2, …) is n × (d1·d2·…), one row per
 * leading index (an MNIST image file is n × 784).
 */
public record Shape(int rows, int cols) {
  /** The matrix of an array with these dimensions; refuses sizes beyond one Java array. */
  static Shape ofDims(String file, long[] dims) {
    if (dims.length == 0) return new Shape(1, 1);
    if (dims.length == 1) return new Shape(1, checked(file, dims[0]));
    long rest = 1;
    for (int k = 1; k < dims.length; k++) rest = Math.multiplyExact(rest, dims[k]);
    checked(file, Math.multiplyExact(dims[0], rest));
    return new Shape(checked(file, dims[0]), checked(file, rest));
  }

  private static int checked(String file, long n) {
    if (n < 0 || n > Integer.MAX_VALUE - 8) {
      throw new DataException(file + ": " + n + " values are more than one array can hold");
    }
    return (int) n;
  }

  public long size() {
    return (long) rows * cols;
  }
}
