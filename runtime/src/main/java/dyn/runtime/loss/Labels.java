package dyn.runtime.loss;

import dyn.compiler.plan.TrainStep;
import java.util.Locale;

/**
 * What labels a loss accepts, and accuracy. Labels come in two layouts: K×n columns (one-hot or
 * probability vectors, or regression targets for {@code mse}) and a 1×n row (a class index per
 * sample for {@code cross_entropy} with K ≥ 2 outputs, or ±1 for one output). The shapes were
 * checked by the compiler; the values are data, so they are checked here before training.
 */
public final class Labels {
  private Labels() {}

  /** Tolerance on "sums to 1" for one-hot or probability columns (data written in decimal). */
  private static final double SUM_TOL = 1e-9;

  /**
   * Why labels y (rows×n) cannot be used with {@code loss} on {@code outRows} outputs, or null
   * when they can.
   *
   * @param which "y" or "y_test", for the message
   */
  public static String problem(TrainStep.Loss loss, int outRows, double[] y, int rows, int n,
      String which) {
    switch (loss) {
      case MSE:
      case BARLOW_TWINS: // compares two views; labels, if any, are not read
        return null;
      case CROSS_ENTROPY:
        if (rows == 1) {
          for (int j = 0; j < n; j++) {
            double v = y[j];
            if (v != Math.rint(v) || v < 0 || v >= outRows) {
              return String.format(Locale.ROOT, "%s[0, %d] = %s is not a class index 0 … %d"
                  + " (the model has %d outputs)", which, j, num(v), outRows - 1, outRows);
            }
          }
          return null;
        }
        for (int j = 0; j < n; j++) {
          double s = 0.0;
          for (int k = 0; k < rows; k++) {
            double v = y[k * n + j];
            if (!(v >= 0)) {
              return String.format(Locale.ROOT, "%s[%d, %d] = %s is negative; cross_entropy"
                  + " labels are one-hot (or probability) columns", which, k, j, num(v));
            }
            s += v;
          }
          if (Math.abs(s - 1.0) > SUM_TOL) {
            return String.format(Locale.ROOT, "column %d of %s sums to %s, not 1; cross_entropy"
                + " labels are one-hot (or probability) columns", j, which, num(s));
          }
        }
        return null;
      case LOGISTIC:
      case HINGE:
        for (int j = 0; j < n; j++) {
          if (y[j] != 1.0 && y[j] != -1.0) {
            return String.format(Locale.ROOT, "%s[0, %d] = %s; %s labels are -1 or +1", which,
                j, num(y[j]), loss.name().toLowerCase(Locale.ROOT));
          }
        }
        return null;
      default:
        throw new IllegalArgumentException("unknown loss " + loss);
    }
  }

  /**
   * The fraction of the n samples classified correctly. With K ≥ 2 outputs the prediction is
   * argmax_k f_k (ties → the lowest index), compared with the label's class: the index of a 1×n
   * row, or argmax of a K×n column. With one output the prediction is sign(f) (f = 0 counts as
   * −1), compared with sign(y).
   */
  public static double accuracy(double[] f, int outRows, double[] y, int labelRows, int n) {
    int[] label = classes(y, labelRows, outRows, n);
    int right = 0;
    for (int j = 0; j < n; j++) {
      int predicted = outRows == 1 ? (f[j] > 0 ? 1 : 0) : argmax(f, outRows, n, j);
      if (predicted == label[j]) right++;
    }
    return (double) right / n;
  }

  /**
   * Each sample's class, as {@link #accuracy} reads labels: with one output, 1 where y &gt; 0 and
   * 0 elsewhere (±1 labels); else the index of a 1×n row, or argmax of a K×n column (one-hot
   * labels; ties → the lowest index).
   */
  public static int[] classes(double[] y, int labelRows, int outRows, int n) {
    int[] out = new int[n];
    for (int j = 0; j < n; j++) {
      out[j] = outRows == 1 ? (y[j] > 0 ? 1 : 0)
          : labelRows == 1 ? (int) y[j] : argmax(y, labelRows, n, j);
    }
    return out;
  }

  private static int argmax(double[] a, int rows, int n, int col) {
    int best = 0;
    for (int k = 1; k < rows; k++) if (a[k * n + col] > a[best * n + col]) best = k;
    return best;
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }
}
