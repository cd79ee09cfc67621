/**
 * Stage 3, checking by symbolic evaluation. Input: a resolved {@link dyn.compiler.resolve.Program};
 * output: checked pieces of the plan. Compile-time scalars are computed, definition bodies are
 * unrolled into {@link dyn.compiler.plan.Graph}s with inferred shapes, and arguments, dimensions,
 * observables, reports and checks are validated. Errors carry the span of the offending
 * expression, in the file (script or stdlib module) it is written in.
 */
package dyn.compiler.check;
