package dyn.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberTextTest {
  /**
   * Expected texts are Python's repr of the same double (repr is shortest round-trip, David Gay /
   * Ryu-style), computed independently with {@code python3 -c "print(repr(3*1e-4))"} etc., and
   * only respelt in dyn's layout (1e-06 → 1e-6, 1e+23 → 1e23).
   */
  @Test
  void printsWhatPythonReprPrints() {
    assertEquals("0.0003", NumberText.shortest(3e-4));
    assertEquals("0.00030000000000000003", NumberText.shortest(3 * 1e-4));
    assertEquals("1e-6", NumberText.shortest(1e-6));
    assertEquals("3e-6", NumberText.shortest(1e-6 * 3));
    assertEquals("1e-7", NumberText.shortest(1e-6 * 1e-1));
    assertEquals("0.30000000000000004", NumberText.shortest(0.1 + 0.2));
    assertEquals("0.3", NumberText.shortest(0.3));
    assertEquals("0.3333333333333333", NumberText.shortest(1.0 / 3));
    // JDK 17's Double.toString prints 9.999999999999999E22 here: not the shortest.
    assertEquals("1e23", NumberText.shortest(1e23));
    assertEquals("5e-324", NumberText.shortest(Double.MIN_VALUE));
    assertEquals("1.5e-323", NumberText.shortest(3 * Double.MIN_VALUE));
    assertEquals("1.152921504606847e18", NumberText.shortest(Math.pow(2, 60)));
    assertEquals("2.2250738585072014e-308", NumberText.shortest(Double.MIN_NORMAL));
    assertEquals("1.7976931348623157e308", NumberText.shortest(Double.MAX_VALUE));
    assertEquals("123456.75", NumberText.shortest(123456.75));
    assertEquals("-2.5e-7", NumberText.shortest(-2.5e-7));
    assertEquals("100000000000000.5", NumberText.shortest(1e14 + 0.5));
  }

  @Test
  void integersArePlainUpTo1e15AndSpecialValuesHaveNames() {
    assertEquals("0", NumberText.shortest(0));
    assertEquals("8", NumberText.shortest(8));
    assertEquals("-250000", NumberText.shortest(-250000));
    assertEquals("100000000000000", NumberText.shortest(1e14));
    assertEquals("1e15", NumberText.shortest(1e15));
    assertEquals("nan", NumberText.shortest(Double.NaN));
    assertEquals("-inf", NumberText.shortest(Double.NEGATIVE_INFINITY));
  }

  /** Every text reads back to its double, and one digit fewer never does (so it is shortest). */
  @Test
  void randomDoublesRoundTripAndNoShorterTextDoes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20000; i++) {
      double v = Double.longBitsToDouble(r.nextLong());
      if (!Double.isFinite(v)) continue;
      String s = NumberText.shortest(v);
      assertEquals(v, Double.parseDouble(s), s);
      int digits = significantDigits(s);
      if (digits > 1) {
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (java.math.RoundingMode m : java.math.RoundingMode.values()) {
          if (m == java.math.RoundingMode.UNNECESSARY) continue;
          String fewer = exact.round(new java.math.MathContext(digits - 1, m)).toString();
          assertTrue(Double.parseDouble(fewer) != v, () -> s + " is not shortest: " + fewer + " reads back too");
        }
      }
    }
  }

  private static int significantDigits(String s) {
    String m = s.replaceFirst("e.*", "").replace("-", "").replace(".", "");
    return m.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
  }
}
