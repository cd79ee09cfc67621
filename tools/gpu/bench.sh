#!/usr/bin/env bash
# On the GPU machine: the large benchmark workload (bench/two_layer_gd.dyn at d=256, width=1024,
# n=2048, full-batch GD, float64) with --backend cpu and --backend cuda in one invocation, each
# rate as dyn reports its own training loop (steps/s). The CPU runs fewer steps (it is slower);
# rates are comparable because each is steps / loop seconds. Last line: RATIO cuda/cpu.
#
#   tools/gpu/bench.sh [bundle] [cpu_steps] [cuda_steps]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
b="${1:-$root/target/gpu-bundle}"
cpu_steps="${2:-30}"
cuda_steps="${3:-2000}"
java=("$b/java/bin/java" --add-modules jdk.incubator.vector -Ddyn.home="$root" -Djava.awt.headless=true -cp "$b/lib/*" dyn.cli.Main)
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
echo "cpus: $(nproc)"
rate() {   # backend steps -> steps/s (from "train gd: N steps in T s (R steps/s)")
  local log
  log="$("${java[@]}" run bench/two_layer_gd.dyn ${DYN_BENCH_SIZE:-d=256 width=1024 n=2048} steps="$2" \
    --backend "$1" --verbose --out "$(mktemp -d)" 2>&1)" || { echo "$log" >&2; exit 3; }
  echo "$log" | sed -n 's/^note: /  note: /p' >&2
  # The train line on stderr for the record (not `tee /dev/stderr`: where stderr is a file, tee
  # reopens it from the start and overwrites what was logged before).
  local line
  line="$(echo "$log" | grep -o 'train gd: [0-9]* steps in [^)]*)')"
  echo "$line" >&2
  echo "$line" | sed 's/.*(\([0-9.eE+-]*\) steps\/s)/\1/'
}
echo "workload: ${DYN_BENCH_SIZE:-d=256 width=1024 n=2048}, full-batch GD, float64"
cpu=$(rate cpu "$cpu_steps")
cuda=$(rate cuda "$cuda_steps")
echo "cpu  steps/s: $cpu"
echo "cuda steps/s: $cuda"
echo "RATIO cuda/cpu $(awk -v a="$cuda" -v b="$cpu" 'BEGIN { printf "%.1f", a / b }')"
