/**
 * The numeric seam of the runtime: dense row-major {@link dyn.runtime.backend.Matrix} values and
 * the {@link dyn.runtime.backend.Backend} kernels (matrix products, broadcasting elementwise
 * ops, reductions, and their adjoints) that the graph program calls. {@link
 * dyn.runtime.backend.CpuBackend} is the default; a CUDA or BLAS backend implements the same
 * interface. Kernels write into caller-owned buffers and never allocate. Large products go to
 * OpenBLAS ({@code OpenBlas}), on the Java arrays in place where dyn's small JNI library is
 * built ({@code CriticalBlas}, runtime/src/main/c), else through native copies.
 */
package dyn.runtime.backend;
