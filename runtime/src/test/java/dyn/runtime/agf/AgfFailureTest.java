package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.GraphBuilder;
import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Models, inits and settings AGF must refuse, with the reason in the message. */
class AgfFailureTest {
  private static final double[] BETA = {3, 1.5, 0.75};
  private final Dataset data = DataGenerator.generate(Studies.diagonalTeacher(BETA, 50, 31));

  private static ParamSpec vec(String name, int d) {
    return new ParamSpec(name, d, 1, new ParamSpec.Distribution.Constant(1));
  }

  private static ModelSpec.Neurons entries(int d, int params) {
    List<ModelSpec.Part> parts = params == 1
        ? List.of(new ModelSpec.Part(0, ModelSpec.Slice.ENTRY))
        : List.of(new ModelSpec.Part(0, ModelSpec.Slice.ENTRY),
            new ModelSpec.Part(1, ModelSpec.Slice.ENTRY));
    return new ModelSpec.Neurons(d, parts);
  }

  @Test
  void noNeuronDecomposition() {
    ModelSpec d = Studies.diagonal(3);
    ModelSpec bare = new ModelSpec(d.name(), 3, 1, d.params(), d.forward(), Optional.empty(), true);
    AgfFailure f = assertThrows(AgfFailure.class, () -> AgfSolver.solve(bare,
        AgfClosedFormTest.diagonalInit(1e-3, 1e-3, 3), data, AgfSettings.defaults()));
    assertTrue(f.getMessage().contains("no neuron decomposition"), f.getMessage());
  }

  @Test
  void degreeOneIsRefused() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 1);
    int w = g.param(0, 3, 1);
    ModelSpec linear = new ModelSpec("linear", 3, 1, List.of(vec("w", 3)),
        g.build(g.matmul(g.transpose(w), x)), Optional.of(entries(3, 1)), true);
    Parameters theta0 = new Parameters(List.of(new Matrix(3, 1, new double[] {1e-3, 1e-3, 1e-3})));
    AgfFailure f = assertThrows(AgfFailure.class,
        () -> AgfSolver.solve(linear, theta0, data, AgfSettings.defaults()));
    assertTrue(f.getMessage().contains("κ = 1 < 2"), f.getMessage());
  }

  @Test
  void nonHomogeneousNeuronIsRefused() {
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 1);
    int u = g.param(0, 3, 1);
    int v = g.param(1, 3, 1);
    int mixed = g.binary(Op.BinaryFn.ADD, g.binary(Op.BinaryFn.MUL, u, v), u);
    ModelSpec m = new ModelSpec("mixed", 3, 1, List.of(vec("u", 3), vec("v", 3)),
        g.build(g.matmul(g.transpose(mixed), x)), Optional.of(entries(3, 2)), true);
    AgfFailure f = assertThrows(AgfFailure.class, () -> AgfSolver.solve(m,
        AgfClosedFormTest.diagonalInit(1e-3, 1e-3, 3), data, AgfSettings.defaults()));
    assertTrue(f.getMessage().contains("not positively homogeneous"), f.getMessage());
  }

  @Test
  void cubicNeuronsAreDegreeThree() throws AgfFailure {
    // f = Σ_i u_i v_i w_i x_i: κ = 3, c_i = 1/‖θ_i(0)‖ − 1.
    GraphBuilder g = new GraphBuilder();
    int x = g.input(3, 1);
    int u = g.param(0, 3, 1);
    int v = g.param(1, 3, 1);
    int w = g.param(2, 3, 1);
    int p = g.binary(Op.BinaryFn.MUL, g.binary(Op.BinaryFn.MUL, u, v), w);
    ModelSpec m = new ModelSpec("cubic", 3, 1, List.of(vec("u", 3), vec("v", 3), vec("w", 3)),
        g.build(g.matmul(g.transpose(p), x)),
        Optional.of(new ModelSpec.Neurons(3, List.of(new ModelSpec.Part(0, ModelSpec.Slice.ENTRY),
            new ModelSpec.Part(1, ModelSpec.Slice.ENTRY),
            new ModelSpec.Part(2, ModelSpec.Slice.ENTRY)))), true);
    double a = 1e-3;
    double[] init = {a, a, a};
    Parameters theta0 = new Parameters(List.of(new Matrix(3, 1, init.clone()),
        new Matrix(3, 1, init.clone()), new Matrix(3, 1, init.clone())));
    AgfResult r = AgfSolver.solve(m, theta0, data, AgfSettings.defaults());
    assertEquals(3.0, r.kappa());
    double norm = Math.sqrt(3) * a;
    assertEquals(1 / norm - 1, r.thresholds()[0], 1e-9);
    // Balanced direction (1,1,1)/√3 is the utility maximiser: U = β/(3√3), κU = β/√3, and the
    // norm law ‖θ‖^{-1} = ‖θ0‖^{-1} − κ∫U gives τ = (1/‖θ0‖ − 1)√3/β.
    assertEquals((1 / norm - 1) * Math.sqrt(3) / BETA[0], r.jumpTimes()[0],
        1e-3 * r.jumpTimes()[0]);
  }

  @Test
  void largeInitIsRefused() {
    AgfFailure f = assertThrows(AgfFailure.class, () -> AgfSolver.solve(Studies.diagonal(3),
        AgfClosedFormTest.diagonalInit(0.1, 0.1, 3), data, AgfSettings.defaults()));
    assertTrue(f.getMessage().contains("init too large"), f.getMessage());
    assertTrue(f.hint().contains("lower the init scale"), f.hint());
  }
}
