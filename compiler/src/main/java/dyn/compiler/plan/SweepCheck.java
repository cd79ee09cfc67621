package dyn.compiler.plan;

/**
 * A check of sweep results, {@code check small.exponent > 1.5}, evaluated after gathering.
 *
 * @param text the check as written, for the verdict line
 */
public record SweepCheck(String text, Origin origin, SweepExpr condition) {}
