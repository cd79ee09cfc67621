package dyn.cli.lsp;

import dyn.compiler.source.Span;
import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Offsets of one text to LSP positions and back. LSP counts characters in UTF-16 units by
 * default, which is what Java strings and dyn's spans count, so a position is a line and an offset
 * from the line's start with no re-encoding.
 */
final class Positions {
  private final String text;
  private final int[] lineStarts;

  Positions(String text) {
    this.text = text;
    this.lineStarts = dyn.compiler.source.LineMap.lineStarts(text);
  }

  /** The position of an offset (clamped to the text). */
  Position at(int offset) {
    offset = Math.max(0, Math.min(offset, text.length()));
    int i = Arrays.binarySearch(lineStarts, offset);
    int line = i >= 0 ? i : -i - 2;
    return new Position(line, offset - lineStarts[line]);
  }

  /**
   * The offset of a position. A client may send a line past the end or a character past the line
   * (an editor racing a change): both are clamped rather than rejected.
   */
  int offset(Position p) {
    if (p.getLine() < 0) return 0;
    if (p.getLine() >= lineStarts.length) return text.length();
    int start = lineStarts[p.getLine()];
    int end = p.getLine() + 1 < lineStarts.length ? lineStarts[p.getLine() + 1] - 1 : text.length();
    return start + Math.max(0, Math.min(p.getCharacter(), end - start));
  }

  Range range(Span span) {
    return new Range(at(span.start()), at(span.end()));
  }
}
