package dyn.cli.lsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A definition's doc comment: the {@code #} lines directly above it, as the stdlib writes them
 * ("# Two-layer network f(x) = W2 σ(W1 x)"). The lexer drops comments, so they are read from the
 * text; a blank line ends the comment, so a file header is not mistaken for a definition's doc.
 */
final class DocComments {
  private DocComments() {}

  /** The comment above the line holding {@code offset}, without the {@code #}, or "". */
  static String above(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    if (offset == 0) lineStart = 0;
    List<String> lines = new ArrayList<>();
    int end = lineStart - 1; // the '\n' ending the previous line
    while (end > 0) {
      int start = text.lastIndexOf('\n', end - 1) + 1;
      String line = text.substring(start, end).strip();
      if (!line.startsWith("#")) break;
      lines.add(line.substring(1).strip());
      end = start - 1;
    }
    Collections.reverse(lines);
    return String.join("\n", lines);
  }
}
