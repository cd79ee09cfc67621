package dyn.compiler.syntax;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import dyn.grammar.DynParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** The parser facade: source text to {@link Script}, with all syntax errors as diagnostics. */
public final class Parse {
  private Parse() {}

  /** The result of parsing: a script (possibly partial when there are errors) and diagnostics. */
  public record Result(Script script, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Parses a whole file. Never throws for bad input: every syntax error (at most one per line, at
   * most ten and a count) is a diagnostic, and the script holds the statements that parsed
   * cleanly. No ANTLR type escapes this package.
   */
  public static Result parse(Source source) {
    synchronized (RECENT) {
      Result r = RECENT.get(source);
      if (r != null) return r;
    }
    Result r = DeepStack.call("dyn-parse", () -> parseHere(source));
    synchronized (RECENT) {
      RECENT.put(source, r);
    }
    return r;
  }

  /**
   * The last few parses, keyed by path and text. A sweep compiles its script (and each stdlib
   * module it imports) once per point with other param values, and parsing, which does not
   * depend on those values, was most of a small point's time (eta_gamma: ~15 of ~27 ms). The
   * result is immutable (records, copied lists), so compilations may share it, even at once on
   * several threads; a changed text is another key. Bounded, as the REPL parses every chunk.
   */
  private static final java.util.Map<Source, Result> RECENT =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Source, Result> eldest) {
          return size() > 16;
        }
      };

  /**
   * The deepest expression nesting dyn accepts (see {@link Nesting} for what counts as a level).
   * Generated scripts reach it first: a flat sum of 10,000 terms is fine, one of 100,000 is
   * refused here with a position; on the {@link DeepStack} every later pass holds this depth with
   * a wide margin.
   */
  public static final int MAX_DEPTH = 10_000;

  private static Result parseHere(Source source) {
    Offsets offsets = new Offsets(source.text());
    SyntaxErrors errors = new SyntaxErrors(source, offsets);
    CommonTokenStream tokens = new CommonTokenStream(lexer(source));
    DynParser parser = new DynParser(tokens);
    parser.removeErrorListeners();
    // SLL is enough for nearly every script and much faster; only a failure pays for full LL,
    // and only the LL pass reports, so an SLL-only false alarm never reaches the user.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    // Brackets nested too deep are found from the tokens, before ANTLR recurses once per bracket
    // (three million of them parse for a minute in gigabytes before the tree can be measured).
    Optional<Token> tooDeepBrackets = Nesting.tooDeepBrackets(lexer(source), MAX_DEPTH);
    if (tooDeepBrackets.isPresent()) return tooDeep(errors, offsets.of(tooDeepBrackets.get()));
    DynParser.ScriptContext tree;
    boolean recovered = false;
    try {
      try {
        tree = parser.script();
      } catch (ParseCancellationException sllFailed) {
        parser.reset();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new SyntaxErrorStrategy(errors));
        recovered = true;
        tree = parser.script();
      }
    } catch (StackOverflowError parserRanOut) {
      // ANTLR recurses once per prefix operator too (`- - - … 1`); a chain far beyond MAX_DEPTH.
      return tooDeep(errors, new Span(0, 0));
    }
    // Every expression level owns a token of its own (its operator, bracket or call parenthesis;
    // a name or number ends the chain), so a clean tree of at most MAX_DEPTH tokens cannot be too
    // deep and the walk is skipped: nearly every script. A recovered tree may hold made-up tokens.
    if (recovered || tokens.size() > MAX_DEPTH) {
      Optional<Token> tooDeep = Nesting.tooDeep(tree, MAX_DEPTH);
      // The builder and every later pass recurse per level: stop here, with the syntax errors.
      if (tooDeep.isPresent()) return tooDeep(errors, offsets.of(tooDeep.get()));
    }
    Script script = new AstBuilder(errors, recovered).script(tree);
    numbersInRange(tokens, errors, offsets);
    return new Result(script, errors.list());
  }

  /** Number literals that float64 cannot hold ({@link NumberRange}). */
  private static void numbersInRange(CommonTokenStream tokens, SyntaxErrors errors, Offsets offsets) {
    tokens.fill();
    for (Token t : tokens.getTokens()) {
      if (t.getType() != DynLexer.NUMBER) continue;
      double v = Double.parseDouble(t.getText());
      NumberRange.problem(t.getText(), v)
          .ifPresent(m -> errors.report(offsets.of(t), m, Optional.of(NumberRange.hint(v))));
    }
  }

  private static Result tooDeep(SyntaxErrors errors, Span at) {
    errors.report(at, SyntaxMessages.nestedTooDeep(MAX_DEPTH), Optional.of(SyntaxMessages.NESTING_ADVICE));
    return new Result(new Script(new Span(0, 0), List.of()), errors.list());
  }

  /**
   * Says whether a REPL chunk is merely incomplete: a {@code (}, {@code [} or <code>{</code> still
   * open at end of input, so the REPL should ask for another line rather than report an error.
   */
  public static boolean isIncomplete(Source source) {
    TokenSource lexer = lexer(source);
    int parens = 0;
    int braces = 0;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      switch (t.getType()) {
        case DynLexer.LPAREN:
        case DynLexer.LBRACK:
          parens++;
          break;
        case DynLexer.RPAREN:
        case DynLexer.RBRACK:
          parens--;
          break;
        case DynLexer.LBRACE:
          braces++;
          parens = 0;
          break;
        case DynLexer.RBRACE:
          braces--;
          parens = 0;
          break;
        default:
          break;
      }
      // More closers than openers is an error no further input can mend.
      if (parens < 0 || braces < 0) return false;
    }
    return parens > 0 || braces > 0;
  }

  /** The script's tokens ({@link ScriptLexer}: DynLexer.g4's tokens without its start-up cost). */
  private static TokenSource lexer(Source source) {
    return new ScriptLexer(source.text(), source.path());
  }
}
