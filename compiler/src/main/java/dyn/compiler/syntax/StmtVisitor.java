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

  /** Default so that visitors written before sweeps existed keep compiling. */
  default R visitSweep(Stmt.Sweep s) {
    throw new UnsupportedOperationException("sweep statements are not handled by " + getClass().getSimpleName());
  }

  /** Default so that visitors written before sweeps existed keep compiling. */
  default R visitDerive(Stmt.Derive s) {
    throw new UnsupportedOperationException("let statements are not handled by " + getClass().getSimpleName());
  }

  /** Default so that visitors written before backend statements existed keep compiling. */
  default R visitBackend(Stmt.Backend s) {
    throw new UnsupportedOperationException("backend statements are not handled by " + getClass().getSimpleName());
  }
}
