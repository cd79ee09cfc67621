package dyn.compiler.syntax;

import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The script's tokens as dyn records, for tools that work on text being edited (the language
 * server): the lexer never fails, so this works on a file the parser rejects. Comments and blanks
 * are not tokens. Also the one list of keywords, read from the lexer, so editor grammars and
 * completion cannot drift from the language.
 */
public final class Tokens {
  private Tokens() {}

  /**
   * One token.
   *
   * @param type the lexer's token name: {@code IDENT}, {@code LPAREN}, {@code MODEL}, {@code NL} …
   * @param text the text as written
   * @param span where it is, in {@link String} offsets
   */
  public record Tok(String type, String text, Span span) {
    /** True for a token usable as a name: an identifier or a soft keyword ({@code data}, {@code at} …). */
    public boolean isName() {
      return type.equals("IDENT") || SOFT.contains(type);
    }
  }

  private static final List<String> SOFT =
      List.of("AT", "DATA", "MODEL", "TRAIN", "DATASET", "PREDICT", "COMPARE", "SWEEP", "BACKEND",
          "REQUIRE");

  /** All tokens of the text, end of file excluded; newlines inside brackets are dropped as the parser sees them. */
  public static List<Tok> of(Source source) {
    Offsets offsets = new Offsets(source.text());
    DynLexer lexer = new DynLexer(CharStreams.fromString(source.text(), source.path()));
    lexer.removeErrorListeners();
    List<Tok> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      out.add(new Tok(DynLexer.VOCABULARY.getSymbolicName(t.getType()), t.getText(), offsets.of(t)));
    }
    return out;
  }

  /** The language's keywords (every token spelled as a word), in the lexer's order. */
  public static List<String> keywords() {
    List<String> out = new ArrayList<>();
    for (int type = 1; type <= DynLexer.VOCABULARY.getMaxTokenType(); type++) {
      String literal = DynLexer.VOCABULARY.getLiteralName(type);
      if (literal == null) continue;
      String word = literal.substring(1, literal.length() - 1);
      if (word.matches("[a-z_]+")) out.add(word);
    }
    return out;
  }
}
