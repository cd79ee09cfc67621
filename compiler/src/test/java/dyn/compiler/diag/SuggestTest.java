package dyn.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Distances worked by hand; the suggestions a user sees follow from them. */
class SuggestTest {
  @Test
  void swappedNeighboursAreOneEdit() {
    assertEquals(1, Suggest.distance("cdua", "cuda"));
    assertEquals(1, Suggest.distance("lienar", "linear"));
    // Plain Levenshtein cases stay as they were.
    assertEquals(3, Suggest.distance("kitten", "sitting"));
    assertEquals(1, Suggest.distance("relu", "rel"));
    assertEquals(0, Suggest.distance("", ""));
    assertEquals(4, Suggest.distance("", "cuda"));
  }

  @Test
  void aSwapPicksTheWordItCameFrom() {
    // `cdua` is 2 substitutions from `cpu`-like words under Levenshtein and was tied with `cuda`.
    assertEquals(Optional.of("cuda"), Suggest.closest("cdua", List.of("cpu", "cuda", "auto")));
    assertEquals(Optional.of("linear"), Suggest.closest("lienar", List.of("relu", "linear", "tanh")));
    assertEquals(Optional.empty(), Suggest.closest("xyz", List.of("linear")));
  }
}
