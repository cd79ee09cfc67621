package dyn.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.GraphBuilder;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.Program;
import dyn.runtime.model.FlatParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Jacobian-free route of the empirical NTK against the per-sample reverse passes, which build
 * J row by row and form (J√M)(J√M)ᵀ: the two must agree to round-off on every model the route
 * accepts, and the route must refuse models it cannot do (the per-sample route then runs).
 */
class LayerGramTest {
  private static final int D = 5;
  private static final int N = 7;

  /**
   * A chain d → widths… → out; with {@code multipliers}, each tensor's forward multiplier is a
   * constant node (W·c) @ h and its learning-rate multiplier differs, as a parametrization
   * writes them; {@code gamma} divides the output; {@code bias} adds b after the first layer.
   */
  private static ModelSpec chain(int[] widths, int out, Op.UnaryFn act, boolean multipliers,
      double gamma, boolean bias) {
    GraphBuilder g = new GraphBuilder();
    int h = g.input(D, 1);
    List<ParamSpec> params = new ArrayList<>();
    int in = D;
    int p = 0;
    for (int l = 0; l <= widths.length; l++) {
      int rows = l < widths.length ? widths[l] : out;
      int w = g.param(p, rows, in);
      ParamSpec spec = new ParamSpec("W" + (l + 1), rows, in,
          new ParamSpec.Distribution.Normal(0, 1.0 / in));
      if (multipliers) {
        double c = 1 / Math.sqrt(in);
        spec = spec.withScaling(new ParamSpec.Scaling(ParamSpec.Role.HIDDEN, 1, c, 0.5 + l));
        w = g.binary(Op.BinaryFn.MUL, w, g.constant(1, 1, c));
      }
      params.add(spec);
      p++;
      h = g.matmul(w, h);
      if (bias && l == 0) {
        int b = g.param(p++, rows, 1);
        params.add(new ParamSpec("b1", rows, 1, new ParamSpec.Distribution.Normal(0, 1)));
        h = g.binary(Op.BinaryFn.ADD, h, b);
      }
      if (l < widths.length) h = g.unary(act, h);
      in = rows;
    }
    if (gamma != 1) h = g.binary(Op.BinaryFn.DIV, h, g.constant(1, 1, gamma));
    return new ModelSpec("chain", D, out, params, g.build(h), Optional.empty(), false);
  }

  /** The route's forward pass is the model's: its outputs are a separate program's, bit for bit. */
  @Test
  void lastOutputIsTheModelsForwardPass() {
    ModelSpec model = chain(new int[] {12, 9}, 2, Op.UnaryFn.RELU, true, 4, false);
    double[] x = inputs();
    double[] theta = theta(model);
    JacobianKernel kernel = new JacobianKernel(model, x, N);
    kernel.at(theta);
    Program forward = Program.compileGeneric(model.forward(), FlatParams.shapes(model), D, N,
        CpuBackend.INSTANCE);
    forward.setParams(theta);
    forward.setInput(x);
    forward.forward();
    assertArrayEquals(forward.output(0), kernel.lastOutput());
    assertNull(new JacobianKernel(model, x, N, false).lastOutput(), "per-sample route: no pass");
  }

  private static double[] inputs() {
    Random r = new Random(3);
    double[] x = new double[D * N];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    return x;
  }

  private static double[] theta(ModelSpec model) {
    int count = 0;
    for (int[] s : FlatParams.shapes(model)) count += s[0] * s[1];
    Random r = new Random(5);
    double[] t = new double[count];
    for (int i = 0; i < count; i++) t[i] = r.nextGaussian() * 0.7;
    return t;
  }

  private static void agree(ModelSpec model) {
    double[] x = inputs();
    JacobianKernel fast = new JacobianKernel(model, x, N, true);
    JacobianKernel slow = new JacobianKernel(model, x, N, false);
    assertNotNull(LayerGram.of(model, FlatParams.shapes(model), x, N), "the route should apply");
    double[] theta = theta(model);
    double[] a = fast.at(theta);
    double[] b = slow.at(theta);
    double scale = 0;
    for (double v : b) scale = Math.max(scale, Math.abs(v));
    assertEquals(b.length, a.length);
    for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-12 * scale, "entry " + i);
  }

  @Test
  void twoLayerReluOneOutput() {
    agree(chain(new int[] {16}, 1, Op.UnaryFn.RELU, false, 1, false));
  }

  @Test
  void deepTanhWithThreeOutputsCouplesTheOutputs() {
    agree(chain(new int[] {8, 6, 4}, 3, Op.UnaryFn.TANH, false, 1, false));
  }

  @Test
  void parametrizationMultipliersAndOutputScale() {
    agree(chain(new int[] {12, 9}, 2, Op.UnaryFn.RELU, true, 4, false));
  }

  @Test
  void aBiasOrAProductOfParametersIsLeftToThePerSampleRoute() {
    ModelSpec biased = chain(new int[] {8}, 1, Op.UnaryFn.RELU, false, 1, true);
    assertNull(LayerGram.of(biased, FlatParams.shapes(biased), inputs(), N));
    // f = (W2 W1) x: W2's product does not carry the samples.
    GraphBuilder g = new GraphBuilder();
    int x = g.input(D, 1);
    int w1 = g.param(0, 4, D);
    int w2 = g.param(1, 1, 4);
    ModelSpec product = new ModelSpec("product", D, 1, List.of(
        new ParamSpec("W1", 4, D, new ParamSpec.Distribution.Normal(0, 1)),
        new ParamSpec("W2", 1, 4, new ParamSpec.Distribution.Normal(0, 1))),
        g.build(g.matmul(g.matmul(w2, w1), x)), Optional.empty(), true);
    assertNull(LayerGram.of(product, FlatParams.shapes(product), inputs(), N));
    // A sum over the samples mixes them.
    GraphBuilder s = new GraphBuilder();
    int xs = s.input(D, 1);
    int hs = s.matmul(s.param(0, 1, D), xs);
    ModelSpec mixing = new ModelSpec("mixing", D, 1, List.of(
        new ParamSpec("W", 1, D, new ParamSpec.Distribution.Normal(0, 1))),
        s.build(s.binary(Op.BinaryFn.SUB, hs, s.sum(Op.Axis.COLUMNS, hs))), Optional.empty(), true);
    assertNull(LayerGram.of(mixing, FlatParams.shapes(mixing), inputs(), N));
  }
}
