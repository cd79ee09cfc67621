package dyn.compiler.check;

import dyn.compiler.plan.Op;
import dyn.compiler.syntax.Expr;

/** Arithmetic on scalars: at compile time, and on the values a check reads at run time. */
public final class ScalarMath {
  private ScalarMath() {}

  /** The elementwise function fn at v (what the generic backend computes per entry). */
  public static double apply(Op.UnaryFn fn, double v) {
    switch (fn) {
      case NEG:
        return -v;
      case LINEAR:
        return v;
      case RELU:
        return Math.max(0, v);
      case TANH:
        return Math.tanh(v);
      case SQUARE:
        return v * v;
      case SIGMOID:
        return 1 / (1 + Math.exp(-v));
      case EXP:
        return Math.exp(v);
      case LOG:
        return Math.log(v);
      case SQRT:
        return Math.sqrt(v);
      case ABS:
        return Math.abs(v);
      case SIN:
        return Math.sin(v);
      case COS:
        return Math.cos(v);
      default:
        throw new IllegalStateException(fn.name());
    }
  }

  static Value binary(Expr.BinaryOp op, double a, double b) {
    switch (op) {
      case ADD:
        return new Value.Num(a + b);
      case SUB:
        return new Value.Num(a - b);
      case MUL:
        return new Value.Num(a * b);
      case DIV:
        return new Value.Num(a / b);
      case POW:
        return new Value.Num(Math.pow(a, b));
      case MATMUL:
        return new Value.Num(a * b);
      case LT:
        return new Value.Bool(a < b);
      case LE:
        return new Value.Bool(a <= b);
      case GT:
        return new Value.Bool(a > b);
      case GE:
        return new Value.Bool(a >= b);
      case EQ:
        return new Value.Bool(a == b);
      case NE:
        return new Value.Bool(a != b);
      default:
        return new Value.Bad();
    }
  }
}
