package dyn.cli.lsp;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * dyn diagnostics as LSP diagnostics: the same message, the hint as a {@code help:} line, the
 * code, and related locations ("previously declared here"). An {@link Origin} is already a line,
 * a column and a length in UTF-16 units, which is how LSP counts by default.
 */
final class LspDiagnostics {
  private LspDiagnostics() {}

  static List<org.eclipse.lsp4j.Diagnostic> of(Analysis a) {
    List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : a.diagnostics()) {
      String message = d.message() + d.hint().map(h -> "\nhelp: " + h).orElse("");
      Range range = range(d.where());
      if (!d.where().file().equals(a.source().path())) {
        // A problem inside an imported module: shown at the top of the script, naming the file.
        message = where(d.where()) + ": " + message;
        range = new Range(new Position(0, 0), new Position(0, 0));
      }
      org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic(range, message,
          d.severity() == Diagnostic.Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "dyn", d.code());
      List<DiagnosticRelatedInformation> related = new ArrayList<>();
      for (Diagnostic.Related r : d.related()) {
        String uri = r.where().file().equals(a.source().path()) ? a.uri() : uriOf(r.where().file());
        related.add(new DiagnosticRelatedInformation(new Location(uri, range(r.where())), r.message()));
      }
      if (!related.isEmpty()) lsp.setRelatedInformation(related);
      out.add(lsp);
    }
    return out;
  }

  private static Range range(Origin o) {
    return new Range(new Position(o.line() - 1, o.column() - 1), new Position(o.line() - 1, o.column() - 1 + o.length()));
  }

  private static String where(Origin o) {
    return o.file() + ":" + o.line() + ":" + o.column();
  }

  static String uriOf(String path) {
    try {
      return Path.of(path).toUri().toString();
    } catch (RuntimeException e) {
      return path;
    }
  }
}
