package dyn.compiler.plan;

/** A scalar expression over derived sweep values, with a comparison at the top of a check. */
public sealed interface SweepExpr {
  /** A number (literals and params). */
  record Number(double value) implements SweepExpr {}

  /** A field of a fit, {@code small.exponent}. */
  record Field(String derived, String field) implements SweepExpr {}

  /** Arithmetic: {@code + - * /}. */
  record Arith(char op, SweepExpr left, SweepExpr right) implements SweepExpr {}

  /** The comparison of a check: {@code <, <=, >, >=}. */
  record Compare(String op, SweepExpr left, SweepExpr right) implements SweepExpr {}
}
