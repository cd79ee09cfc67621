package dyn.cli.lsp;

import dyn.compiler.syntax.Tokens.Tok;
import java.util.List;
import java.util.Optional;

/**
 * Where a cursor is, read from the lexer's tokens (which exist even where the parser failed): the
 * word under it, the name before a {@code .}, the call whose argument list it is in, and whether
 * it stands where a named argument's key goes.
 */
final class Cursor {
  /** The word (a name or keyword token) under or just before the cursor, if any. */
  final Optional<Tok> word;
  /** The word's text up to the cursor: what completion filters by. */
  final String prefix;
  /** For {@code gf.lo|}: {@code gf}. */
  final Optional<String> receiver;
  /** The name of the call whose parentheses hold the cursor: {@code two_layer} in {@code two_layer(d = 6, |)}. */
  final Optional<Tok> callee;
  /** True directly after the callee's {@code (} or one of its commas: a named argument may start here. */
  final boolean keyPosition;
  /** True when the word is followed by {@code =} inside a call: it names an argument. */
  final boolean isKey;
  /** True when the word is the first token of a statement. */
  final boolean statementStart;
  /** The first token of the statement holding the cursor ({@code OBSERVE}, {@code IMPORT} …), if any. */
  final Optional<Tok> statement;
  /** True inside a {@code #} comment. */
  final boolean inComment;
  /** The key whose value is being written ({@code loss} in {@code descent(…, loss = cr|)}). */
  final Optional<String> valueOf;

  private Cursor(Optional<Tok> word, String prefix, Optional<String> receiver, Optional<Tok> callee,
      boolean keyPosition, boolean isKey, boolean statementStart, Optional<Tok> statement,
      boolean inComment, Optional<String> valueOf) {
    this.word = word;
    this.prefix = prefix;
    this.receiver = receiver;
    this.callee = callee;
    this.keyPosition = keyPosition;
    this.isKey = isKey;
    this.statementStart = statementStart;
    this.statement = statement;
    this.inComment = inComment;
    this.valueOf = valueOf;
  }

  static Cursor at(List<Tok> tokens, String text, int offset) {
    int w = wordAt(tokens, offset);
    Optional<Tok> word = w >= 0 ? Optional.of(tokens.get(w)) : Optional.empty();
    int wordStart = w >= 0 ? tokens.get(w).span().start() : offset;
    String prefix = text.substring(wordStart, Math.max(wordStart, Math.min(offset, text.length())));
    // The token before the word (or before the cursor when no word is under it).
    int p = w >= 0 ? w - 1 : lastBefore(tokens, offset);

    Optional<String> receiver = Optional.empty();
    if (p >= 1 && tokens.get(p).type().equals("DOT") && isWord(tokens.get(p - 1))) {
      receiver = Optional.of(tokens.get(p - 1).text());
    }

    Optional<Tok> callee = Optional.empty();
    int open = -1;
    int depth = 0;
    for (int j = p; j >= 0; j--) {
      String type = tokens.get(j).type();
      if (type.equals("RPAREN") || type.equals("RBRACK")) {
        depth++;
      } else if (type.equals("LPAREN") || type.equals("LBRACK")) {
        if (depth == 0) {
          if (type.equals("LPAREN") && j > 0 && isWord(tokens.get(j - 1))) {
            callee = Optional.of(tokens.get(j - 1));
            open = j;
          }
          break;
        }
        depth--;
      } else if (depth == 0 && isBoundary(type)) {
        break;
      }
    }
    boolean keyPosition = callee.isPresent() && p >= 0
        && (p == open || tokens.get(p).type().equals("COMMA"));
    boolean isKey = callee.isPresent() && w >= 0 && w + 1 < tokens.size()
        && tokens.get(w + 1).type().equals("ASSIGN");

    int first = p;
    while (first >= 0 && !isBoundary(tokens.get(first).type())) first--;
    first++;
    int last = w >= 0 ? w : p; // the last token at or before the cursor
    Optional<Tok> statement = first <= last ? Optional.of(tokens.get(first)) : Optional.empty();
    boolean statementStart = w >= 0 ? first == w : first == p + 1;
    Optional<String> valueOf = Optional.empty();
    if (callee.isPresent() && p >= 1 && tokens.get(p).type().equals("ASSIGN") && isWord(tokens.get(p - 1))
        && p - 2 >= open && (p - 2 == open || tokens.get(p - 2).type().equals("COMMA"))) {
      valueOf = Optional.of(tokens.get(p - 1).text());
    }
    return new Cursor(word, prefix, receiver, callee, keyPosition, isKey, statementStart, statement,
        inComment(tokens, text, offset), valueOf);
  }

  /** The word token containing the offset, or ending at it (the word being typed). */
  private static int wordAt(List<Tok> tokens, int offset) {
    int ending = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Tok t = tokens.get(i);
      if (t.span().start() > offset) break;
      if (!isWord(t)) continue;
      if (offset < t.span().end()) return i;
      if (offset == t.span().end()) ending = i;
    }
    return ending;
  }

  private static int lastBefore(List<Tok> tokens, int offset) {
    int last = -1;
    for (int i = 0; i < tokens.size() && tokens.get(i).span().end() <= offset; i++) last = i;
    return last;
  }

  static boolean isWord(Tok t) {
    return !t.text().isEmpty() && (Character.isLetter(t.text().charAt(0)) || t.text().charAt(0) == '_')
        && !t.type().equals("STRING") && !t.type().equals("UNTERMINATED_STRING");
  }

  private static boolean isBoundary(String type) {
    return type.equals("NL") || type.equals("LBRACE") || type.equals("RBRACE");
  }

  /** A {@code #} before the cursor on its line that no token (a string) covers starts a comment. */
  private static boolean inComment(List<Tok> tokens, String text, int offset) {
    int end = Math.min(offset, text.length());
    int lineStart = text.lastIndexOf('\n', Math.max(0, end - 1)) + 1;
    if (end == 0) lineStart = 0;
    for (int i = lineStart; i < end; i++) {
      if (text.charAt(i) != '#') continue;
      boolean covered = false;
      for (Tok t : tokens) {
        if (t.span().start() <= i && i < t.span().end()) {
          covered = true;
          break;
        }
        if (t.span().start() > i) break;
      }
      if (!covered) return true;
    }
    return false;
  }
}
