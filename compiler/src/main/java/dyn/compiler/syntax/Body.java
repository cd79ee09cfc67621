package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/** Statements inside a {@code model} or {@code dataset} definition body. */
public sealed interface Body extends Node {
  <R> R accept(BodyVisitor<R> v);

  /**
   * {@code require whole(width) and width >= 1, "the width must be a whole number ≥ 1"}: a
   * condition on the definition's arguments, checked when it is instantiated, before the body is
   * unrolled. Only allowed at the top of a body, so it sees the header parameters and nothing else.
   *
   * @param condition a boolean expression of the header parameters
   * @param message what the caller reads when the condition is false
   */
  record Require(Span span, Expr condition, Expr.Str message) implements Body {
    public <R> R accept(BodyVisitor<R> v) {
      return v.visitRequire(this);
    }
  }

  /**
   * {@code param W1: [width, d] ~ normal(0, 1 / d)}, or a family member {@code param W[l]: …}
   * inside a {@code for}.
   *
   * @param index the family index expression, if a family
   * @param shape one (vector) or two (matrix) dimension expressions
   * @param distribution the unit-scale draw
   */
  record Tensor(Span span, Ident name, Optional<Expr> index, List<Expr> shape, Expr.Call distribution)
      implements Body {
    public Tensor {
      shape = List.copyOf(shape);
    }

    public <R> R accept(BodyVisitor<R> v) {
      return v.visitTensor(this);
    }
  }

  /** {@code neuron i < width: W1[i, :], W2[:, i]}. Each part is an {@link Expr.Index}. */
  record Neuron(Span span, Ident index, Expr count, List<Expr> parts) implements Body {
    public Neuron {
      parts = List.copyOf(parts);
    }

    public <R> R accept(BodyVisitor<R> v) {
      return v.visitNeuron(this);
    }
  }

  /** {@code let h = W1 @ x}: a new local. */
  record Let(Span span, Ident name, Expr value) implements Body {
    public <R> R accept(BodyVisitor<R> v) {
      return v.visitLet(this);
    }
  }

  /** {@code h = W[l] @ h}: reassign a local, or (in a dataset) set an output such as {@code y}. */
  record Assign(Span span, Ident name, Expr value) implements Body {
    public <R> R accept(BodyVisitor<R> v) {
      return v.visitAssign(this);
    }
  }

  /** {@code for l in 2 .. depth - 1 { … }}: inclusive, unrolled at compile time. */
  record For(Span span, Ident variable, Expr from, Expr to, List<Body> body) implements Body {
    public For {
      body = List.copyOf(body);
    }

    public <R> R accept(BodyVisitor<R> v) {
      return v.visitFor(this);
    }
  }

  /** {@code return W2 @ act(W1 @ x)}: a model's output. */
  record Return(Span span, Expr value) implements Body {
    public <R> R accept(BodyVisitor<R> v) {
      return v.visitReturn(this);
    }
  }
}
