package dyn.cli.repl;

import dyn.compiler.diag.Diagnostic;
import java.util.List;

/** What one REPL submission produced. The front end only prints these; it never interprets them. */
public sealed interface ReplResult {
  /** Values, reports, messages: text to print (may be empty when nothing needs saying). */
  record Output(String text) implements ReplResult {}

  /** Problems, rendered exactly as {@code dyn check} renders them; the chunk was not kept. */
  record Diagnostics(List<Diagnostic> list, String rendered) implements ReplResult {
    public Diagnostics {
      list = List.copyOf(list);
    }
  }

  /** The chunk is unfinished (an open bracket or brace): the front end asks for another line. */
  record Incomplete() implements ReplResult {}

  /** The plan of the accumulated module, as {@code dyn plan} prints it. */
  record PlanShown(String text) implements ReplResult {}

  /** The user asked to leave. */
  record Quit() implements ReplResult {}
}
