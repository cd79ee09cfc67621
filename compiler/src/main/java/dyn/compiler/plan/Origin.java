package dyn.compiler.plan;

/**
 * Where a plan step came from in the script: enough for the runtime to render a
 * {@code file:line:col} diagnostic with the source line and a caret, without the AST.
 *
 * @param file the script path as the user gave it
 * @param line 1-based line
 * @param column 1-based column
 * @param length length of the highlighted token range (at least 1)
 * @param sourceLine the full text of that line, without its line terminator
 */
public record Origin(String file, int line, int column, int length, String sourceLine) {
  public Origin {
    length = Math.max(1, length);
  }

  /** An origin for steps that do not come from a script (tests, the REPL). */
  public static Origin none() {
    return new Origin("<none>", 1, 1, 1, "");
  }
}
