package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoldenTextTest {
  private static final GoldenText RTOL_1E6 = new GoldenText(1e-6, 0);
  private static final GoldenText EXACT = new GoldenText(0, 0);

  @Test
  void acceptsNumbersWithinTheRelativeTolerance() {
    assertEquals(Optional.empty(), RTOL_1E6.compare("gf.loss 0.135335\n", "gf.loss 0.1353350001\n"));
    assertEquals(Optional.empty(), RTOL_1E6.compare("value 3.2e-9", "value 3.2000001e-9"));
    assertEquals(Optional.empty(), RTOL_1E6.compare("value 3.2e-9", "value 3.2e-09"));
  }

  @Test
  void rejectsANumberOutsideTheTolerance() {
    Optional<String> why = RTOL_1E6.compare("a\nt 0.135335\n", "a\nt 0.135336\n");
    assertTrue(why.isPresent());
    assertTrue(why.get().startsWith("line 2: expected 0.135335 but got 0.135336"), why.get());
  }

  @Test
  void exactByDefault() {
    GoldenText fromScript = GoldenText.forScript("param a = 1\n");
    assertTrue(fromScript.compare("1.0000001", "1.0000002").isPresent());
    assertTrue(EXACT.compare("x 1", "x 1.0000000001").isPresent());
  }

  @Test
  void textMustMatchExactly() {
    assertTrue(RTOL_1E6.compare("check final(gf.loss) < 1e-6: PASS", "check final(gf.loss) < 1e-6: FAIL").isPresent());
    assertTrue(RTOL_1E6.compare("a 1\n", "a 1\nextra\n").isPresent());
    assertTrue(RTOL_1E6.compare("nan", "0").isPresent());
  }

  @Test
  void readsTheToleranceFromTheHeaderComment() {
    GoldenText t = GoldenText.forScript("# Saddles.\n# golden: rtol=1e-6\nparam a = 1\n");
    assertEquals(1e-6, t.rtol);
    assertEquals(0, t.atol);
  }

  @Test
  void normalisesPathsAndLineEnds() {
    assertEquals("$EXAMPLES/a.dyn:1:1: error\n",
        GoldenText.normalise("/x/examples/a.dyn:1:1: error\r\n", new String[][] {{"/x/examples", "$EXAMPLES"}}));
  }
}
