package dyn.compiler.diag;

import dyn.compiler.plan.Origin;
import java.util.List;
import java.util.Optional;

/**
 * One problem found in a script (or, at run time, in a plan step), with where it is.
 *
 * @param severity error or warning
 * @param code a stable short code, e.g. {@code unknown-name}
 * @param where the location, as an {@link Origin} (file, line, column, length, source line)
 * @param message the one-line message, no trailing period
 * @param related further locations ("previously declared here")
 * @param hint a suggestion, rendered as {@code = help: …}
 */
public record Diagnostic(
    Severity severity,
    String code,
    Origin where,
    String message,
    List<Related> related,
    Optional<String> hint) {
  public Diagnostic {
    related = List.copyOf(related);
  }

  /** A secondary location with its own note. */
  public record Related(Origin where, String message) {}

  /** Severity of a diagnostic. */
  public enum Severity {
    ERROR,
    WARNING
  }
}
