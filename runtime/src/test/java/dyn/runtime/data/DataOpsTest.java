package dyn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dyn.runtime.GraphBuilder;
import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.random.CounterRng;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

class DataOpsTest {
  @Test
  void whitenGivesIdentityCovariance() {
    int d = 5;
    int n = 40;
    double[] x = new double[d * n];
    for (int i = 0; i < x.length; i++) x[i] = CounterRng.normal(3, i) * (1 + i % d);
    double[] w = DataOps.whiten(x, d, n);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += w[i * n + k] * w[j * n + k];
        assertEquals(i == j ? 1.0 : 0.0, s / n, 1e-12);
      }
    }
  }

  @Test
  void whitenRejectsTooFewSamples() {
    assertThrows(IllegalArgumentException.class, () -> DataOps.whiten(new double[6], 3, 2));
  }

  @Test
  void orthogonalIsOrthogonalAndDeterministic() {
    int n = 7;
    double[] q = DataOps.haarOrthogonal(n, 5);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += q[k * n + i] * q[k * n + j];
        assertEquals(i == j ? 1.0 : 0.0, s, 1e-12);
      }
    }
    assertArrayEquals(q, DataOps.haarOrthogonal(n, 5), 0.0);
  }

  @Test
  void orthogonalHasHaarMeanTrace() {
    // For Haar O(n), E[trace] = 0 and E[Q_11²] = 1/n; without the sign fix QR gives a biased
    // diagonal (mean of Q_11 > 0).
    int n = 4;
    int samples = 4000;
    double q11 = 0;
    for (int s = 0; s < samples; s++) q11 += DataOps.haarOrthogonal(n, 1000 + s)[0];
    assertEquals(0.0, q11 / samples, 5 * Math.sqrt(1.0 / n / samples));
  }

  @Test
  void generatorBuildsTeacherWithGivenSingularValues() {
    double[] s = {5, 3, 2, 1};
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 5, 50, s, 10, 1));
    Matrix t = data.get("teacher").get();
    assertEquals(5, t.rows);
    assertEquals(6, t.cols);
    double[] sv = SingularOps_DDRM.singularValues(new DMatrixRMaj(5, 6, true, t.data));
    java.util.Arrays.sort(sv);
    assertArrayEquals(new double[] {0, 1, 2, 3, 5}, sv, 1e-12);
    Matrix x = data.get("x").get();
    Matrix y = data.get("y").get();
    assertEquals(6, x.rows);
    assertEquals(50, x.cols);
    // y = T x column by column.
    for (int j = 0; j < 50; j += 7) {
      for (int i = 0; i < 5; i++) {
        double v = 0;
        for (int k = 0; k < 6; k++) v += t.get(i, k) * x.get(k, j);
        assertEquals(v, y.get(i, j), 1e-12);
      }
    }
    assertEquals(10, data.get("x_test").get().cols);
  }

  @Test
  void normalNodeUsesItsStream() {
    GraphBuilder g = new GraphBuilder();
    int a = g.normal(2, 3, 77);
    Dataset data = DataGenerator.generate(
        new dyn.compiler.plan.DataStep(0, "n", dyn.compiler.plan.Origin.none(), g.build(a),
            List.of("x")));
    for (int k = 0; k < 6; k++) assertEquals(CounterRng.normal(77, k), data.values().get(0).data[k], 0.0);
  }
}
