package dyn.compiler.check;

import dyn.compiler.plan.Op;
import java.util.List;
import java.util.Map;

/** What a compile-time expression evaluates to. */
public sealed interface Value {
  /** A compile-time scalar. */
  record Num(double value) implements Value {}

  /** A compile-time boolean. */
  record Bool(boolean value) implements Value {}

  /** A compile-time column vector ({@code [5, 3, 2, 1]}). */
  record Vec(List<Double> values) implements Value {
    public Vec {
      values = List.copyOf(values);
    }
  }

  /** A string literal. */
  record Str(String value) implements Value {}

  /** An activation passed by name ({@code act = relu}). */
  record Act(Op.UnaryFn fn, String name) implements Value {}

  /**
   * A node of the graph being built, with its shape. {@code cols == Shapes.BATCH} means "one per
   * sample". {@code xDependent} is true when the value depends on the model input.
   */
  record Tensor(int node, int rows, int cols, boolean xDependent) implements Value {}

  /** A family of tensors {@code W[l]}, by index. */
  record Family(String name, Map<Integer, Tensor> members) implements Value {}

  /** A top-level instance or init rule named in an argument ({@code teacher}, {@code balanced}). */
  record Ref(String name) implements Value {}

  /** A call to {@code aligned(DATA)} in an init argument. */
  record Aligned(String data) implements Value {}

  /** The result of an expression whose error was already reported; silences follow-on errors. */
  record Bad() implements Value {}

  /** How values are named in "expected X, got Y" messages. */
  static String describe(Value v) {
    if (v instanceof Num) return "a number";
    if (v instanceof Bool) return "a boolean";
    if (v instanceof Vec) return "a vector";
    if (v instanceof Str) return "a string";
    if (v instanceof Act) return "an activation";
    if (v instanceof Tensor) return "a tensor " + Shapes.show((Tensor) v);
    if (v instanceof Family) return "a tensor family";
    if (v instanceof Ref) return "`" + ((Ref) v).name() + "`";
    if (v instanceof Aligned) return "an init rule";
    return "an invalid value";
  }
}
