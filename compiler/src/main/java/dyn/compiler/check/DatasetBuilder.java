package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Graph;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Body;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates a dataset definition: unrolls its body into a generator {@link Graph}. Random
 * primitives get streams {@code Streams.mix(seed, site)} from the header parameter {@code seed}
 * (0 when the definition has none). A test split exists when {@code x_test} has columns. A
 * dataset that assigns {@code x2}, a second view of each sample of {@code x} (same shape), is
 * paired: it feeds self-supervised losses, and its labels {@code y} are optional.
 */
public final class DatasetBuilder extends BodyWalker {
  private final Program.Definition def;
  private final GraphBuilder graph;
  private final Map<String, Value.Tensor> outputs = new LinkedHashMap<>();

  /** A generated dataset's graph and the dimensions the checker needs. */
  public record Result(Graph graph, List<String> outputs, int inputDim, int outputDim, int samples,
      int testSamples, Optional<int[]> teacherShape, boolean paired) {
    /** A dataset of (x, y) samples without a second view. */
    public Result(Graph graph, List<String> outputs, int inputDim, int outputDim, int samples,
        int testSamples, Optional<int[]> teacherShape) {
      this(graph, outputs, inputDim, outputDim, samples, testSamples, teacherShape, false);
    }

    /** Whether the dataset assigns labels {@code y} (a paired dataset may not). */
    public boolean hasLabels() {
      return outputs.contains("y");
    }
  }

  private DatasetBuilder(Program.Definition def, Map<String, Value> headers, GraphBuilder graph,
      long seed, Diagnostics diags) {
    super(diags, headers, graph, true, seed);
    this.def = def;
    this.graph = graph;
  }

  /**
   * The dataset, or empty when its body has errors.
   *
   * @param diags where body errors go: a collector for the definition's own file
   */
  public static Optional<Result> build(Program.Definition def, Map<String, Value> headers,
      Diagnostics diags) {
    Value s = headers.get("seed");
    long seed = s instanceof Value.Num ? (long) ((Value.Num) s).value() : 0;
    GraphBuilder graph = new GraphBuilder();
    DatasetBuilder b = new DatasetBuilder(def, headers, graph, seed, diags);
    int before = b.diags.list().size();
    b.walk(def.syntax().body());
    if (b.diags.list().size() > before) return Optional.empty();
    return b.finish();
  }

  private Optional<Result> finish() {
    String where = "dataset `" + def.name() + "`";
    Value.Tensor x2 = outputs.get("x2");
    // A paired (self-supervised) dataset needs no labels: its loss compares the two views.
    for (String required : x2 == null ? List.of("x", "y") : List.of("x")) {
      if (!outputs.containsKey(required)) {
        diags.error("missing-output", def.syntax().name().span(), where + " does not assign `"
            + required + "`", required.equals("y")
                ? "assign labels `y`, or a second view `x2` of each sample for a self-supervised"
                    + " loss" : null);
        return Optional.empty();
      }
    }
    Value.Tensor x = outputs.get("x");
    Value.Tensor y = outputs.get("y");
    if (y != null && x.cols() != y.cols()) {
      diags.error("shape", def.syntax().name().span(), where + ": x is " + Shapes.show(x)
          + " but y is " + Shapes.show(y) + "; both need one column per sample");
      return Optional.empty();
    }
    if (x2 != null && (x2.rows() != x.rows() || x2.cols() != x.cols())) {
      diags.error("shape", def.syntax().name().span(), where + ": x is " + Shapes.show(x)
          + " but its second view x2 is " + Shapes.show(x2) + "; they need the same shape");
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(List.of("x"));
    if (y != null) names.add("y");
    if (x2 != null) names.add("x2");
    Value.Tensor xt = outputs.get("x_test");
    Value.Tensor yt = outputs.get("y_test");
    int nTest = 0;
    if ((xt == null) != (yt == null)) {
      diags.error("missing-output", def.syntax().name().span(),
          where + " assigns only one of `x_test` and `y_test`");
      return Optional.empty();
    }
    if (xt != null && xt.cols() > 0) {
      if (y == null) {
        diags.error("missing-output", def.syntax().name().span(), where + " has a test split but"
            + " no labels `y`");
        return Optional.empty();
      }
      if (xt.rows() != x.rows() || yt.rows() != y.rows() || xt.cols() != yt.cols()) {
        diags.error("shape", def.syntax().name().span(), where + ": the test split "
            + Shapes.show(xt) + " → " + Shapes.show(yt) + " does not match the train split "
            + Shapes.show(x) + " → " + Shapes.show(y));
        return Optional.empty();
      }
      names.add("x_test");
      names.add("y_test");
      nTest = xt.cols();
    }
    Value.Tensor teacher = outputs.get("teacher");
    if (teacher != null) names.add("teacher");
    List<Integer> nodes = new ArrayList<>();
    for (String n : names) nodes.add(outputs.get(n).node());
    return Optional.of(new Result(graph.buildPruned(nodes), names, x.rows(),
        y == null ? 0 : y.rows(), x.cols(), nTest,
        Optional.ofNullable(teacher).map(t -> new int[] {t.rows(), t.cols()}), x2 != null));
  }

  @Override
  protected void assignOther(Body.Assign b, Value v) {
    String n = b.name().name();
    if (!Builtins.DATA_OUTPUTS.contains(n)) {
      diags.error("not-a-local", b.name().span(), "`" + n + "` is neither a local nor an output ("
          + String.join(", ", Builtins.DATA_OUTPUTS) + ")");
      return;
    }
    Value.Tensor t = v instanceof Value.Bad ? null : eval.tensor(v, b.value().span());
    if (t == null) {
      env.put(n, new Value.Bad());
      return;
    }
    outputs.put(n, t);
    env.put(n, t); // later statements read outputs: y = T @ x

  }

  @Override
  public Void visitTensor(Body.Tensor b) {
    diags.error("param-in-dataset", b.span(), "a dataset has no trained parameters");
    return null;
  }

  @Override
  public Void visitNeuron(Body.Neuron b) {
    diags.error("neuron-in-dataset", b.span(), "`neuron` belongs in a model definition");
    return null;
  }

  @Override
  public Void visitReturn(Body.Return b) {
    diags.error("return-in-dataset", b.span(),
        "a dataset body assigns its outputs (x, y, …) and has no `return`");
    return null;
  }
}
