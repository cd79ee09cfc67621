#!/usr/bin/env python3
"""Whole-process start-up of `./dyn run`, under the JVM set-ups tried for it (issue 21, item 3).

Each configuration runs the same command through ./dyn, in rotating order, --reps times; reported
per workload and configuration: the median whole-process wall time and CPU time (user + system,
of the process and its threads: the JIT compilers' work included) with their ranges, and, for the
`small` workload, the median time its first step waited for the JIT. On a machine shared with
other work the wall time moves with the load (each run gets what share of the 2 cores the others
leave); the CPU time moves much less, so read both.

Configurations (the JVM options are ./dyn's own; the extra ones go through JAVA_TOOL_OPTIONS):
  java17          DYN_CDS=0: no class-data archive
  java17+cds      ./dyn as shipped: the class-data archive of dyn's classes (cli/target/dyn.jsa)
  java17+cds+c1   the same with -XX:TieredStopAtLevel=1 (C1 only: cheaper JIT, slower code)
  java17+cds-perf the same with -XX:-UsePerfData (no hsperfdata file)
  java25          the Temurin 25 JDK (--java25 HOME), no archive of dyn's classes
  java25+aot      the same with an ahead-of-time cache (JEP 483/514/515: classes loaded and
                  linked, method profiles), trained once on examples/saddle_linear.dyn
  java25+aot-fixed  the same, mapped at its preferred address (JDK 25 relocates it by default)
The java25 configurations are skipped when no JDK 25 is found.

Usage: bench/startup.py [--reps N] [--workloads small,saddle,check] [--configs a,b,...]
                        [--java25 /usr/lib/jvm/temurin-25-jdk-amd64]
"""
import argparse, os, statistics, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import DYN_JIT, ROOT, WORKLOADS, measured  # noqa: E402

DYN = os.path.join(ROOT, "dyn")
SADDLE = os.path.join(ROOT, "examples", "saddle_linear.dyn")
# JDK 22+ warns at the first native call (OpenBLAS) unless native access is granted.
NATIVE = "--enable-native-access=ALL-UNNAMED"


def commands(out_dir):
    d, h, n, steps = WORKLOADS["small"]
    return {
        "small": [DYN, "run", os.path.join(ROOT, "bench", "two_layer_gd.dyn"), "--verbose",
                  f"d={d}", f"width={h}", f"n={n}", f"steps={steps}", "--out", out_dir],
        "saddle": [DYN, "run", SADDLE, "--out", out_dir],
        "check": [DYN, "check", SADDLE],
    }


def environments(java25, aot):
    """Configuration name -> environment for ./dyn."""
    base = {k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"}
    envs = {
        "java17": dict(base, DYN_CDS="0"),
        "java17+cds": dict(base),
        "java17+cds+c1": dict(base, JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1"),
        "java17+cds-perf": dict(base, JAVA_TOOL_OPTIONS="-XX:-UsePerfData"),
    }
    if java25:
        # No archive of ./dyn's own: it is keyed on the JVM, so a java25 run would rewrite the
        # java17 one, and the next java17 run rewrite it back.
        path25 = os.path.join(java25, "bin") + os.pathsep + base.get("PATH", "")
        envs["java25"] = dict(base, PATH=path25, DYN_CDS="0", JAVA_TOOL_OPTIONS=NATIVE)
        envs["java25+aot"] = dict(base, PATH=path25, DYN_CDS="0",
                                  JAVA_TOOL_OPTIONS=f"{NATIVE} -XX:AOTCache={aot}")
        envs["java25+aot-fixed"] = dict(
            base, PATH=path25, DYN_CDS="0",
            JAVA_TOOL_OPTIONS=f"{NATIVE} -XX:AOTCache={aot} -XX:+UnlockDiagnosticVMOptions "
                              "-XX:ArchiveRelocationMode=0")
    return envs


def train_aot(java25, aot, out_dir):
    """Writes the AOT cache (JEP 514's one-step form) from one run of saddle_linear."""
    path25 = os.path.join(java25, "bin") + os.pathsep + os.environ.get("PATH", "")
    env = dict(os.environ, PATH=path25, DYN_CDS="0",
               JAVA_TOOL_OPTIONS=f"{NATIVE} -XX:AOTCacheOutput={aot}")
    _, wall, _ = measured([DYN, "run", SADDLE, "--out", out_dir], env)
    if not os.path.exists(aot):
        sys.exit(f"the JDK 25 run wrote no AOT cache at {aot}")
    print(f"java25+aot: cache written in {wall:.1f} s ({os.path.getsize(aot) / 2**20:.0f} MiB)")


def spread(xs):
    return f"{statistics.median(xs):6.3f} [{min(xs):.3f}-{max(xs):.3f}]"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--workloads", default="small,saddle")
    ap.add_argument("--configs", default="java17,java17+cds,java17+cds+c1,java25,java25+aot")
    ap.add_argument("--java25", default="/usr/lib/jvm/temurin-25-jdk-amd64")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = os.path.join(tmp, "out")
        java25 = a.java25 if os.path.exists(os.path.join(a.java25, "bin", "java")) else None
        aot = os.path.join(tmp, "dyn25.aot")
        envs = environments(java25, aot)
        configs = [c for c in a.configs.split(",") if c in envs]
        skipped = [c for c in a.configs.split(",") if c not in envs]
        if skipped:
            print(f"skipped (no JDK 25 at {a.java25}): {', '.join(skipped)}")
        # The archive of ./dyn is written (if missing or stale) by a first, untimed run.
        measured([DYN, "check", SADDLE])
        if any(c.startswith("java25+aot") for c in configs):
            train_aot(java25, aot, out_dir)
        cmds = commands(out_dir)
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"{'workload':8} {'config':14} {'wall s median [range]':>24} "
              f"{'CPU s median [range]':>24} {'JIT wait s':>10}")
        for w in a.workloads.split(","):
            wall, cpu, jit = ({c: [] for c in configs} for _ in range(3))
            for r in range(a.reps):
                for c in configs[r % len(configs):] + configs[:r % len(configs)]:
                    out, t, usage = measured(cmds[w], envs[c])
                    wall[c].append(t)
                    cpu[c].append(usage.ru_utime + usage.ru_stime)
                    j = DYN_JIT.search(out)
                    jit[c].append(float(j.group(1)) if j else 0.0)
            for c in configs:
                j = f"{statistics.median(jit[c]):10.3f}" if w == "small" else f"{'':10}"
                print(f"{w:8} {c:14} {spread(wall[c]):>24} {spread(cpu[c]):>24} {j}", flush=True)
            for c in configs:
                print(f"STARTUP {w} {c} wall {statistics.median(wall[c]):.3f} "
                      f"cpu {statistics.median(cpu[c]):.3f}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
