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

The `classify` workload is an MLP classifier step (softmax cross-entropy, full-batch Adam;
bench/classify_adam.dyn against bench/classify_adam_numpy.py), always in float64.

The `sweep` workload is examples/eta_gamma.dyn's 741-point (gamma, lr) grid of 600-step GD runs
(bench/eta_gamma.dyn, the data read from bench/data/) against bench/eta_gamma_numpy.py, the same
sweep as one batched numpy program (all networks stacked along a leading axis). Its ratio is
numpy's whole-process wall time / dyn's (above 1: dyn faster; target >= 2), each side's start-up
included, since a sweep is what the user waits for. Before any timing counts, the first repetition
checks numpy's per-point results against dyn's result.json files (`check_sweep`); a mismatch
stops the benchmark. Each repetition also times `dyn check` of the script (the JVM's start and one
compile, no point run): the floor under any dyn sweep, printed against half numpy's wall.

Usage: bench/bench.py [--reps N] [--workloads small,medium,large,gf,gf-medium,classify,agf,sweep]
                      [--dtype float64]
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
CLASSIFY_WORKLOADS = {
    # name: (d, width, n, steps) -- an MLP classifier, softmax cross-entropy + full-batch Adam
    "classify": (32, 256, 1024, 300),
}
FLOW_WORKLOADS = {
    # name: (d, width, n) -- saddle_linear's setting at alpha = 1e-6, then a wider one
    "gf": (6, 8, 200),
    "gf-medium": (20, 64, 512),
}
DYN_RATE = re.compile(r"train g[dfa]: (\d+) steps(?: \(\d+ rejected\))? in ([0-9.eE+-]+) s "
                      r"\(([0-9.eE+-]+) steps/s\)")
DYN_JIT = re.compile(r"after ([0-9.eE+-]+) s waiting for the JIT")
DYN_AGF = re.compile(r"predict \w+: \d+ jumps \(\w+\) in ([0-9.eE+-]+) s")
DYN_AGF_CPU = re.compile(r"predict \w+: utility phase .*; CPU ([0-9.eE+-]+) s")
DYN_SWEEP = re.compile(r"sweep \w+: ran \d+, \d+ failed in ([0-9.eE+-]+) s")
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
    global LAST_CPU
    LAST_CPU = usage.ru_utime + usage.ru_stime
    return out, wall, usage


def timed(cmd):
    """Runs cmd; returns (stdout+stderr, wall seconds, peak RSS in MiB) of that process alone."""
    out, wall, usage = measured(cmd)
    return out, wall, usage.ru_maxrss / 1024.0


LAST_CPU = 0.0  # CPU seconds (user + system) of the last command timed(), all its threads


def agf_ratio(reps, dyn_script, out_dir):
    """AGF wall / GD wall of bench/agf.dyn, both timed by dyn in the same process; the median."""
    gd_s, agf_s, ratio, agf_cpu = [], [], [], []
    for _ in range(reps):
        out, _, _ = timed([os.path.join(ROOT, "dyn"), "run", dyn_script, "--verbose", "--out",
                           out_dir])
        m, g = DYN_AGF.search(out), DYN_RATE.search(out)
        if not (m and g):
            sys.exit(f"dyn did not report its AGF and GD times:\n{out}")
        agf_s.append(float(m.group(1)))
        gd_s.append(float(g.group(2)))
        ratio.append(agf_s[-1] / gd_s[-1])
        c = DYN_AGF_CPU.search(out)
        if c:
            agf_cpu.append(float(c.group(1)))
    r = statistics.median(ratio)
    # The AGF solve's own CPU time (its thread): less moved by other processes' load than walls.
    cpu = f", AGF CPU {statistics.median(agf_cpu):.2f} s" if agf_cpu else ""
    print(f"agf: GD {statistics.median(gd_s):.2f} s, AGF {statistics.median(agf_s):.2f} s{cpu}, "
          f"AGF/GD {r:.2f} (median of {reps}; each ratio within one process; target <= 1)",
          flush=True)
    return r


def check_sweep(dyn_dir, numpy_csv):
    """numpy's per-point results against dyn's; exits on a mismatch, else returns a summary.

    Every point must agree on `diverged` and `edge` exactly (edge = lr when the recorded loss is
    finite and monotone, 0 when not) and on the final loss within rtol 1e-6 where both runs are
    monotone and the loss is above 1e-20. Not compared: the loss of a non-monotone point (one at
    the edge of stability, oscillating: two summation orders, numpy's and dyn's, part after a few
    hundred steps of a chaotic map) and losses at the rounding floor (1e-33 .. 1e-20, all noise)."""
    import csv, glob, json
    dyn = {}
    for f in glob.glob(os.path.join(dyn_dir, "sweep-s", "points", "*", "result.json")):
        r = json.load(open(f))
        dyn[r["task"]] = r["metrics"]
    rows = list(csv.DictReader(open(numpy_csv)))
    if len(dyn) != len(rows):
        sys.exit(f"sweep check: dyn wrote {len(dyn)} point results, numpy {len(rows)}")
    worst, compared, oscillating, diverged, floor = 0.0, 0, 0, 0, 0
    for i, r in enumerate(rows):
        m, where = dyn[i], f"point {i} (gamma={r['gamma']}, lr={r['lr']})"
        if int(m["diverged"]) != int(r["diverged"]):
            sys.exit(f"sweep check: {where}: dyn diverged={m['diverged']}, numpy {r['diverged']}")
        if m["diverged"]:
            diverged += 1
            continue
        if m["edge"] != float(r["edge"]):
            sys.exit(f"sweep check: {where}: dyn edge={m['edge']!r}, numpy {r['edge']}")
        if m["edge"] == 0:
            oscillating += 1
            continue
        a, b = m["loss"], float(r["loss"])
        if max(a, b) > 1e-20:
            rel = abs(a - b) / max(abs(a), abs(b))
            if rel > 1e-6:
                sys.exit(f"sweep check: {where}: dyn loss={a!r}, numpy {b!r} (rel {rel:.2g})")
            worst = max(worst, rel)
            compared += 1
        else:
            floor += 1
    return (f"sweep check: {len(rows)} points agree: diverged ({diverged}) and edge exactly, "
            f"final loss of {compared} monotone points within rel {worst:.2g} (<= 1e-6); "
            f"{oscillating} oscillating points and {floor} at the loss floor (< 1e-20) by edge only")


def sweep_ratio(reps, out_dir):
    """numpy wall / dyn wall of the whole eta_gamma sweep, each whole process; the medians."""
    np_cmd = [sys.executable, os.path.join(ROOT, "bench", "eta_gamma_numpy.py")]
    np_wall, dyn_wall, np_in, dyn_in, np_cpu, dyn_cpu, floor = [], [], [], [], [], [], []
    for rep in range(reps):
        # The floor under any dyn sweep: start the JVM and compile the script once (`dyn check`).
        _, wall, _ = timed([os.path.join(ROOT, "dyn"), "check", os.path.join("bench", "eta_gamma.dyn")])
        floor.append(wall)
        csv_path = os.path.join(out_dir, f"sweep-numpy-{rep}.csv")
        out, wall, _ = timed(np_cmd + ["--results", csv_path])
        np_wall.append(wall)
        np_cpu.append(LAST_CPU)
        np_in.append(float(NUMPY_SECONDS.search(out).group(1)))
        dyn_dir = os.path.join(out_dir, f"sweep-dyn-{rep}")  # fresh: a sweep resumes otherwise
        out, wall, _ = timed([os.path.join(ROOT, "dyn"), "run", os.path.join("bench", "eta_gamma.dyn"),
                              "--verbose", "--out", dyn_dir])
        dyn_wall.append(wall)
        dyn_cpu.append(LAST_CPU)
        m = DYN_SWEEP.search(out)
        dyn_in.append(float(m.group(1)) if m else float("nan"))
        if rep == 0:
            print(check_sweep(dyn_dir, csv_path), flush=True)
    r = statistics.median(np_wall) / statistics.median(dyn_wall)
    print(f"sweep: numpy wall {statistics.median(np_wall):.2f} s (its loop "
          f"{statistics.median(np_in):.2f} s), dyn wall {statistics.median(dyn_wall):.2f} s (its "
          f"points {statistics.median(dyn_in):.2f} s), numpy/dyn {r:.3f} (median of {reps}; "
          f"target >= 2); CPU s (user + system, all threads; less moved by other load): numpy "
          f"{statistics.median(np_cpu):.2f}, dyn {statistics.median(dyn_cpu):.2f}", flush=True)
    print(f"sweep floor: `dyn check` of the script (JVM start and one compile, no point run) "
          f"{statistics.median(floor):.2f} s against half numpy's wall {statistics.median(np_wall) / 2:.2f} s "
          f"(above it, no per-point change can reach the target)", flush=True)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--workloads", default="small,medium,large,gf,gf-medium,classify")
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
        if name == "sweep":
            ratios.append((name, sweep_ratio(a.reps, out_dir)))
            continue
        dtype = []
        if name in FLOW_WORKLOADS:
            d, h, n = FLOW_WORKLOADS[name]
            np_cmd = [sys.executable, os.path.join(ROOT, "bench", "gradient_flow_numpy.py"),
                      "--d", str(d), "--width", str(h), "--n", str(n)]
            dyn_cmd = [os.path.join(ROOT, "dyn"), "run", script("gradient_flow.dyn"), "--verbose",
                       f"d={d}", f"width={h}", f"n={n}", "--out", out_dir] + dtype
        elif name in CLASSIFY_WORKLOADS:
            # float64 only: dyn's float32 path is the fused MSE kernels, so --dyn-dtype is not
            # applied here.
            d, h, n, steps = CLASSIFY_WORKLOADS[name]
            np_cmd = [sys.executable, os.path.join(ROOT, "bench", "classify_adam_numpy.py"),
                      "--d", str(d), "--width", str(h), "--n", str(n), "--steps", str(steps)]
            dyn_cmd = [os.path.join(ROOT, "dyn"), "run", os.path.join("bench", "classify_adam.dyn"),
                       "--verbose", f"d={d}", f"width={h}", f"n={n}", f"steps={steps}", "--out",
                       out_dir]
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
