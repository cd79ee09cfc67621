package dyn.compiler.diag;

import dyn.compiler.plan.Origin;
import dyn.compiler.source.LineMap;
import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The collector every compiler stage appends to. Stages never throw for a bad script: they report
 * and carry on, so one run shows all the errors of a stage.
 */
public final class Diagnostics {
  private final LineMap lines;
  private final List<Diagnostic> all = new ArrayList<>();
  /** Argument names reported unknown, whose calls then report no missing argument they explain. */
  private final List<Misspelt> misspelt = new ArrayList<>();

  public Diagnostics(Source source) {
    this.lines = new LineMap(source);
  }

  private Diagnostics(LineMap lines, List<Diagnostic> entries) {
    this.lines = lines;
    this.all.addAll(entries);
  }

  /**
   * A collector for the same source holding what this one holds so far; it shares the (lazily
   * built, then unchanging) line table, so a sweep's points do not each rescan the script.
   */
  public Diagnostics copy() {
    return new Diagnostics(lines, list());
  }

  /** Reports an error at a span. */
  public void error(String code, Span span, String message) {
    add(Diagnostic.Severity.ERROR, code, span, message, null);
  }

  /** Reports an error with a hint ({@code = help: …}). */
  public void error(String code, Span span, String message, String hint) {
    add(Diagnostic.Severity.ERROR, code, span, message, hint);
  }

  /** Reports a warning. */
  public void warning(String code, Span span, String message, String hint) {
    add(Diagnostic.Severity.WARNING, code, span, message, hint);
  }

  /** Adds a fully built diagnostic (e.g. one with related locations). */
  public void add(Diagnostic d) {
    all.add(d);
  }

  private void add(Diagnostic.Severity sev, String code, Span span, String message, String hint) {
    if (code.equals("unknown-argument")) misspelt.add(new Misspelt(span, lines.text(span)));
    // `descent(…, stpes = 10)` also said "needs exactly one of `until` and `steps`": a missing
    // argument of a call whose misspelt argument is close to it was reported already.
    if (code.equals("missing-argument") && misspelt.stream().anyMatch(m -> m.explains(span, message))) return;
    all.add(new Diagnostic(sev, code, origin(span), message, List.of(), Optional.ofNullable(hint)));
  }

  /** An argument name reported unknown, and where. */
  private record Misspelt(Span span, String name) {
    /** Whether it lies in the call at {@code call} and is close to a key the message names. */
    boolean explains(Span call, String message) {
      if (span.start() < call.start() || span.end() > call.end()) return false;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)`").matcher(message);
      while (m.find()) if (Suggest.closest(name, List.of(m.group(1))).isPresent()) return true;
      return false;
    }
  }

  /** The origin of a span in this source. */
  public Origin origin(Span span) {
    return lines.origin(span);
  }

  /** True when any error was reported. */
  public boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** Everything reported so far, in order. */
  public List<Diagnostic> list() {
    return List.copyOf(all);
  }
}
