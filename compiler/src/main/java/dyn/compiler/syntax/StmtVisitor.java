package dyn.compiler.syntax;

/** Exhaustive dispatch over {@link Stmt}: every pass implements every statement. */
public interface StmtVisitor<R> {
  R visitImport(Stmt.Import s);

  R visitParam(Stmt.Param s);

  R visitInstance(Stmt.Instance s);

  R visitObserve(Stmt.Observe s);

  R visitReport(Stmt.Report s);

  R visitCheck(Stmt.Check s);

  R visitDefinition(Stmt.Definition s);
}
