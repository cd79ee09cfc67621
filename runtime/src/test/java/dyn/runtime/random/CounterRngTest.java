package dyn.runtime.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Golden values computed independently from the documented formulas with Python's unbounded
 * integers (mask 2⁶⁴ − 1) and math.log/math.cos.
 */
class CounterRngTest {
  @Test
  void mix64MatchesSplitMix64Finaliser() {
    assertEquals(0L, CounterRng.mix64(0));
    assertEquals(6238072747940578789L, CounterRng.mix64(1));
  }

  @Test
  void goldenBitsAndUniforms() {
    assertEquals(-7450291807549245335L, CounterRng.bits(42, 0));
    assertEquals(2958219263312191191L, CounterRng.bits(42, 1));
    assertEquals(3069497704473277141L, CounterRng.bits(42, 2));
    assertEquals(0.5961188718302077, CounterRng.uniform(42, 0), 0.0);
    assertEquals(0.16036538759857727, CounterRng.uniform(42, 1), 0.0);
    assertEquals(0.1663978039814598, CounterRng.uniform(42, 2), 0.0);
  }

  @Test
  void goldenNormals() {
    assertEquals(-0.3656323949458459, CounterRng.normal(7, 0), 1e-15);
    assertEquals(0.25902521491313885, CounterRng.normal(7, 1), 1e-15);
    assertEquals(-0.5071012789518017, CounterRng.normal(7, 2), 1e-15);
  }

  @Test
  void goldenDerive() {
    assertEquals(-5521732371625160904L, CounterRng.derive(3, 5));
    assertNotEquals(CounterRng.derive(3, 5), CounterRng.derive(5, 3));
  }

  @Test
  void deterministicAndOrderFree() {
    double a = CounterRng.normal(99, 1234);
    CounterRng.normal(99, 1);
    assertEquals(a, CounterRng.normal(99, 1234), 0.0);
    assertNotEquals(CounterRng.uniform(1, 0), CounterRng.uniform(2, 0));
  }

  @Test
  void normalsHaveUnitMomentsAndUniformsStayOpen() {
    int n = 200_000;
    double s = 0;
    double s2 = 0;
    for (int k = 0; k < n; k++) {
      double z = CounterRng.normal(11, k);
      s += z;
      s2 += z * z;
      double u = CounterRng.uniform(12, k);
      assertTrue(u > 0 && u < 1);
    }
    // 5 standard errors.
    assertEquals(0.0, s / n, 5 / Math.sqrt(n));
    assertEquals(1.0, s2 / n, 5 * Math.sqrt(2.0 / n));
  }
}
