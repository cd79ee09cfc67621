#!/usr/bin/env python3
"""Kernel workloads: dyn (bench/kernels.dyn, `dyn run --verbose`) against bench/kernels_numpy.py.

ntk: empirical NTK of a two-layer ReLU net (d = 10, width 1024) on n = 512 inputs, its
eigendecomposition and the linearized GD losses (dyn: `predict linearized`, as its verbose line
times it). eigenframework: the KRR risk on a 10^5-mode spectrum (dyn: `predict eigenframework`).
Both sides time only the computation, not start-up. Prints the medians and one line per workload:
`RATIO <workload> <numpy seconds / dyn seconds>` (above 1: dyn is faster).

Usage: bench/kernels.py [--reps N]
"""
import argparse, os, re, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DYN = {"ntk": re.compile(r"predict lin: linearized \(gradient descent\) in ([0-9.eE+-]+) s"),
       "eigenframework": re.compile(r"predict e: eigenframework in ([0-9.eE+-]+) s")}
NUMPY = {"ntk": re.compile(r"ntk_seconds=([0-9.eE+-]+)"),
         "eigenframework": re.compile(r"ef_seconds=([0-9.eE+-]+)")}


def run(cmd):
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout}")
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    run([os.path.join(ROOT, "dyn"), "--help"])  # build once, outside the timings
    out = tempfile.mkdtemp(prefix="dyn-bench-kernels-")
    times = {(side, w): [] for side in ("dyn", "numpy") for w in DYN}
    for _ in range(a.reps):
        text = run([os.path.join(ROOT, "dyn"), "run", "bench/kernels.dyn", "--verbose",
                    "--out", out])
        for w, rx in DYN.items():
            times[("dyn", w)].append(float(rx.search(text).group(1)))
        text = run([sys.executable, os.path.join(ROOT, "bench", "kernels_numpy.py")])
        for w, rx in NUMPY.items():
            times[("numpy", w)].append(float(rx.search(text).group(1)))
    print(f"{'workload':15} {'numpy s':>9} {'dyn s':>9} {'ratio':>6}")
    lines = []
    for w in DYN:
        npy = statistics.median(times[("numpy", w)])
        dyn = statistics.median(times[("dyn", w)])
        print(f"{w:15} {npy:9.3f} {dyn:9.3f} {npy / dyn:6.2f}")
        lines.append(f"RATIO {w} {npy / dyn:.3f}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
