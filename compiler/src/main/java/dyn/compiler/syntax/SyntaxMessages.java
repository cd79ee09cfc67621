package dyn.compiler.syntax;

import dyn.compiler.diag.Suggest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every text the parser shows a user, in one place so wording stays consistent. Messages have no
 * trailing period; hints are rendered as {@code = help: …}.
 */
final class SyntaxMessages {
  private SyntaxMessages() {}

  static final List<String> STATEMENT_KEYWORDS =
      List.of("import", "param", "data", "model", "train", "dataset", "observe", "report", "check",
          "predict", "compare", "sweep", "let", "backend");
  static final List<String> BODY_KEYWORDS = List.of("require", "param", "neuron", "let", "for", "return");

  private static final String MODEL_ADVICE = "dyn defines models with `model NAME(…) { … }`";
  private static final String LOOP_ADVICE =
      "dyn has no `while`; in a model or dataset body use `for v in a .. b { … }` (unrolled at"
          + " compile time)";
  private static final String IMPORT_ADVICE =
      "write `import models`: an import names one stdlib module and makes all its definitions"
          + " visible by name";
  private static final String VARIABLE_ADVICE =
      "use `param NAME = …` at top level, or `let NAME = …` in a model or dataset body";

  /** Advice for words other languages use where dyn has a different construct. */
  private static final Map<String, String> ADVICE =
      Map.ofEntries(
          Map.entry("def", MODEL_ADVICE),
          Map.entry("fn", MODEL_ADVICE),
          Map.entry("fun", MODEL_ADVICE),
          Map.entry("func", MODEL_ADVICE),
          Map.entry("function", MODEL_ADVICE),
          Map.entry("class", MODEL_ADVICE),
          Map.entry("while", LOOP_ADVICE),
          Map.entry("loop", LOOP_ADVICE),
          Map.entry("from", IMPORT_ADVICE),
          Map.entry("include", IMPORT_ADVICE),
          Map.entry("use", IMPORT_ADVICE),
          Map.entry("require", "`require` states a condition on a definition's arguments and"
              + " belongs at the top of a model or dataset body; to load a stdlib module write"
              + " `import models`"),
          Map.entry("var", VARIABLE_ADVICE),
          Map.entry("val", VARIABLE_ADVICE),
          Map.entry("const", VARIABLE_ADVICE),
          Map.entry("set", VARIABLE_ADVICE),
          Map.entry("print", "dyn prints with `report table(…)`, `report csv(\"file\")` or"
              + " `report json(\"file\")`"),
          Map.entry("assert", "dyn states expectations with `check EXPR`"),
          Map.entry("if", "`if` is an expression in dyn: `if c then a else b`"),
          Map.entry("for", "`for` loops belong in a model or dataset body"),
          Map.entry("let", "`let` belongs in a model or dataset body; at top level use"
              + " `param NAME = …`"),
          Map.entry("return", "`return` belongs in a model body"),
          Map.entry("neuron", "`neuron` belongs in a model body"));

  static final String NESTING_ADVICE =
      "each `(`, `[`, call and operator of a chain (a sum of N terms is N levels) is one level;"
          + " a generated script can split a long sum into partial sums";

  static String nestedTooDeep(int max) {
    return String.format(Locale.ROOT, "expression nested deeper than %,d levels", max);
  }

  static String unknownStatement(String word) {
    return "unknown statement `" + word + "`";
  }

  /** Advice or "did you mean" for a word found where a statement should start. */
  static Optional<String> statementHint(String word, List<String> keywords) {
    String advice = ADVICE.get(word.toLowerCase(Locale.ROOT));
    if (advice != null) return Optional.of(advice);
    return Suggest.closest(word, keywords).map(SyntaxMessages::didYouMean);
  }

  static String didYouMean(String s) {
    return "did you mean `" + s + "`?";
  }

  static String unexpected(String found, String expected) {
    return "unexpected " + found + "; expected " + expected;
  }

  static String unclosed(String closer, String opener, int line, int column) {
    return "expected `" + closer + "` to close `" + opener + "` opened at " + line + ":" + column;
  }

  static final String UNCLOSED_BODY_HINT =
      "a model or dataset body ends with `}` on its own line, before the next top-level statement";

  static final String UNTERMINATED_STRING = "unterminated string";
  static final String UNTERMINATED_STRING_HINT = "close it with `\"` on the same line";

  static String unexpectedCharacter(String c) {
    return "unexpected character `" + c + "`";
  }

  static final String COLONEQ_HINT = "dyn assigns with `=`";
  static final String ANDAND_HINT = "dyn writes logical and as `and`";
  static final String OROR_HINT = "dyn writes logical or as `or`";
  static final String BANG_HINT = "dyn writes negation as `not`";
  static final String STARSTAR_HINT = "dyn writes powers as `^`, e.g. `x ^ 2`";
  static final String IMPORT_PATH_HINT = IMPORT_ADVICE;
  static final String EQUALS_IN_CHECK_HINT = "compare with `==`; `=` only assigns";
  static final String REQUIRE_HINT =
      "a requirement is a condition and the message for when it fails: `require d >= 1, \"d must be ≥ 1\"`";

  static String shapeRank(int n) {
    return "a tensor shape has one or two dimensions, not " + n;
  }

  static final String SHAPE_HINT = "write `[rows, cols]` for a matrix or `[rows]` for a column";

  static String tooMany(int n) {
    return "(+ " + n + " more syntax error" + (n == 1 ? "" : "s") + ")";
  }
}
