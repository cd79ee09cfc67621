package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which ticks of a log axis are labelled and how. Expected values are read off the rule in
 * {@link LogTicks}: ticks sit at m·10ᵉ (m = 1…9), the range decides which m are labelled.
 */
class LogTicksTest {
  private static List<String> labels(LogTicks t) {
    return t.labelled().stream().map(t::label).toList();
  }

  @Test
  void anAxisWithinOneDecadeLabelsOneTwoAndFive() {
    // linear_transformer's loss falls from 1 to 0.132: decades in range: only 1.
    LogTicks t = new LogTicks(0.132199, 1.0);
    assertEquals(List.of("0.2", "0.5", "1"), labels(t));
    assertEquals("", t.label(0.3), "0.3 is a tick but not labelled");
  }

  @Test
  void aVeryShortAxisLabelsEveryTick() {
    // 0.55 … 0.95 holds no 1, 2 or 5 tick (0.5 is below it): every tick 0.6 … 0.9.
    assertEquals(List.of("0.6", "0.7", "0.8", "0.9"), labels(new LogTicks(0.55, 0.95)));
  }

  @Test
  void manyDecadesAreLabelledAsPowersOfTenWithSuperscripts() {
    // saddle_linear's loss: 19.5 down to about 2e-11.
    LogTicks t = new LogTicks(2.1e-11, 19.5);
    List<String> l = labels(t);
    assertEquals(12, l.size(), l.toString());
    assertEquals("10⁻¹⁰", l.get(0));
    assertEquals("10¹", l.get(l.size() - 1));
    assertEquals("10⁰", t.label(1.0), "one notation on the whole axis");
    assertEquals("", t.label(2e-5), "not a decade");
  }

  @Test
  void aFewDecadesNearOneStayPlain() {
    assertEquals(List.of("0.01", "0.1", "1", "10"), labels(new LogTicks(0.01, 16)));
  }

  @Test
  void aShortAxisFarFromOneWritesMantissaTimesPower() {
    LogTicks t = new LogTicks(1.5e-5, 6e-5);
    assertEquals(List.of("2×10⁻⁵", "3×10⁻⁵", "4×10⁻⁵", "5×10⁻⁵", "6×10⁻⁵"), labels(t));
  }

  @Test
  void aConstantAxisLabelsItsValue() {
    assertEquals("0.37", new LogTicks(0.37, 0.37).label(0.37));
  }

  @Test
  void powers() {
    assertEquals("10⁻¹²", LogTicks.power(-12));
    assertEquals("10⁰", LogTicks.power(0));
    assertEquals("10³⁰", LogTicks.power(30));
  }
}
