package dyn.runtime.backend;

/**
 * A dense row-major matrix of doubles. The runtime's value type on the CPU; a vector is r×1 and
 * a scalar 1×1.
 */
public final class Matrix {
  public final int rows;
  public final int cols;
  public final double[] data;

  public Matrix(int rows, int cols) {
    this(rows, cols, new double[rows * cols]);
  }

  public Matrix(int rows, int cols, double[] data) {
    if (data.length != rows * cols) {
      throw new IllegalArgumentException(rows + "x" + cols + " needs " + rows * cols + " values");
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public double get(int r, int c) {
    return data[r * cols + c];
  }

  public void set(int r, int c, double v) {
    data[r * cols + c] = v;
  }

  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }
}
