package dyn.compiler.syntax;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import java.util.List;

/** The parser facade: source text to {@link Script}, with all syntax errors as diagnostics. */
public final class Parse {
  private Parse() {}

  /** The result of parsing: a script (possibly partial when there are errors) and diagnostics. */
  public record Result(Script script, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Parses a whole file. No ANTLR type escapes this package. */
  public static Result parse(Source source) {
    throw new UnsupportedOperationException("parser not implemented yet");
  }

  /**
   * Parses a REPL chunk and says whether it is merely incomplete (an open brace or parenthesis at
   * end of input) rather than wrong.
   */
  public static boolean isIncomplete(Source source) {
    throw new UnsupportedOperationException("parser not implemented yet");
  }
}
