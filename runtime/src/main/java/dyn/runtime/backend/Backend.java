package dyn.runtime.backend;

import dyn.compiler.plan.Op;

/**
 * The kernels a compiled graph program needs. Every array is a dense row-major matrix owned by
 * the caller; kernels write into the output array given and never allocate, so a training loop
 * that reuses its buffers runs without garbage.
 *
 * <p>Broadcasting follows {@link Op}: an operand of shape ar×ac is read at (i, j) of an r×c
 * result as element (ar == 1 ? 0 : i, ac == 1 ? 0 : j).
 */
public interface Backend {
  /**
   * c (m×n) = op(a) op(b), or c += op(a) op(b) when {@code accumulate}. op(a) is m×k: a is stored
   * m×k, or k×m when {@code ta}; op(b) is k×n: b is stored k×n, or n×k when {@code tb}.
   */
  void gemm(
      boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
      boolean accumulate);

  /** out (r×c) = a ∘ b elementwise with broadcasting. */
  void binary(
      Op.BinaryFn fn, double[] a, int ar, int ac, double[] b, int br, int bc, double[] out, int r,
      int c);

  /**
   * The adjoint of {@link #binary}: ga += ∂/∂a of Σ gout·(a ∘ b), summed over broadcast copies,
   * likewise gb. Either gradient array may be null (not needed).
   */
  void binaryBackward(
      Op.BinaryFn fn, double[] a, int ar, int ac, double[] b, int br, int bc, double[] gout,
      int r, int c, double[] ga, double[] gb);

  /** out[i] = fn(a[i]) for i < len. */
  void unary(Op.UnaryFn fn, double[] a, double[] out, int len);

  /** ga[i] += gout[i] · fn'(a[i]); {@code out} is fn(a), given so derivatives can reuse it. */
  void unaryBackward(Op.UnaryFn fn, double[] a, double[] out, double[] gout, double[] ga, int len);

  /** out[i] = a[i]^p. */
  void power(double[] a, double p, double[] out, int len);

  /** ga[i] += gout[i] · p · a[i]^(p−1). */
  void powerBackward(double[] a, double p, double[] gout, double[] ga, int len);

  /** out (c×r) = aᵀ for a r×c, or out += aᵀ when {@code accumulate}. */
  void transpose(double[] a, int r, int c, double[] out, boolean accumulate);

  /** A sum of a (r×c): ALL → 1×1, ROWS → 1×c (down each column), COLUMNS → r×1. */
  void sum(Op.Axis axis, double[] a, int r, int c, double[] out);

  /** The adjoint of {@link #sum}: ga (r×c) += gout broadcast back. */
  void sumBackward(Op.Axis axis, double[] gout, int r, int c, double[] ga);

  /** y[i] += alpha · x[i]. */
  void axpy(double alpha, double[] x, double[] y, int len);

  /** Σ x[i] y[i]. */
  double dot(double[] x, double[] y, int len);
}
