package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import dyn.grammar.DynParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery with dyn's wording. Recovery is ANTLR's (single-token insertion and deletion,
 * then resynchronising on the follow set, which at statement level is the next newline); every
 * report goes through {@link #unexpected} so no raw ANTLR text reaches a user. The delimiter scan
 * for "opened at" runs only here, on the error path.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
  private final SyntaxErrors errors;

  SyntaxErrorStrategy(SyntaxErrors errors) {
    this.errors = errors;
  }

  @Override
  protected void reportNoViableAlternative(Parser p, NoViableAltException e) {
    unexpected(p, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportInputMismatch(Parser p, InputMismatchException e) {
    unexpected(p, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportFailedPredicate(Parser p, org.antlr.v4.runtime.FailedPredicateException e) {
    unexpected(p, e.getOffendingToken(), p.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser p) {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    unexpected(p, p.getCurrentToken(), getExpectedTokens(p));
  }

  @Override
  protected void reportMissingToken(Parser p) {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    unexpected(p, p.getCurrentToken(), getExpectedTokens(p));
  }

  /**
   * ANTLR's sync gives up on a whole rule when more than one stray token precedes what a loop
   * expects; at script level that would skip the rest of the file. Instead report once and skip
   * to something the loop can use, or to the end of the line.
   */
  @Override
  public void sync(Parser p) throws RecognitionException {
    try {
      super.sync(p);
    } catch (InputMismatchException e) {
      reportError(p, e);
      IntervalSet stop = new IntervalSet(p.getExpectedTokens());
      stop.add(DynLexer.NL);
      stop.add(Token.EOF);
      consumeUntil(p, stop);
    }
  }

  private void unexpected(Parser p, Token offending, IntervalSet expected) {
    Offsets at = errors.offsets();
    TokenStream tokens = p.getInputStream();
    int type = offending.getType();
    Span span = at.of(offending);
    String text = offending.getText();
    switch (type) {
      case DynLexer.UNTERMINATED_STRING:
        errors.report(
            span,
            SyntaxMessages.UNTERMINATED_STRING,
            Optional.of(SyntaxMessages.UNTERMINATED_STRING_HINT));
        return;
      case DynLexer.BAD_CHAR:
        errors.report(
            span,
            SyntaxMessages.unexpectedCharacter(text),
            text.equals("!") ? Optional.of(SyntaxMessages.BANG_HINT) : Optional.empty());
        return;
      default:
        break;
    }
    String found = TokenNames.found(offending);
    Token previous = previous(tokens, offending);

    Optional<String> hint = hintFor(p, offending, previous);

    // A missing closer: say which opener it would close, and point where it is missing.
    Token opener = innermostOpen(tokens, offending);
    if (opener != null && expected.contains(closerOf(opener.getType()))) {
      boolean ranPast =
          type == Token.EOF
              || type == DynLexer.NL
              || (previous != null && previous.getLine() < offending.getLine());
      if (ranPast) {
        String closer = TokenNames.of(closerOf(opener.getType()));
        errors.report(
            previous != null ? at.after(previous) : span,
            SyntaxMessages.unclosed(
                closer.substring(1, closer.length() - 1),
                opener.getText(),
                opener.getLine(),
                opener.getCharPositionInLine() + 1),
            hint);
        return;
      }
    }
    if (unclosedBlock(p, tokens, offending)) return;
    if ((type == DynLexer.NL || type == Token.EOF) && previous != null) span = at.after(previous);

    // A body statement that starts with an unknown word parses as an assignment until its second
    // token; say what the word is not.
    if (p.getContext() instanceof DynParser.AssignStmtContext
        && previous != null
        && previous.getTokenIndex() == p.getContext().getStart().getTokenIndex()
        && type != DynLexer.ASSIGN) {
      String word = previous.getText();
      errors.report(
          at.of(previous),
          SyntaxMessages.unknownStatement(word),
          SyntaxMessages.statementHint(word, SyntaxMessages.BODY_KEYWORDS));
      return;
    }
    errors.report(span, SyntaxMessages.unexpected(found, TokenNames.expected(expected)), hint);
  }

  /**
   * Inside a model or dataset body, the end of the file or a top-level statement at the start of
   * a line means the body's <code>{</code> was never closed: name that brace, once, at the end of
   * the body's last line (and not "unknown statement `data`" on the next line).
   */
  private boolean unclosedBlock(Parser p, TokenStream tokens, Token offending) {
    DynParser.BlockContext block = null;
    for (var c = p.getContext(); c != null; c = c.getParent()) {
      if (c instanceof DynParser.BlockContext) block = (DynParser.BlockContext) c;
    }
    if (block == null) return false;
    Token first = statementStart(tokens, offending);
    boolean topLevel = first.getType() == Token.EOF || TOP_LEVEL_ONLY.contains(first.getType());
    if (!topLevel) return false;
    if (reportedBlocks.add(block.getStart().getTokenIndex())) {
      Token last = first.getTokenIndex() > 0 ? lastBefore(tokens, first) : null;
      Token brace = block.getStart();
      errors.report(
          last != null ? errors.offsets().after(last) : errors.offsets().of(first),
          SyntaxMessages.unclosed("}", "{", brace.getLine(), brace.getCharPositionInLine() + 1),
          Optional.of(SyntaxMessages.UNCLOSED_BODY_HINT));
    }
    return true;
  }

  /** Blocks already reported as unclosed (by the token index of their brace). */
  private final java.util.Set<Integer> reportedBlocks = new java.util.HashSet<>();

  /** Statements that cannot appear in a body: seeing one means the body ended without `}`. */
  private static final java.util.Set<Integer> TOP_LEVEL_ONLY = java.util.Set.of(
      DynLexer.IMPORT, DynLexer.DATA, DynLexer.TRAIN, DynLexer.MODEL, DynLexer.DATASET,
      DynLexer.OBSERVE, DynLexer.REPORT, DynLexer.CHECK, DynLexer.PREDICT, DynLexer.COMPARE,
      DynLexer.SWEEP, DynLexer.BACKEND);

  /** The first token of the line holding {@code t} (itself when it starts the line or is EOF). */
  private static Token statementStart(TokenStream tokens, Token t) {
    int i = t.getTokenIndex();
    while (i > 0 && tokens.get(i - 1).getType() != DynLexer.NL) i--;
    return tokens.get(i);
  }

  /** The last token before {@code t} that is not a newline, or null. */
  private static Token lastBefore(TokenStream tokens, Token t) {
    for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
      if (tokens.get(i).getType() != DynLexer.NL) return tokens.get(i);
    }
    return null;
  }

  private static Optional<String> hintFor(Parser p, Token offending, Token previous) {
    switch (offending.getType()) {
      case DynLexer.COLONEQ:
        return Optional.of(SyntaxMessages.COLONEQ_HINT);
      case DynLexer.ANDAND:
        return Optional.of(SyntaxMessages.ANDAND_HINT);
      case DynLexer.OROR:
        return Optional.of(SyntaxMessages.OROR_HINT);
      case DynLexer.STARSTAR:
        return Optional.of(SyntaxMessages.STARSTAR_HINT);
      case DynLexer.DOT:
        {
          Token before = previous == null ? null : previous(p.getInputStream(), previous);
          if (before != null && before.getType() == DynLexer.IMPORT) {
            return Optional.of(SyntaxMessages.IMPORT_PATH_HINT);
          }
          return Optional.empty();
        }
      case DynLexer.ASSIGN:
        return inCheck(p) || lineStartsWith(p.getInputStream(), offending, DynLexer.CHECK)
            ? Optional.of(SyntaxMessages.EQUALS_IN_CHECK_HINT)
            : Optional.empty();
      default:
        // `require d >= 1` without its message: the condition parsed, the `, "…"` is missing.
        return lineStartsWith(p.getInputStream(), offending, DynLexer.REQUIRE)
            ? Optional.of(SyntaxMessages.REQUIRE_HINT)
            : Optional.empty();
    }
  }

  private static boolean inCheck(Parser p) {
    for (var c = p.getContext(); c != null; c = c.getParent()) {
      if (c instanceof DynParser.CheckStmtContext) return true;
    }
    return false;
  }

  /** True when the statement holding {@code t} starts with a token of this type. */
  private static boolean lineStartsWith(TokenStream tokens, Token t, int type) {
    int i = t.getTokenIndex() - 1;
    while (i > 0 && tokens.get(i - 1).getType() != DynLexer.NL) i--;
    return i >= 0 && tokens.get(i).getType() == type;
  }

  /** The token before {@code t} on the default channel, or null. */
  private static Token previous(TokenStream tokens, Token t) {
    int i = t.getTokenIndex() - 1;
    return i >= 0 ? tokens.get(i) : null;
  }

  /** The innermost ( or [ still open just before {@code upTo}, scanning the current statement. */
  private static Token innermostOpen(TokenStream tokens, Token upTo) {
    Deque<Token> open = new ArrayDeque<>();
    for (int i = 0; i < upTo.getTokenIndex(); i++) {
      Token t = tokens.get(i);
      switch (t.getType()) {
        case DynLexer.LPAREN:
        case DynLexer.LBRACK:
          open.push(t);
          break;
        case DynLexer.RPAREN:
        case DynLexer.RBRACK:
          if (!open.isEmpty()) open.pop();
          break;
        case DynLexer.LBRACE:
        case DynLexer.RBRACE:
        case DynLexer.NL:
          open.clear(); // the lexer only lets these through at depth 0
          break;
        default:
          break;
      }
    }
    return open.peek();
  }

  private static int closerOf(int opener) {
    return opener == DynLexer.LPAREN ? DynLexer.RPAREN : DynLexer.RBRACK;
  }
}
