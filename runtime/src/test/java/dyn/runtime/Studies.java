package dyn.runtime;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built plan pieces for the standard studies of science/README.md §1. */
public final class Studies {
  private Studies() {}

  /**
   * A linear teacher: x = whiten(normal(d, n)), T = O_c diag(s) O_dᵀ, y = T x, teacher = T;
   * and x_test = normal(d, nTest), y_test = T x_test when nTest &gt; 0.
   */
  public static DataStep linearTeacher(int d, int c, int n, double[] s, int nTest, long seed) {
    GraphBuilder g = new GraphBuilder();
    int oc = g.orthogonal(c, seed * 10 + 1);
    int sv = g.constant(s.length, 1, s);
    int dg = g.diag(sv, c, d);
    int od = g.orthogonal(d, seed * 10 + 2);
    int t = g.matmul(g.matmul(oc, dg), g.transpose(od));
    int x = g.whiten(g.normal(d, n, seed * 10 + 3));
    int y = g.matmul(t, x);
    if (nTest > 0) {
      int xt = g.normal(d, nTest, seed * 10 + 4);
      int yt = g.matmul(t, xt);
      return new DataStep(0, "teacher", Origin.none(), g.build(x, y, xt, yt, t),
          List.of("x", "y", "x_test", "y_test", "teacher"));
    }
    return new DataStep(0, "teacher", Origin.none(), g.build(x, y, t),
        List.of("x", "y", "teacher"));
  }

  /** A scalar-output teacher y = β*ᵀ x on whitened Gaussian inputs. */
  public static DataStep diagonalTeacher(double[] beta, int n, long seed) {
    GraphBuilder g = new GraphBuilder();
    int d = beta.length;
    int x = g.whiten(g.normal(d, n, seed));
    int b = g.constant(1, d, beta);
    int y = g.matmul(b, x);
    return new DataStep(0, "diag", Origin.none(), g.build(x, y), List.of("x", "y"));
  }

  /** f = W2 W1 x, W1 width×d ~ N(0, 1/d), W2 c×width ~ N(0, 1/width), neurons [W1 row, W2 column]. */
  public static ModelSpec twoLayerLinear(int d, int width, int c) {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(d, 1);
    int w1 = g.param(0, width, d);
    int w2 = g.param(1, c, width);
    int f = g.matmul(w2, g.matmul(w1, x));
    List<ParamSpec> params = new ArrayList<>();
    params.add(new ParamSpec("W1", width, d, new ParamSpec.Distribution.Normal(0, 1.0 / d)));
    params.add(new ParamSpec("W2", c, width, new ParamSpec.Distribution.Normal(0, 1.0 / width)));
    ModelSpec.Neurons neurons = new ModelSpec.Neurons(width, List.of(
        new ModelSpec.Part(0, ModelSpec.Slice.ROW), new ModelSpec.Part(1, ModelSpec.Slice.COLUMN)));
    return new ModelSpec("two_layer", d, c, params, g.build(f), Optional.of(neurons), true);
  }

  /** f = (u ⊙ v)ᵀ x with u, v ~ constant(1), neurons [u entry, v entry]. */
  public static ModelSpec diagonal(int d) {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(d, 1);
    int u = g.param(0, d, 1);
    int v = g.param(1, d, 1);
    int f = g.matmul(g.transpose(g.binary(Op.BinaryFn.MUL, u, v)), x);
    List<ParamSpec> params = List.of(
        new ParamSpec("u", d, 1, new ParamSpec.Distribution.Constant(1)),
        new ParamSpec("v", d, 1, new ParamSpec.Distribution.Constant(1)));
    ModelSpec.Neurons neurons = new ModelSpec.Neurons(d, List.of(
        new ModelSpec.Part(0, ModelSpec.Slice.ENTRY), new ModelSpec.Part(1, ModelSpec.Slice.ENTRY)));
    return new ModelSpec("diagonal", d, 1, params, g.build(f), Optional.of(neurons), true);
  }

  public static ModelStep modelStep(ModelSpec model, double scale, long seed, InitSpec.Kind kind) {
    return new ModelStep(1, "net", Origin.none(), model,
        new InitSpec(scale, seed, kind, kind == InitSpec.Kind.ALIGNED ? 0 : -1));
  }

  public static TrainStep train(Dynamics dynamics, List<Double> times, Observable... obs) {
    return new TrainStep(2, "run", Origin.none(), 1, 0, TrainStep.Loss.MSE, dynamics, times,
        List.of(obs));
  }

  /** 0 followed by a log-spaced grid from t0 to t1. */
  public static List<Double> logGrid(double t0, double t1, int points) {
    List<Double> out = new ArrayList<>();
    out.add(0.0);
    for (int i = 0; i < points; i++) {
      out.add(t0 * Math.pow(t1 / t0, i / (double) (points - 1)));
    }
    return out;
  }

  /** A uniform grid 0, dt, …, t1. */
  public static List<Double> linearGrid(double t1, int intervals) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i <= intervals; i++) out.add(t1 * i / intervals);
    return out;
  }
}
