package dyn.compiler.syntax;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the syntax errors of one parse: at most one per line (the first error on a line is
 * the informative one, the rest are recovery noise), sorted by position, capped at {@link #CAP}.
 */
final class SyntaxErrors {
  static final int CAP = 10;
  static final String CODE = "syntax";

  private final Diagnostics diagnostics;
  private final Offsets offsets;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<Integer> lines = new HashSet<>();

  private record Entry(int offset, Diagnostic diagnostic) {}

  SyntaxErrors(Source source, Offsets offsets) {
    this.diagnostics = new Diagnostics(source);
    this.offsets = offsets;
  }

  Offsets offsets() {
    return offsets;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  boolean any() {
    return !entries.isEmpty();
  }

  /** Reports an error unless this line already has one. */
  void report(Span span, String message, Optional<String> hint) {
    Diagnostic d =
        new Diagnostic(
            Diagnostic.Severity.ERROR, CODE, diagnostics.origin(span), message, List.of(), hint);
    if (!lines.add(d.where().line())) return;
    entries.add(new Entry(span.start(), d));
  }

  /** All errors in source order, the first {@link #CAP} and a count of the rest. */
  List<Diagnostic> list() {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt(Entry::offset));
    List<Diagnostic> out = new ArrayList<>();
    for (int i = 0; i < Math.min(CAP, sorted.size()); i++) out.add(sorted.get(i).diagnostic());
    if (sorted.size() > CAP) {
      Diagnostic next = sorted.get(CAP).diagnostic();
      out.add(
          new Diagnostic(
              Diagnostic.Severity.ERROR,
              CODE,
              next.where(),
              SyntaxMessages.tooMany(sorted.size() - CAP),
              List.of(),
              Optional.empty()));
    }
    return out;
  }

  static boolean isLexicalError(int type) {
    return type == DynLexer.UNTERMINATED_STRING || type == DynLexer.BAD_CHAR;
  }
}
