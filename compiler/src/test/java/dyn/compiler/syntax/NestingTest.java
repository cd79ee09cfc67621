package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deep and long expressions, generated here (issue 20, item 1): up to {@link Parse#MAX_DEPTH}
 * levels compile to the right value, deeper ones are refused with a position, and nothing
 * overflows a stack. Before the deep stack and the limit, 2,000 levels of any kind ended in a
 * StackOverflowError.
 */
class NestingTest {
  private static Compilation compile(String text) {
    return Compiler.compile(new Source("gen.dyn", text), new Compiler.Options(Map.of(), Path.of("../stdlib")));
  }

  private static double paramValue(String text) {
    Compilation c = compile(text);
    assertTrue(c.plan().isPresent(), () -> "did not compile:\n" + Parsing.render(c.diagnostics()));
    return c.plan().get().params().get(0).value();
  }

  private static String sum(int terms) {
    return "param a = " + String.join(" + ", java.util.Collections.nCopies(terms, "1")) + "\n";
  }

  private static String parens(int depth, String inner) {
    return "param a = " + "(".repeat(depth) + inner + ")".repeat(depth) + "\n";
  }

  private static Diagnostic onlyError(String text) {
    List<Diagnostic> ds = compile(text).diagnostics();
    assertEquals(1, ds.size(), () -> Parsing.render(ds));
    return ds.get(0);
  }

  @Test
  void aFlatSumAtTheLimitCompilesToItsValue() {
    // A sum of N ones is N; the tree of N terms is N levels deep (N - 1 `+` and the first term).
    assertEquals(2000, paramValue(sum(2000)));
    assertEquals(Parse.MAX_DEPTH, paramValue(sum(Parse.MAX_DEPTH)));
  }

  @Test
  void nestedParenthesesAndPowersCompile() {
    assertEquals(7, paramValue(parens(2000, "7")));
    // 2 ^ 1 ^ 1 ^ … is right-associative: 2 ^ (1 ^ (…)) = 2.
    assertEquals(2, paramValue("param a = 2" + " ^ 1".repeat(5000) + "\n"));
    // 5000 minus signs: an even count leaves the value positive.
    assertEquals(3, paramValue("param a = " + "- ".repeat(5000) + "3\n"));
  }

  @Test
  void oneTermPastTheLimitIsRefusedAtTheFirstTerm() {
    Diagnostic d = onlyError(sum(Parse.MAX_DEPTH + 1));
    assertEquals("expression nested deeper than 10,000 levels", d.message());
    // The innermost level of a left-leaning chain is its first term, column 11 after `param a = `.
    assertEquals(1, d.where().line());
    assertEquals(11, d.where().column());
  }

  @Test
  void aGeneratedHundredThousandTermSumIsRefusedAtTheOperatorThatCrossesTheLimit() {
    int terms = 100_000;
    Diagnostic d = onlyError("# generated\n" + sum(terms));
    assertEquals("expression nested deeper than 10,000 levels", d.message());
    // The root is the last `+`; level MAX_DEPTH + 1 is the `+` after term terms - MAX_DEPTH - 1,
    // and each term but the first takes 4 characters (" + 1"), so that `+` is at column
    // 10 + 1 + 4 * (terms - MAX_DEPTH - 2) + 2.
    assertEquals(2, d.where().line());
    assertEquals(10 + 1 + 4 * (terms - Parse.MAX_DEPTH - 2) + 2, d.where().column());
  }

  @Test
  void millionsOfParenthesesAreRefusedFromTheTokensAtTheBracketPastTheLimit() {
    Diagnostic d = onlyError(parens(3_000_000, "1"));
    assertEquals("expression nested deeper than 10,000 levels", d.message());
    assertEquals(10 + Parse.MAX_DEPTH + 1, d.where().column());
  }

  @Test
  void inAModelBodyTheBraceCountsAsALevel() {
    String text = "model m(d) {\n  return " + "(".repeat(20_000) + "x" + ")".repeat(20_000) + "\n}\n";
    Diagnostic d = onlyError(text);
    // `{` is level 1, so the parenthesis that opens level MAX_DEPTH + 1 is number MAX_DEPTH,
    // after the 9 characters of "  return ".
    assertEquals(2, d.where().line());
    assertEquals(9 + Parse.MAX_DEPTH, d.where().column());
  }

  @Test
  void parseAloneRunsOnTheDeepStackToo() {
    // The REPL parses chunks itself; a 9,000-level chain must not overflow its thread's stack.
    Parse.Result r = Parse.parse(new Source("repl", "check " + String.join(" * ", java.util.Collections.nCopies(9000, "2")) + " > 1\n"));
    assertTrue(r.diagnostics().isEmpty(), () -> Parsing.render(r.diagnostics()));
    assertEquals(1, r.script().statements().size());
  }
}
