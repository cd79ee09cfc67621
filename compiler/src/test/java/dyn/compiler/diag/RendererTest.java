package dyn.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Origin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendererTest {
  // `rleu` starts at 1-based column 28 of this line (2 spaces, then 25 characters before it).
  private static final String LINE = "  hidden = dense(64, act = rleu)";

  private static Diagnostic typo() {
    return new Diagnostic(
        Diagnostic.Severity.ERROR,
        "unknown-name",
        new Origin("examples/errors/typo.dyn", 12, 28, 4, LINE),
        "unknown activation `rleu`",
        List.of(),
        Optional.of("did you mean `relu`?"));
  }

  @Test
  void rendersTheHouseShape() {
    assertEquals(28, LINE.indexOf("rleu") + 1);
    String expected =
        "examples/errors/typo.dyn:12:28: error: unknown activation `rleu`\n"
            + "   12 |   hidden = dense(64, act = rleu)\n"
            + "      |                            ^^^^\n"
            + "   = help: did you mean `relu`?";
    assertEquals(expected, Renderer.render(typo(), false));
  }

  @Test
  void gutterWidensForLongLineNumbersAndRelatedNotes() {
    Diagnostic d =
        new Diagnostic(
            Diagnostic.Severity.ERROR,
            "duplicate",
            new Origin("s.dyn", 104, 7, 5, "param alpha = 2"),
            "`alpha` is declared twice",
            List.of(new Diagnostic.Related(new Origin("s.dyn", 3, 7, 5, "param alpha = 1"), "first declared here")),
            Optional.empty());
    String expected =
        "s.dyn:104:7: error: `alpha` is declared twice\n"
            + "   104 | param alpha = 2\n"
            + "       |       ^^^^^\n"
            + "s.dyn:3:7: note: first declared here\n"
            + "     3 | param alpha = 1\n"
            + "       |       ^^^^^";
    assertEquals(expected, Renderer.render(d, false));
  }

  @Test
  void tabsAreKeptSoCaretsLineUp() {
    Diagnostic d =
        new Diagnostic(
            Diagnostic.Severity.WARNING, "w", new Origin("t.dyn", 2, 3, 1, "\t\tx"), "odd",
            List.of(), Optional.empty());
    assertEquals(
        "t.dyn:2:3: warning: odd\n   2 | \t\tx\n     | \t\t^", Renderer.render(d, false));
  }

  @Test
  void listSeparatesWithBlankLinesAndSummarises() {
    Diagnostic warning =
        new Diagnostic(
            Diagnostic.Severity.WARNING, "w", new Origin("t.dyn", 1, 1, 1, "x"), "careful",
            List.of(), Optional.empty());
    String one = Renderer.render(typo(), false);
    String two = Renderer.render(warning, false);
    assertEquals(one + "\n\n" + two + "\n\n1 error, 1 warning\n",
        Renderer.render(List.of(typo(), warning), false));
    assertTrue(Renderer.render(List.of(typo(), typo()), false).endsWith("\n2 errors\n"));
    assertEquals("", Renderer.render(List.of(), false));
  }

  @Test
  void colourOnlyWhenAsked() {
    String plain = Renderer.render(typo(), false);
    String coloured = Renderer.render(typo(), true);
    assertTrue(!plain.contains("\u001b["));
    assertTrue(coloured.contains("\u001b["));
    assertEquals(plain, coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void aVeryLongLineIsShownAsAWindowAroundTheCaret() {
    // A generated line of 100,000 characters, the error at column 50,001 ("x" among dots).
    String line = ".".repeat(50_000) + "x" + ".".repeat(49_999);
    Diagnostic d = new Diagnostic(Diagnostic.Severity.ERROR, "syntax", new Origin("gen.dyn", 1, 50_001, 1, line),
        "here", List.of(), Optional.empty());
    String[] shown = Renderer.render(d, false).split("\n");
    // 120 characters from column 50,001 - 60, with an ellipsis each side; the caret under the x.
    assertEquals("   1 | \u2026" + ".".repeat(60) + "x" + ".".repeat(59) + "\u2026", shown[1]);
    assertEquals(shown[1].indexOf('x'), shown[2].indexOf('^'));
    assertEquals(shown[2].length() - 1, shown[2].indexOf('^'));
  }
}
