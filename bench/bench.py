#!/usr/bin/env python3
"""dyn against the numpy baseline, in one invocation on one machine.

For each workload the two programs run alternately, several repetitions each. Reported per
workload: the median training-loop rate of each (steps/s, as each program reports its own loop),
their ratio, the median whole-process wall time (start-up included) and the peak resident memory.
dyn's loop rate does not count the time its first step waits for the JIT to compile the fused
kernels (start-up, like the JVM's own); that wait is printed beside it, with the ratio that counting
it would give. The last lines are machine-readable: `RATIO <workload> <dyn steps/s / numpy steps/s>`.

Gradient-flow workloads (gf, gf-medium) integrate a 4-plateau staircase at init scale 1e-6
(bench/gradient_flow.dyn against bench/gradient_flow_numpy.py, the same DOPRI5 by hand): their
ratio compares integrator steps per second, and the loop's own wall time through the whole
staircase is printed beside it.

The `agf` workload (bench/agf.dyn: examples/modular_addition.dyn's problem, all frequencies) has
no numpy side: dyn runs AGF's prediction and the gradient descent it predicts in one process, and
its ratio is AGF wall time / GD wall time (target <= 1), so the two share one moment of the load.

Usage: bench/bench.py [--reps N] [--workloads small,medium,large,gf,gf-medium,agf] [--dtype float64]
                      [--dyn-dtype float32]
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOADS = {
    # name: (d, width, n, steps) -- the sizes of the performance issue
    "small": (10, 16, 128, 20000),
    "medium": (20, 64, 512, 20000),
    "large": (256, 1024, 2048, 30),
}
FLOW_WORKLOADS = {
    # name: (d, width, n) -- saddle_linear's setting at alpha = 1e-6, then a wider one
    "gf": (6, 8, 200),
    "gf-medium": (20, 64, 512),
}
DYN_RATE = re.compile(r"train g[df]: (\d+) steps(?: \(\d+ rejected\))? in ([0-9.eE+-]+) s "
                      r"\(([0-9.eE+-]+) steps/s\)")
DYN_JIT = re.compile(r"after ([0-9.eE+-]+) s waiting for the JIT")
DYN_AGF = re.compile(r"predict \w+: \d+ jumps \(\w+\) in ([0-9.eE+-]+) s")
NUMPY_RATE = re.compile(r"steps_per_s=([0-9.eE+-]+)")
NUMPY_SECONDS = re.compile(r"seconds=([0-9.eE+-]+)")


def measured(cmd, env=None):
    """Runs cmd; returns (stdout+stderr, wall seconds, resource usage) of that process alone."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    out = p.stdout.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{out}")
    return out, wall, usage


def timed(cmd):
    """Runs cmd; returns (stdout+stderr, wall seconds, peak RSS in MiB) of that process alone."""
    out, wall, usage = measured(cmd)
    return out, wall, usage.ru_maxrss / 1024.0


def agf_ratio(reps, dyn_script, out_dir):
    """AGF wall / GD wall of bench/agf.dyn, both timed by dyn in the same process; the median."""
    gd_s, agf_s, ratio = [], [], []
    for _ in range(reps):
        out, _, _ = timed([os.path.join(ROOT, "dyn"), "run", dyn_script, "--verbose", "--out",
                           out_dir])
        m, g = DYN_AGF.search(out), DYN_RATE.search(out)
        if not (m and g):
            sys.exit(f"dyn did not report its AGF and GD times:\n{out}")
        agf_s.append(float(m.group(1)))
        gd_s.append(float(g.group(2)))
        ratio.append(agf_s[-1] / gd_s[-1])
    r = statistics.median(ratio)
    print(f"agf: GD {statistics.median(gd_s):.2f} s, AGF {statistics.median(agf_s):.2f} s, "
          f"AGF/GD {r:.2f} (median of {reps}; each ratio within one process; target <= 1)",
          flush=True)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--workloads", default="small,medium,large,gf,gf-medium")
    ap.add_argument("--dtype", default="float64", help="the numpy baseline's dtype")
    ap.add_argument("--dyn-dtype", default=None, help="dyn's dtype (default: the script's)")
    a = ap.parse_args()
    subprocess.run([os.path.join(ROOT, "dyn"), "--help"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # build once, outside the timings
    out_dir = tempfile.mkdtemp(prefix="dyn-bench-")

    def script(name):
        """bench/NAME, or with --dyn-dtype a copy whose train asks for that dtype."""
        if not a.dyn_dtype:
            return os.path.join("bench", name)
        text = open(os.path.join(ROOT, "bench", name)).read()
        text = re.sub(r"(train \w+ = \w+\(.*)\)", rf'\1, dtype = "{a.dyn_dtype}")', text)
        path = os.path.join(out_dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path
    ratios = []
    print(f"{'workload':9} {'numpy steps/s':>14} {'dyn steps/s':>12} {'ratio':>6} "
          f"{'numpy loop s':>12} {'dyn loop s':>10} "
          f"{'numpy wall s':>12} {'dyn wall s':>10} {'numpy MiB':>9} {'dyn MiB':>8} "
          f"{'dyn JIT wait s':>14} {'ratio counting it':>17}")
    for name in a.workloads.split(","):
        if name == "agf":
            ratios.append((name, agf_ratio(a.reps, script("agf.dyn"), out_dir)))
            continue
        dtype = []
        if name in FLOW_WORKLOADS:
            d, h, n = FLOW_WORKLOADS[name]
            np_cmd = [sys.executable, os.path.join(ROOT, "bench", "gradient_flow_numpy.py"),
                      "--d", str(d), "--width", str(h), "--n", str(n)]
            dyn_cmd = [os.path.join(ROOT, "dyn"), "run", script("gradient_flow.dyn"), "--verbose",
                       f"d={d}", f"width={h}", f"n={n}", "--out", out_dir] + dtype
        else:
            d, h, n, steps = WORKLOADS[name]
            np_cmd = [sys.executable, os.path.join(ROOT, "bench", "two_layer_gd_numpy.py"),
                      "--d", str(d), "--width", str(h), "--n", str(n), "--steps", str(steps),
                      "--dtype", a.dtype]
            dyn_cmd = [os.path.join(ROOT, "dyn"), "run", script("two_layer_gd.dyn"), "--verbose",
                       f"d={d}", f"width={h}", f"n={n}", f"steps={steps}", "--out",
                       out_dir] + dtype
        np_rate, dyn_rate, np_wall, dyn_wall, np_mem, dyn_mem = [], [], [], [], [], []
        np_loop, dyn_loop, dyn_jit, dyn_rate_with_jit = [], [], [], []
        for _ in range(a.reps):
            out, wall, mem = timed(np_cmd)
            np_rate.append(float(NUMPY_RATE.search(out).group(1)))
            np_loop.append(float(NUMPY_SECONDS.search(out).group(1)))
            np_wall.append(wall)
            np_mem.append(mem)
            out, wall, mem = timed(dyn_cmd)
            m = DYN_RATE.search(out)
            if not m:
                sys.exit(f"dyn did not report its loop rate:\n{out}")
            dyn_rate.append(float(m.group(3)))
            dyn_loop.append(float(m.group(2)))
            j = DYN_JIT.search(out)
            dyn_jit.append(float(j.group(1)) if j else 0.0)
            dyn_rate_with_jit.append(float(m.group(1)) / (dyn_loop[-1] + dyn_jit[-1]))
            dyn_wall.append(wall)
            dyn_mem.append(mem)
        r = statistics.median(dyn_rate) / statistics.median(np_rate)
        ratios.append((name, r))
        print(f"{name:9} {statistics.median(np_rate):14.1f} {statistics.median(dyn_rate):12.1f} "
              f"{r:6.2f} {statistics.median(np_loop):12.3f} {statistics.median(dyn_loop):10.3f} "
              f"{statistics.median(np_wall):12.2f} {statistics.median(dyn_wall):10.2f} "
              f"{max(np_mem):9.0f} {max(dyn_mem):8.0f} {statistics.median(dyn_jit):14.3f} "
              f"{statistics.median(dyn_rate_with_jit) / statistics.median(np_rate):17.2f}",
              flush=True)
    for name, r in ratios:
        print(f"RATIO {name} {r:.3f}")


if __name__ == "__main__":
    main()
