#!/usr/bin/env bash
# On the GPU machine: every example that trains (sweeps aside: they run on the CPU) under
# --backend cuda, its printed output diffed against the CPU golden (examples/NAME.out), four at a
# time. Prints one line per example (exit code, time, differing lines, FAIL verdicts against the
# golden's) and writes the diffs to examples.diff in the folder given (default: a temporary one).
# Figures fail there when the bundle has no java.desktop (the report says so; the rest runs).
#
#   tools/gpu/examples.sh [bundle] [out-folder]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
b="${1:-$root/target/gpu-bundle}"
out="${2:-$(mktemp -d)}"
work="$(mktemp -d)"
export root b work
one() {
  local base=$1 args=() o="$work/$1" s rc ms
  [ -f "$root/examples/$base.args" ] && read -r -a args < <(grep -v '^\s*#' "$root/examples/$base.args" | tr '\n' ' ')
  mkdir -p "$o"
  s=$(date +%s%N)
  timeout 300 "$b/java/bin/java" --add-modules jdk.incubator.vector -Ddyn.home="$root" \
    -Djava.awt.headless=true -cp "$b/lib/*" dyn.cli.Main run "$root/examples/$base.dyn" \
    "${args[@]}" --backend cuda --out "$o" > "$work/$base.stdout" 2> "$work/$base.stderr"
  rc=$?; ms=$(( ($(date +%s%N) - s) / 1000000 ))
  sed -e "s#$o#\$OUT#g" -e "s#$root/examples#\$EXAMPLES#g" "$work/$base.stdout" > "$work/$base.norm"
  echo "$base exit $rc, ${ms} ms, $(diff "$root/examples/$base.out" "$work/$base.norm" | grep -c '^[<>]') lines differ," \
    "FAIL $(grep -c ': FAIL' "$work/$base.norm") (golden $(grep -c ': FAIL' "$root/examples/$base.out"))" \
    "$(grep -m1 -o 'error: .*' "$work/$base.stderr")"
}
export -f one
for f in "$root"/examples/*.dyn; do
  base=$(basename "$f" .dyn)
  [ -f "$root/examples/$base.out" ] || continue
  grep -q '^sweep ' "$f" && continue
  grep -qE '= (descent|flow|sgd|adam)\(' "$f" || continue
  echo "$base"
done | xargs -P 4 -I{} bash -c 'one {}' | sort
for f in "$work"/*.norm; do
  base=$(basename "$f" .norm)
  echo "=== $base"
  diff "$root/examples/$base.out" "$f"
done > "$out/examples.diff" 2>&1
echo "diffs: $out/examples.diff"
