#!/usr/bin/env bash
# Regenerates the committed PTX of dyn's CUDA kernels. Needs nvcc (CUDA 12 or 13); CI does not,
# because the PTX is committed. compute_80 is the lowest architecture the kernels target (fp64
# atomics are not used; any sm_80+ GPU, A100/H100/H200, JIT-compiles it). The PTX ISA version nvcc
# 13.0 writes (.version 9.0) needs a CUDA 13 driver (r580+); the GPU machines run driver 580.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/runtime/src/main/cuda/dyn_kernels.cu"
dst="$root/runtime/src/main/resources/dyn/runtime/backend/cuda/dyn_kernels.ptx"
nvcc="${NVCC:-$(command -v nvcc || echo /usr/local/bin/nvcc)}"
arch="${DYN_PTX_ARCH:-compute_80}"
mkdir -p "$(dirname "$dst")"
# -lineinfo costs nothing at run time and makes compute-sanitizer reports point at the .cu lines.
"$nvcc" -ptx -arch="$arch" -O3 -lineinfo -o "$dst" "$src"
echo "wrote $dst ($(grep -c '^.visible .entry' "$dst") kernels, $(grep -m1 '^.version' "$dst"), $("$nvcc" --version | tail -1))"
