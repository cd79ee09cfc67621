/**
 * The execution plan: the seam between the compiler and the runtime.
 *
 * <p>A {@link dyn.compiler.plan.Plan} is an immutable DAG of {@link dyn.compiler.plan.Step}s
 * built by the planner from a checked script. Everything in it is resolved: shapes are numbers,
 * names are indices, seeds are explicit, and every step carries the {@link
 * dyn.compiler.plan.Origin} of the script line it came from, so the runtime can report a failure
 * with a caret without ever seeing the syntax tree. The runtime imports this package and nothing
 * else from the compiler module.
 */
package dyn.compiler.plan;
