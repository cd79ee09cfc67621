/**
 * Counter-based random numbers: every value is a pure function of a 64-bit stream id and a
 * 64-bit counter, so a seed gives the same numbers in any order, on any backend and in any shard
 * of a sweep. {@link dyn.runtime.random.CounterRng} documents the exact formulas a CUDA kernel
 * must reproduce.
 */
package dyn.runtime.random;
