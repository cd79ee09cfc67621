package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import java.util.List;

/** A parsed {@code .dyn} file: its top-level statements in source order. */
public record Script(Span span, List<Stmt> statements) implements Node {
  public Script {
    statements = List.copyOf(statements);
  }
}
