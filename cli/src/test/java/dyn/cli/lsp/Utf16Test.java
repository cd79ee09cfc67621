package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/**
 * LSP counts a line's characters in UTF-16 units. ANTLR counts code points, so a character
 * outside the BMP earlier on the line (here an emoji in a string: two UTF-16 units, one code
 * point) shifts every later column by one if a conversion is missed.
 */
class Utf16Test {
  static final String TRAIN = "train gf = flow(net, teacher, dtype = \"😀\", until = nope)";
  static final String TEXT = String.join("\n",
      "import models",
      "import datasets",
      "model net = two_layer(d = 4, width = 8, out = 4)",
      "data teacher = linear_teacher(d = 4, out = 4, n = 10, singular_values = [1], seed = 0)",
      TRAIN,
      "");

  @Test
  void columnsAfterAnAstralCharacterCountUtf16Units() {
    Analysis a = new Analyzer(LspSessionTest.STDLIB, 1 << 20).analyze("file:///study/u.dyn", TEXT);
    List<Diagnostic> ds = LspDiagnostics.of(a);
    assertEquals(1, ds.size(), ds.toString());
    assertEquals("unknown param `nope`", ds.get(0).getMessage().lines().findFirst().get());
    assertEquals(new Position(4, TRAIN.indexOf("nope")), ds.get(0).getRange().getStart());
    assertEquals(new Position(4, TRAIN.indexOf("nope") + 4), ds.get(0).getRange().getEnd());

    int untilAt = TEXT.indexOf("until");
    Lookup.Meaning m = Lookup.at(a, untilAt + 2).get();
    assertEquals(untilAt, m.word().span().start(), "the token's span is in UTF-16 units");
    assertEquals(new Position(4, TRAIN.indexOf("until")), a.positions().at(untilAt));
    assertEquals(untilAt, a.positions().offset(new Position(4, TRAIN.indexOf("until"))));
  }
}
