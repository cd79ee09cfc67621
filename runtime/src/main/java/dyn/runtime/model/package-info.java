/**
 * Model parameters: drawing θ(0) ({@link dyn.runtime.model.Initializer}: declared draws from
 * counter streams, balanced and teacher-aligned inits), the flat θ vector the dynamics work on
 * ({@link dyn.runtime.model.FlatParams}), and per-neuron norms ({@link
 * dyn.runtime.model.NeuronNorms}). Init rules that do not fit the model are reported as
 * {@link java.lang.IllegalArgumentException}s with a message a user can act on.
 */
package dyn.runtime.model;
