package dyn.runtime.kernel;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.graph.Program;

/**
 * The empirical NTK without the Jacobian, for models whose every parameter W enters once, as the
 * left factor of a product W @ h (or (c·W) @ h, c a parametrization's constant forward
 * multiplier), in a graph that treats the samples independently (products from the left,
 * elementwise functions, broadcasts). Then sample μ's gradient of f_c with respect to W is the
 * outer product c Δ^c(:, μ) h(:, μ)ᵀ, Δ^c the adjoint of the product W @ h in a backward pass of
 * the whole batch seeded with ones in output row c, so
 *
 * <pre>Θ[(μ,c), (ν,c')] = Σ_W m_W c² (Δ^c(:,μ) · Δ^{c'}(:,ν)) (h(:,μ) · h(:,ν))</pre>
 *
 * (m_W the learning-rate multiplier): one batched forward pass, one backward pass per output and
 * a few n×n products per tensor, in place of n·c batch-of-one reverse passes and the (n·c)×P
 * Jacobian's Gram product. Dense chains under any parametrization and output scale qualify; a
 * bias, a parameter used twice or any op that mixes samples does not ({@link #of} says null).
 */
final class LayerGram {
  private final Program batch;
  private final int n;
  private final int out;
  /** Per used tensor: the node of W @ h (or (c·W) @ h). */
  private final int[] products;
  /** Per used tensor: the node h. */
  private final int[] factors;
  /** Per used tensor: m_W c². */
  private final double[] weights;

  private LayerGram(Program batch, int n, int out, int[] products, int[] factors,
      double[] weights) {
    this.batch = batch;
    this.n = n;
    this.out = out;
    this.products = products;
    this.factors = factors;
    this.weights = weights;
  }

  /**
   * The route for this model on n samples, or null when the model is not of that form.
   *
   * @param x the inputs, d×n row-major
   */
  static LayerGram of(ModelSpec model, int[][] shapes, double[] x, int n) {
    Graph g = model.forward();
    if (g.outputs().size() != 1) return null;
    int size = g.nodes().size();
    boolean[] sampled = new boolean[size];
    int[] consumers = new int[size];
    int[] consumer = new int[size];
    for (int i = 0; i < size; i++) {
      Op op = g.nodes().get(i).op();
      sampled[i] = op instanceof Op.Input;
      for (int in : op.inputs()) {
        sampled[i] |= sampled[in];
        consumers[in]++;
        consumer[in] = i;
      }
    }
    int tensors = model.params().size();
    int[] products = new int[tensors];
    int[] factors = new int[tensors];
    double[] weights = new double[tensors];
    int used = 0;
    boolean[] seen = new boolean[tensors];
    for (int i = 0; i < size; i++) {
      Op op = g.nodes().get(i).op();
      if (!(op instanceof Op.Param)) continue;
      int p = ((Op.Param) op).index();
      if (seen[p]) return null; // one node per tensor
      seen[p] = true;
      if (consumers[i] == 0) continue; // unused: no gradient, nothing in Θ
      if (consumers[i] != 1) return null;
      int left = i;
      double scale = 1.0;
      Op next = g.nodes().get(consumer[i]).op();
      if (next instanceof Op.Binary && ((Op.Binary) next).fn() == Op.BinaryFn.MUL) {
        Op.Binary mul = (Op.Binary) next;
        Double c = scalarConstant(g, mul.a() == i ? mul.b() : mul.a());
        if (c == null || consumers[consumer[i]] != 1) return null;
        scale = c;
        left = consumer[i];
        next = g.nodes().get(consumer[left]).op();
      }
      if (!(next instanceof Op.MatMul) || ((Op.MatMul) next).a() != left) return null;
      if (!sampled[consumer[left]]) return null; // W @ (something sample-free): not per sample
      products[used] = consumer[left];
      factors[used] = ((Op.MatMul) next).b();
      ParamSpec ps = model.params().get(p);
      weights[used] = ps.scaling().lr() * scale * scale;
      used++;
    }
    // Shapes are checked last, on the compiled batch: a model refused by the structure above
    // costs no compilation.
    Program batch = Program.compileGeneric(g, shapes, model.inputDim(), n, CpuBackend.INSTANCE);
    for (int i = 0; i < size; i++) {
      if (sampled[i] && !samplewise(g.nodes().get(i).op(), sampled, batch, n)) return null;
    }
    batch.setInput(x);
    return new LayerGram(batch, n, model.outputDim(), java.util.Arrays.copyOf(products, used),
        java.util.Arrays.copyOf(factors, used), java.util.Arrays.copyOf(weights, used));
  }

  /**
   * Whether a node that carries the samples keeps them apart: a product from the left by
   * something sample-free, an elementwise function, or an elementwise combination (a sample-free
   * operand broadcast over the columns).
   */
  private static boolean samplewise(Op op, boolean[] sampled, Program batch, int n) {
    if (op instanceof Op.Input || op instanceof Op.Unary || op instanceof Op.Power) return true;
    if (op instanceof Op.MatMul) {
      Op.MatMul m = (Op.MatMul) op;
      return !sampled[m.a()] && batch.nodeCols(m.b()) == n;
    }
    if (op instanceof Op.Binary) {
      Op.Binary b = (Op.Binary) op;
      for (int in : new int[] {b.a(), b.b()}) {
        if (sampled[in] && batch.nodeCols(in) != n) return false;
      }
      return true;
    }
    return false;
  }

  /** The value of a 1×1 constant node, or null. */
  private static Double scalarConstant(Graph g, int node) {
    Op op = g.nodes().get(node).op();
    if (!(op instanceof Op.Constant) || ((Op.Constant) op).values().size() != 1) return null;
    return ((Op.Constant) op).values().get(0);
  }

  /**
   * The model's outputs (c×n, row-major) at the θ of the last {@link #at} call: its forward pass
   * is the one the route needs anyway, so a caller that also wants f(θ) need not compile and run
   * another program on the same inputs.
   */
  double[] output() {
    return batch.output(0);
  }

  /** Θ at θ, row-major (n·c)×(n·c), row index i·c + c'. */
  double[] at(double[] theta) {
    batch.setParams(theta);
    batch.forward();
    int tensors = products.length;
    double[][][] adjoints = new double[out][tensors][];
    double[] seed = new double[out * n];
    for (int c = 0; c < out; c++) {
      java.util.Arrays.fill(seed, 0.0);
      java.util.Arrays.fill(seed, c * n, (c + 1) * n, 1.0);
      batch.backward(0, seed);
      // The last backward pass's adjoints are read before the program runs again: no copy.
      for (int t = 0; t < tensors; t++) {
        double[] adjoint = batch.nodeAdjoint(products[t]);
        adjoints[c][t] = c == out - 1 ? adjoint : adjoint.clone();
      }
    }
    int size = n * out;
    double[] kernel = new double[size * size];
    double[] inner = new double[n * n];
    double[] outer = new double[n * n];
    for (int t = 0; t < tensors; t++) {
      CpuBackend.gramColumns(n, batch.nodeRows(factors[t]), batch.nodeValue(factors[t]), inner);
      int rows = batch.nodeRows(products[t]);
      for (int c = 0; c < out; c++) {
        for (int c2 = 0; c2 < out; c2++) {
          if (c == c2) {
            CpuBackend.gramColumns(n, rows, adjoints[c][t], outer);
          } else {
            CpuBackend.INSTANCE.gemm(true, false, n, n, rows, adjoints[c][t], adjoints[c2][t],
                outer, false);
          }
          double w = weights[t];
          for (int mu = 0; mu < n; mu++) {
            int row = (mu * out + c) * size + c2;
            for (int nu = 0; nu < n; nu++) {
              kernel[row + nu * out] += w * outer[mu * n + nu] * inner[mu * n + nu];
            }
          }
        }
      }
    }
    return kernel;
  }
}
