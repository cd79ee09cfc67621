package dyn.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.TestScripts;
import dyn.compiler.check.Grid;
import dyn.compiler.check.Streams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 6, out = 3, n = 50, singular_values = [3, 1], seed = 7)";

  private static ModelSpec model(String modelLine) {
    Plan p = TestScripts.plan("import models", "import datasets", DATA, modelLine,
        "train gf = flow(net, teacher, until = 1)");
    return p.step(1, ModelStep.class).model();
  }

  private static List<int[]> shapes(ModelSpec m) {
    List<int[]> s = new ArrayList<>();
    m.params().forEach(p -> s.add(new int[] {p.rows(), p.cols()}));
    return s;
  }

  /** The stream ids of the random nodes of the first data step, in node order. */
  private static List<Long> streams(Plan p) {
    List<Long> s = new ArrayList<>();
    for (Graph.Node n : p.step(0, DataStep.class).graph().nodes()) {
      if (n.op() instanceof Op.Normal) s.add(((Op.Normal) n.op()).stream());
      if (n.op() instanceof Op.Orthogonal) s.add(((Op.Orthogonal) n.op()).stream());
    }
    return s;
  }

  @Test
  void deepLinearOfDepthFourUnrollsToFourParameters() {
    ModelSpec m = model("model net = deep_linear(d = 6, width = 5, out = 3, depth = 4)");
    assertEquals(List.of("W1", "W[2]", "W[3]", "WL"),
        m.params().stream().map(ParamSpec::name).toList());
    List<int[]> s = shapes(m);
    assertEquals(List.of(5, 6, 5, 5, 5, 5, 3, 5),
        List.of(s.get(0)[0], s.get(0)[1], s.get(1)[0], s.get(1)[1], s.get(2)[0], s.get(2)[1],
            s.get(3)[0], s.get(3)[1]));
    assertEquals(6, m.inputDim());
    assertEquals(3, m.outputDim());
    // W_L W_3 W_2 W_1 x: four products.
    long products = m.forward().nodes().stream().filter(n -> n.op() instanceof Op.MatMul).count();
    assertEquals(4, products);
    Graph.Node out = m.forward().output(0);
    assertEquals(3, out.rows());
    assertEquals(Graph.BATCH, out.cols());
    assertTrue(m.linearInX());
    assertEquals(new ParamSpec.Distribution.Normal(0, 1.0 / 5), m.params().get(1).init());
  }

  @Test
  void twoLayerShapesAndNeurons() {
    ModelSpec m = model("model net = two_layer(d = 6, width = 8, out = 3)");
    assertEquals(2, m.params().size());
    assertEquals(8, m.params().get(0).rows());
    assertEquals(6, m.params().get(0).cols());
    assertEquals(3, m.params().get(1).rows());
    assertEquals(8, m.params().get(1).cols());
    assertEquals(6 * 8 + 8 * 3, m.parameterCount());
    ModelSpec.Neurons n = m.neurons().orElseThrow();
    assertEquals(8, n.count());
    assertEquals(List.of(new ModelSpec.Part(0, ModelSpec.Slice.ROW),
        new ModelSpec.Part(1, ModelSpec.Slice.COLUMN)), n.parts());
    assertEquals(new ParamSpec.Distribution.Normal(0, 1.0 / 6), m.params().get(0).init());
  }

  @Test
  void linearInXFollowsTheActivation() {
    assertTrue(model("model net = two_layer(d = 6, width = 8, out = 3, act = linear)").linearInX());
    assertFalse(model("model net = two_layer(d = 6, width = 8, out = 3, act = relu)").linearInX());
    assertFalse(model("model net = two_layer(d = 6, width = 8, out = 3, act = tanh)").linearInX());
  }

  @Test
  void diagonalModelIsLinearWithEntryNeurons() {
    Plan p = TestScripts.plan("import models", "import datasets",
        "data teacher = sparse_teacher(d = 5, n = 20, beta = [1, 0, 0, 2, 0])",
        "model net = diagonal(d = 5)", "train gf = flow(net, teacher, until = 1)");
    ModelSpec m = p.step(1, ModelStep.class).model();
    assertTrue(m.linearInX());
    assertEquals(1, m.outputDim());
    assertEquals(List.of(ModelSpec.Slice.ENTRY, ModelSpec.Slice.ENTRY),
        m.neurons().orElseThrow().parts().stream().map(ModelSpec.Part::slice).toList());
    assertEquals(List.of("x", "y", "teacher"), p.step(0, DataStep.class).outputs());
  }

  @Test
  void logGridIsZeroThenGeometricInclusive() {
    List<Double> g = Grid.log(0.01, 10, 4);
    double[] want = {0, 0.01, 0.1, 1, 10};
    assertEquals(want.length, g.size());
    for (int i = 0; i < want.length; i++) assertEquals(want[i], g.get(i), 1e-12 * (1 + want[i]));
    assertEquals(List.of(0.0, 2.5, 5.0, 7.5, 10.0), Grid.linear(0, 10, 5));
  }

  @Test
  void defaultGridAndObservables() {
    Plan p = TestScripts.plan("import models", "import datasets", DATA,
        "data split = linear_teacher(d = 6, out = 3, n = 50, singular_values = [3], n_test = 10)",
        "model net = two_layer(d = 6, width = 4, out = 3)",
        "train a = flow(net, teacher, until = 20)", "train b = descent(net, split, lr = 0.1, until = 20)");
    TrainStep a = p.step(3, TrainStep.class);
    TrainStep b = p.step(4, TrainStep.class);
    assertEquals(List.of(Observable.LOSS), a.observables());
    assertEquals(List.of(Observable.LOSS, Observable.TEST_LOSS), b.observables());
    assertEquals(41, a.times().size());
    assertEquals(0.0, a.times().get(0));
    assertEquals(0.02, a.times().get(1), 1e-15);
    assertEquals(20.0, a.times().get(40));
    // Geometric: constant ratio (1000)^(1/39) between neighbours.
    double ratio = Math.pow(1000, 1.0 / 39);
    assertEquals(ratio, a.times().get(21) / a.times().get(20), 1e-12);
    assertEquals(200, ((Dynamics.GradientDescent) b.dynamics()).steps());
  }

  @Test
  void observeForListedTrainsOnly() {
    Plan p = TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 4, out = 3)",
        "train a = flow(net, teacher, until = 10)", "train b = flow(net, teacher, until = 10)",
        "observe loss, neuron_norms for a at linear(0, 10, 11)");
    TrainStep a = p.step(2, TrainStep.class);
    assertEquals(List.of(Observable.LOSS, Observable.NEURON_NORMS), a.observables());
    assertEquals(11, a.times().size());
    assertEquals(List.of(Observable.LOSS), p.step(3, TrainStep.class).observables());
  }

  @Test
  void randomStreamsAreDistinctAndDeterministic() {
    List<Long> first = streams(TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 4, out = 3)", "train a = flow(net, teacher, until = 1)"));
    List<Long> again = streams(TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 4, out = 3)", "train a = flow(net, teacher, until = 1)"));
    assertEquals(first, again);
    // orthogonal, orthogonal, normal(x), normal(noise) survive pruning (no test split).
    assertEquals(4, first.size());
    Set<Long> distinct = new HashSet<>(first);
    assertEquals(first.size(), distinct.size());
    assertEquals(Streams.mix(7, 0), first.get(0));
    List<Long> other = streams(TestScripts.plan("import models", "import datasets",
        DATA.replace("seed = 7", "seed = 8"), "model net = two_layer(d = 6, width = 4, out = 3)",
        "train a = flow(net, teacher, until = 1)"));
    for (long s : other) assertFalse(first.contains(s));
  }

  @Test
  void mixIsTheSplitMix64Finalizer() {
    // SplitMix64 seeded with 0 outputs finalize(k·γ) for k = 1, 2, …; its first two outputs are
    // published reference values, and mix(seed, 0) = finalize((seed + 1)·γ).
    assertEquals(0xe220a8397b1dcdafL, Streams.mix(0, 0));
    assertEquals(0x6e789e6aa1b965f4L, Streams.mix(1, 0));
    assertNotEquals(Streams.mix(0, 1), Streams.mix(1, 0));
  }

  @Test
  void sgdHasItsOwnStreamAndStepCount() {
    Plan p = TestScripts.plan("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 4, out = 3)",
        "train s = sgd(net, teacher, lr = 0.05, batch = 10, until = 2, seed = 3)");
    Dynamics.Sgd d = (Dynamics.Sgd) p.step(2, TrainStep.class).dynamics();
    assertEquals(40, d.steps());
    assertEquals(10, d.batch());
    assertEquals(Streams.mix(3, Streams.SGD_SITE), d.stream());
  }

  @Test
  void stepsAreOrderedDataModelsTrainsReportsChecks() {
    Plan p = TestScripts.plan("import models", "import datasets",
        "check final(gf.loss) < 1", "report table(gf.loss)",
        "train gf = flow(net, teacher, until = 1)",
        "model net = two_layer(d = 6, width = 4, out = 3, init = aligned(teacher), scale = 1e-3)",
        DATA);
    List<String> labels = p.steps().stream().map(Step::label).toList();
    assertEquals(List.of("data teacher", "model net", "train gf", "report table",
        "check final(gf.loss) < 1"), labels);
    InitSpec init = p.step(1, ModelStep.class).init();
    assertEquals(InitSpec.Kind.ALIGNED, init.kind());
    assertEquals(0, init.alignedTo());
    assertEquals(1e-3, init.scale());
  }
}
