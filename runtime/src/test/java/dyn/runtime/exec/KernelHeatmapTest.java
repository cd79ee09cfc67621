package dyn.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.KernelHeatmapSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.TheoryStep;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.sweep.ResultTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The table a kernel heatmap draws: every (i, j) of the Gram matrix on the data's train inputs,
 * 1-based. Expected entries: numpy (cli/src/test/resources/kernel_limit/eigen_reference.py's
 * arc-cosine NTK Θ(x, x') = (x·x')·Ṫ(Λ) + T(Λ), Λ = x·x'/d, on the six inputs of x.csv).
 */
class KernelHeatmapTest {
  @Test
  void gramTableHoldsEveryPairOfTheClosedFormNtk() {
    double[] x = {0.296, 1.0, 0.239, -0.872, -0.706, 0.494, 0.841, 0.746, -0.443, -0.982, -0.083,
        0.938, 0.992, 0.141, -0.916, -0.631, 0.578, 0.941}; // 3 × 6, a sample per column
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(3, 6, x), new Matrix(1, 6, new double[6])));
    // two_layer(d = 3, …, act = relu, parametrization = ntk): σ² = 1 for both layers, ρ₁ = d.
    TheoryStep.Kernel ntk = new TheoryStep.Kernel(TheoryStep.Kind.NTK, 1, 0, List.of(
        new TheoryStep.KernelLayer(0, 1, 3, Optional.of(Op.UnaryFn.RELU)),
        new TheoryStep.KernelLayer(1, 1, 1, Optional.empty())), 1, 6);
    ResultTable t = TheoryPredictions.gramTable(new KernelHeatmapSpec("theta", ntk, ""), data);
    assertEquals(List.of("i", "j"), t.keys());
    assertEquals(List.of("theta (ntk)"), t.columns());
    assertEquals(36, t.rows().size());
    assertArrayEquals(new double[] {1, 2}, t.rows().get(1).key());
    assertEquals(1.185974, t.rows().get(0).value(0), 1e-12);
    assertEquals(0.5782695619214041, t.rows().get(1).value(0), 1e-12);
    assertEquals(-0.11640993895500028, t.rows().get(2 * 6 + 5).value(0), 1e-12);
    assertEquals(0.19714760617869925, t.rows().get(4 * 6 + 3).value(0), 1e-12);
    assertEquals(t.rows().get(5 * 6 + 2).value(0), t.rows().get(2 * 6 + 5).value(0), 0);
  }
}
