package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Script;

/**
 * One parsed file (the script or a stdlib module) with its own diagnostics collector, so that an
 * error inside {@code stdlib/models.dyn} points into that file, not into the script.
 */
public record Unit(Source source, Script script, Diagnostics diags) {
  /** The same file with a diagnostics collector of its own, starting with this one's entries. */
  public Unit withFreshDiagnostics() {
    return new Unit(source, script, diags.copy());
  }

  /** The source text of a span, for check verdict lines. */
  public String text(dyn.compiler.source.Span span) {
    return source.text().substring(span.start(), Math.min(span.end(), source.text().length()));
  }
}
