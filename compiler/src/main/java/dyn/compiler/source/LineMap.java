package dyn.compiler.source;

import dyn.compiler.plan.Origin;
import java.util.Arrays;

/**
 * Offsets to 1-based line and column, computed lazily: building the line table costs a scan of the
 * text, which only the error path pays.
 */
public final class LineMap {
  private final Source source;
  /** Volatile: a sweep's points share one map across threads; a race only builds it twice. */
  private volatile int[] lineStarts;

  public LineMap(Source source) {
    this.source = source;
  }

  private int[] starts() {
    int[] known = lineStarts;
    if (known != null) return known;
    known = lineStarts(source.text());
    lineStarts = known;
    return known;
  }

  /** The offset at which each line of a text begins (0 first, then one past each newline). */
  public static int[] lineStarts(String text) {
    int[] s = new int[16];
    int n = 0;
    s[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == s.length) s = Arrays.copyOf(s, n * 2);
        s[n++] = i + 1;
      }
    }
    return Arrays.copyOf(s, n);
  }

  /** 1-based line of an offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(starts(), offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** 1-based column of an offset. */
  public int column(int offset) {
    return offset - starts()[line(offset) - 1] + 1;
  }

  /** The text of a 1-based line, without its terminator. */
  public String lineText(int line) {
    int[] s = starts();
    String t = source.text();
    int from = s[line - 1];
    int to = line < s.length ? s[line] - 1 : t.length();
    if (to > from && t.charAt(to - 1) == '\r') to--;
    return t.substring(from, Math.max(from, to));
  }

  /** The text a span covers. */
  public String text(Span span) {
    return source.text().substring(span.start(), Math.min(span.end(), source.text().length()));
  }

  /** The origin of a span: file, line, column, length clipped to the first line, and the line. */
  public Origin origin(Span span) {
    int line = line(span.start());
    String text = lineText(line);
    int col = column(span.start());
    int len = Math.min(span.length(), Math.max(1, text.length() - col + 1));
    return new Origin(source.path(), line, col, len, text);
  }
}
