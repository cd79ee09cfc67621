package dyn.runtime.graph;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.backend.Backend;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.VectorKernels;
import dyn.runtime.data.DataOps;
import dyn.runtime.random.CounterRng;
import java.util.Arrays;
import java.util.List;

/**
 * A graph compiled for one input width n: shapes resolved, one value buffer and (where the node
 * depends on a parameter) one gradient buffer per node, preallocated.
 *
 * <p>Parameters are passed as one flat vector θ: parameter p occupies {@code
 * [offset(p), offset(p) + rows·cols)} in row-major order. Use: {@link #setInput}, {@link
 * #setParams}, {@link #forward}, then read {@link #output} and optionally call {@link #backward}
 * with ∂L/∂output and collect {@link #paramGradient}.
 */
public final class Program {
  private final Backend be;
  private final Op[] ops;
  private final int[] rows;
  private final int[] cols;
  private final double[][] val;
  private final double[][] grad;
  private final int[] outputs;
  private final int[] paramOffset;
  private final int paramCount;
  private final int[] inputNodes;
  /** The fused dense-chain path, or null where the graph is anything else. */
  private final DenseChain chain;
  /** The single-precision chain of a float32 training, or null. */
  private final DenseChain32 chain32;

  private Program(Backend be, Graph g, int[][] paramShapes, int inputRows, int n, boolean fuse,
      boolean float32) {
    this.be = be;
    int size = g.nodes().size();
    ops = new Op[size];
    rows = new int[size];
    cols = new int[size];
    val = new double[size][];
    grad = new double[size][];
    paramOffset = new int[paramShapes.length + 1];
    for (int p = 0; p < paramShapes.length; p++) {
      paramOffset[p + 1] = paramOffset[p] + paramShapes[p][0] * paramShapes[p][1];
    }
    paramCount = paramOffset[paramShapes.length];
    boolean[] needs = new boolean[size];
    int inputs = 0;
    for (int i = 0; i < size; i++) {
      Graph.Node node = g.nodes().get(i);
      ops[i] = node.op();
      NodeShapes.resolve(i, node, paramShapes, inputRows, n, rows, cols);
      val[i] = new double[rows[i] * cols[i]];
      if (ops[i] instanceof Op.Param) needs[i] = true;
      for (int in : ops[i].inputs()) needs[i] |= needs[in];
      if (ops[i] instanceof Op.Input) inputs++;
      fillLeaf(i);
    }
    inputNodes = new int[inputs];
    for (int i = 0, k = 0; i < size; i++) if (ops[i] instanceof Op.Input) inputNodes[k++] = i;
    for (int i = 0; i < size; i++) {
      if (!needs[i]) continue;
      if (ops[i] instanceof Op.Whiten || ops[i] instanceof Op.Shuffle || ops[i] instanceof Op.Corrupt
          || ops[i] instanceof Op.Mask) {
        throw new IllegalArgumentException("node " + i + ": a data primitive cannot be differentiated");
      }
      grad[i] = new double[val[i].length];
    }
    outputs = g.outputs().stream().mapToInt(Integer::intValue).toArray();
    if (float32) {
      if (!VECTORS) {
        throw new IllegalStateException("dtype float32 needs the module jdk.incubator.vector "
            + "(./dyn adds it: --add-modules jdk.incubator.vector)");
      }
      DenseChain.Layout layout = DenseChain.layout(g, paramShapes, inputRows);
      if (layout == null || inputNodes.length != 1) {
        throw new IllegalArgumentException("dtype float32 is implemented for chains of dense "
            + "layers f(x) = W_L σ(⋯ σ(W_1 x)) (two_layer, deep_linear); this model is not one");
      }
      chain32 = new DenseChain32(layout, paramShapes, paramOffset, n, inputRows);
      chain = null;
    } else {
      chain32 = null;
      chain = fuse ? fusedChain(be, g, paramShapes, inputRows, n) : null;
    }
  }

  /**
   * The fused path where it applies and gives the generic path's bits: the CPU backend, the
   * vector API present, and every product below the size that would go to BLAS (whose sums run
   * in another order).
   */
  private DenseChain fusedChain(Backend be, Graph g, int[][] shapes, int inputRows, int n) {
    if (!(be instanceof CpuBackend) || !FUSE || !VECTORS || inputNodes.length != 1) return null;
    DenseChain.Layout layout = DenseChain.layout(g, shapes, inputRows);
    if (layout == null) return null;
    // Checked before the chain is built: its buffers are as large as the layers (for a large
    // network tens of MB, whose first touch alone costs ~0.1 s), wasted on a path not taken.
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) ops[i];
        if (CpuBackend.usesBlas(rows[i], cols[i], cols[m.a()])
            || CpuBackend.usesBlas(rows[m.a()], cols[m.a()], cols[i])
            || CpuBackend.usesBlas(cols[m.a()], cols[i], rows[m.a()])) {
          return null;
        }
      }
    }
    DenseChain c = DenseChain.of(layout, shapes, paramOffset, n, inputRows);
    DenseChain.warmUp();
    return c;
  }

  /** {@code -Ddyn.fused=false} turns the fused dense-chain path off (for comparisons). */
  private static final boolean FUSE = Boolean.parseBoolean(System.getProperty("dyn.fused", "true"));

  /** Whether jdk.incubator.vector is in the module graph (./dyn and the tests add it). */
  private static final boolean VECTORS = vectorsPresent();

  private static boolean vectorsPresent() {
    try {
      return VectorKernels.LANES >= 1;
    } catch (LinkageError e) { // the module was not added: NoClassDefFoundError
      return false;
    }
  }

  /**
   * Compiles a graph.
   *
   * @param paramShapes {rows, cols} of each parameter, by {@link Op.Param} index
   * @param inputRows rows of the input x (d); ignored when the graph has no input
   * @param n columns of the input x (the batch size)
   */
  public static Program compile(
      Graph graph, int[][] paramShapes, int inputRows, int n, Backend backend) {
    return new Program(backend, graph, paramShapes, inputRows, n, true, false);
  }

  /**
   * As {@link #compile}; with {@code float32}, {@link #mseValueAndGradient} runs in single
   * precision (the graph must be a chain of dense layers), while {@link #forward} and the other
   * generic entry points stay float64.
   *
   * @throws IllegalArgumentException when float32 is asked of a graph that is not a dense chain
   */
  public static Program compile(
      Graph graph, int[][] paramShapes, int inputRows, int n, Backend backend, boolean float32) {
    return new Program(backend, graph, paramShapes, inputRows, n, true, float32);
  }

  /**
   * As {@link #compile}, never taking the fused path: for callers that use only {@link #forward}
   * and {@link #backward} (tests compare the two paths).
   */
  public static Program compileGeneric(
      Graph graph, int[][] paramShapes, int inputRows, int n, Backend backend) {
    return new Program(backend, graph, paramShapes, inputRows, n, false, false);
  }

  /** Compiles a graph without inputs or parameters (a data generator). */
  public static Program compileData(Graph graph, Backend backend) {
    return new Program(backend, graph, new int[0][], 0, 0, false, false);
  }

  /** Parameter shapes in the form {@link #compile} takes. */
  public static int[][] shapes(List<int[]> shapes) {
    return shapes.toArray(new int[0][]);
  }

  /** Leaves that never change are computed once, here. */
  private void fillLeaf(int i) {
    Op op = ops[i];
    if (op instanceof Op.Constant) {
      List<Double> v = ((Op.Constant) op).values();
      if (v.size() != val[i].length) throw NodeShapes.shapeError(i, "constant has " + v.size() + " values");
      for (int k = 0; k < v.size(); k++) val[i][k] = v.get(k);
    } else if (op instanceof Op.Normal) {
      CounterRng.fillNormal(((Op.Normal) op).stream(), 0, val[i], val[i].length);
    } else if (op instanceof Op.Orthogonal) {
      Op.Orthogonal o = (Op.Orthogonal) op;
      System.arraycopy(DataOps.haarOrthogonal(o.n(), o.stream()), 0, val[i], 0, val[i].length);
    } else if (op instanceof Op.Load) {
      Op.Load l = (Op.Load) op;
      double[] v = l.file().read(new dyn.compiler.data.Shape(l.rows(), l.cols()));
      System.arraycopy(v, 0, val[i], 0, val[i].length);
    }
  }

  /** Copies x (d×n, row-major) into every input node. */
  public void setInput(double[] x) {
    for (int i : inputNodes) System.arraycopy(x, 0, val[i], 0, val[i].length);
    if (chain != null) chain.setInput(x);
    if (chain32 != null) chain32.setInput(x);
  }

  /**
   * Whether {@link #mseValueAndGradient} is available: the graph is a chain of dense layers and
   * the fused path computes the mean-squared loss and its gradient in one pass.
   */
  public boolean hasFusedMse() {
    return chain != null || chain32 != null;
  }

  /**
   * Whether the fused path is also compiled by now (see {@link #warmUpFusedPath}); before that,
   * callers do better on the generic path, which gives the same gradient.
   */
  public boolean fusedReady() {
    return chain32 != null || (chain != null && DenseChain.warm());
  }

  /**
   * Waits, at most {@code millis}, until the fused path (float64, or a float32 training's) is
   * compiled; whether it is. Returns at once where this graph has no fused path.
   *
   * <p>Why wait rather than take the generic path meanwhile: early in a JVM's life the generic
   * path is itself uncompiled (milliseconds per step at the benchmark's small size, against
   * microseconds fused), and compiling it competes with the warm-up for the same compiler
   * threads, so the first hundred generic steps cost more than the wait.
   */
  public boolean awaitFusedPath(long millis) {
    if (chain == null && chain32 == null) return false;
    try {
      return chain32 != null ? DenseChain.awaitWarm32(millis) : DenseChain.awaitWarm(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return chain32 != null ? DenseChain.warm32() : DenseChain.warm();
    }
  }

  /**
   * Starts compiling the fused kernels in the background, so that a training that starts soon
   * after finds them fast; harmless when no graph will use them.
   */
  public static void warmUpFusedPath() {
    if (FUSE && VECTORS) DenseChain.warmUp();
  }

  /** As {@link #warmUpFusedPath}, for the single-precision kernels of float32 trainings. */
  public static void warmUpFloat32Path() {
    if (VECTORS) DenseChain.warmUp32();
  }

  /** The regression target y (outputs × n, row-major) of {@link #mseValueAndGradient}. */
  public void setTarget(double[] y) {
    if (chain32 != null) {
      chain32.setTarget(y);
      return;
    }
    if (chain == null) throw new IllegalStateException("no fused path for this graph");
    chain.setTarget(y);
  }

  /**
   * L(θ) = (1/2n) Σ_μ ‖f(x_μ; θ) − y_μ‖² with ∂L/∂θ written into grad, in one fused pass; the
   * same bits as {@link #forward}, {@link #backward} and {@link #paramGradient} would give.
   * Leaves {@link #output} untouched. Only where {@link #hasFusedMse}.
   */
  public double mseValueAndGradient(double[] theta, double[] grad) {
    if (chain32 != null) return chain32.mseValueAndGradient(theta, grad);
    if (chain == null) throw new IllegalStateException("no fused path for this graph");
    return chain.mseValueAndGradient(theta, grad);
  }

  /**
   * The fused chain evaluated only on the entries of θ marked live, the others held at zero,
   * with the hidden units those zeros switch off left out of the products ({@link SubChain}:
   * the same bits on the live entries); null where this program has no float64 fused chain.
   */
  public SubChain subChain(boolean[] live) {
    if (chain == null) return null;
    if (live.length != paramCount) throw new IllegalArgumentException("live mask is not θ's length");
    return SubChain.of(chain, live);
  }

  /**
   * Whether {@link #mseValue} may be used: a float64 chain whose fused kernels are compiled.
   * (A float32 training records its loss in float64, on the generic path.)
   */
  public boolean fusedValueReady() {
    return chain != null && DenseChain.warm();
  }

  /**
   * L(θ) = (1/2n) Σ_μ ‖f(x_μ; θ) − y_μ‖² by the fused forward pass, with the bits that
   * {@link #forward} and the sum over {@link #output} in storage order would give; y is the
   * target of {@link #setTarget}. Leaves {@link #output} untouched. Only where {@link
   * #fusedValueReady}.
   */
  public double mseValue(double[] theta) {
    if (chain == null) throw new IllegalStateException("no float64 fused path for this graph");
    return chain.mseValue(theta);
  }

  /** Copies θ into the parameter nodes. */
  public void setParams(double[] theta) {
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] instanceof Op.Param) {
        int p = ((Op.Param) ops[i]).index();
        System.arraycopy(theta, paramOffset[p], val[i], 0, val[i].length);
      }
    }
  }

  /** Number of scalar parameters (length of θ). */
  public int paramCount() {
    return paramCount;
  }

  /** Start of parameter p in θ. */
  public int paramOffset(int p) {
    return paramOffset[p];
  }

  /** Evaluates every node. */
  public void forward() {
    for (int i = 0; i < ops.length; i++) {
      Op op = ops[i];
      double[] out = val[i];
      if (op instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) op;
        be.gemm(false, false, rows[i], cols[i], cols[m.a()], val[m.a()], val[m.b()], out, false);
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        be.binary(b.fn(), val[b.a()], rows[b.a()], cols[b.a()], val[b.b()], rows[b.b()],
            cols[b.b()], out, rows[i], cols[i]);
      } else if (op instanceof Op.Unary) {
        be.unary(((Op.Unary) op).fn(), val[((Op.Unary) op).a()], out, out.length);
      } else if (op instanceof Op.Power) {
        be.power(val[((Op.Power) op).a()], ((Op.Power) op).exponent(), out, out.length);
      } else if (op instanceof Op.Transpose) {
        int a = ((Op.Transpose) op).a();
        be.transpose(val[a], rows[a], cols[a], out, false);
      } else if (op instanceof Op.Sum) {
        int a = ((Op.Sum) op).a();
        be.sum(((Op.Sum) op).axis(), val[a], rows[a], cols[a], out);
      } else if (op instanceof Op.Diag) {
        double[] a = val[((Op.Diag) op).a()];
        Arrays.fill(out, 0.0);
        int k = Math.min(a.length, Math.min(rows[i], cols[i]));
        for (int j = 0; j < k; j++) out[j * cols[i] + j] = a[j];
      } else if (op instanceof Op.Slice) {
        Op.Slice sl = (Op.Slice) op;
        System.arraycopy(val[sl.a()], sl.start() * cols[i], out, 0, out.length);
      } else if (op instanceof Op.Concat) {
        concat((Op.Concat) op, i, false);
      } else if (op instanceof Op.Whiten) {
        int a = ((Op.Whiten) op).a();
        System.arraycopy(DataOps.whiten(val[a], rows[a], cols[a]), 0, out, 0, out.length);
      } else if (op instanceof Op.Shuffle) {
        Op.Shuffle sh = (Op.Shuffle) op;
        DataOps.shuffleColumns(val[sh.a()], rows[i], cols[i], sh.stream(), out);
      } else if (op instanceof Op.Corrupt) {
        Op.Corrupt c = (Op.Corrupt) op;
        DataOps.corruptLabels(val[c.a()], rows[i], cols[i], c.fraction(), c.classes(), c.stream(),
            out);
      } else if (op instanceof Op.Mask) {
        Op.Mask mk = (Op.Mask) op;
        DataOps.mask(val[mk.a()], mk.p(), mk.stream(), out);
      }
      // Input, Param, Constant, Normal, Orthogonal, Load: leaves, already filled.
    }
  }

  /**
   * Reverse mode: seeds ∂L/∂(output k) and accumulates every gradient buffer; read the result
   * with {@link #paramGradient}. Call after {@link #forward} with the same inputs.
   */
  public void backward(int outputIndex, double[] seed) {
    for (double[] g : grad) if (g != null) Arrays.fill(g, 0.0);
    int out = outputs[outputIndex];
    if (grad[out] == null) return;
    System.arraycopy(seed, 0, grad[out], 0, grad[out].length);
    for (int i = out; i >= 0; i--) {
      double[] g = grad[i];
      if (g == null) continue;
      Op op = ops[i];
      if (op instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) op;
        int a = m.a();
        int b = m.b();
        int k = cols[a];
        if (grad[a] != null) be.gemm(false, true, rows[a], k, cols[i], g, val[b], grad[a], true);
        if (grad[b] != null) be.gemm(true, false, k, cols[i], rows[a], val[a], g, grad[b], true);
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        be.binaryBackward(b.fn(), val[b.a()], rows[b.a()], cols[b.a()], val[b.b()], rows[b.b()],
            cols[b.b()], g, rows[i], cols[i], grad[b.a()], grad[b.b()]);
      } else if (op instanceof Op.Unary) {
        int a = ((Op.Unary) op).a();
        if (grad[a] != null) be.unaryBackward(((Op.Unary) op).fn(), val[a], val[i], g, grad[a], g.length);
      } else if (op instanceof Op.Power) {
        int a = ((Op.Power) op).a();
        if (grad[a] != null) be.powerBackward(val[a], ((Op.Power) op).exponent(), g, grad[a], g.length);
      } else if (op instanceof Op.Transpose) {
        int a = ((Op.Transpose) op).a();
        if (grad[a] != null) be.transpose(g, rows[i], cols[i], grad[a], true);
      } else if (op instanceof Op.Sum) {
        int a = ((Op.Sum) op).a();
        if (grad[a] != null) be.sumBackward(((Op.Sum) op).axis(), g, rows[a], cols[a], grad[a]);
      } else if (op instanceof Op.Slice) {
        Op.Slice sl = (Op.Slice) op;
        double[] ga = grad[sl.a()];
        if (ga != null) {
          int off = sl.start() * cols[i];
          for (int k = 0; k < g.length; k++) ga[off + k] += g[k];
        }
      } else if (op instanceof Op.Concat) {
        concat((Op.Concat) op, i, true);
      } else if (op instanceof Op.Diag) {
        double[] ga = grad[((Op.Diag) op).a()];
        if (ga != null) {
          int k = Math.min(ga.length, Math.min(rows[i], cols[i]));
          for (int j = 0; j < k; j++) ga[j] += g[j * cols[i] + j];
        }
      }
    }
  }

  /**
   * Copies the parts of a concatenation into node i, or (backward) adds node i's gradient back
   * into the parts' gradients. Row-major storage makes a vertical join a run of whole blocks.
   */
  private void concat(Op.Concat cat, int i, boolean backward) {
    int offset = 0;
    for (int part : cat.parts()) {
      double[] pv = backward ? grad[part] : val[part];
      int pr = rows[part];
      int pc = cols[part];
      if (pv != null) {
        for (int r = 0; r < pr; r++) {
          int from = cat.vertical() ? (offset + r) * cols[i] : r * cols[i] + offset;
          if (backward) {
            for (int k = 0; k < pc; k++) pv[r * pc + k] += grad[i][from + k];
          } else {
            System.arraycopy(pv, r * pc, val[i], from, pc);
          }
        }
      }
      offset += cat.vertical() ? pr : pc;
    }
  }

  /** Writes ∂L/∂θ (summed over every use of each parameter) into {@code out}. */
  public void paramGradient(double[] out) {
    Arrays.fill(out, 0, paramCount, 0.0);
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] instanceof Op.Param && grad[i] != null) {
        int off = paramOffset[((Op.Param) ops[i]).index()];
        double[] g = grad[i];
        for (int k = 0; k < g.length; k++) out[off + k] += g[k];
      }
    }
  }

  /** Node i's value after {@link #forward} (live: overwritten by the next forward). */
  public double[] nodeValue(int i) {
    return val[i];
  }

  /**
   * ∂(seeded output)/∂(node i) after {@link #backward} (live), or null for a node that does not
   * depend on θ.
   */
  public double[] nodeAdjoint(int i) {
    return grad[i];
  }

  /** Rows of node i. */
  public int nodeRows(int i) {
    return rows[i];
  }

  /** Columns of node i (n for a node that carries the samples). */
  public int nodeCols(int i) {
    return cols[i];
  }

  /** The value buffer of output k (live: overwritten by the next forward). */
  public double[] output(int k) {
    return val[outputs[k]];
  }

  /** Rows of output k. */
  public int outputRows(int k) {
    return rows[outputs[k]];
  }

  /** Columns of output k. */
  public int outputCols(int k) {
    return cols[outputs[k]];
  }
}
