package dyn.compiler.syntax;

/** Exhaustive dispatch over {@link Expr}. */
public interface ExprVisitor<R> {
  R visitNum(Expr.Num e);

  R visitStr(Expr.Str e);

  R visitBool(Expr.Bool e);

  R visitName(Expr.Name e);

  R visitVector(Expr.Vector e);

  R visitCall(Expr.Call e);

  R visitBinary(Expr.Binary e);

  R visitUnary(Expr.Unary e);

  R visitTranspose(Expr.Transpose e);

  R visitIndex(Expr.Index e);

  R visitMember(Expr.Member e);

  R visitCond(Expr.Cond e);
}
