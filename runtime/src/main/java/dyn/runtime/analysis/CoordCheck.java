package dyn.runtime.analysis;

import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinate check of μP (Yang et al.): at each width, full-batch GD on the canonical loss
 * (C0.1) for a few steps from the width's own θ(0), recording for every tensor with a layer role
 * the size of that layer's output ("coordinates") and of its change since step 0:
 *
 * <ul>
 *   <li>{@code |h|} at step t: mean over entries and samples of |h_t|, h the product W·z of an
 *       input or hidden tensor (forward multiplier included), or the model output f for the
 *       output tensor;
 *   <li>{@code |Δh|} at step t ≥ 1: mean |h_t − h_0|.
 * </ul>
 *
 * A parametrization is width-consistent when these stay Θ(1) in the width: under μP every row's
 * log-log slope against width is near 0 once t ≥ 1, while under SP at fixed lr the output's
 * update grows like n and the input layer's like n^{−1/2}.
 */
public final class CoordCheck {
  private CoordCheck() {}

  /** One table row: a statistic of one tensor's layer at one step, per width, with its slope. */
  public record Row(String tensor, ParamSpec.Role role, String stat, int step, double[] values,
      double slope) {}

  /** The rows, tensor by tensor, |h| steps 0…K then |Δh| steps 1…K. */
  public record Result(CoordCheckSpec spec, List<Row> rows) {}

  /** Runs the check on the data's x and y. */
  public static Result run(CoordCheckSpec spec, Dataset data) {
    Matrix x = data.get("x").orElseThrow(() -> new IllegalStateException("dataset has no x"));
    Matrix y = data.get("y").orElseThrow(() -> new IllegalStateException("dataset has no y"));
    int widths = spec.widths().size();
    int steps = spec.steps();
    ModelSpec first = spec.models().get(0);
    List<Integer> tracked = new ArrayList<>();
    for (int p = 0; p < first.params().size(); p++) {
      if (first.params().get(p).scaling().role() != ParamSpec.Role.NONE) tracked.add(p);
    }
    // act[w][k][t] = mean |h| of tracked tensor k at step t; delta likewise for |h_t − h_0|.
    double[][][] act = new double[widths][tracked.size()][steps + 1];
    double[][][] delta = new double[widths][tracked.size()][steps + 1];
    for (int w = 0; w < widths; w++) {
      trace(spec.models().get(w), spec, tracked, x, y, act[w], delta[w]);
    }
    double[] logWidth = new double[widths];
    for (int w = 0; w < widths; w++) logWidth[w] = Math.log(spec.widths().get(w));
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < tracked.size(); k++) {
      ParamSpec ps = first.params().get(tracked.get(k));
      for (int pass = 0; pass < 2; pass++) {
        for (int t = pass; t <= steps; t++) {
          double[] v = new double[widths];
          for (int w = 0; w < widths; w++) v[w] = (pass == 0 ? act : delta)[w][k][t];
          rows.add(new Row(ps.name(), ps.scaling().role(), pass == 0 ? "|h|" : "|Δh|", t, v,
              slope(logWidth, v)));
        }
      }
    }
    return new Result(spec, rows);
  }

  /** GD steps 0…K on one width's model, filling act[k][t] and delta[k][t]. */
  private static void trace(ModelSpec model, CoordCheckSpec spec, List<Integer> tracked,
      Matrix x, Matrix y, double[][] act, double[][] delta) {
    int n = x.cols;
    Graph g = model.forward();
    List<Integer> outputs = new ArrayList<>(g.outputs());
    for (int p : tracked) {
      outputs.add(model.params().get(p).scaling().role() == ParamSpec.Role.OUTPUT
          ? g.outputs().get(0) : layerNode(g, p));
    }
    Program program = Program.compile(new Graph(g.nodes(), outputs), FlatParams.shapes(model),
        model.inputDim(), n, CpuBackend.INSTANCE);
    program.setInput(x.data);
    double[] theta = FlatParams.flatten(Initializer.draw(model, spec.init()));
    double[] lrScale = FlatParams.lrMultipliers(model);
    double[] grad = new double[theta.length];
    double[] seed = new double[y.data.length];
    double[][] h0 = new double[tracked.size()][];
    for (int t = 0; ; t++) {
      program.setParams(theta);
      program.forward();
      for (int k = 0; k < tracked.size(); k++) {
        double[] h = program.output(k + 1);
        if (t == 0) h0[k] = h.clone();
        double sa = 0;
        double sd = 0;
        for (int i = 0; i < h.length; i++) {
          sa += Math.abs(h[i]);
          sd += Math.abs(h[i] - h0[k][i]);
        }
        act[k][t] = sa / h.length;
        delta[k][t] = sd / h.length;
      }
      if (t == spec.steps()) return;
      double[] f = program.output(0);
      for (int i = 0; i < seed.length; i++) seed[i] = (f[i] - y.data[i]) / n;
      program.backward(0, seed);
      program.paramGradient(grad);
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= spec.lr() * (lrScale == null ? 1.0 : lrScale[i]) * grad[i];
      }
    }
  }

  /**
   * The product W·z that tensor p is the left factor of: {@code Param(p) @ z}, or
   * {@code (Param(p) * m) @ z} after a forward multiplier.
   */
  static int layerNode(Graph g, int p) {
    List<Graph.Node> nodes = g.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      if (!(nodes.get(i).op() instanceof Op.MatMul)) continue;
      int a = ((Op.MatMul) nodes.get(i).op()).a();
      Op left = nodes.get(a).op();
      if (left instanceof Op.Binary && ((Op.Binary) left).fn() == Op.BinaryFn.MUL) {
        left = nodes.get(((Op.Binary) left).a()).op();
      }
      if (left instanceof Op.Param && ((Op.Param) left).index() == p) return i;
    }
    throw new IllegalArgumentException("parameter " + p + " is not the left factor of a product");
  }

  /** Least-squares slope of ln v against ln width; NaN when some value is not positive. */
  static double slope(double[] logWidth, double[] v) {
    int n = v.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      if (!(v[i] > 0) || !Double.isFinite(v[i])) return Double.NaN;
      mx += logWidth[i];
      my += Math.log(v[i]);
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (logWidth[i] - mx) * (Math.log(v[i]) - my);
      sxx += (logWidth[i] - mx) * (logWidth[i] - mx);
    }
    return sxy / sxx;
  }
}
