package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.source.Span;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The memory a plan asks for, checked before anything is allocated. The runtime keeps every
 * tensor in one Java array of float64 values, so a tensor may hold at most {@link #MAX_ELEMENTS}
 * values, and all of a step's tensors together must fit the JVM's heap. Sizes are multiplied in
 * long arithmetic: a [10⁹ × 4] parameter overflowed the runtime's int arithmetic into a
 * NegativeArraySizeException, and a [65536 × 65536] one exceeded the matrix library's limit.
 */
public final class Sizes {
  private Sizes() {}

  /** The most values one Java array holds (the JDK keeps a few words of 2³¹ − 1 for headers). */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** Bytes per value: tensors are float64 (a float32 train converts from float64 copies). */
  static final long BYTES = 8;

  private static final String HINT =
      "lower the sizes, or give the JVM a larger heap, e.g. JAVA_TOOL_OPTIONS=-Xmx64g dyn run …";

  /** The heap the runtime may use, as {@code -Xmx} (or the JVM's default) sets it. */
  static long heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Values of a {@code rows × cols} tensor; a {@link Graph#BATCH} dimension counts {@code n}. */
  static long elements(int rows, int cols, long n) {
    return (rows == Graph.BATCH ? n : rows) * (long) (cols == Graph.BATCH ? n : cols);
  }

  /** Bytes of every node of a graph, a {@link Graph#BATCH} dimension counting {@code n}. */
  static double graphBytes(Graph g, long n) {
    double total = 0;
    for (Graph.Node node : g.nodes()) total += (double) BYTES * elements(node.rows(), node.cols(), n);
    return total;
  }

  /** Checks every node of a data graph (all are held while it is evaluated) and their total. */
  static boolean data(Diagnostics diags, Span at, String name, Graph g) {
    for (Graph.Node node : g.nodes()) {
      if (!oneTensor(diags, at, () -> "`data " + name + "`", node.rows(), node.cols(), 0)) return false;
    }
    return fitsHeap(diags, at, () -> "`data " + name + "` needs", graphBytes(g, 0),
        () -> "for the tensors that generate it");
  }

  /** Checks a model's parameters (each a tensor, held with its gradient). */
  static boolean model(Diagnostics diags, Span at, String name, ModelSpec spec) {
    for (ParamSpec p : spec.params()) {
      if (!oneTensor(diags, at, () -> "parameter `" + p.name() + "` of `model " + name + "`", p.rows(), p.cols(), 0)) {
        return false;
      }
    }
    return fitsHeap(diags, at, () -> "`model " + name + "` needs", paramBytes(spec),
        () -> "for its parameters and their gradients");
  }

  private static double paramBytes(ModelSpec spec) {
    double total = 0;
    for (ParamSpec p : spec.params()) total += 2.0 * BYTES * elements(p.rows(), p.cols(), 0);
    return total;
  }

  /**
   * Checks a training run: every value of the forward pass over {@code n} samples, the
   * parameters and their gradients, and the data.
   */
  static boolean train(Diagnostics diags, Span at, String name, ModelSpec spec, long n, Graph data) {
    for (Graph.Node node : spec.forward().nodes()) {
      if (!oneTensor(diags, at, () -> "an activation of `train " + name + "`", node.rows(), node.cols(), n)) {
        return false;
      }
    }
    // The forward values counted once: the backward pass and fused kernels vary, and a
    // refusal must never stop a run that would fit.
    double total = graphBytes(data, 0) + paramBytes(spec) + graphBytes(spec.forward(), n);
    return fitsHeap(diags, at, () -> "`train " + name + "` needs", total,
        () -> String.format(Locale.ROOT, "for its data, parameters and activations over n = %,d samples", n));
  }

  /**
   * Checks the whole plan once each step fits: every dataset and every model's parameters are
   * held for the whole run, and at least the largest train's activations with them. Reported at
   * the train with the largest activations (or the largest dataset when there is no train).
   */
  public static void plan(Diagnostics diags, java.util.Collection<Instances.DataInfo> data,
      java.util.Collection<Instances.ModelInfo> models, java.util.Collection<Trains.TrainInfo> trains) {
    double total = 0;
    Span at = null;
    double largest = -1;
    for (Instances.DataInfo d : data) {
      double b = graphBytes(d.step().graph(), 0);
      total += b;
      if (trains.isEmpty() && b > largest) {
        largest = b;
        at = d.stmt().span();
      }
    }
    for (Instances.ModelInfo m : models) total += paramBytes(m.spec());
    for (Trains.TrainInfo t : trains) {
      double b = graphBytes(t.model().spec().forward(), t.data().result().samples());
      if (b > largest) {
        largest = b;
        at = t.stmt().span();
      }
    }
    if (at == null) return;
    total += trains.isEmpty() ? 0 : largest;
    fitsHeap(diags, at, () -> "the plan needs", total,
        () -> "for all its data and parameters and the activations of its largest train");
  }

  /**
   * Checks what each train records: each observable holds a value at every time of its grid, all
   * kept until the run ends. Counted from the widths known here (scalars, and neuron_norms at one
   * value per neuron); other vector observables count one value, so a refusal never stops a run
   * that fits. neuron_norms of a 200,000-neuron model at 100,000 times (160 GB) passed the
   * check and slowed the run to a crawl.
   */
  public static void records(Diagnostics diags, java.util.Collection<Trains.TrainInfo> trains,
      java.util.Map<String, Observations.Recorded> recorded) {
    for (Trains.TrainInfo t : trains) {
      Observations.Recorded r = recorded.get(t.name());
      if (r == null) continue;
      long perTime = 0;
      double count = 0;
      for (dyn.compiler.plan.Observable o : r.observables()) {
        long width = o == dyn.compiler.plan.Observable.NEURON_NORMS
            ? t.model().spec().neurons().map(ModelSpec.Neurons::count).orElse(1) : 1;
        perTime += width;
        count += (double) width * r.timesOf(o).size();
      }
      double total = BYTES * count;
      long values = perTime;
      double counted = count;
      boolean shared = r.observables().stream().allMatch(o -> r.timesOf(o).size() == r.times().size());
      fitsHeap(diags, t.stmt().span(), () -> "the records of `train " + t.name() + "` need", total,
          () -> shared
              ? String.format(Locale.ROOT, "(%,d times × %,d values)", r.times().size(), values)
              : String.format(Locale.ROOT, "(%,.0f values over %,d times)", counted, r.times().size()));
    }
  }

  /**
   * Bytes a value of a constant costs while the checker builds it: constants ({@code ones},
   * {@code eye}, {@code range}, {@code pairs}) are made value by value as boxed numbers in the plan
   * (a Double and its list slot, the list copied once), several times a float64's 8 bytes.
   */
  static final long CHECKED_BYTES = 40;

  /**
   * Checks a constant before the checker builds it: {@code eye(100000)} has 10¹⁰ entries, which
   * overflowed the int product into a list of 1.4·10⁹ boxed values and ran the checker out of
   * memory after a minute ("internal error: OutOfMemoryError"), before the dataset's own size
   * check could say so. Sizes are multiplied in long arithmetic.
   */
  static boolean constant(Diagnostics diags, Span at, Supplier<String> what, long rows, long cols) {
    if (!oneTensor(diags, at, what, rows, cols)) return false;
    long count = rows * cols;
    return fitsHeap(diags, at, () -> what.get() + " is built when the script is checked and needs",
        (double) CHECKED_BYTES * count,
        () -> String.format(Locale.ROOT, "for its %,d values", count));
  }

  /*
   * What is checked is worded only when it is reported: these run for every node at every
   * compile, a sweep's points included, and wording the train's reason alone (String.format with
   * grouping) was ~5% of a point's compile.
   */
  private static boolean oneTensor(Diagnostics diags, Span at, Supplier<String> what, int rows, int cols,
      long n) {
    return oneTensor(diags, at, what, rows == Graph.BATCH ? n : rows, cols == Graph.BATCH ? n : cols);
  }

  /** Whether a rows × cols tensor fits one Java array; reported at {@code at} when not. */
  private static boolean oneTensor(Diagnostics diags, Span at, Supplier<String> what, long rows, long cols) {
    long count = rows * cols;
    if (count <= MAX_ELEMENTS) return true;
    diags.error("too-large", at, String.format(Locale.ROOT,
        "%s would be a [%,d × %,d] tensor of %,d values, %s; one tensor holds at most %,d values",
        what.get(), rows, cols, count, bytes((double) BYTES * count), MAX_ELEMENTS),
        "a tensor is one Java array, whatever the heap: lower the sizes");
    return false;
  }

  private static boolean fitsHeap(Diagnostics diags, Span at, Supplier<String> what, double total,
      Supplier<String> why) {
    long heap = heap();
    if (total <= heap) return true;
    diags.error("too-large", at, what.get() + " about " + bytes(total) + " " + why.get()
        + "; the Java heap holds at most " + bytes(heap), HINT);
    return false;
  }

  /** {@code 12.8 GB (12,800,000,000 bytes)}: decimal units, and the exact count. */
  static String bytes(double b) {
    String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"};
    double v = b;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    if (u == 0) return String.format(Locale.ROOT, "%.0f bytes", b);
    return String.format(Locale.ROOT, "%.1f %s (%,.0f bytes)", v, units[u], b);
  }
}
