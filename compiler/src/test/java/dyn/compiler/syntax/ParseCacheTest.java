package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dyn.compiler.source.Source;
import org.junit.jupiter.api.Test;

/** A sweep parses the same text once per point; the parser keeps the last few results. */
class ParseCacheTest {
  @Test
  void theSameTextIsParsedOnce() {
    Source s = Source.ofLines("cache_a.dyn", "param lr = 0.1", "param steps = 600");
    Parse.Result first = Parse.parse(s);
    assertSame(first, Parse.parse(Source.ofLines("cache_a.dyn", "param lr = 0.1", "param steps = 600")));
  }

  @Test
  void anotherTextOrPathIsParsedAnew() {
    Parse.Result a = Parse.parse(Source.ofLines("cache_b.dyn", "param lr = 0.1"));
    Parse.Result edited = Parse.parse(Source.ofLines("cache_b.dyn", "param lr = 0.2"));
    Parse.Result moved = Parse.parse(Source.ofLines("cache_c.dyn", "param lr = 0.1"));
    assertNotSame(a, edited);
    assertNotSame(a, moved);
    assertEquals(a.script().statements().size(), edited.script().statements().size());
  }

  @Test
  void syntaxErrorsAreKeptWithTheTree() {
    Source bad = Source.ofLines("cache_d.dyn", "param lr = ");
    int errors = Parse.parse(bad).diagnostics().size();
    assertEquals(errors, Parse.parse(bad).diagnostics().size());
    assertEquals(true, errors > 0);
  }
}
