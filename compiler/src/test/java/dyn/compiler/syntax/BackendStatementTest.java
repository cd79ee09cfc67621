package dyn.compiler.syntax;

import static dyn.compiler.syntax.Parsing.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code backend NAME}: its own statement keyword, and still usable as a name elsewhere. */
class BackendStatementTest {
  @Test
  void parsesWithSpans() {
    Stmt.Backend b = (Stmt.Backend) only("backend cuda   # the GPU");
    assertEquals("cuda", b.name().name());
    assertEquals(new Span(8, 12), b.name().span());
    assertEquals(new Span(0, 12), b.span(), "the comment is not part of the statement");
    assertEquals("backend cuda", AstPrinter.print(b));
  }

  @Test
  void anyNameParsesTheResolverJudgesIt() {
    // The parser does not know the backends: a typo must reach the resolver for a did-you-mean.
    assertEquals("tpu", ((Stmt.Backend) only("backend tpu")).name().name());
  }

  @Test
  void isASoftKeyword() {
    Stmt.Param p = (Stmt.Param) only("param backend = 1");
    assertEquals("backend", p.name().name());
  }

  @Test
  void sitsAmongOtherStatements() {
    Script s = Parsing.parseLines("param a = 1", "backend auto", "param b = 2");
    assertEquals(3, s.statements().size());
    assertTrue(s.statements().get(1) instanceof Stmt.Backend);
  }

  @Test
  void missingNameIsASyntaxError() {
    List<Diagnostic> ds = Parsing.errors("backend\nparam a = 1\n");
    assertFalse(ds.isEmpty());
    assertEquals(1, ds.get(0).where().line(), Parsing.render(ds));
  }

  @Test
  void aMisspeltKeywordGetsADidYouMean() {
    List<Diagnostic> ds = Parsing.errors("backnd cuda\n");
    assertEquals(1, ds.size(), Parsing.render(ds));
    assertEquals("did you mean `backend`?", ds.get(0).hint().orElse(""), Parsing.render(ds));
  }
}
