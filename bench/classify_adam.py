#!/usr/bin/env python3
"""Cross-entropy + Adam MLP step: dyn (bench/classify_adam.dyn) against numpy
(bench/classify_adam_numpy.py), alternately, --reps times each. Prints both loop rates (steps/s
as each program reports its own training loop) and one machine-readable line:
`RATIO classify-adam <dyn steps/s / numpy steps/s>`."""
import argparse, os, re, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DYN_RATE = re.compile(r"train ga: (\d+) steps in ([0-9.eE+-]+) s \(([0-9.eE+-]+) steps/s\)")
NUMPY_RATE = re.compile(r"steps_per_s=([0-9.eE+-]+)")


def run(cmd):
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode()
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{out}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--steps", type=int, default=300)
    a = ap.parse_args()
    run([os.path.join(ROOT, "dyn"), "--help"])  # build once, outside the timings
    out_dir = tempfile.mkdtemp(prefix="dyn-bench-")
    np_rates, dyn_rates = [], []
    for _ in range(a.reps):
        out = run([sys.executable, "bench/classify_adam_numpy.py", "--steps", str(a.steps)])
        np_rates.append(float(NUMPY_RATE.search(out).group(1)))
        out = run([os.path.join(ROOT, "dyn"), "run", "bench/classify_adam.dyn", f"steps={a.steps}",
                   "--verbose", "--out", out_dir])
        m = DYN_RATE.search(out)
        if not m:
            sys.exit(f"dyn did not report its loop rate:\n{out}")
        dyn_rates.append(float(m.group(3)))
    npr, dr = statistics.median(np_rates), statistics.median(dyn_rates)
    print(f"classify-adam  numpy {npr:.1f} steps/s  dyn {dr:.1f} steps/s  ratio {dr / npr:.2f}")
    print(f"RATIO classify-adam {dr / npr:.3f}")


if __name__ == "__main__":
    main()
