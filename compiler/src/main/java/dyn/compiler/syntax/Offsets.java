package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Spans of tokens and parse-tree nodes in {@link String} offsets. ANTLR counts code points, Java
 * strings count UTF-16 units; they differ only after a character outside the BMP (an emoji in a
 * comment), so the translation table is built only when the text has one.
 */
final class Offsets {
  private final int[] charIndex; // code point index -> char index, or null for the identity
  private final int length;

  Offsets(String text) {
    this.length = text.length();
    if (text.codePointCount(0, text.length()) == text.length()) {
      charIndex = null;
    } else {
      int n = text.codePointCount(0, text.length());
      charIndex = new int[n + 1];
      int c = 0;
      for (int cp = 0; cp < n; cp++) {
        charIndex[cp] = c;
        c += Character.charCount(text.codePointAt(c));
      }
      charIndex[n] = c;
    }
  }

  /** The char offset of a code point offset, clamped to the text. */
  int at(int codePoint) {
    if (codePoint < 0) return 0;
    if (charIndex == null) return Math.min(codePoint, length);
    return charIndex[Math.min(codePoint, charIndex.length - 1)];
  }

  Span of(Token t) {
    if (t.getType() == Token.EOF) return new Span(length, length);
    return new Span(at(t.getStartIndex()), at(t.getStopIndex() + 1));
  }

  Span of(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) return of(start);
    return of(start).to(of(stop));
  }

  /** Just after a token: where a missing token would have gone. */
  Span after(Token t) {
    int end = of(t).end();
    return new Span(end, end);
  }
}
