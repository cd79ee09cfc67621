#!/usr/bin/env python3
"""An independent numpy + scipy recomputation of examples/cost_of_overfitting_krr.dyn: all 160
sweep points (KRR fits on data rebuilt from dyn's random streams, and the eigenframework), the
reductions, the six checks, and the comment's replication numbers.

Recomputed here, with no number read from dyn (dyn's files are read only to compare):
- the data, per seed s = 0 … 7 (seeds(8)) and n: the script's gaussian_design(d = 200, n,
  n_test = 200, noise = 0.5, seed = s), whose random primitives in body order are sites 0 … 3 of
  seed s (dyn_draws.site_stream): z = normal(200, n) (site 0), the train noise normal(1, n)
  (site 1), z_test = normal(200, 200) (site 2), the test noise normal(1, 200) (site 3);
  root = diag(√(200·i^−1.5)), v_i = 1/i; x = root z, y = vᵀz + 0.5·noise, likewise the test split;
- the kernel: the NNGP of two_layer(d = 200, width = 1, out = 1, act = linear) (W1 ~ N(0, 1/d),
  W2 ~ N(0, 1/width): σ² = 1 per layer) is E[f(x)f(x')] = xᵀx'/d (wave2.md §1);
- krr (docs/LANGUAGE.md): f(x*) = K(x*, X)(K + δI)⁻¹y by a Cholesky solve (δ = 0: K is positive
  definite, n ≤ 160 < d, so this is the interpolant), test_mse = (1/200)Σ(y_test − f)² against
  the noisy test labels;
- the theory, eigenframework(spectrum = power_law(200, 1.5), target = power_law(200, 1), n,
  ridge = δ, noise = 0.25), unnormalised, by kernel_risk.py's krr_theory (brentq on log κ);
- the metrics per point: ratio = test(δ = 0)/test(δ), theory_ratio, test = test(δ), theory_test;
  grid n ∈ {20, 40, 80, 160}, δ = logspace(0.1, 10, 5), seed 0 … 7; mean over seed, then max
  (cost, theory_cost) or min (tuned_risk, tuned_theory) over δ; monotone = 1 when the series
  never rises;
- the six checks with their margins;
- the comment's numbers: numpy's theory C on the grid; over --reps independent replications of
  the whole 8-draw sweep (numpy default_rng, not dyn's streams) the range of measured/theory C per
  n and how often the tuned risk falls monotonically ("0.89–1.17, 20 of 20"), and the tuned risk
  over the theory's at label noise sd 0.5 and 0.7 ("0.87 … 1.15", "1.51 … 1.96", quoted from
  krr_tuned_risk.py); on dyn's streams the mutations "label noise of variance 0.49 in the data:
  both ratio checks pass" and "ridge = [100]: C < 1 in measurement and theory, the ratio checks
  pass, theory_cost > 1.09 does not".

It compares every point's four metrics with dyn's per-point result.json (--dyn-sweep
OUT/sweep-s), the table with examples/cost_of_overfitting_krr.out and, with --dyn-dir, dyn's
full-precision csv of the table, made by
    cp examples/cost_of_overfitting_krr.dyn /tmp/s/ck.dyn
    printf 'report csv("table.csv", cost, theory_cost, tuned_risk, tuned_theory)\\n' >> /tmp/s/ck.dyn
    ./dyn run /tmp/s/ck.dyn --out OUT        # then --dyn-dir OUT --dyn-sweep OUT/sweep-s

Usage: python3 tools/example_checks/cost_of_overfitting_krr.py [--dyn-dir DIR] [--dyn-sweep DIR]
[--reps 200]. About 15 s on one core with 200 replications (--reps 20: 3 s).

Results (this session): against dyn's 160 per-point metrics: test ≤ 2.0e-14, theory_test
≤ 9.7e-16, theory_ratio ≤ 8.0e-15, ratio ≤ 9.6e-13 (at n = 160, where K's condition number is
8.4e4 and the ridgeless solve carries it; ≤ 2.1e-14 for n ≤ 80); 16/16 table cells equal the
golden's 6 digits (≤ 4.2e-6, rounding), ≤ 3.0e-13 from dyn's csv. Best ridge 0.316 at n = 20, 1
beyond (measured and theory alike). The six checks PASS: cost/theory 1.0104 (n = 20) under 1.25 by
0.24 and 0.9427 (n = 40) over 0.8 by 0.14; tuned risk falls at every n (smallest fall 9.0%, 20 →
40); tuned/theory 1.0913 (n = 40) under 1.25 by 0.16 and 1.0005 (n = 20) over 0.8 by 0.20;
theory_cost 1.09848 above 1.09 by 0.0085 (the tightest). The comment: numpy's theory C = 1.0985,
1.2614, 1.6724, 4.4256 holds; on dyn's streams with label noise sd 0.7 cost/theory is 1.093,
1.031, 1.063, 1.054 (both ratio checks pass, as said; dyn's mutated run gives the same table) and
tuned/theory 1.61 … 1.95; with ridge = [100] C = 0.343, 0.373, 0.536, 1.680 (theory 0.344, 0.385,
0.552, 1.730): below 1 at n = 20, 40, 80 only, not at 160 (the comment's "C < 1" corrected to
"C < 1 at n = 20, 40, 80"; dyn's mutated run agrees), the ratio checks pass and theory_cost > 1.09
fails. 200 numpy replications (default_rng(20261206)): cost/theory 0.749–1.273 (per n 0.93–1.14,
0.89–1.15, 0.85–1.18, 0.75–1.27; 3 of 200 outside (0.8, 1.25), all at n = 160), the first 20
alone 0.888–1.273; tuned/theory 0.799–1.263 (2 of 200 outside, at n = 20); tuned risk monotone in
188 of 200 (rises 3×, 4×, 5× at 20→40, 40→80, 80→160). The comment's "20 replications: 0.89–1.17,
monotone in 20 of 20" was one optimistic realization (corrected to the 200-replication numbers).
krr_tuned_risk.py rerun (its default_rng(11)): 0.867 … 1.147 at sd 0.5 (the comment's 0.87 …
1.15) but 1.434 … 1.977 at sd 0.7, not the comment's 1.51 … 1.96 (corrected); here 200
replications give 1.32 … 2.07 at sd 0.7.
"""
import argparse, csv, glob, json, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.linalg import cho_factor, cho_solve

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
from kernel_risk import power_law, krr_theory, rel  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "cost_of_overfitting_krr.out")
D, NT, DECAY = 200, 200, 1.5
NS = [20, 40, 80, 160]
RIDGES = 10.0 ** np.linspace(-1, 1, 5)
SEEDS = list(range(8))
I = np.arange(1, D + 1, dtype=float)
ROOT_DIAG = np.sqrt(D * I ** -DECAY)
V = 1.0 / I
LAM = power_law(D, 1.5)
VT = power_law(D, 1.0)
EPS2 = 0.25


def draws_dyn(seed, n):
    z = dd.normal_matrix(dd.site_stream(seed, 0), D, n)
    e = dd.normal_matrix(dd.site_stream(seed, 1), 1, n)[0]
    zt = dd.normal_matrix(dd.site_stream(seed, 2), D, NT)
    et = dd.normal_matrix(dd.site_stream(seed, 3), 1, NT)[0]
    return z, e, zt, et


def draws_rng(rng, n):
    return (rng.standard_normal((D, n)), rng.standard_normal(n), rng.standard_normal((D, NT)),
            rng.standard_normal(NT))


def krr_tests(draws, ridges, noise_sd=0.5):
    """test MSE of KRR with the NNGP xᵀx'/d at δ = 0 and at each ridge."""
    z, e, zt, et = draws
    x, xt = ROOT_DIAG[:, None] * z, ROOT_DIAG[:, None] * zt
    y, yt = V @ z + noise_sd * e, V @ zt + noise_sd * et
    K, Kt = x.T @ x / D, xt.T @ x / D
    out = []
    for r in [0.0] + list(ridges):
        alpha = cho_solve(cho_factor(K + r * np.eye(len(y))), y)
        out.append(np.mean((yt - Kt @ alpha) ** 2))
    return out[0], np.array(out[1:])


def measure(draw_fn, ridges=RIDGES, noise_sd=0.5):
    """ratio[n, ridge, seed] and test[n, ridge, seed]."""
    ratio = np.zeros((len(NS), len(ridges), len(SEEDS)))
    test = np.zeros_like(ratio)
    for i, n in enumerate(NS):
        for s in SEEDS:
            t0, ts = krr_tests(draw_fn(s, n), ridges, noise_sd)
            ratio[i, :, s] = t0 / ts
            test[i, :, s] = ts
    return ratio, test


def theory(ridges=RIDGES):
    """theory_ratio[n, ridge] and theory_test[n, ridge]."""
    tr = np.zeros((len(NS), len(ridges)))
    tt = np.zeros_like(tr)
    for i, n in enumerate(NS):
        t0 = krr_theory(LAM, VT, n, 0.0, EPS2)["test"]
        for j, r in enumerate(ridges):
            tt[i, j] = krr_theory(LAM, VT, n, r, EPS2)["test"]
            tr[i, j] = t0 / tt[i, j]
    return tr, tt


def monotone(s):
    return float(np.all(np.diff(s) <= 0))


def read_golden():
    lines = open(GOLDEN_OUT).read().splitlines()
    for i, ln in enumerate(lines):
        if ln.split() == ["n", "cost", "theory_cost", "tuned_risk", "tuned_theory"]:
            rows = []
            for m in lines[i + 1:]:
                if not m.strip():
                    break
                rows.append([float(w) for w in m.split()])
            return np.array(rows)


def reduce_(ratio, test, tr, tt):
    return dict(cost=ratio.mean(axis=2).max(axis=1), theory_cost=tr.max(axis=1),
                tuned_risk=test.mean(axis=2).min(axis=1), tuned_theory=tt.min(axis=1))


def checks(t):
    c, tc, r, rt = t["cost"], t["theory_cost"], t["tuned_risk"], t["tuned_theory"]
    return [
        ("cost < 1.25 * theory_cost", np.all(c < 1.25 * tc), "largest cost/theory %.4f (n = %d), margin %.4f"
         % ((c / tc).max(), NS[(c / tc).argmax()], 1.25 - (c / tc).max())),
        ("cost > 0.8 * theory_cost", np.all(c > 0.8 * tc), "smallest cost/theory %.4f (n = %d), margin %.4f"
         % ((c / tc).min(), NS[(c / tc).argmin()], (c / tc).min() - 0.8)),
        ("monotone(tuned_risk) > 0.5", monotone(r) > 0.5, "value %g; smallest fall %.2f%% (n = %d → %d)"
         % (monotone(r), 100 * np.min(-np.diff(r) / r[:-1]), NS[np.argmin(-np.diff(r) / r[:-1])],
            NS[np.argmin(-np.diff(r) / r[:-1]) + 1])),
        ("tuned_risk < 1.25 * tuned_theory", np.all(r < 1.25 * rt), "largest ratio %.4f (n = %d), margin %.4f"
         % ((r / rt).max(), NS[(r / rt).argmax()], 1.25 - (r / rt).max())),
        ("tuned_risk > 0.8 * tuned_theory", np.all(r > 0.8 * rt), "smallest ratio %.4f (n = %d), margin %.4f"
         % ((r / rt).min(), NS[(r / rt).argmin()], (r / rt).min() - 0.8)),
        ("theory_cost > 1.09", np.all(tc > 1.09), "smallest %.5f (n = %d), margin %.5f"
         % (tc.min(), NS[tc.argmin()], tc.min() - 1.09)),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-dir")
    ap.add_argument("--dyn-sweep")
    ap.add_argument("--reps", type=int, default=200)
    a = ap.parse_args()

    ratio, test = measure(draws_dyn)
    tr, tt = theory()
    if a.dyn_sweep:
        worst = dict(ratio=0.0, theory_ratio=0.0, test=0.0, theory_test=0.0)
        cnt, dr = 0, 0.0
        for f in glob.glob(os.path.join(a.dyn_sweep, "points", "*", "result.json")):
            js = json.load(open(f))
            p, m = js["params"], js["metrics"]
            i, s = NS.index(int(p["n"])), int(p["seed"])
            j = int(np.argmin(np.abs(RIDGES - p["ridge"])))
            dr = max(dr, rel(RIDGES[j], p["ridge"]))
            mine = dict(ratio=ratio[i, j, s], theory_ratio=tr[i, j], test=test[i, j, s], theory_test=tt[i, j])
            for key in worst:
                worst[key] = max(worst[key], rel(mine[key], m[key]))
            cnt += 1
        print("against dyn's %d per-point metrics (ridge values equal to %.1e): %s" % (
            cnt, dr, ", ".join("%s %.1e" % kv for kv in worst.items())))

    t = reduce_(ratio, test, tr, tt)
    gold = read_golden()
    dyn = {}
    if a.dyn_dir:
        with open(os.path.join(a.dyn_dir, "table.csv")) as fh:
            rows = list(csv.DictReader(fh))
        dyn = {key: np.array([float(r[key]) for r in rows]) for key in t}
    print("\n  n  " + "  ".join("%-26s" % k for k in t) + "  best δ (measured, theory)")
    for i, n in enumerate(NS):
        print("%4d " % n + "  ".join("%.15f %9g" % (t[k][i], gold[i, c]) for c, k in enumerate(t, start=1))
              + "  %g, %g" % (RIDGES[ratio[i].mean(axis=1).argmax()], RIDGES[tr[i].argmax()]))
    same = 0
    for c, key in enumerate(t, start=1):
        same += sum(float("%.6g" % x) == g for x, g in zip(t[key], gold[:, c]))
        print("column %-12s max rel vs golden %.1e, vs dyn %s" % (
            key, np.max(np.abs(t[key] - gold[:, c]) / gold[:, c]),
            "%.1e" % np.max(np.abs(t[key] - dyn[key]) / dyn[key]) if dyn else "-"))
    print("%d/16 table cells equal the golden's 6 digits" % same)

    print("\nchecks (numpy values):")
    for name, ok, txt in checks(t):
        print("  %-34s %s  %s" % (name, "PASS" if ok else "FAIL", txt))

    print("\ncomment: numpy's theory C on the grid: %s (1.0985, 1.2614, 1.6724, 4.4256)"
          % ", ".join("%.4f" % x for x in t["theory_cost"]))
    # mutations on dyn's own streams
    r7, t7 = measure(draws_dyn, noise_sd=0.7)
    m7 = reduce_(r7, t7, tr, tt)
    print("comment: label noise sd 0.7 (variance 0.49) in the data, dyn's streams: cost/theory %s;"
          " ratio checks %s; tuned_risk/tuned_theory %s" % (
              " ".join("%.3f" % x for x in m7["cost"] / m7["theory_cost"]),
              " ".join(("PASS" if ok else "FAIL") for _, ok, _ in checks(m7)[:2]),
              " ".join("%.3f" % x for x in m7["tuned_risk"] / m7["tuned_theory"])))
    r100, t100 = measure(draws_dyn, ridges=[100.0])
    tr100, tt100 = theory(ridges=[100.0])
    m100 = reduce_(r100, t100, tr100, tt100)
    print("comment: ridge = [100], dyn's streams: cost %s, theory_cost %s; checks %s" % (
        " ".join("%.4f" % x for x in m100["cost"]), " ".join("%.4f" % x for x in m100["theory_cost"]),
        ", ".join("%s %s" % (name, "PASS" if ok else "FAIL") for name, ok, _ in checks(m100))))

    if a.reps:
        rng = np.random.default_rng(20261206)
        cr, tr5, tr7, mono, rises = [], [], [], 0, np.zeros(len(NS) - 1, int)
        for _ in range(a.reps):
            batch = {s: {n: draws_rng(rng, n) for n in NS} for s in SEEDS}
            fn = lambda s, n: batch[s][n]
            rr, te = measure(fn)
            mm = reduce_(rr, te, tr, tt)
            cr.append(mm["cost"] / mm["theory_cost"])
            tr5.append(mm["tuned_risk"] / mm["tuned_theory"])
            mono += int(monotone(mm["tuned_risk"]))
            rises += np.diff(mm["tuned_risk"]) > 0
            _, te7 = measure(fn, noise_sd=0.7)
            tr7.append(te7.mean(axis=2).min(axis=1) / mm["tuned_theory"])
        cr, tr5, tr7 = np.array(cr), np.array(tr5), np.array(tr7)
        for label, arr in (("cost/theory_cost", cr), ("tuned_risk/tuned_theory", tr5),
                           ("tuned_risk/tuned_theory at noise sd 0.7", tr7)):
            print("comment: %d numpy replications, %s: %.3f–%.3f; per n min %s, max %s; first 20: %.3f–%.3f" % (
                a.reps, label, arr.min(), arr.max(), " ".join("%.2f" % x for x in arr.min(axis=0)),
                " ".join("%.2f" % x for x in arr.max(axis=0)), arr[:20].min(), arr[:20].max()))
        print("comment: tuned risk monotone in n in %d of %d replications (rises at n = 20→40, 40→80, 80→160: %s);"
              " replications with a cost ratio outside (0.8, 1.25): %d (per n %s); tuned ratio outside: %d (per n %s)" % (
                  mono, a.reps, " ".join(map(str, rises)),
                  int(np.sum(np.any((cr >= 1.25) | (cr <= 0.8), axis=1))),
                  " ".join(map(str, np.sum((cr >= 1.25) | (cr <= 0.8), axis=0))),
                  int(np.sum(np.any((tr5 >= 1.25) | (tr5 <= 0.8), axis=1))),
                  " ".join(map(str, np.sum((tr5 >= 1.25) | (tr5 <= 0.8), axis=0)))))


if __name__ == "__main__":
    main()
