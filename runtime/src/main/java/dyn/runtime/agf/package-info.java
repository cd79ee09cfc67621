/**
 * Alternating Gradient Flows (Kunin et al. 2025; reference.md §1.3): a generic solver for any model
 * with a neuron decomposition, and the closed forms it is tested against.
 */
package dyn.runtime.agf;
