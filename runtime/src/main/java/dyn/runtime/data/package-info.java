/**
 * Datasets: {@link dyn.runtime.data.DataGenerator} evaluates a data step's graph once, with the
 * random primitives of {@link dyn.runtime.data.DataOps} (normal draws, Haar orthogonal matrices,
 * exact whitening), and names its outputs. Input is a {@code DataStep}; output a {@link
 * dyn.runtime.data.Dataset}. Rank-deficient whitening is reported as an
 * {@link java.lang.IllegalArgumentException}.
 */
package dyn.runtime.data;
