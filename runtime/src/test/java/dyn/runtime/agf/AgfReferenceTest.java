package dyn.runtime.agf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * D1 (reference.md §1.4): the deterministic 2-D diagonal example of the official notebook, at
 * α = 1e-6 from u = √2α, v = 0. The first two jumps and the first level do not depend on how a
 * sign flip is handled, so the generic solver must reproduce them; from the second cost phase on
 * the notebook returns coordinate 0 to dormant (sign flip), which this solver does not do.
 */
class AgfReferenceTest {
  @Test
  void firstTwoJumpsOfD1() throws AgfFailure {
    // Samples are the rows of X; dyn stores samples as columns, so x = Xᵀ.
    double[] xt = {2.6457513, 3.9279220, 0, 1.8898224};
    double[] beta = {-0.2, 2.0};
    double[] y = new double[2];
    for (int s = 0; s < 2; s++) y[s] = xt[s] * beta[0] + xt[2 + s] * beta[1];
    Dataset data = new Dataset(List.of("x", "y"),
        List.of(new Matrix(2, 2, xt), new Matrix(1, 2, y)));
    double alpha = 1e-6;
    AgfResult r = AgfSolver.solve(Studies.diagonal(2),
        AgfClosedFormTest.diagonalInit(Math.sqrt(2) * alpha, 0, 2), data,
        AgfSettings.defaults());
    assertEquals(2.311099, r.initialLevel(), 1e-5);
    assertEquals(0, r.order()[0]);
    assertEquals(2.667, r.jumpTimes()[0], 2e-3);
    assertEquals(1.114650, r.levels()[1], 1e-5);
    assertEquals(1, r.order()[1]);
    assertEquals(8.292, r.jumpTimes()[1], 5e-3);
  }
}
