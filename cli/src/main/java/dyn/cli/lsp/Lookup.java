package dyn.cli.lsp;

import dyn.compiler.check.Format;
import dyn.compiler.check.Value;
import dyn.compiler.resolve.Program;
import dyn.compiler.source.LineMap;
import dyn.compiler.syntax.Stmt;
import dyn.compiler.syntax.Tokens.Tok;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the word under a cursor means, for hover and go-to-definition alike: a declaration (with
 * where it is) and the text a reader is shown, or a builtin's one-line description.
 */
final class Lookup {
  private Lookup() {}

  /**
   * The meaning of a word.
   *
   * @param word the token looked up
   * @param declaration where it is declared, when it is declared in a file (builtins are not)
   * @param markdown what hover shows
   */
  record Meaning(Tok word, Optional<Declaration> declaration, String markdown) {}

  static Optional<Meaning> at(Analysis a, int offset) {
    Cursor c = Cursor.at(a.tokens(), a.text(), offset);
    if (c.word.isEmpty() || c.inComment) return Optional.empty();
    Tok word = c.word.get();
    String name = word.text();
    Scope scope = a.program().map(Scope::new).orElse(null);
    if (scope != null && c.receiver.isPresent()) return member(scope, word, c.receiver.get());
    if (scope != null && c.isKey && c.callee.isPresent()) {
      Optional<Meaning> key = key(scope, word, c.callee.get().text());
      if (key.isPresent()) return key;
    }
    if (scope != null) {
      Optional<Declaration> d = scope.lookup(name, offset);
      if (d.isPresent()) return Optional.of(new Meaning(word, d, render(d.get(), a)));
    }
    return Vocabulary.describe(name).map(what -> new Meaning(word, Optional.empty(), "`" + name + "`: " + what));
  }

  /** {@code gf.loss}: an observable of a train; {@code s.loss}: a sweep's metric. */
  private static Optional<Meaning> member(Scope scope, Tok word, String receiver) {
    Optional<Stmt> s = scope.statement(receiver);
    if (s.isEmpty()) return Optional.empty();
    if (s.get() instanceof Stmt.Sweep) {
      Stmt.Sweep w = (Stmt.Sweep) s.get();
      for (Declaration m : Scope.metrics(w, scope.mainSource())) {
        if (m.name().equals(word.text())) {
          return Optional.of(new Meaning(word, Optional.of(m),
              block(m.signature()) + "metric of sweep `" + receiver + "`, one value per point"));
        }
      }
      return Optional.empty();
    }
    Optional<Declaration> train = scope.lookup(receiver, 0);
    if (train.isEmpty() || train.get().kind() != Declaration.Kind.TRAIN) return Optional.empty();
    if (!dyn.compiler.resolve.Builtins.OBSERVABLES.containsKey(word.text())) return Optional.empty();
    return Optional.of(new Meaning(word, train,
        "observable `" + word.text() + "` recorded along train `" + receiver + "`\n\n" + block(train.get().signature())));
  }

  /** {@code act} in {@code two_layer(…, act = relu)}: the definition's header parameter, or a builtin's key. */
  private static Optional<Meaning> key(Scope scope, Tok word, String callee) {
    Optional<Program.Definition> def = scope.definition(callee);
    if (def.isPresent()) {
      Declaration owner = Scope.definition(def.get().syntax(), def.get().unit());
      for (Declaration h : Scope.locals(def.get().syntax(), def.get().unit().source())) {
        if (h.kind() == Declaration.Kind.HEADER && h.name().equals(word.text())) {
          return Optional.of(new Meaning(word, Optional.of(h),
              "parameter `" + h.signature().replaceFirst(" {4}\\(of .*\\)$", "") + "` of\n\n" + block(owner.signature())));
        }
      }
      if (Vocabulary.modelKeys().contains(word.text())) {
        return Optional.of(new Meaning(word, Optional.empty(), "`" + word.text() + "`: key of every model instance"));
      }
      return Optional.empty();
    }
    if (Vocabulary.keys(callee).contains(word.text())) {
      return Optional.of(new Meaning(word, Optional.empty(),
          "`" + word.text() + "`: key of " + Vocabulary.describe(callee).orElse("`" + callee + "`")));
    }
    return Optional.empty();
  }

  private static String render(Declaration d, Analysis a) {
    StringBuilder sb = new StringBuilder(block(d.signature()));
    sb.append(d.kind().word);
    String doc = DocComments.above(d.source().text(), d.span().start());
    if (!doc.isEmpty() && d.kind() != Declaration.Kind.HEADER) sb.append("\n\n").append(doc);
    if (d.kind() == Declaration.Kind.PARAM) {
      Value v = a.params().get(d.name());
      if (v instanceof Value.Num) sb.append("\n\nvalue: ").append(Format.num(((Value.Num) v).value()));
      else if (v instanceof Value.Bool) sb.append("\n\nvalue: ").append(((Value.Bool) v).value());
    }
    if (!d.source().path().equals(a.source().path())) {
      LineMap lines = new LineMap(d.source());
      sb.append("\n\ndefined in ").append(Path.of(d.source().path()).getFileName())
          .append(':').append(lines.line(d.nameSpan().start()));
    }
    return sb.toString();
  }

  private static String block(String dyn) {
    return "```dyn\n" + dyn + "\n```\n";
  }
}
