package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.ModelSpec;
import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.model.Parameters;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The norm a dormant neuron carries into the next round (issue 14 item 8: a runner-up that nearly
 * tied on an earlier feature fires early later). Closed form: on a whitened linear teacher T,
 * two neurons placed exactly on T's top singular pair, θ_i = n_i(u_1, v_1)/√2, have utility
 * aᵀTw = s_1/2 and no tangential gradient, so S_i = κ·(s_1/2)·t = s_1 t for both. Neuron 0 fires
 * at τ_1 = ln(1/n_0)/s_1, when neuron 1's norm is n_1 e^{s_1 τ_1} = n_1/n_0 exactly.
 */
class AgfNearTieTest {
  @Test
  void theRunnerUpsNormAtTheJumpIsItsInitialRatioToTheWinner() throws AgfFailure {
    double s1 = 3;
    Dataset data = DataGenerator.generate(Studies.linearTeacher(2, 2, 50, new double[] {s1, 1}, 0, 4));
    Matrix t = data.get("teacher").orElseThrow();
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(2, 2, true, true, false);
    assertTrue(svd.decompose(new DMatrixRMaj(2, 2, true, t.data.clone())));
    double[] sv = svd.getSingularValues();
    int top = sv[0] >= sv[1] ? 0 : 1;
    assertEquals(s1, sv[top], 1e-9);
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    double n0 = 1e-4;
    double n1 = 0.9e-4;
    // W1 (width × d): row i is w_i; W2 (c × width): column i is a_i.
    double[] w1 = new double[4];
    double[] w2 = new double[4];
    double[] norms = {n0, n1};
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        w1[i * 2 + k] = norms[i] * v.get(k, top) / Math.sqrt(2);
        w2[k * 2 + i] = norms[i] * u.get(k, top) / Math.sqrt(2);
      }
    }
    ModelSpec model = Studies.twoLayerLinear(2, 2, 2);
    Parameters theta0 = new Parameters(List.of(new Matrix(2, 2, w1), new Matrix(2, 2, w2)));
    AgfResult r = AgfSolver.solve(model, theta0, data,
        AgfSettings.defaults().withH(1e-3).withLimits(1, 50));
    AgfRound jump = r.rounds().get(0);
    assertEquals(0, jump.neuron());
    assertEquals(Math.log(1 / n0) / s1, jump.time(), 1e-9);
    assertEquals(1, jump.runnerUp());
    assertEquals(n1 / n0, jump.dormantNorms()[1], 1e-9);
    assertTrue(Double.isNaN(jump.dormantNorms()[0]), "the winner is active, not dormant");
  }

  @Test
  void impliedNormFollowsTheRadialSolutions() {
    // κ = 2: ‖θ‖ = e^{−(c − S)}; κ = 3: ‖θ‖ = 1/(1 + (c − S)) (reference §1.2, η = 1).
    assertEquals(Math.exp(-0.7), AgfSolver.impliedNorm(2, 0.7), 1e-15);
    assertEquals(1 / 1.7, AgfSolver.impliedNorm(3, 0.7), 1e-15);
    assertEquals(1.0, AgfSolver.impliedNorm(3, 0), 0);
    // κ = 4: ‖θ‖^{−2} = 1 + 2(c − S).
    assertEquals(1 / Math.sqrt(2.4), AgfSolver.impliedNorm(4, 0.7), 1e-15);
  }
}
