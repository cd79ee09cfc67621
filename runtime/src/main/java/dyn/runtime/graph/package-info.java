/**
 * Graph evaluation and reverse-mode differentiation. {@link dyn.runtime.graph.Program#compile}
 * turns a {@code dyn.compiler.plan.Graph} into a flat list of kernels over buffers preallocated
 * for one batch size; {@link dyn.runtime.graph.Program#forward} and {@link
 * dyn.runtime.graph.Program#backward} then run without allocating. Shape errors (a graph that
 * does not fit the given input) and attempts to differentiate data primitives are reported as
 * {@link java.lang.IllegalArgumentException} at compile time.
 */
package dyn.runtime.graph;
