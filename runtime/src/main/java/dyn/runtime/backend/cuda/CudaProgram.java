package dyn.runtime.backend.cuda;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.data.DataOps;
import dyn.runtime.graph.GraphProgram;
import dyn.runtime.graph.NodeShapes;
import dyn.runtime.random.CounterRng;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * A graph compiled for one input width n with every value and gradient in GPU memory: the
 * device-resident twin of {@link dyn.runtime.graph.Program}, node for node and with the same
 * kernels' semantics. Only x and θ are uploaded and only the outputs and ∂L/∂θ downloaded;
 * intermediate values never leave the device.
 *
 * <p>Random leaves ({@link Op.Normal}, {@link Op.Orthogonal}) are drawn on the CPU from the same
 * counter-based streams and uploaded, so they are the CPU's numbers exactly. Parameter nodes are
 * views into one device copy of θ; the gradient buffers share one arena that a single fill
 * clears. Device memory is freed when the program becomes unreachable (a {@link Cleaner}).
 */
public final class CudaProgram implements GraphProgram, GraphProgram.SquaredError {
  private static final Cleaner CLEANER = Cleaner.create();

  private final CudaDevice device;
  private final CudaKernels k;
  private final Op[] ops;
  private final int[] rows;
  private final int[] cols;
  private final CUdeviceptr[] val;
  private final CUdeviceptr[] grad;
  private final int[] outputs;
  private final double[][] outputHost;
  private final int[] paramOffset;
  private final int paramCount;
  private final DeviceBuffer theta;
  private final DeviceBuffer gradTheta;
  private final DeviceBuffer input;
  private final DeviceBuffer gradArena;
  private final int inputLength;
  /** y, the residual seed when output 0 has no gradient buffer, and (f − y)², for the loss. */
  private final DeviceBuffer target;
  private final DeviceBuffer residual;
  private final DeviceBuffer squares;

  private CudaProgram(CudaDevice device, Graph g, int[][] paramShapes, int inputRows, int n) {
    this.device = device;
    device.bind();
    int size = g.nodes().size();
    ops = new Op[size];
    rows = new int[size];
    cols = new int[size];
    val = new CUdeviceptr[size];
    grad = new CUdeviceptr[size];
    paramOffset = new int[paramShapes.length + 1];
    for (int p = 0; p < paramShapes.length; p++) {
      paramOffset[p + 1] = paramOffset[p] + paramShapes[p][0] * paramShapes[p][1];
    }
    paramCount = paramOffset[paramShapes.length];
    List<DeviceBuffer> owned = new ArrayList<>();
    k = new CudaKernels(device);
    theta = keep(owned, new DeviceBuffer(paramCount));
    gradTheta = keep(owned, new DeviceBuffer(paramCount));
    inputLength = inputRows * n;
    input = keep(owned, new DeviceBuffer(inputLength));
    boolean[] needs = new boolean[size];
    long gradLength = 0;
    for (int i = 0; i < size; i++) {
      Graph.Node node = g.nodes().get(i);
      ops[i] = node.op();
      NodeShapes.resolve(i, node, paramShapes, inputRows, n, rows, cols);
      int len = rows[i] * cols[i];
      Op op = ops[i];
      if (op instanceof Op.Param) {
        val[i] = theta.at(paramOffset[((Op.Param) op).index()]);
      } else if (op instanceof Op.Input) {
        val[i] = input.ptr;
      } else {
        DeviceBuffer b = keep(owned, new DeviceBuffer(len));
        val[i] = b.ptr;
        double[] leaf = leaf(i, len);
        if (leaf != null) b.upload(leaf, len);
      }
      if (op instanceof Op.Param) needs[i] = true;
      for (int in : op.inputs()) needs[i] |= needs[in];
      if (needs[i]) {
        if (op instanceof Op.Whiten || op instanceof Op.Shuffle || op instanceof Op.Corrupt
            || op instanceof Op.Mask) {
          throw new IllegalArgumentException("node " + i + ": a data primitive cannot be differentiated");
        }
        gradLength += len;
      }
    }
    gradArena = keep(owned, new DeviceBuffer(gradLength));
    long at = 0;
    for (int i = 0; i < size; i++) {
      if (!needs[i]) continue;
      grad[i] = gradArena.at(at);
      at += (long) rows[i] * cols[i];
    }
    outputs = g.outputs().stream().mapToInt(Integer::intValue).toArray();
    outputHost = new double[outputs.length][];
    for (int o = 0; o < outputs.length; o++) {
      outputHost[o] = new double[rows[outputs[o]] * cols[outputs[o]]];
    }
    int out0 = outputs.length > 0 ? rows[outputs[0]] * cols[outputs[0]] : 0;
    target = keep(owned, new DeviceBuffer(out0));
    residual = keep(owned, new DeviceBuffer(out0));
    squares = keep(owned, new DeviceBuffer(out0));
    CudaKernels kernels = k;
    CLEANER.register(this, () -> {
      device.bind();
      for (DeviceBuffer b : owned) b.close();
      kernels.close();
    });
  }

  private static DeviceBuffer keep(List<DeviceBuffer> owned, DeviceBuffer b) {
    owned.add(b);
    return b;
  }

  /**
   * Compiles a graph on the device.
   *
   * @throws CudaUnavailable when there is no usable GPU
   */
  public static CudaProgram compile(Graph graph, int[][] paramShapes, int inputRows, int n)
      throws CudaUnavailable {
    return new CudaProgram(CudaDevice.open(), graph, paramShapes, inputRows, n);
  }

  /** The host values of a leaf that never changes, or null. Same streams as the CPU program. */
  private double[] leaf(int i, int len) {
    Op op = ops[i];
    if (op instanceof Op.Constant) {
      List<Double> v = ((Op.Constant) op).values();
      if (v.size() != len) throw new IllegalArgumentException("node " + i + ": constant has " + v.size() + " values");
      double[] h = new double[len];
      for (int j = 0; j < len; j++) h[j] = v.get(j);
      return h;
    }
    if (op instanceof Op.Normal) {
      double[] h = new double[len];
      CounterRng.fillNormal(((Op.Normal) op).stream(), 0, h, len);
      return h;
    }
    if (op instanceof Op.Orthogonal) {
      Op.Orthogonal o = (Op.Orthogonal) op;
      return DataOps.haarOrthogonal(o.n(), o.stream());
    }
    if (op instanceof Op.Load) {
      Op.Load l = (Op.Load) op;
      return l.file().read(new dyn.compiler.data.Shape(l.rows(), l.cols()));
    }
    return null;
  }

  @Override
  public void setInput(double[] x) {
    device.bind();
    input.upload(x, inputLength);
  }

  @Override
  public void setParams(double[] t) {
    device.bind();
    theta.upload(t, paramCount);
  }

  @Override
  public int paramCount() {
    return paramCount;
  }

  @Override
  public void forward() {
    device.bind();
    for (int i = 0; i < ops.length; i++) {
      Op op = ops[i];
      CUdeviceptr out = val[i];
      long len = (long) rows[i] * cols[i];
      if (op instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) op;
        k.gemm(false, false, rows[i], cols[i], cols[m.a()], val[m.a()], val[m.b()], out, false);
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        k.binary(b.fn(), val[b.a()], rows[b.a()], cols[b.a()], val[b.b()], rows[b.b()], cols[b.b()],
            out, rows[i], cols[i]);
      } else if (op instanceof Op.Unary) {
        k.unary(((Op.Unary) op).fn(), val[((Op.Unary) op).a()], out, len);
      } else if (op instanceof Op.Power) {
        k.power(val[((Op.Power) op).a()], ((Op.Power) op).exponent(), out, len);
      } else if (op instanceof Op.Transpose) {
        int a = ((Op.Transpose) op).a();
        k.transpose(val[a], rows[a], cols[a], out, false);
      } else if (op instanceof Op.Sum) {
        int a = ((Op.Sum) op).a();
        k.sum(((Op.Sum) op).axis(), val[a], rows[a], cols[a], out);
      } else if (op instanceof Op.Diag) {
        int a = ((Op.Diag) op).a();
        int alen = rows[a] * cols[a];
        k.diag(val[a], Math.min(alen, Math.min(rows[i], cols[i])), out, rows[i], cols[i]);
      } else if (op instanceof Op.Slice) {
        Op.Slice sl = (Op.Slice) op;
        k.copy2d(at(val[sl.a()], (long) sl.start() * cols[i]), cols[i], out, cols[i], rows[i], cols[i], false);
      } else if (op instanceof Op.Concat) {
        concat((Op.Concat) op, i, false);
      } else if (op instanceof Op.Whiten) {
        // Data preparation, not training: done on the host exactly as the CPU does it.
        int a = ((Op.Whiten) op).a();
        double[] h = new double[rows[a] * cols[a]];
        DeviceBuffer.download(h, 0, val[a], h.length);
        double[] w = DataOps.whiten(h, rows[a], cols[a]);
        DeviceBuffer.upload(out, w, 0, w.length);
      } else if (op instanceof Op.Shuffle) {
        // Data preparation: shuffled on the host with the CPU's permutation.
        Op.Shuffle sh = (Op.Shuffle) op;
        double[] h = new double[rows[i] * cols[i]];
        DeviceBuffer.download(h, 0, val[sh.a()], h.length);
        double[] w = new double[h.length];
        DataOps.shuffleColumns(h, rows[i], cols[i], sh.stream(), w);
        DeviceBuffer.upload(out, w, 0, w.length);
      } else if (op instanceof Op.Corrupt) {
        // Data preparation: the CPU's label noise, on the host.
        Op.Corrupt c = (Op.Corrupt) op;
        double[] h = new double[rows[i] * cols[i]];
        DeviceBuffer.download(h, 0, val[c.a()], h.length);
        double[] w = new double[h.length];
        DataOps.corruptLabels(h, rows[i], cols[i], c.fraction(), c.classes(), c.stream(), w);
        DeviceBuffer.upload(out, w, 0, w.length);
      } else if (op instanceof Op.Mask) {
        // Data preparation: the CPU's mask, on the host.
        Op.Mask mk = (Op.Mask) op;
        double[] h = new double[rows[i] * cols[i]];
        DeviceBuffer.download(h, 0, val[mk.a()], h.length);
        double[] w = new double[h.length];
        DataOps.mask(h, mk.p(), mk.stream(), w);
        DeviceBuffer.upload(out, w, 0, w.length);
      }
      // Input, Param, Constant, Normal, Orthogonal: leaves, already on the device.
    }
  }

  private static CUdeviceptr at(CUdeviceptr p, long elements) {
    return p.withByteOffset(elements * Double.BYTES);
  }

  @Override
  public void backward(int outputIndex, double[] seed) {
    device.bind();
    k.fill(gradArena.ptr, 0.0, gradArena.length);
    int out = outputs[outputIndex];
    if (grad[out] == null) return;
    DeviceBuffer.upload(grad[out], seed, 0, rows[out] * cols[out]);
    backwardFrom(out);
  }

  @Override
  public void setTarget(double[] y) {
    device.bind();
    target.upload(y, (int) target.length);
  }

  @Override
  public double squaredError(boolean backward, double scale) {
    device.bind();
    int out = outputs[0];
    long len = (long) rows[out] * cols[out];
    boolean seeded = backward && grad[out] != null;
    if (seeded) k.fill(gradArena.ptr, 0.0, gradArena.length);
    k.mseResidual(val[out], target.ptr, len, scale, seeded ? grad[out] : residual.ptr, squares.ptr);
    if (seeded) backwardFrom(out);
    else if (backward) k.fill(gradArena.ptr, 0.0, gradArena.length);
    return k.reduceToHost(squares.ptr, null, len);
  }

  /** Reverse mode from node out, whose gradient buffer holds the seed. */
  private void backwardFrom(int out) {
    for (int i = out; i >= 0; i--) {
      CUdeviceptr g = grad[i];
      if (g == null) continue;
      Op op = ops[i];
      long len = (long) rows[i] * cols[i];
      if (op instanceof Op.MatMul) {
        Op.MatMul m = (Op.MatMul) op;
        int a = m.a();
        int b = m.b();
        int kk = cols[a];
        if (grad[a] != null) k.gemm(false, true, rows[a], kk, cols[i], g, val[b], grad[a], true);
        if (grad[b] != null) k.gemm(true, false, kk, cols[i], rows[a], val[a], g, grad[b], true);
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        k.binaryBackward(b.fn(), val[b.a()], rows[b.a()], cols[b.a()], val[b.b()], rows[b.b()],
            cols[b.b()], g, rows[i], cols[i], grad[b.a()], grad[b.b()]);
      } else if (op instanceof Op.Unary) {
        int a = ((Op.Unary) op).a();
        if (grad[a] != null) k.unaryBackward(((Op.Unary) op).fn(), val[a], val[i], g, grad[a], len);
      } else if (op instanceof Op.Power) {
        int a = ((Op.Power) op).a();
        if (grad[a] != null) k.powerBackward(val[a], ((Op.Power) op).exponent(), g, grad[a], len);
      } else if (op instanceof Op.Transpose) {
        int a = ((Op.Transpose) op).a();
        if (grad[a] != null) k.transpose(g, rows[i], cols[i], grad[a], true);
      } else if (op instanceof Op.Sum) {
        int a = ((Op.Sum) op).a();
        if (grad[a] != null) k.sumBackward(((Op.Sum) op).axis(), g, rows[a], cols[a], grad[a]);
      } else if (op instanceof Op.Slice) {
        Op.Slice sl = (Op.Slice) op;
        CUdeviceptr ga = grad[sl.a()];
        if (ga != null) k.axpy(1.0, g, at(ga, (long) sl.start() * cols[i]), len);
      } else if (op instanceof Op.Concat) {
        concat((Op.Concat) op, i, true);
      } else if (op instanceof Op.Diag) {
        int a = ((Op.Diag) op).a();
        CUdeviceptr ga = grad[a];
        if (ga != null) k.diagBackward(g, cols[i], ga, Math.min(rows[a] * cols[a], Math.min(rows[i], cols[i])));
      }
    }
  }

  /** Copies the parts into node i, or (backward) adds node i's gradient back into the parts'. */
  private void concat(Op.Concat cat, int i, boolean backward) {
    int offset = 0;
    for (int part : cat.parts()) {
      int pr = rows[part];
      int pc = cols[part];
      long start = cat.vertical() ? (long) offset * cols[i] : offset;
      if (backward) {
        if (grad[part] != null) k.copy2d(at(grad[i], start), cols[i], grad[part], pc, pr, pc, true);
      } else {
        k.copy2d(val[part], pc, at(val[i], start), cols[i], pr, pc, false);
      }
      offset += cat.vertical() ? pr : pc;
    }
  }

  @Override
  public void paramGradient(double[] out) {
    device.bind();
    k.fill(gradTheta.ptr, 0.0, paramCount);
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] instanceof Op.Param && grad[i] != null) {
        int off = paramOffset[((Op.Param) ops[i]).index()];
        k.axpy(1.0, grad[i], gradTheta.at(off), (long) rows[i] * cols[i]);
      }
    }
    gradTheta.download(out, paramCount);
  }

  @Override
  public double[] output(int o) {
    device.bind();
    double[] h = outputHost[o];
    DeviceBuffer.download(h, 0, val[outputs[o]], h.length);
    return h;
  }

  @Override
  public int outputRows(int o) {
    return rows[outputs[o]];
  }

  @Override
  public int outputCols(int o) {
    return cols[outputs[o]];
  }
}
