package dyn.runtime.model;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat layout of θ used by the dynamics: parameters concatenated in declaration order, each
 * row-major. It matches {@code dyn.runtime.graph.Program}'s parameter offsets.
 */
public final class FlatParams {
  private FlatParams() {}

  /** {rows, cols} per parameter, for {@code Program.compile}. */
  public static int[][] shapes(ModelSpec model) {
    int[][] s = new int[model.params().size()][];
    for (int p = 0; p < s.length; p++) {
      ParamSpec ps = model.params().get(p);
      s[p] = new int[] {ps.rows(), ps.cols()};
    }
    return s;
  }

  /**
   * Each coordinate's learning-rate multiplier (its tensor's {@link ParamSpec.Scaling#lr()}), or
   * null when every one is 1, so the dynamics keep their plain update bit for bit.
   */
  public static double[] lrMultipliers(ModelSpec model) {
    if (!model.hasLrMultipliers()) return null;
    double[] out = new double[model.parameterCount()];
    int off = 0;
    for (ParamSpec ps : model.params()) {
      int len = ps.rows() * ps.cols();
      java.util.Arrays.fill(out, off, off + len, ps.scaling().lr());
      off += len;
    }
    return out;
  }

  /** θ as one vector. */
  public static double[] flatten(Parameters params) {
    int total = 0;
    for (Matrix m : params.values()) total += m.data.length;
    double[] out = new double[total];
    int off = 0;
    for (Matrix m : params.values()) {
      System.arraycopy(m.data, 0, out, off, m.data.length);
      off += m.data.length;
    }
    return out;
  }

  /** The vector back as matrices shaped by the model. */
  public static Parameters unflatten(ModelSpec model, double[] theta) {
    List<Matrix> out = new ArrayList<>();
    int off = 0;
    for (ParamSpec ps : model.params()) {
      int len = ps.rows() * ps.cols();
      double[] d = new double[len];
      System.arraycopy(theta, off, d, 0, len);
      out.add(new Matrix(ps.rows(), ps.cols(), d));
      off += len;
    }
    return new Parameters(out);
  }
}
