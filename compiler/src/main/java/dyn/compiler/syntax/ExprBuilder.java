package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import dyn.grammar.DynParser;
import dyn.grammar.DynParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/** Expressions of the parse tree to {@link Expr} records; spans cover each whole expression. */
final class ExprBuilder extends DynParserBaseVisitor<Expr> {
  private final Offsets at;

  ExprBuilder(Offsets at) {
    this.at = at;
  }

  Expr build(DynParser.ExprContext ctx) {
    return ctx.accept(this);
  }

  Ident ident(DynParser.NameContext ctx) {
    return new Ident(at.of(ctx), ctx.getText());
  }

  Expr.Call call(DynParser.CallContext ctx) {
    return call(ident(ctx.name()), ctx.args(), at.of(ctx));
  }

  /** A call from its parts; {@code args} is null for an empty argument list. */
  Expr.Call call(Ident callee, DynParser.ArgsContext argsCtx, Span span) {
    List<Expr.Arg> args = new ArrayList<>();
    if (argsCtx != null) {
      for (DynParser.ArgContext a : argsCtx.arg()) {
        Optional<Ident> name = a.name() == null ? Optional.empty() : Optional.of(ident(a.name()));
        args.add(new Expr.Arg(at.of(a), name, build(a.expr())));
      }
    }
    return new Expr.Call(span, callee, args);
  }

  @Override
  public Expr visitPrimaryExpr(DynParser.PrimaryExprContext ctx) {
    return ctx.primary().accept(this);
  }

  @Override
  public Expr visitIndexExpr(DynParser.IndexExprContext ctx) {
    List<Optional<Expr>> indices = new ArrayList<>();
    for (DynParser.IndexContext i : ctx.index()) {
      indices.add(i.expr() == null ? Optional.empty() : Optional.of(build(i.expr())));
    }
    return new Expr.Index(at.of(ctx), build(ctx.expr()), indices);
  }

  @Override
  public Expr visitMemberExpr(DynParser.MemberExprContext ctx) {
    return new Expr.Member(at.of(ctx), build(ctx.expr()), ident(ctx.name()));
  }

  @Override
  public Expr visitTransposeExpr(DynParser.TransposeExprContext ctx) {
    return new Expr.Transpose(at.of(ctx), build(ctx.expr()));
  }

  @Override
  public Expr visitPowExpr(DynParser.PowExprContext ctx) {
    return binary(ctx, Expr.BinaryOp.POW, ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitNegExpr(DynParser.NegExprContext ctx) {
    return new Expr.Unary(at.of(ctx), Expr.UnaryOp.NEG, build(ctx.expr()));
  }

  @Override
  public Expr visitNotExpr(DynParser.NotExprContext ctx) {
    return new Expr.Unary(at.of(ctx), Expr.UnaryOp.NOT, build(ctx.expr()));
  }

  @Override
  public Expr visitMulExpr(DynParser.MulExprContext ctx) {
    return binary(ctx, op(ctx.op), ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitAddExpr(DynParser.AddExprContext ctx) {
    return binary(ctx, op(ctx.op), ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitCompareExpr(DynParser.CompareExprContext ctx) {
    return binary(ctx, op(ctx.op), ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitAndExpr(DynParser.AndExprContext ctx) {
    return binary(ctx, Expr.BinaryOp.AND, ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitOrExpr(DynParser.OrExprContext ctx) {
    return binary(ctx, Expr.BinaryOp.OR, ctx.expr(0), ctx.expr(1));
  }

  @Override
  public Expr visitCondExpr(DynParser.CondExprContext ctx) {
    return new Expr.Cond(at.of(ctx), build(ctx.expr(0)), build(ctx.expr(1)), build(ctx.expr(2)));
  }

  @Override
  public Expr visitCallPrimary(DynParser.CallPrimaryContext ctx) {
    return call(ctx.call());
  }

  @Override
  public Expr visitNamePrimary(DynParser.NamePrimaryContext ctx) {
    return new Expr.Name(at.of(ctx), ctx.getText());
  }

  @Override
  public Expr visitNumberPrimary(DynParser.NumberPrimaryContext ctx) {
    return new Expr.Num(at.of(ctx), Double.parseDouble(ctx.getText()));
  }

  @Override
  public Expr visitStringPrimary(DynParser.StringPrimaryContext ctx) {
    return new Expr.Str(at.of(ctx), unquote(ctx.getText()));
  }

  @Override
  public Expr visitBoolPrimary(DynParser.BoolPrimaryContext ctx) {
    return new Expr.Bool(at.of(ctx), ctx.TRUE() != null);
  }

  @Override
  public Expr visitVectorPrimary(DynParser.VectorPrimaryContext ctx) {
    List<Expr> elements = new ArrayList<>();
    for (DynParser.ExprContext e : ctx.expr()) elements.add(build(e));
    return new Expr.Vector(at.of(ctx), elements);
  }

  @Override
  public Expr visitParenPrimary(DynParser.ParenPrimaryContext ctx) {
    // Parentheses only group: the inner node keeps its own span, as the printer re-derives them.
    return build(ctx.expr());
  }

  private Expr binary(
      org.antlr.v4.runtime.ParserRuleContext ctx,
      Expr.BinaryOp op,
      DynParser.ExprContext l,
      DynParser.ExprContext r) {
    Span span = at.of(ctx);
    return new Expr.Binary(span, op, build(l), build(r));
  }

  private static Expr.BinaryOp op(Token t) {
    switch (t.getType()) {
      case DynLexer.PLUS:
        return Expr.BinaryOp.ADD;
      case DynLexer.MINUS:
        return Expr.BinaryOp.SUB;
      case DynLexer.STAR:
        return Expr.BinaryOp.MUL;
      case DynLexer.SLASH:
        return Expr.BinaryOp.DIV;
      case DynLexer.MATMUL:
        return Expr.BinaryOp.MATMUL;
      case DynLexer.LT:
        return Expr.BinaryOp.LT;
      case DynLexer.LE:
        return Expr.BinaryOp.LE;
      case DynLexer.GT:
        return Expr.BinaryOp.GT;
      case DynLexer.GE:
        return Expr.BinaryOp.GE;
      case DynLexer.EQ:
        return Expr.BinaryOp.EQ;
      case DynLexer.NE:
        return Expr.BinaryOp.NE;
      default:
        throw new IllegalStateException("not a binary operator: " + t.getText());
    }
  }

  /** The value of a string literal: quotes removed, {@code \"}, {@code \\}, {@code \n}, {@code \t} decoded. */
  static String unquote(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
