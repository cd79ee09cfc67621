package dyn.compiler.diag;

import dyn.compiler.plan.Origin;
import java.util.List;
import java.util.Optional;

/**
 * Renders diagnostics the one way dyn shows them:
 *
 * <pre>
 * examples/errors/typo.dyn:12:27: error: unknown activation `rleu`
 *    12 |   hidden = dense(64, act = rleu)
 *       |                            ^^^^
 *    = help: did you mean `relu`?
 * </pre>
 *
 * <p>The gutter is as wide as the widest line number shown in the diagnostic; carets start under
 * the origin's column (tabs in the line are kept so they line up) and span its length. Related
 * locations follow as {@code note:} blocks of the same shape, then the help line. ANSI colour is
 * added only when asked for; the text is otherwise identical. Of a line longer than {@value #WIDE}
 * characters only a window around the column is shown, marked with {@code …}.
 */
public final class Renderer {
  private Renderer() {}

  private static final String INDENT = "   ";
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String CYAN = "\u001b[1;36m";
  private static final String BLUE = "\u001b[1;34m";

  /** Renders all diagnostics, each followed by a blank line, then a summary line when there are errors. */
  public static String render(List<Diagnostic> diagnostics, boolean color) {
    if (diagnostics.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    int errors = 0;
    int warnings = 0;
    for (Diagnostic d : diagnostics) {
      sb.append(render(d, color)).append("\n\n");
      if (d.severity() == Diagnostic.Severity.ERROR) errors++;
      else warnings++;
    }
    return sb.append(summary(errors, warnings)).append('\n').toString();
  }

  /** Renders one diagnostic (no trailing blank line). */
  public static String render(Diagnostic d, boolean color) {
    int width = digits(d.where().line());
    for (Diagnostic.Related r : d.related()) width = Math.max(width, digits(r.where().line()));
    Paint paint = new Paint(color);
    boolean error = d.severity() == Diagnostic.Severity.ERROR;
    StringBuilder sb = new StringBuilder();
    block(
        sb,
        d.where(),
        paint.wrap(error ? RED : YELLOW, error ? "error" : "warning"),
        d.message(),
        error ? RED : YELLOW,
        width,
        paint);
    Optional<String> hint = d.hint();
    if (hint.isPresent()) {
      sb.append('\n').append(INDENT).append(paint.wrap(BLUE, "=")).append(' ')
          .append(paint.wrap(BOLD, "help")).append(": ").append(hint.get());
    }
    for (Diagnostic.Related r : d.related()) {
      sb.append('\n');
      block(sb, r.where(), paint.wrap(CYAN, "note"), r.message(), CYAN, width, paint);
    }
    return sb.toString();
  }

  /** {@code file:line:col: label: message}, the source line, and the carets. */
  private static void block(
      StringBuilder sb, Origin o, String label, String message, String caretColor, int width,
      Paint paint) {
    sb.append(paint.wrap(BOLD, o.file() + ":" + o.line() + ":" + o.column() + ":")).append(' ')
        .append(label).append(": ").append(paint.wrap(BOLD, message));
    String number = String.valueOf(o.line());
    String gutter = INDENT + " ".repeat(width - number.length()) + number + " |";
    String blank = INDENT + " ".repeat(width) + " |";
    String line = o.sourceLine();
    int column = o.column() - 1;
    int length = o.length();
    if (line.length() > WIDE) {
      // A generated script's line can be megabytes long: show a window around the column.
      int from = Math.max(0, Math.min(column - WIDE / 2, line.length() - WIDE));
      int to = Math.min(line.length(), from + WIDE);
      String lead = from > 0 ? "…" : "";
      length = Math.max(1, Math.min(length, to - column));
      column = lead.length() + column - from;
      line = lead + line.substring(from, to) + (to < line.length() ? "…" : "");
    }
    sb.append('\n').append(paint.wrap(BLUE, gutter));
    if (!line.isEmpty()) sb.append(' ').append(line);
    sb.append('\n').append(paint.wrap(BLUE, blank)).append(' ')
        .append(padding(line, column))
        .append(paint.wrap(caretColor, "^".repeat(length)));
  }

  /** Source lines longer than this are shown only around the caret. */
  private static final int WIDE = 120;

  /** Spaces up to a column, copying tabs so carets line up under tab-indented lines. */
  private static String padding(String line, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) sb.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
    return sb.toString();
  }

  private static String summary(int errors, int warnings) {
    StringBuilder sb = new StringBuilder();
    if (errors > 0) sb.append(errors).append(errors == 1 ? " error" : " errors");
    if (warnings > 0) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return sb.toString();
  }

  private static int digits(int n) {
    return String.valueOf(n).length();
  }

  /** ANSI colouring that is the identity when colour is off. */
  private static final class Paint {
    private final boolean on;

    Paint(boolean on) {
      this.on = on;
    }

    String wrap(String code, String text) {
      return on ? code + text + RESET : text;
    }
  }
}
