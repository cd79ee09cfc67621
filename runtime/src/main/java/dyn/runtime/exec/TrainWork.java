package dyn.runtime.exec;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;

/**
 * The work of one forward pass of a plan's largest training, in multiply–adds of its matrix
 * products: what decides whether a GPU pays. On the H200 that verified the CUDA backend
 * (docs/CUDA.md, bench/two_layer_gd.dyn against the machine's 16 cores) a step of full-batch GD
 * ran 0.58× the CPU's rate at 1.3M multiply–adds per forward pass (d = 20, width = 64, n = 512),
 * 3.5× at 8.4M, 5.4× at 34M and 18–22× at 1.1G: below a few million, a step is dozens of kernel
 * launches and two transfers of θ, whatever the arithmetic. Everything else a plan does (data, θ(0),
 * predictions, analyses) runs on the CPU whichever backend is chosen.
 */
public final class TrainWork {
  private TrainWork() {}

  /**
   * Multiply–adds per forward pass from which {@code backend auto} takes the GPU: 2^22 (4.2M),
   * about twice the break-even measured on that machine (≈2.3M, interpolating 0.58× at 1.3M and
   * 3.5× at 8.4M on a log scale), since another GPU, or a CPU with fewer cores, moves it; near
   * the line neither choice loses much.
   */
  public static final long GPU_PAYS = 1L << 22;

  /** The largest forward pass among the plan's trains, in multiply–adds; 0 when it trains nothing. */
  public static long largest(Plan plan) {
    long most = 0;
    for (Step s : plan.steps()) {
      if (s instanceof TrainStep t) most = Math.max(most, forward(plan, t));
    }
    return most;
  }

  /** Multiply–adds of one forward pass of a train: its minibatch for SGD, its whole data otherwise. */
  static long forward(Plan plan, TrainStep t) {
    DataStep data = plan.step(t.data(), DataStep.class);
    int x = data.output("x");
    long n = x < 0 ? 1 : data.graph().output(x).cols();
    if (t.dynamics() instanceof Dynamics.Sgd sgd) n = Math.min(n, sgd.batch());
    return products(plan.step(t.model(), ModelStep.class).model().forward(), n);
  }

  /** Multiply–adds of a graph's matrix products, a {@link Graph#BATCH} dimension counting n. */
  static long products(Graph g, long n) {
    long total = 0;
    for (Graph.Node node : g.nodes()) {
      if (node.op() instanceof Op.MatMul m) {
        Graph.Node a = g.nodes().get(m.a());
        total += size(a.rows(), n) * size(a.cols(), n) * size(node.cols(), n);
      }
    }
    return total;
  }

  private static long size(int dim, long n) {
    return dim == Graph.BATCH ? n : dim;
  }

  /** {@code 4.3M}, {@code 690k}, {@code 120}: a count in words a table can hold. */
  static String words(long count) {
    if (count >= 1_000_000) return String.format(java.util.Locale.ROOT, "%.1fM", count / 1e6);
    if (count >= 1_000) return Math.round(count / 1e3) + "k";
    return Long.toString(count);
  }
}
