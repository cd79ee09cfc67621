package dyn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.data.DataException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** corrupt(labels, fraction, classes): the exact count, other classes only, determinism. */
class CorruptLabelsTest {
  private static double[] labels(int n, int classes) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = i % classes;
    return y;
  }

  private static int changed(double[] a, double[] b) {
    int k = 0;
    for (int i = 0; i < a.length; i++) if (a[i] != b[i]) k++;
    return k;
  }

  @Test
  void exactlyRoundFractionTimesNLabelsChangeToAnotherClass() {
    double[] y = labels(1000, 10);
    for (double fraction : new double[] {0, 0.2, 0.2345, 1}) {
      double[] out = new double[y.length];
      DataOps.corruptLabels(y, fraction, 10, 42L, out);
      assertEquals(Math.round(fraction * 1000), changed(y, out), "fraction " + fraction);
      for (double v : out) assertTrue(v == Math.rint(v) && v >= 0 && v < 10);
    }
  }

  @Test
  void twoClassesFlipAndEveryOtherClassIsDrawn() {
    double[] y = labels(200, 2);
    double[] out = new double[200];
    DataOps.corruptLabels(y, 1, 2, 7L, out);
    for (int i = 0; i < 200; i++) assertEquals(1 - y[i], out[i]); // the only other class
    double[] ten = new double[5000]; // all class 0
    double[] noisy = new double[5000];
    DataOps.corruptLabels(ten, 1, 10, 7L, noisy);
    int[] seen = new int[10];
    for (double v : noisy) seen[(int) v]++;
    assertEquals(0, seen[0]);
    // uniform over the 9 others: 5000/9 ≈ 556 each, sd ≈ 22; 400 … 700 is a 7-sd band
    for (int c = 1; c < 10; c++) assertTrue(seen[c] > 400 && seen[c] < 700, Arrays.toString(seen));
  }

  @Test
  void theStreamDecidesWhichLabelsAndTheSameStreamGivesTheSameLabels() {
    double[] y = labels(500, 5);
    double[] a = new double[500];
    double[] b = new double[500];
    double[] c = new double[500];
    DataOps.corruptLabels(y, 0.3, 5, 11L, a);
    DataOps.corruptLabels(y, 0.3, 5, 11L, b);
    DataOps.corruptLabels(y, 0.3, 5, 12L, c);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertEquals(150, changed(y, c));
  }

  @Test
  void labelsThatAreNotClassIndicesAreRefused() {
    double[] out = new double[3];
    DataException e = assertThrows(DataException.class,
        () -> DataOps.corruptLabels(new double[] {0, 1, -1}, 0.5, 2, 1L, out));
    assertEquals("corrupt: label 3 of 3 is -1.0, not a class index 0 … 1", e.getMessage());
  }

  /**
   * One-hot columns get the index row's noise: corrupting the encoded labels equals encoding
   * the corrupted indices, for the same stream.
   */
  @Test
  void oneHotColumnsGetTheSameNoiseAsTheirIndexRow() {
    int n = 300;
    int classes = 4;
    double[] y = labels(n, classes);
    double[] noisy = new double[n];
    DataOps.corruptLabels(y, 0.25, classes, 5L, noisy);
    double[] onehot = new double[classes * n];
    for (int j = 0; j < n; j++) onehot[(int) y[j] * n + j] = 1.0;
    double[] out = new double[classes * n];
    DataOps.corruptLabels(onehot, classes, n, 0.25, classes, 5L, out);
    double[] expected = new double[classes * n];
    for (int j = 0; j < n; j++) expected[(int) noisy[j] * n + j] = 1.0;
    assertArrayEquals(expected, out);
    assertEquals(75, changed(y, noisy));
  }

  @Test
  void columnsThatAreNotOneHotAreRefused() {
    // Column 2 of 3 is (0.5, 0.5): a probability column, not a class.
    double[] soft = {1, 0.5, 0, 0, 0.5, 1};
    DataException e = assertThrows(DataException.class,
        () -> DataOps.corruptLabels(soft, 2, 3, 0.5, 2, 1L, new double[6]));
    assertEquals("corrupt: label column 2 of 3 is not one-hot (a single 1 among 2 entries, the"
        + " rest 0)", e.getMessage());
  }
}
