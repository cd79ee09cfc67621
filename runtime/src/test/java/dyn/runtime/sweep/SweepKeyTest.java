package dyn.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A point's key is part of the on-disk contract (a result.json with another key is recomputed),
 * so it must not move when its computation is reorganised. The expected digest is Python's:
 * {@code hashlib.sha256(("script\n6\nscript" "stdlib\n6\nstdlib" "overrides\n" "a=1\n" "point\n"
 * "lr=0.5\n" "seed=3\n").encode()).hexdigest()[:16]}.
 */
class SweepKeyTest {
  private final SweepKey key = new SweepKey("script", "stdlib", Map.of("a", "1"));

  @Test
  void theKeyIsTheFirst16HexDigitsOfSha256OverBaseAndPoint() {
    assertEquals("2fe1cbd7bc8fe8c5", key.of(List.of("lr", "seed"), List.of(0.5, 3.0)));
  }

  @Test
  void eachPointHashesFromTheSameBase() {
    // Every call starts from a copy of the base digest: asking twice, or for another point in
    // between, gives the same key.
    String first = key.of(List.of("lr", "seed"), List.of(0.5, 3.0));
    String other = key.of(List.of("lr", "seed"), List.of(0.25, 3.0));
    assertNotEquals(first, other);
    assertEquals(first, key.of(List.of("lr", "seed"), List.of(0.5, 3.0)));
  }
}
