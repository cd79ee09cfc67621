package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A body whose <code>{</code> is never closed names that brace (issue 20, item 6). Before, the
 * error was "unknown statement `data`" on the next statement's line, or "unexpected end of file".
 */
class UnclosedBodyTest {
  private static final String BODY = "model m(d) {\n  param W: [d, d] ~ normal(0, 1)\n  return W @ x\n";

  private static void assertNamesTheBrace(List<Diagnostic> ds) {
    assertEquals(1, ds.size(), Parsing.render(ds));
    Diagnostic d = ds.get(0);
    // The brace is at line 1, column 12 of BODY; the error sits just after `x` on line 3.
    assertEquals("expected `}` to close `{` opened at 1:12", d.message());
    assertEquals(3, d.where().line());
    assertEquals("  return W @ x".length() + 1, d.where().column());
  }

  @Test
  void theNextTopLevelStatementEndsTheBody() {
    assertNamesTheBrace(Parsing.errors(BODY + "\ndata t = linear_teacher(d = 2, out = 2, n = 4)\ntrain g = flow(m, t)\n"));
  }

  @Test
  void theEndOfTheFileEndsTheBody() {
    assertNamesTheBrace(Parsing.errors(BODY));
  }
}
