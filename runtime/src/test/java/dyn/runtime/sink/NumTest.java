package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumTest {
  @Test
  void formatsLikePercentGWithoutTrailingZeros() {
    assertEquals("0.25", Num.format(0.25));
    assertEquals("3.2e-9", Num.format(3.2e-9));
    assertEquals("1.23457e6", Num.format(1234567));
    assertEquals("123457", Num.format(123456.7));
    assertEquals("100", Num.format(100));
    assertEquals("0.0001", Num.format(1e-4));
    assertEquals("1e-5", Num.format(1e-5));
    assertEquals("-0.367879", Num.format(-Math.exp(-1)));
    assertEquals("0", Num.format(0.0));
    assertEquals("nan", Num.format(Double.NaN));
    assertEquals("-inf", Num.format(Double.NEGATIVE_INFINITY));
  }

  @Test
  void exactFormRoundTrips() {
    double v = 0.1 + 0.2;
    assertEquals(v, Double.parseDouble(Num.exact(v)));
  }
}
