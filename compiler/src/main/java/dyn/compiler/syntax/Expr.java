package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/** Expressions: compile-time scalars, tensor expressions in definition bodies, check formulas. */
public sealed interface Expr extends Node {
  <R> R accept(ExprVisitor<R> v);

  /** A number literal. */
  /** The sub-expressions of e, in source order (a call's arguments, an index's target and indices). */
  static List<Expr> children(Expr e) {
    if (e instanceof Vector) return ((Vector) e).elements();
    if (e instanceof Call) return ((Call) e).args().stream().map(Arg::value).toList();
    if (e instanceof Binary) return List.of(((Binary) e).left(), ((Binary) e).right());
    if (e instanceof Unary) return List.of(((Unary) e).operand());
    if (e instanceof Transpose) return List.of(((Transpose) e).operand());
    if (e instanceof Member) return List.of(((Member) e).target());
    if (e instanceof Cond) return List.of(((Cond) e).condition(), ((Cond) e).then(), ((Cond) e).otherwise());
    if (e instanceof Index) {
      java.util.List<Expr> out = new java.util.ArrayList<>();
      out.add(((Index) e).target());
      ((Index) e).indices().forEach(o -> o.ifPresent(out::add));
      return out;
    }
    return List.of(); // Num, Str, Bool, Name
  }

  record Num(Span span, double value) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitNum(this);
    }
  }

  /** A string literal (file names). */
  record Str(Span span, String value) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitStr(this);
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(Span span, boolean value) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitBool(this);
    }
  }

  /** A name: a param, a local, a definition, an activation, an observable. */
  record Name(Span span, String name) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitName(this);
    }
  }

  /** {@code [5, 3, 2, 1]}: a column vector. */
  record Vector(Span span, List<Expr> elements) implements Expr {
    public Vector {
      elements = List.copyOf(elements);
    }

    public <R> R accept(ExprVisitor<R> v) {
      return v.visitVector(this);
    }
  }

  /** {@code f(a, k = b)}. */
  record Call(Span span, Ident callee, List<Arg> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    public <R> R accept(ExprVisitor<R> v) {
      return v.visitCall(this);
    }
  }

  /** A call argument, positional or named. */
  record Arg(Span span, Optional<Ident> name, Expr value) implements Node {}

  /** Binary operators, including comparisons and {@code @}. */
  record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitBinary(this);
    }
  }

  /** Operators of {@link Binary}, with their spelling. */
  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MATMUL("@"),
    POW("^"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!="),
    AND("and"),
    OR("or");

    public final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code -e} or {@code not e}. */
  record Unary(Span span, UnaryOp op, Expr operand) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitUnary(this);
    }
  }

  /** Prefix operators. */
  enum UnaryOp {
    NEG,
    NOT
  }

  /** Postfix {@code e'}. */
  record Transpose(Span span, Expr operand) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitTranspose(this);
    }
  }

  /** {@code W[l]}, {@code W1[i, :]}: an empty Optional is a {@code :}. */
  record Index(Span span, Expr target, List<Optional<Expr>> indices) implements Expr {
    public Index {
      indices = List.copyOf(indices);
    }

    public <R> R accept(ExprVisitor<R> v) {
      return v.visitIndex(this);
    }
  }

  /** {@code gf.loss}. */
  record Member(Span span, Expr target, Ident member) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitMember(this);
    }
  }

  /** {@code if c then a else b}. */
  record Cond(Span span, Expr condition, Expr then, Expr otherwise) implements Expr {
    public <R> R accept(ExprVisitor<R> v) {
      return v.visitCond(this);
    }
  }
}
