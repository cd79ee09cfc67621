// dyn's CUDA kernels, float64 throughout. Compiled to portable PTX by tools/build-ptx.sh and
// committed as runtime/src/main/resources/dyn/runtime/backend/cuda/dyn_kernels.ptx, which the
// driver JIT-compiles for whatever GPU it finds (CudaDevice loads it with cuModuleLoadData).
//
// Every kernel is extern "C" so its PTX entry name is the C name; CudaKernels.NAMES lists the
// names the Java side looks up, and a test checks the PTX exports each of them.
//
// Enum codes follow the declaration order of dyn.compiler.plan.Op.BinaryFn / UnaryFn / Axis.

#define BINARY_ADD 0
#define BINARY_SUB 1
#define BINARY_MUL 2
#define BINARY_DIV 3

#define U_NEG 0
#define U_LINEAR 1
#define U_RELU 2
#define U_TANH 3
#define U_SQUARE 4
#define U_SIGMOID 5
#define U_EXP 6
#define U_LOG 7
#define U_SQRT 8
#define U_ABS 9
#define U_SIN 10
#define U_COS 11

#define AXIS_ALL 0
#define AXIS_ROWS 1
#define AXIS_COLUMNS 2

// ---------------------------------------------------------------------------------------------
// Matrix product c (m×n) = op(a) op(b) (+ c when acc). op(a) is m×k: a stored m×k, or k×m when
// ta; op(b) is k×n: b stored k×n, or n×k when tb. Tiles of 64×64 outputs, 16-deep slices of k
// staged in shared memory, 256 threads each computing a 4×4 block in registers. Each output
// sums its products in ascending p (one fused multiply-add per product).

#define TM 64
#define TN 64
#define TK 16

extern "C" __global__ void dyn_gemm(int ta, int tb, int m, int n, int k, const double* __restrict__ a,
                                    const double* __restrict__ b, double* __restrict__ c, int acc) {
  __shared__ double as[TK][TM + 1];
  __shared__ double bs[TK][TN + 1];
  int tid = threadIdx.x;           // 0..255
  int tr = tid / 16;               // thread row in the 16×16 thread grid
  int tc = tid % 16;
  int row0 = blockIdx.y * TM;
  int col0 = blockIdx.x * TN;
  double s[4][4];
#pragma unroll
  for (int i = 0; i < 4; i++)
#pragma unroll
    for (int j = 0; j < 4; j++) s[i][j] = 0.0;

  for (int p0 = 0; p0 < k; p0 += TK) {
    // Stage op(a)[row0 .. row0+64) × [p0 .. p0+16): 1024 values, 4 per thread.
    for (int e = tid; e < TM * TK; e += 256) {
      int i, p;
      if (ta) { i = e % TM; p = e / TM; } else { p = e % TK; i = e / TK; }
      int gi = row0 + i, gp = p0 + p;
      double v = 0.0;
      if (gi < m && gp < k) v = ta ? a[(long)gp * m + gi] : a[(long)gi * k + gp];
      as[p][i] = v;
    }
    // Stage op(b)[p0 .. p0+16) × [col0 .. col0+64).
    for (int e = tid; e < TK * TN; e += 256) {
      int p, j;
      if (tb) { p = e % TK; j = e / TK; } else { j = e % TN; p = e / TN; }
      int gp = p0 + p, gj = col0 + j;
      double v = 0.0;
      if (gp < k && gj < n) v = tb ? b[(long)gj * k + gp] : b[(long)gp * n + gj];
      bs[p][j] = v;
    }
    __syncthreads();
#pragma unroll
    for (int p = 0; p < TK; p++) {
      double x[4], y[4];
#pragma unroll
      for (int i = 0; i < 4; i++) x[i] = as[p][tr + 16 * i];
#pragma unroll
      for (int j = 0; j < 4; j++) y[j] = bs[p][tc + 16 * j];
#pragma unroll
      for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++) s[i][j] = fma(x[i], y[j], s[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 4; i++) {
    int gi = row0 + tr + 16 * i;
    if (gi >= m) continue;
#pragma unroll
    for (int j = 0; j < 4; j++) {
      int gj = col0 + tc + 16 * j;
      if (gj >= n) continue;
      long o = (long)gi * n + gj;
      c[o] = acc ? c[o] + s[i][j] : s[i][j];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Elementwise binary op with broadcasting: operand x (xr×xc) is read at (i, j) of the r×c result
// as x[i*xrs + j*xcs], where xrs = 0 when xr == 1 and xcs = 0 when xc == 1.

__device__ __forceinline__ double binary_apply(int fn, double x, double y) {
  switch (fn) {
    case BINARY_ADD: return x + y;
    case BINARY_SUB: return x - y;
    case BINARY_MUL: return x * y;
    default: return x / y;
  }
}

extern "C" __global__ void dyn_binary(int fn, const double* a, int ars, int acs, const double* b,
                                      int brs, int bcs, double* out, int r, int c) {
  long len = (long)r * c;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int i = (int)(t / c), j = (int)(t % c);
    out[t] = binary_apply(fn, a[(long)i * ars + (long)j * acs], b[(long)i * brs + (long)j * bcs]);
  }
}

// The adjoint of dyn_binary for one operand (side 0: a, 1: b): g (gr×gc, the operand's shape)
// += Σ over the broadcast copies of ∂(a ∘ b)/∂operand · gout. One thread per element of g, so
// the sums are deterministic and need no atomics.
extern "C" __global__ void dyn_binary_grad(int fn, int side, const double* a, int ars, int acs,
                                           const double* b, int brs, int bcs, const double* gout,
                                           int r, int c, double* g, int gr, int gc) {
  long len = (long)gr * gc;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int gi = (int)(t / gc), gj = (int)(t % gc);
    int i0 = gr == 1 ? 0 : gi, i1 = gr == 1 ? r : gi + 1;
    int j0 = gc == 1 ? 0 : gj, j1 = gc == 1 ? c : gj + 1;
    double s = 0.0;
    for (int i = i0; i < i1; i++) {
      for (int j = j0; j < j1; j++) {
        double go = gout[(long)i * c + j];
        double x = a[(long)i * ars + (long)j * acs];
        double y = b[(long)i * brs + (long)j * bcs];
        double d;
        if (side == 0) {
          switch (fn) {
            case BINARY_ADD: case BINARY_SUB: d = go; break;
            case BINARY_MUL: d = go * y; break;
            default: d = go / y; break;
          }
        } else {
          switch (fn) {
            case BINARY_ADD: d = go; break;
            case BINARY_SUB: d = -go; break;
            case BINARY_MUL: d = go * x; break;
            default: d = -(go * x / (y * y)); break;
          }
        }
        s += d;
      }
    }
    g[t] += s;
  }
}

// ---------------------------------------------------------------------------------------------
// Unary functions and their derivatives (out = fn(a) is given to the backward pass).

extern "C" __global__ void dyn_unary(int fn, const double* a, double* out, long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    double x = a[t], y;
    switch (fn) {
      case U_NEG: y = -x; break;
      case U_LINEAR: y = x; break;
      case U_RELU: y = x > 0.0 ? x : 0.0; break;
      case U_TANH: y = tanh(x); break;
      case U_SQUARE: y = x * x; break;
      case U_SIGMOID: y = 1.0 / (1.0 + exp(-x)); break;
      case U_EXP: y = exp(x); break;
      case U_LOG: y = log(x); break;
      case U_SQRT: y = sqrt(x); break;
      case U_ABS: y = fabs(x); break;
      case U_SIN: y = sin(x); break;
      default: y = cos(x); break;
    }
    out[t] = y;
  }
}

extern "C" __global__ void dyn_unary_backward(int fn, const double* a, const double* out,
                                              const double* gout, double* ga, long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    double x = a[t], y = out[t], g = gout[t];
    switch (fn) {
      case U_NEG: ga[t] -= g; break;
      case U_LINEAR: ga[t] += g; break;
      case U_RELU: if (x > 0.0) ga[t] += g; break;   // subgradient 0 at 0, as the CPU
      case U_TANH: ga[t] += g * (1.0 - y * y); break;
      case U_SQUARE: ga[t] += g * 2.0 * x; break;
      case U_SIGMOID: ga[t] += g * y * (1.0 - y); break;
      case U_EXP: ga[t] += g * y; break;
      case U_LOG: ga[t] += g / x; break;
      case U_SQRT: ga[t] += g * 0.5 / y; break;
      case U_ABS: ga[t] += g * (x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0)); break;
      case U_SIN: ga[t] += g * cos(x); break;
      default: ga[t] -= g * sin(x); break;
    }
  }
}

extern "C" __global__ void dyn_power(const double* a, double p, double* out, long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    out[t] = p == 2.0 ? a[t] * a[t] : pow(a[t], p);
  }
}

extern "C" __global__ void dyn_power_backward(const double* a, double p, const double* gout, double* ga,
                                              long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    ga[t] += gout[t] * p * pow(a[t], p - 1.0);
  }
}

// ---------------------------------------------------------------------------------------------
// Layout: transpose, strided copies (slice, concat), diagonal, fill, axpy.

extern "C" __global__ void dyn_transpose(const double* a, int r, int c, double* out, int acc) {
  long len = (long)r * c;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int j = (int)(t / r), i = (int)(t % r);   // t indexes out (c×r) row-major: coalesced writes
    double v = a[(long)i * c + j];
    out[t] = acc ? out[t] + v : v;
  }
}

// dst[i*dp + j] (+)= src[i*sp + j] for i < rows, j < cols.
extern "C" __global__ void dyn_copy2d(const double* src, int sp, double* dst, int dp, int rows, int cols,
                                      int acc) {
  long len = (long)rows * cols;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int i = (int)(t / cols), j = (int)(t % cols);
    double v = src[(long)i * sp + j];
    long o = (long)i * dp + j;
    dst[o] = acc ? dst[o] + v : v;
  }
}

// out (r×c) = diag(a) padded with zeros (forward), or ga[j] += g[j*c + j] (backward).
extern "C" __global__ void dyn_diag(const double* a, int alen, double* out, int r, int c) {
  long len = (long)r * c;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int i = (int)(t / c), j = (int)(t % c);
    out[t] = (i == j && i < alen) ? a[i] : 0.0;
  }
}

extern "C" __global__ void dyn_diag_backward(const double* g, int c, double* ga, int count) {
  for (int t = blockIdx.x * blockDim.x + threadIdx.x; t < count; t += gridDim.x * blockDim.x) {
    ga[t] += g[(long)t * c + t];
  }
}

extern "C" __global__ void dyn_fill(double* x, double v, long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    x[t] = v;
  }
}

extern "C" __global__ void dyn_axpy(double alpha, const double* x, double* y, long len) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    y[t] += alpha * x[t];
  }
}

// ---------------------------------------------------------------------------------------------
// Reductions. Block sums use a fixed shared-memory tree, so for a fixed launch shape the result
// is deterministic run to run.

__device__ double block_sum(double v) {
  __shared__ double sh[256];
  int tid = threadIdx.x;
  sh[tid] = v;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sh[tid] += sh[tid + s];
    __syncthreads();
  }
  double r = sh[0];
  __syncthreads();
  return r;
}

// partial[block] = Σ x[t] (y == null) or Σ x[t]·y[t] over a grid-stride share of [0, len).
// Launched with 256 threads per block.
extern "C" __global__ void dyn_reduce(const double* x, const double* y, long len, double* partial) {
  double s = 0.0;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    s += y ? x[t] * y[t] : x[t];
  }
  s = block_sum(s);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

// out[j] = Σ_i a[i*c + j] (sum down each column, Axis.ROWS). One thread per column, ascending i.
extern "C" __global__ void dyn_sum_rows(const double* a, int r, int c, double* out) {
  for (int j = blockIdx.x * blockDim.x + threadIdx.x; j < c; j += gridDim.x * blockDim.x) {
    double s = 0.0;
    for (int i = 0; i < r; i++) s += a[(long)i * c + j];
    out[j] = s;
  }
}

// out[i] = Σ_j a[i*c + j] (Axis.COLUMNS). One 256-thread block per row.
extern "C" __global__ void dyn_sum_columns(const double* a, int r, int c, double* out) {
  for (int i = blockIdx.x; i < r; i += gridDim.x) {
    double s = 0.0;
    for (int j = threadIdx.x; j < c; j += blockDim.x) s += a[(long)i * c + j];
    s = block_sum(s);
    if (threadIdx.x == 0) out[i] = s;
  }
}

// ga (r×c) += gout broadcast back along the summed axis.
extern "C" __global__ void dyn_sum_backward(int axis, const double* gout, int r, int c, double* ga) {
  long len = (long)r * c;
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    int i = (int)(t / c), j = (int)(t % c);
    double g = axis == AXIS_ALL ? gout[0] : (axis == AXIS_ROWS ? gout[j] : gout[i]);
    ga[t] += g;
  }
}

// The mean-squared-error seed: d = f − y, seed = d / n, sq = d².
extern "C" __global__ void dyn_mse_residual(const double* f, const double* y, long len, double invn,
                                            double* seed, double* sq) {
  for (long t = blockIdx.x * (long)blockDim.x + threadIdx.x; t < len; t += (long)gridDim.x * blockDim.x) {
    double d = f[t] - y[t];
    seed[t] = d * invn;
    sq[t] = d * d;
  }
}
