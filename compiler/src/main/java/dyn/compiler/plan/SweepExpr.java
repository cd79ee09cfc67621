package dyn.compiler.plan;

/**
 * An expression over derived sweep values, with a comparison at the top of a check. A table over
 * one axis is a vector (one component per axis value, ascending), compared component by component
 * like a check of a vector series.
 */
public sealed interface SweepExpr {
  /** A number (literals and params). */
  record Number(double value) implements SweepExpr {}

  /** A field of a fit, {@code small.exponent}. */
  record Field(String derived, String field) implements SweepExpr {}

  /** A table over one axis ({@code let best = min(risk, over = ridge)}): one value per axis value. */
  record Table(String name) implements SweepExpr {}

  /** {@code monotone(T)}: 1 when table T never rises along its axis (ascending), else 0. */
  record Monotone(String name) implements SweepExpr {}

  /** Arithmetic: {@code + - * /}. */
  record Arith(char op, SweepExpr left, SweepExpr right) implements SweepExpr {}

  /** The comparison of a check: {@code <, <=, >, >=}. */
  record Compare(String op, SweepExpr left, SweepExpr right) implements SweepExpr {}
}
