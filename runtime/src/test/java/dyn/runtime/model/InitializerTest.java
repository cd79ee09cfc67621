package dyn.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.runtime.Studies;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.DataGenerator;
import dyn.runtime.data.Dataset;
import dyn.runtime.random.CounterRng;
import org.junit.jupiter.api.Test;

class InitializerTest {
  @Test
  void declaredDrawFollowsTheDocumentedStreams() {
    ModelSpec model = Studies.twoLayerLinear(4, 3, 2);
    Parameters p = Initializer.draw(Studies.modelStep(model, 0.5, 11, InitSpec.Kind.DECLARED), null);
    for (int param = 0; param < 2; param++) {
      long stream = CounterRng.derive(11, param);
      double sd = Math.sqrt(param == 0 ? 1.0 / 4 : 1.0 / 3);
      Matrix m = p.values().get(param);
      for (int k = 0; k < m.data.length; k++) {
        assertEquals(0.5 * sd * CounterRng.normal(stream, k), m.data[k], 1e-15);
      }
    }
  }

  @Test
  void declaredVarianceIsScaledUnitDraw() {
    ModelSpec model = Studies.twoLayerLinear(50, 400, 1);
    Parameters p = Initializer.draw(Studies.modelStep(model, 2.0, 1, InitSpec.Kind.DECLARED), null);
    double[] w1 = p.values().get(0).data;
    double s2 = 0;
    for (double v : w1) s2 += v * v;
    // Var = scale² / d = 4 / 50, from 20 000 draws.
    assertEquals(0.08, s2 / w1.length, 0.08 * 5 * Math.sqrt(2.0 / w1.length));
  }

  @Test
  void balancedEqualisesPartsAndKeepsNeuronNorms() {
    ModelSpec model = Studies.twoLayerLinear(5, 4, 3);
    Parameters raw = Initializer.draw(Studies.modelStep(model, 1.0, 2, InitSpec.Kind.DECLARED), null);
    Parameters bal = Initializer.draw(Studies.modelStep(model, 1.0, 2, InitSpec.Kind.BALANCED), null);
    double[] before = NeuronNorms.of(model, raw);
    double[] after = NeuronNorms.of(model, bal);
    Matrix w1 = bal.values().get(0);
    Matrix w2 = bal.values().get(1);
    for (int i = 0; i < 4; i++) {
      assertEquals(before[i], after[i], 1e-12);
      double r = 0;
      for (int j = 0; j < 5; j++) r += w1.get(i, j) * w1.get(i, j);
      double c = 0;
      for (int j = 0; j < 3; j++) c += w2.get(j, i) * w2.get(j, i);
      assertEquals(r, c, 1e-12);
      // Direction kept: the ratio to the raw row is one positive constant.
      double ratio = w1.get(i, 0) / raw.values().get(0).get(i, 0);
      assertTrue(ratio > 0);
      for (int j = 1; j < 5; j++) {
        assertEquals(ratio, w1.get(i, j) / raw.values().get(0).get(i, j), 1e-12);
      }
    }
  }

  @Test
  void neuronNormsSumRowAndColumn() {
    ModelSpec model = Studies.twoLayerLinear(3, 2, 2);
    Parameters p = new Parameters(java.util.List.of(
        new Matrix(2, 3, new double[] {1, 2, 2, 0, 0, 3}),
        new Matrix(2, 2, new double[] {4, 0, 0, 4})));
    double[] norms = NeuronNorms.of(model, p);
    assertEquals(Math.sqrt(1 + 4 + 4 + 16), norms[0], 1e-15);
    assertEquals(Math.sqrt(9 + 16), norms[1], 1e-15);
  }

  @Test
  void alignedInitDiagonalisesTheTeacher() {
    double[] s = {5, 3, 2, 1};
    Dataset data = DataGenerator.generate(Studies.linearTeacher(6, 5, 50, s, 0, 3));
    ModelSpec model = Studies.twoLayerLinear(6, 7, 5);
    double scale = 0.1;
    Parameters p = Initializer.draw(Studies.modelStep(model, scale, 0, InitSpec.Kind.ALIGNED), data);
    Matrix w1 = p.values().get(0);
    Matrix w2 = p.values().get(1);
    Matrix t = data.get("teacher").get();
    // W2[:, a]ᵀ T W1[b, :]ᵀ = scale² s_a δ_ab (U and V diagonalise T), zero for unused neurons.
    for (int a = 0; a < 7; a++) {
      for (int b = 0; b < 7; b++) {
        double v = 0;
        for (int i = 0; i < 5; i++) {
          for (int j = 0; j < 6; j++) v += w2.get(i, a) * t.get(i, j) * w1.get(b, j);
        }
        double expected = a == b && a < 4 ? scale * scale * s[a] : 0.0;
        assertEquals(expected, v, 1e-14, "entry " + a + "," + b);
      }
    }
    // Balanced: each used neuron has ‖W1[a,:]‖ = ‖W2[:,a]‖ = scale.
    double[] norms = NeuronNorms.of(model, p);
    for (int a = 0; a < 4; a++) assertEquals(scale * Math.sqrt(2), norms[a], 1e-14);
  }

  @Test
  void alignedRejectsAModelThatIsNotTwoLayerLinear() {
    ModelSpec model = Studies.diagonal(3);
    Dataset data = DataGenerator.generate(Studies.linearTeacher(3, 3, 10, new double[] {1}, 0, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Initializer.draw(Studies.modelStep(model, 1, 0, InitSpec.Kind.ALIGNED), data));
    assertTrue(e.getMessage().contains("two-layer linear"), e.getMessage());
  }
}
