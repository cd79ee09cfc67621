package dyn.compiler.syntax;

import dyn.grammar.DynLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * dyn's tokens, written out by hand: the same tokens, types, texts, positions and newline rules
 * as the lexer ANTLR generates from {@code grammar/.../DynLexer.g4}, which stays the
 * specification (ScriptLexerTest compares the two token for token on every script in the
 * repository and on mutated ones).
 *
 * <p>Why by hand: the generated lexer simulates its automaton and builds its DFA one character
 * edge at a time, and a JVM starts with none of it. Lexing the script and the stdlib module it
 * imports took ~40 ms of a ~0.35 s {@code dyn check}, at every start (bench/README.md,
 * "Start-up"); this class does the same in a few. ANTLR's parser reads its tokens as before.
 *
 * <p>The rules, as in the grammar: at each position the longest match wins and, between matches
 * of one length, the rule listed first (a keyword before IDENT). Positions count code points,
 * as ANTLR's char streams do ({@link Offsets} maps them to string offsets). Whitespace and
 * comments are skipped; a newline inside ( ) or [ ] is skipped unless the next line starts with
 * a statement keyword and a space in column 1, and braces reset the bracket depth.
 */
final class ScriptLexer implements TokenSource {
  private final int[] text;
  private final String sourceName;
  private int pos;
  private int line = 1;
  private int column;
  /** Open ( and [ since the last brace, as DynLexer's {@code depth}. */
  private int depth;
  private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;
  private final Pair<TokenSource, CharStream> self = new Pair<>(this, null);

  ScriptLexer(String text, String sourceName) {
    // A loop, not codePoints().toArray(): the stream's classes cost a cold JVM more than the text.
    int[] cps = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      cps[n++] = c;
      i += Character.charCount(c);
    }
    this.text = n == cps.length ? cps : java.util.Arrays.copyOf(cps, n);
    this.sourceName = sourceName;
  }

  @Override
  public Token nextToken() {
    while (true) {
      if (pos >= text.length) {
        CommonToken eof = token(Token.EOF, pos, line, column);
        eof.setStopIndex(pos - 1);
        eof.setText("<EOF>");
        return eof;
      }
      int start = pos;
      int startLine = line;
      int startColumn = column;
      int type = match();
      switch (type) {
        case DynLexer.WS:
        case DynLexer.COMMENT:
          continue;
        case DynLexer.NL:
          if (depth > 0) {
            if (!statementFollows()) continue;
            depth = 0;
          }
          break;
        case DynLexer.LPAREN:
        case DynLexer.LBRACK:
          depth++;
          break;
        case DynLexer.RPAREN:
        case DynLexer.RBRACK:
          if (depth > 0) depth--;
          break;
        case DynLexer.LBRACE:
        case DynLexer.RBRACE:
          depth = 0;
          break;
        default:
          break;
      }
      CommonToken t = token(type, start, startLine, startColumn);
      t.setText(new String(text, start, pos - start));
      return t;
    }
  }

  private CommonToken token(int type, int start, int startLine, int startColumn) {
    // With this lexer as its source: the parser's error recovery makes a missing token from the
    // current one's source (its factory, its input stream).
    CommonToken t = new CommonToken(self, type, Token.DEFAULT_CHANNEL, start, pos - 1);
    t.setLine(startLine);
    t.setCharPositionInLine(startColumn);
    return t;
  }

  /** Consumes the longest match at {@code pos}; its token type. */
  private int match() {
    int c = text[pos];
    if (isIdentStart(c)) {
      int end = pos + 1;
      while (end < text.length && isIdentPart(text[end])) end++;
      int type = keyword(pos, end);
      advanceTo(end);
      return type;
    }
    if (isDigit(c)) return number();
    switch (c) {
      case '"':
        return string();
      case '#':
        int end = pos + 1;
        while (end < text.length && text[end] != '\r' && text[end] != '\n') end++;
        advanceTo(end);
        return DynLexer.COMMENT;
      case '\n':
        advanceTo(pos + 1);
        return DynLexer.NL;
      case '\r':
      case ' ':
      case '\t':
      case '\f':
        // WS is [ \t\f\r]+ and NL '\r'? '\n': "\r\n" is the longer NL; "\r\r\n" is WS, then NL.
        if (c == '\r' && at(pos + 1) == '\n') {
          advanceTo(pos + 2);
          return DynLexer.NL;
        }
        int ws = pos + 1;
        while (ws < text.length && isSpace(text[ws])) ws++;
        advanceTo(ws);
        return DynLexer.WS;
      case '(': return single(DynLexer.LPAREN);
      case ')': return single(DynLexer.RPAREN);
      case '[': return single(DynLexer.LBRACK);
      case ']': return single(DynLexer.RBRACK);
      case '{': return single(DynLexer.LBRACE);
      case '}': return single(DynLexer.RBRACE);
      case ',': return single(DynLexer.COMMA);
      case '~': return single(DynLexer.TILDE);
      case '+': return single(DynLexer.PLUS);
      case '-': return single(DynLexer.MINUS);
      case '/': return single(DynLexer.SLASH);
      case '@': return single(DynLexer.MATMUL);
      case '^': return single(DynLexer.CARET);
      case '\'': return single(DynLexer.QUOTE);
      case '.': return pair('.', DynLexer.DOTDOT, DynLexer.DOT);
      case ':': return pair('=', DynLexer.COLONEQ, DynLexer.COLON);
      case '=': return pair('=', DynLexer.EQ, DynLexer.ASSIGN);
      case '!': return pair('=', DynLexer.NE, DynLexer.BAD_CHAR);
      case '<': return pair('=', DynLexer.LE, DynLexer.LT);
      case '>': return pair('=', DynLexer.GE, DynLexer.GT);
      case '*': return pair('*', DynLexer.STARSTAR, DynLexer.STAR);
      case '&': return pair('&', DynLexer.ANDAND, DynLexer.BAD_CHAR);
      case '|': return pair('|', DynLexer.OROR, DynLexer.BAD_CHAR);
      default: return single(DynLexer.BAD_CHAR);
    }
  }

  /** NUMBER : DIGITS ('.' DIGITS)? EXPONENT?, each optional part taken only when whole. */
  private int number() {
    int end = digits(pos);
    if (at(end) == '.' && isDigit(at(end + 1))) end = digits(end + 1);
    if (at(end) == 'e' || at(end) == 'E') {
      int sign = at(end + 1) == '+' || at(end + 1) == '-' ? end + 2 : end + 1;
      if (isDigit(at(sign))) end = digits(sign);
    }
    advanceTo(end);
    return DynLexer.NUMBER;
  }

  private int digits(int from) {
    int end = from;
    while (isDigit(at(end))) end++;
    return end;
  }

  /**
   * STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"', or else UNTERMINATED_STRING, the same body
   * and a lone backslash before the end of the line.
   */
  private int string() {
    int end = pos + 1;
    while (end < text.length) {
      int c = text[end];
      if (c == '"' || c == '\r' || c == '\n') break;
      if (c == '\\') {
        int next = at(end + 1);
        if (next == -1 || next == '\r' || next == '\n') {
          advanceTo(end + 1);
          return DynLexer.UNTERMINATED_STRING;
        }
        end += 2;
      } else {
        end++;
      }
    }
    if (at(end) == '"') {
      advanceTo(end + 1);
      return DynLexer.STRING;
    }
    advanceTo(end);
    return DynLexer.UNTERMINATED_STRING;
  }

  private int single(int type) {
    advanceTo(pos + 1);
    return type;
  }

  /** {@code two} when the next character is {@code second}, else {@code one} (one character). */
  private int pair(int second, int two, int one) {
    if (at(pos + 1) == second) {
      advanceTo(pos + 2);
      return two;
    }
    return single(one);
  }

  private void advanceTo(int end) {
    for (; pos < end; pos++) {
      if (text[pos] == '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
  }

  /** The code point at i, or -1 past the end (ANTLR's EOF). */
  private int at(int i) {
    return i < text.length ? text[i] : -1;
  }

  /** As DynLexer's: the next line starts, in column 1, with a statement keyword and a space. */
  private boolean statementFollows() {
    for (String k : STATEMENT_KEYWORDS) {
      boolean match = true;
      for (int i = 0; i < k.length() && match; i++) match = at(pos + i) == k.charAt(i);
      if (match && at(pos + k.length()) == ' ') return true;
    }
    return false;
  }

  private static final String[] STATEMENT_KEYWORDS = {
    "import", "param", "data", "model", "train", "dataset", "observe", "report", "check",
    "predict", "compare", "sweep", "let", "backend"
  };

  /** The keyword's type for text[from, to), or IDENT. */
  private int keyword(int from, int to) {
    switch (new String(text, from, to - from)) {
      case "import": return DynLexer.IMPORT;
      case "param": return DynLexer.PARAM;
      case "data": return DynLexer.DATA;
      case "model": return DynLexer.MODEL;
      case "train": return DynLexer.TRAIN;
      case "dataset": return DynLexer.DATASET;
      case "observe": return DynLexer.OBSERVE;
      case "report": return DynLexer.REPORT;
      case "check": return DynLexer.CHECK;
      case "predict": return DynLexer.PREDICT;
      case "compare": return DynLexer.COMPARE;
      case "sweep": return DynLexer.SWEEP;
      case "backend": return DynLexer.BACKEND;
      case "for": return DynLexer.FOR;
      case "at": return DynLexer.AT;
      case "in": return DynLexer.IN;
      case "neuron": return DynLexer.NEURON;
      case "let": return DynLexer.LET;
      case "return": return DynLexer.RETURN;
      case "require": return DynLexer.REQUIRE;
      case "if": return DynLexer.IF;
      case "then": return DynLexer.THEN;
      case "else": return DynLexer.ELSE;
      case "and": return DynLexer.AND;
      case "or": return DynLexer.OR;
      case "not": return DynLexer.NOT;
      case "true": return DynLexer.TRUE;
      case "false": return DynLexer.FALSE;
      default: return DynLexer.IDENT;
    }
  }

  private static boolean isIdentStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(int c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\r';
  }

  @Override
  public int getLine() {
    return line;
  }

  @Override
  public int getCharPositionInLine() {
    return column;
  }

  /** None: every token carries its own text, so nothing reads the characters back. */
  @Override
  public CharStream getInputStream() {
    return null;
  }

  @Override
  public String getSourceName() {
    return sourceName;
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    this.factory = factory;
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return factory;
  }
}
