package dyn.cli;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Renderer;
import dyn.runtime.exec.StepFailure;
import java.io.PrintStream;
import java.util.List;

/** Prints diagnostics through the compiler's renderer, and runtime failures as diagnostics. */
final class DiagnosticPrinter {
  private final PrintStream err;
  private final boolean color;
  private final boolean debug;

  DiagnosticPrinter(PrintStream err, boolean color, boolean debug) {
    this.err = err;
    this.color = color;
    this.debug = debug;
  }

  void print(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) return;
    String text;
    try {
      text = Renderer.render(diagnostics, color);
    } catch (UnsupportedOperationException e) {
      // A build without the real renderer still says where the problems are.
      StringBuilder sb = new StringBuilder();
      for (Diagnostic d : diagnostics) {
        sb.append(d.where().file()).append(':').append(d.where().line()).append(':').append(d.where().column())
            .append(": ").append(d.severity().name().toLowerCase()).append(": ").append(d.message()).append('\n');
        d.hint().ifPresent(h -> sb.append("   = help: ").append(h).append('\n'));
        sb.append('\n');
      }
      text = sb.toString();
    }
    err.print(text);
    err.flush();
  }

  /** Runtime failures, rendered with code {@code runtime} at their steps' script lines. */
  void printFailures(List<StepFailure> failures) {
    List<Diagnostic> ds = new java.util.ArrayList<>();
    for (StepFailure f : failures) ds.add(toDiagnostic(f));
    print(ds);
    for (StepFailure f : failures) {
      if (debug && f.internal().isPresent()) f.internal().get().printStackTrace(err);
    }
    err.flush();
  }

  static Diagnostic toDiagnostic(StepFailure f) {
    return new Diagnostic(Diagnostic.Severity.ERROR, f.isInternal() ? "internal" : "runtime", f.origin(),
        f.describe(), List.of(), f.hint());
  }

  /** A problem without a script location (usage, unreadable file). */
  void error(String message) {
    err.println("error: " + message);
    err.flush();
  }

  /** An unexpected exception outside any plan step. */
  void internal(Throwable e) {
    error("internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    if (debug) e.printStackTrace(err);
    else err.println("   = help: this is a bug in dyn; run again with --debug for the Java stack trace");
    err.flush();
  }
}
