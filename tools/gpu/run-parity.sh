#!/usr/bin/env bash
# On the GPU machine: the CUDA parity tests (every op, graph programs, GD/SGD/GF runs, float64
# to 1e-9) and the PTX/selection tests, with the bundle from tools/gpu/package.sh. A skipped
# test is a failure here (-Ddyn.gpu.required=true): a GPU machine without a usable GPU must not
# pass. Prints the device first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
b="${1:-$root/target/gpu-bundle}"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
"$b/java/bin/java" --add-modules jdk.incubator.vector -Ddyn.root="$root" -Ddyn.gpu.required=true -Djava.awt.headless=true \
  -cp "$b/test-classes:$b/lib/*:$b/test-lib/*" RunGpuTests \
  dyn.runtime.backend.cuda.PtxResourceTest \
  dyn.runtime.backend.cuda.CudaParityTest \
  dyn.runtime.exec.BackendsTest
