package dyn.compiler.syntax;

import dyn.grammar.DynLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** How tokens and sets of expected tokens read in a message: "`)`", "an expression", "end of line". */
final class TokenNames {
  private TokenNames() {}

  private static final int[] EXPRESSION_START = {
    DynLexer.NUMBER, DynLexer.STRING, DynLexer.TRUE, DynLexer.FALSE, DynLexer.IF, DynLexer.NOT,
    DynLexer.MINUS, DynLexer.LPAREN, DynLexer.LBRACK, DynLexer.IDENT
  };
  private static final int[] OPERATORS = {
    DynLexer.PLUS, DynLexer.MINUS, DynLexer.STAR, DynLexer.SLASH, DynLexer.MATMUL, DynLexer.CARET,
    DynLexer.QUOTE, DynLexer.DOT, DynLexer.LT, DynLexer.LE, DynLexer.GT, DynLexer.GE, DynLexer.EQ,
    DynLexer.NE, DynLexer.AND, DynLexer.OR
  };
  private static final int[] SOFT_KEYWORDS = {
    DynLexer.AT, DynLexer.DATA, DynLexer.MODEL, DynLexer.TRAIN, DynLexer.DATASET, DynLexer.PREDICT,
    DynLexer.COMPARE, DynLexer.SWEEP, DynLexer.BACKEND, DynLexer.REQUIRE
  };
  private static final int[] STATEMENT_START = {
    DynLexer.IMPORT, DynLexer.PARAM, DynLexer.DATA, DynLexer.MODEL, DynLexer.TRAIN,
    DynLexer.DATASET, DynLexer.OBSERVE, DynLexer.REPORT, DynLexer.CHECK, DynLexer.PREDICT,
    DynLexer.COMPARE, DynLexer.SWEEP, DynLexer.LET, DynLexer.BACKEND
  };

  /** The token as found: its text in backticks, or "end of line" / "end of file". */
  static String found(Token t) {
    switch (t.getType()) {
      case Token.EOF:
        return "end of file";
      case DynLexer.NL:
        return "end of line";
      case DynLexer.STRING:
        return "string " + t.getText();
      default:
        return "`" + t.getText() + "`";
    }
  }

  /** The spelling of a token type: "`(`", "a name", "a number". */
  static String of(int type) {
    switch (type) {
      case Token.EOF:
        return "end of file";
      case DynLexer.NL:
        return "end of line";
      case DynLexer.IDENT:
        return "a name";
      case DynLexer.NUMBER:
        return "a number";
      case DynLexer.STRING:
        return "a string";
      default:
        String literal = DynLexer.VOCABULARY.getLiteralName(type);
        if (literal == null) return DynLexer.VOCABULARY.getDisplayName(type);
        return "`" + literal.substring(1, literal.length() - 1) + "`";
    }
  }

  /** A short English description of what the parser could have accepted. */
  static String expected(IntervalSet set) {
    IntervalSet rest = new IntervalSet(set);
    List<String> parts = new ArrayList<>();
    if (rest.contains(DynLexer.NUMBER) && rest.contains(DynLexer.IDENT)) {
      removeAll(rest, EXPRESSION_START);
      removeAll(rest, SOFT_KEYWORDS);
      parts.add("an expression");
    }
    if (containsAll(rest, STATEMENT_START)) {
      removeAll(rest, STATEMENT_START);
      parts.add("a statement");
    }
    if (rest.contains(DynLexer.IDENT)) removeAll(rest, SOFT_KEYWORDS);
    if (rest.contains(DynLexer.PLUS) && rest.contains(DynLexer.STAR)) {
      removeAll(rest, OPERATORS);
      rest.remove(DynLexer.LBRACK); // postfix indexing
      parts.add("an operator");
    }
    boolean endOfLine = rest.contains(DynLexer.NL) || rest.contains(Token.EOF);
    rest.remove(DynLexer.NL);
    rest.remove(Token.EOF);
    for (int t : rest.toArray()) parts.add(of(t));
    if (endOfLine) parts.add("end of line");
    if (parts.isEmpty()) return "something else";
    if (parts.size() > 5) return "one of " + String.join(", ", parts.subList(0, 5)) + ", …";
    if (parts.size() == 1) return parts.get(0);
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " or "
        + parts.get(parts.size() - 1);
  }

  private static void removeAll(IntervalSet s, int[] types) {
    for (int t : types) s.remove(t);
  }

  private static boolean containsAll(IntervalSet s, int[] types) {
    for (int t : types) if (!s.contains(t)) return false;
    return true;
  }
}
