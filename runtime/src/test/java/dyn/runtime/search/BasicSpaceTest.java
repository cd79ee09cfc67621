package dyn.runtime.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.SearchSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transforms of wave2.md §3.1, by hand. */
class BasicSpaceTest {
  private final BasicSpace space = new BasicSpace(List.of(
      new SearchSpec.Param("lr", SearchSpec.Scale.LOG, false, 1e-4, 1, 1e-2),
      new SearchSpec.Param("p", SearchSpec.Scale.LOGIT, false, 0.01, 0.99, 0.5),
      new SearchSpec.Param("width", SearchSpec.Scale.LOG, true, 2, 64, 8),
      new SearchSpec.Param("k", SearchSpec.Scale.LINEAR, true, 0, 10, 4)));

  @Test
  void basicCoordinates() {
    // log10(1e-2) = −2; logit: log10(0.9/0.1) = 0.954…; log10(8); linear: 4/((10 − 0)/2) = 0.8.
    assertArrayEquals(new double[] {-2, Math.log10(9), Math.log10(8), 0.8},
        space.toBasic(new double[] {1e-2, 0.9, 8, 4}), 1e-12);
    assertArrayEquals(new double[] {1e-2, 0.9, 8, 4},
        space.fromBasic(new double[] {-2, Math.log10(9), Math.log10(8), 0.8}), 1e-12);
  }

  @Test
  void integersRoundAndTheirEndsStayInside() {
    // 10^1.2 = 15.85 rounds to 16; 0.83 · 5 = 4.15 rounds to 4.
    double[] v = space.fromBasic(new double[] {-2, 0, 1.2, 0.83});
    assertEquals(16, v[2]);
    assertEquals(4, v[3]);
    // The end values 2 and 64 of an integer param are inside (bounds widened by 0.1), as is k = 0.
    assertTrue(space.inside(space.toBasic(new double[] {1e-2, 0.5, 2, 0})));
    assertTrue(space.inside(space.toBasic(new double[] {1e-2, 0.5, 64, 10})));
    // Bounds are strict for real params: lr = 1 (the end itself) is out, as in CARBS.
    assertFalse(space.inside(space.toBasic(new double[] {1, 0.5, 8, 4})));
    assertFalse(space.inside(new double[] {-2, 0, Math.log10(70), 0.8}));
  }
}
