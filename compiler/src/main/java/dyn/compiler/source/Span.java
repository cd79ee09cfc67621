package dyn.compiler.source;

/**
 * A half-open range [start, end) of character offsets into a {@link Source}. Line and column are
 * computed only when a diagnostic is rendered (see {@code LineMap}), never on the happy path.
 */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end < start) throw new IllegalArgumentException(start + ".." + end);
  }

  /** Length in characters (at least 1 when rendered as a caret). */
  public int length() {
    return end - start;
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }
}
