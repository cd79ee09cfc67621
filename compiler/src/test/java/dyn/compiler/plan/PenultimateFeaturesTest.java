package dyn.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which node of a forward graph holds the penultimate features, built node by node. */
class PenultimateFeaturesTest {
  private final List<Graph.Node> nodes = new ArrayList<>();

  private int add(Op op, int rows, int cols) {
    nodes.add(new Graph.Node(op, rows, cols));
    return nodes.size() - 1;
  }

  private OptionalInt features(int output) {
    return PenultimateFeatures.node(new Graph(nodes, List.of(output)));
  }

  /** x (3×n), h = relu(W1 x) (8×n): the hidden activations feed the last product. */
  private int hidden() {
    int x = add(new Op.Input(0), 3, Graph.BATCH);
    int w1 = add(new Op.Param(0), 8, 3);
    return add(new Op.Unary(Op.UnaryFn.RELU, add(new Op.MatMul(w1, x), 8, Graph.BATCH)), 8,
        Graph.BATCH);
  }

  @Test
  void twoLayerNetFeaturesAreTheHiddenActivations() {
    int h = hidden();
    int w2 = add(new Op.Param(1), 2, 8);
    assertEquals(OptionalInt.of(h), features(add(new Op.MatMul(w2, h), 2, Graph.BATCH)));
  }

  /** A bias, a forward multiplier on W2 and the output scale / γ are stepped over. */
  @Test
  void biasMultiplierAndOutputScaleAreSteppedOver() {
    int h = hidden();
    int w2 = add(new Op.Param(1), 2, 8);
    int c = add(new Op.Constant(List.of(0.5)), 1, 1);
    int scaled = add(new Op.Binary(Op.BinaryFn.MUL, w2, c), 2, 8);
    int f = add(new Op.MatMul(scaled, h), 2, Graph.BATCH);
    int b = add(new Op.Param(2), 2, 1);
    int biased = add(new Op.Binary(Op.BinaryFn.ADD, f, b), 2, Graph.BATCH);
    int gamma = add(new Op.Constant(List.of(4.0)), 1, 1);
    assertEquals(OptionalInt.of(h),
        features(add(new Op.Binary(Op.BinaryFn.DIV, biased, gamma), 2, Graph.BATCH)));
  }

  @Test
  void aLinearModelsFeaturesAreItsInputs() {
    int x = add(new Op.Input(0), 3, Graph.BATCH);
    int w = add(new Op.Param(0), 1, 3);
    assertEquals(OptionalInt.of(x), features(add(new Op.MatMul(w, x), 1, Graph.BATCH)));
  }

  /** tanh(W h) has no linear last layer; nor has a product of two x-dependent factors. */
  @Test
  void aNonlinearOrSampleMixingOutputHasNone() {
    int h = hidden();
    int w2 = add(new Op.Param(1), 2, 8);
    int f = add(new Op.MatMul(w2, h), 2, Graph.BATCH);
    assertEquals(OptionalInt.empty(), features(add(new Op.Unary(Op.UnaryFn.TANH, f), 2,
        Graph.BATCH)));
    int t = add(new Op.Transpose(h), Graph.BATCH, 8);
    assertEquals(OptionalInt.empty(), features(add(new Op.MatMul(t, h), Graph.BATCH,
        Graph.BATCH)));
    // f ⊙ f: a per-sample factor is not an output scale.
    assertEquals(OptionalInt.empty(), features(add(new Op.Binary(Op.BinaryFn.MUL, f, f), 2,
        Graph.BATCH)));
  }
}
