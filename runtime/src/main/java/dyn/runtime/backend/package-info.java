/**
 * The numeric seam of the runtime: dense row-major {@link dyn.runtime.backend.Matrix} values and
 * the {@link dyn.runtime.backend.Backend} kernels (matrix products, broadcasting elementwise
 * ops, reductions, and their adjoints) that the graph program calls. {@link
 * dyn.runtime.backend.CpuBackend} is the default; a CUDA or BLAS backend implements the same
 * interface. Kernels write into caller-owned buffers and never allocate.
 */
package dyn.runtime.backend;
