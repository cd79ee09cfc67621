#!/usr/bin/env python3
"""An independent numpy recomputation of examples/grokking.dyn (every reported number).

Recomputed here, with no number read from dyn:
- the data (seed 0): modular_onehot(p = 23, n_train = 317) (stdlib/datasets.dyn): the 529 pairs
  (a, b), a-major (pairs(p)), as columns [onehot(a); onehot(b); (a + b) mod 23] (47 rows), put in
  a random order by the body's only random primitive, shuffle (site 0; dyn_draws.shuffle_columns,
  DataOps.shuffleColumns); the first 317 columns train, the other 212 test;
- θ(0): two_layer(d = 46, width = 128, out = 23, act = relu, seed = 1) (stdlib/models.dyn):
  W1 (128×46) ~ N(0, 1/46), W2 (23×128) ~ N(0, 1/128), parameters 0 and 1 of
  CounterRng.derive(1, ·) (dyn_draws.param); f = W2 relu(W1 x) (8832 weights);
- the loss (docs/LANGUAGE.md "Losses and accuracy"): cross_entropy with class-index labels,
  ℓ = logsumexp(f) − f_y (max subtracted), mean over the 317 samples; its gradient by a
  hand-written backward pass, checked here against central differences;
- adam / adamw (docs/LANGUAGE.md "Optimizers"): β1 = 0.9, β2 = 0.98, ε = 1e-8; per entry
  μ ← β1 μ + (1−β1) g, ν ← β2 ν + (1−β2) g², θ ← θ − lr·(μ̂/(√ν̂ + ε) + λθ) with
  μ̂ = μ/(1−β1^{k+1}), ν̂ = ν/(1−β2^{k+1}); λ = 1 for `wd` (adamw, decoupled: the λθ term uses θ
  before the step) and no decay for `nowd` (adam); lr 0.01; 2500 and 1500 steps;
- times: t = k·lr, so linear(0, 25, 50) records at steps round(t/lr) = round(2500 i/49); `nowd`
  reaches the grid up to t = 14.80 (step 1480) and records its end, t = 15 (step 1500), too (as
  the golden's table shows);
- accuracy, test_accuracy: the fraction of train (test) samples with argmax_k f_k (ties to the
  lowest index) equal to the class index.

Then the script compares every cell of the table with examples/grokking.out (6 significant
digits) and, given --dyn-csv, with a full-precision `report csv` of dyn's run (used only as the
numbers compared against); given --dyn-loss-csv (the same run with loss and test_loss observed
too) compares the losses, which move with every ulp where accuracies do not; given
--dyn-theta-wd/-nowd (dyn's `report params`) compares θ(0) and θ(end). Because an accuracy is
a count, it prints for every row the smallest logit margin (top − runner-up) over the samples,
which says how far θ would have to move for a cell to change, and reruns both trains from θ(0)
moved by 1 ulp to show how Adam amplifies a rounding difference. Finally it evaluates the 5
checks with their margins.

Usage: python3 tools/example_checks/grokking.py [--dyn-csv grok.csv] [--dyn-loss-csv grok2.csv]
                     [--dyn-theta-wd grok_wd.npz] [--dyn-theta-nowd grok_nowd.npz]
The dyn files were made with
    cp examples/grokking.dyn /tmp/grok.dyn
    printf 'report csv("grok.csv")\\nreport params("grok_wd.npz", wd)\\nreport params("grok_nowd.npz", nowd)\\n' >> /tmp/grok.dyn
    ./dyn run /tmp/grok.dyn --out /tmp/grok_out
and for --dyn-loss-csv the same with `loss, test_loss` added to the `observe` line, written as
grok2.csv. About 2 minutes on one core (most of it the 12-run ensemble).

Results (seed 0 / 1): θ(0) within 3 ulps of dyn's export; the shuffle and split are exact; the
backward pass agrees with central differences to 1.0e-7 (of max |g|); no hidden pre-activation
is exactly 0 in either run.
- nowd (adam, 1500 steps): all 31 rows × 2 cells equal the golden's 6 digits and dyn's csv;
  loss ≤ 6.6e-7, test_loss ≤ 4.8e-7 from dyn's, θ(1500) 4.7e-5 from dyn's. That last gap is the
  softmax's rounding, not the trajectory: at loss ~1e-8, p_y − 1 keeps ~8 digits, and writing
  p = exp(f − lse) (dyn's CrossEntropy form) instead of e/Σe moves numpy's θ(1500) by the same
  4.7e-5 and brings it to 1.3e-10 of dyn's. Two numpy runs 1 ulp apart: ≤ 1.9e-12.
- wd (adamw, λ = 1, 2500 steps): all 50 train-accuracy cells and the 26 test-accuracy cells to
  t = 12.76 (step 1276) equal the golden; the loss agrees with dyn's to ≤ 2.2e-11 through step
  1173. At step 1219 one hidden pre-activation (of 128 × 317) takes opposite signs in two numpy
  runs 1 ulp apart (‖Δθ‖∞/‖θ‖∞ 6.2e-8): the ReLU's kink changes that gradient term by O(1), and
  Adam, whose √ν̂ has fallen to ~1.8e-7 (ε = 1e-8), turns it into an lr-sized move: 3.8e-4 one
  step later, 451 sign flips 20 steps later, O(1) at the end. dyn parts from numpy in the same
  window (loss 2.2e-11 at step 1173, 3.0e-6 at 1224); 19 of the 24 later test cells then differ
  from the golden by 1–5 of 212 test samples (first at t = 13.27), each inside the range of 12
  numpy runs from θ(0) moved ±1 ulp at random (26 of 26 rows); the lse-form numpy run parts too.
- checks, with margins: at(wd.accuracy, 2.5) = 1 (all 317 right at t = 2.04 and 2.55; 3 wrong
  allowed); at(wd.test_accuracy, 2.5) = 0 (21 right allowed); final(wd.test_accuracy) 0.8679
  numpy / 0.8774 golden, ensemble 0.868 … 0.901: 184–191 right of 212, the threshold needs 170;
  final(nowd.test_accuracy) 1/212 (105 allowed); final(nowd.accuracy) = 1 (3 wrong allowed).
- the comment: train accuracy 1 by step 250 holds (from step 51, both runs); "test still near
  chance" at t = 2.5 is 0 of 212, below chance (1/23 = 0.043): memorization first makes test
  predictions systematically wrong; the 0.81 / 0.91 at steps 1750 / 3750 are G2's numpy draw
  (here 0.83 at step 1750, 0.868–0.901 at 2500); 8.8k weights: 8832.
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN_OUT = os.path.join(ROOT, "examples", "grokking.out")

P, N_TRAIN, DATA_SEED, MODEL_SEED, WIDTH = 23, 317, 0, 1, 128
LR, BETA1, BETA2, EPS = 0.01, 0.9, 0.98, 1e-8
TRAINS = {"wd": (1.0, 2500), "nowd": (0.0, 1500)}  # weight decay λ (decoupled), steps
GRID = np.linspace(0.0, 25.0, 50)
ENSEMBLE = 12


def grid_t(k):
    """The grid time recorded at step k (the run's end when no grid time maps to it)."""
    for t in GRID:
        if int(np.floor(t / LR + 0.5)) == k:
            return float(t)
    return k * LR


def record_steps(steps):
    ks = [int(np.floor(t / LR + 0.5)) for t in GRID]  # Java Math.round
    ks = [k for k in ks if k <= steps]
    return ks + ([steps] if ks[-1] != steps else [])


# ---- data and θ(0) ------------------------------------------------------------------------
def data():
    j = np.arange(P * P)
    a, b = j // P, j % P
    k = np.arange(P)[:, None]
    onehot = lambda v: (k == v[None, :]).astype(float)
    s = a + b
    lab = s - P * (np.maximum(s - P + 1, 0) - np.maximum(s - P, 0))   # the body's formula
    assert np.array_equal(lab, s % P)
    allc = dd.shuffle_columns(np.vstack([onehot(a), onehot(b), lab[None, :]]), dd.site_stream(DATA_SEED, 0))
    x, y = allc[:2 * P], allc[2 * P].astype(int)
    return x[:, :N_TRAIN], y[:N_TRAIN], x[:, N_TRAIN:], y[N_TRAIN:]


def theta0():
    return [dd.param(MODEL_SEED, 0, WIDTH, 2 * P, 1.0 / (2 * P)),
            dd.param(MODEL_SEED, 1, P, WIDTH, 1.0 / WIDTH)]


# ---- loss, gradient, metrics ------------------------------------------------------------------
def forward(th, x):
    return th[1] @ np.maximum(th[0] @ x, 0.0)


def ce(f, y):
    m = f.max(axis=0)
    lse = m + np.log(np.exp(f - m).sum(axis=0))
    return float(np.mean(lse - f[y, np.arange(y.size)]))


def grad(th, x, y, lse_form=False):
    """∇L; softmax as e/Σe (e = exp(f − max)), or, with lse_form, as exp(f − logsumexp f): equal
    in exact arithmetic, they round p_y − 1 differently once p_y ≈ 1 (relative error ~1e-16/(1 − p_y))."""
    W1, W2 = th
    z = W1 @ x
    h = np.maximum(z, 0.0)
    f = W2 @ h
    m = f.max(axis=0)
    if lse_form:
        G = np.exp(f - (m + np.log(np.exp(f - m).sum(axis=0))))
    else:
        e = np.exp(f - m)
        G = e / e.sum(axis=0)
    G[y, np.arange(y.size)] -= 1.0
    G /= y.size
    gW2 = G @ h.T
    gW1 = ((W2.T @ G) * (z > 0)) @ x.T
    return [gW1, gW2]


def accuracy(th, x, y):
    return float(np.mean(np.argmax(forward(th, x), axis=0) == y))


def min_margin(th, x):
    f = np.sort(forward(th, x), axis=0)
    return float(np.min(f[-1] - f[-2]))


def train(th0, wd, steps, xtr, ytr, xte, yte, lse_form=False):
    th = [w.copy() for w in th0]
    mu = [np.zeros_like(w) for w in th]
    nu = [np.zeros_like(w) for w in th]
    ks = set(record_steps(steps))
    rec = {}
    zeros = 0
    for k in range(steps + 1):
        if k in ks:
            rec[k] = dict(acc=accuracy(th, xtr, ytr), test_acc=accuracy(th, xte, yte),
                          loss=ce(forward(th, xtr), ytr), test_loss=ce(forward(th, xte), yte),
                          margin=min_margin(th, xtr), test_margin=min_margin(th, xte))
        if k == steps:
            break
        zeros += int(np.sum(th[0] @ xtr == 0.0))
        g = grad(th, xtr, ytr, lse_form)
        c1, c2 = 1.0 - BETA1 ** (k + 1), 1.0 - BETA2 ** (k + 1)
        for i in range(2):
            mu[i] = BETA1 * mu[i] + (1 - BETA1) * g[i]
            nu[i] = BETA2 * nu[i] + (1 - BETA2) * g[i] * g[i]
            th[i] = th[i] - LR * ((mu[i] / c1) / (np.sqrt(nu[i] / c2) + EPS) + wd * th[i])
    return rec, th, zeros


def read_golden():
    with open(GOLDEN_OUT) as f:
        lines = f.read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.split()[:1] == ["t"])
    head = lines[start]
    cols = head.split()
    edges = [head.index(c) + len(c) for c in cols]
    rows = {}
    for l in lines[start + 1:]:
        if not l.strip():
            break
        cells, prev = [], 0
        for e in edges:
            cells.append(l[prev:e].strip())
            prev = e
        rows[float(cells[0])] = {c: (float(v) if v else None) for c, v in zip(cols[1:], cells[1:])}
    return rows


def rel(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-loss-csv")
    ap.add_argument("--dyn-theta-wd")
    ap.add_argument("--dyn-theta-nowd")
    a = ap.parse_args()

    xtr, ytr, xte, yte = data()
    th0 = theta0()
    print("data: %d train, %d test pairs; train labels per class %d–%d; θ(0) %d weights"
          % (ytr.size, yte.size, np.bincount(ytr, minlength=P).min(), np.bincount(ytr, minlength=P).max(),
             sum(w.size for w in th0)))

    # the backward pass against central differences, at θ(0) and a moved θ
    rng = np.random.default_rng(1)
    for lab, th in (("θ(0)", th0), ("θ(0) + N(0, 0.1²)", [w + 0.1 * rng.standard_normal(w.shape) for w in th0])):
        g = grad(th, xtr, ytr)
        worst = 0.0
        for i in range(2):
            for idx in zip(rng.integers(0, th[i].shape[0], 40), rng.integers(0, th[i].shape[1], 40)):
                e = 1e-6
                tp = [w.copy() for w in th]; tp[i][idx] += e
                tm = [w.copy() for w in th]; tm[i][idx] -= e
                fd = (ce(forward(tp, xtr), ytr) - ce(forward(tm, xtr), ytr)) / (2 * e)
                worst = max(worst, abs(fd - g[i][idx]) / max(np.abs(g[i]).max(), 1e-300))
        print("backward pass vs central differences at %s (80 entries): max |Δg| / max |g| = %.1e" % (lab, worst))

    runs, ends = {}, {}
    runs_n, ends_n = {}, {}
    for name, (wd, steps) in TRAINS.items():
        runs[name], ends[name], z = train(th0, wd, steps, xtr, ytr, xte, yte)
        runs_n[name], ends_n[name], _ = train([np.nextafter(w, np.inf) for w in th0], wd, steps, xtr, ytr, xte, yte)
        print("%s: %d exact zeros among the hidden pre-activations over the run (ReLU'(0) never used)"
              % (name, z) if z == 0 else "%s: %d exact zero pre-activations" % (name, z))

    golden = read_golden()
    dyn = dyn2 = None
    if a.dyn_csv:
        raw = np.genfromtxt(a.dyn_csv, delimiter=",", names=True, deletechars="")
        dyn = {float(r["t"]): r for r in raw}
    if a.dyn_loss_csv:
        raw = np.genfromtxt(a.dyn_loss_csv, delimiter=",", names=True, deletechars="")
        dyn2 = {float(r["t"]): r for r in raw}

    def near(d, t):
        return d[min(d, key=lambda u: abs(u - t))]

    worst = {}
    for name, (wd, steps) in TRAINS.items():
        print("\n%s (%s, %d steps): numpy vs the golden (6 digits) and dyn's csv; loss vs dyn's; smallest "
              "logit margin over train / test samples; cells changed by θ(0) + 1 ulp"
              % (name, "adamw λ = 1" if wd else "adam", steps))
        print("%8s %5s | %8s %8s %9s %9s %5s | %10s %8s %10s %8s | %8s %8s | %4s"
              % ("t", "step", "acc", "golden", "test_acc", "golden", "dyn", "loss", "vs dyn", "test_loss",
                 "vs dyn", "margin", "t.margin", "1ulp"))
        for k in record_steps(steps):
            t = grid_t(k)
            r = runs[name][k]
            g = near(golden, t)
            ga, gt = g[name + ".accuracy"], g[name + ".test_accuracy"]
            same_dyn = "-"
            if dyn is not None:
                d = near(dyn, t)
                same_dyn = "=" if (d[name + ".accuracy"] == r["acc"] and d[name + ".test_accuracy"] == r["test_acc"]) else "DIFF"
                worst.setdefault((name, "acc vs dyn"), []).append(rel(r["acc"], d[name + ".accuracy"]))
                worst.setdefault((name, "test_acc vs dyn"), []).append(rel(r["test_acc"], d[name + ".test_accuracy"]))
            dl = dtl = float("nan")
            if dyn2 is not None:
                d2 = near(dyn2, t)
                dl, dtl = rel(r["loss"], d2[name + ".loss"]), rel(r["test_loss"], d2[name + ".test_loss"])
                worst.setdefault((name, "loss vs dyn"), []).append(dl)
                worst.setdefault((name, "test_loss vs dyn"), []).append(dtl)
            worst.setdefault((name, "acc vs golden"), []).append(rel(r["acc"], ga))
            worst.setdefault((name, "test_acc vs golden"), []).append(rel(r["test_acc"], gt))
            rn = runs_n[name][k]
            n_changed = int(rn["acc"] != r["acc"]) + int(rn["test_acc"] != r["test_acc"])
            print("%8.4f %5d | %8.6g %8.6g %9.6g %9.6g %5s | %10.4g %8.1e %10.4g %8.1e | %8.2e %8.2e | %4d"
                  % (t, k, r["acc"], ga, r["test_acc"], gt, same_dyn, r["loss"], dl, r["test_loss"], dtl,
                     r["margin"], r["test_margin"], n_changed))
    print("\nlargest relative difference per column (all rows):")
    for (name, c), v in worst.items():
        print("  %-5s %-18s %.1e" % (name, c, max(v)))
    for name in TRAINS:
        d = max(np.abs(e1 - e2).max() / np.abs(e2).max() for e1, e2 in zip(ends[name], ends_n[name]))
        print("  %-5s θ(end) of two numpy runs 1 ulp apart at θ(0): %.1e (relative, max entry)" % (name, d))

    for name, path in (("wd", a.dyn_theta_wd), ("nowd", a.dyn_theta_nowd)):
        if not path:
            continue
        th = np.load(path)
        print("%s: θ(0) vs dyn's export: W1 %.0f ulps, W2 %.0f ulps; θ(end) vs dyn's: W1 %.1e, W2 %.1e "
              "(relative, max entry)" % (name, dd.ulps(th0[0], th["init/W1"]), dd.ulps(th0[1], th["init/W2"]),
                                         np.abs(ends[name][0] - th["final/W1"]).max() / np.abs(th["final/W1"]).max(),
                                         np.abs(ends[name][1] - th["final/W2"]).max() / np.abs(th["final/W2"]).max()))

    # ---- the softmax's rounding: the same runs with p = exp(f − logsumexp f) ---------------------
    print("\nthe same trains with the softmax written p = exp(f − lse) instead of e/Σe (equal in exact "
          "arithmetic; at loss ~1e-8 they round p_y − 1 differently):")
    for name, (wd, steps) in TRAINS.items():
        rec_l, end_l, _ = train(th0, wd, steps, xtr, ytr, xte, yte, lse_form=True)
        diff = lambda u, v: max(np.abs(p - q).max() / np.abs(q).max() for p, q in zip(u, v))
        path = a.dyn_theta_wd if name == "wd" else a.dyn_theta_nowd
        vs_dyn = ""
        if path:
            th = np.load(path)
            vs_dyn = "; against dyn's θ(end) %.1e" % diff(end_l, [th["final/W1"], th["final/W2"]])
        cells = sum(int(rec_l[k]["acc"] != near(golden, grid_t(k))[name + ".accuracy"] and
                        abs(rec_l[k]["acc"] - near(golden, grid_t(k))[name + ".accuracy"]) > 1e-6) +
                    int(abs(rec_l[k]["test_acc"] - near(golden, grid_t(k))[name + ".test_accuracy"]) > 1e-6)
                    for k in record_steps(steps))
        first = next((grid_t(k) for k in record_steps(steps)
                      if abs(rec_l[k]["test_acc"] - near(golden, grid_t(k))[name + ".test_accuracy"]) > 1e-6), None)
        print("  %-5s θ(end) against the e/Σe run %.1e%s; cells off the golden %d (first at t = %s)"
              % (name, diff(end_l, ends[name]), vs_dyn, cells, "%.4f" % first if first is not None else "-"))

    # ---- where the wd runs part: a ReLU kink crossed, amplified by Adam's normalization -------
    def lockstep(wd, steps):
        """Two numpy runs from θ(0) and θ(0) + 1 ulp: per step, ‖Δθ‖∞/‖θ‖∞, hidden units whose
        sign on a train sample differs, and the median √ν̂ of W1."""
        ths = [[w.copy() for w in th0], [np.nextafter(w, np.inf) for w in th0]]
        mus = [[np.zeros_like(w) for w in th0] for _ in range(2)]
        nus = [[np.zeros_like(w) for w in th0] for _ in range(2)]
        out = []
        for k in range(steps + 1):
            d = max(np.abs(ths[0][i] - ths[1][i]).max() / np.abs(ths[0][i]).max() for i in range(2))
            flips = int(np.sum((ths[0][0] @ xtr > 0) != (ths[1][0] @ xtr > 0)))
            out.append((d, flips, float(np.median(np.sqrt(nus[0][0] / (1.0 - BETA2 ** max(k, 1)))))))
            if k == steps:
                break
            c1, c2 = 1.0 - BETA1 ** (k + 1), 1.0 - BETA2 ** (k + 1)
            for r in range(2):
                g = grad(ths[r], xtr, ytr)
                for i in range(2):
                    mus[r][i] = BETA1 * mus[r][i] + (1 - BETA1) * g[i]
                    nus[r][i] = BETA2 * nus[r][i] + (1 - BETA2) * g[i] * g[i]
                    ths[r][i] = ths[r][i] - LR * ((mus[r][i] / c1) / (np.sqrt(nus[r][i] / c2) + EPS) + wd * ths[r][i])
        return out

    print("\nwd: two numpy runs from θ(0) and θ(0) + 1 ulp in lockstep:")
    tr = lockstep(1.0, TRAINS["wd"][1])
    kf = next(k for k, (d, f, _) in enumerate(tr) if f > 0)
    print("  ‖Δθ‖∞/‖θ‖∞ %.1e at step 1000, %.1e at step %d, when the first hidden pre-activation "
          "(one of 128 × 317) takes opposite signs in the two runs; %.1e one step later (√ν̂ of W1: "
          "median %.1e, against ε = 1e-8), %.1e at step %d (%d sign flips), %.1e at the end"
          % (tr[1000][0], tr[kf][0], kf, tr[kf + 1][0], tr[kf][2], tr[kf + 20][0], kf + 20,
             tr[kf + 20][1], tr[-1][0]))
    tr = lockstep(0.0, TRAINS["nowd"][1])
    print("  nowd, the same: ‖Δθ‖∞/‖θ‖∞ at most %.1e over its 1500 steps; %d sign flips"
          % (max(d for d, _, _ in tr), max(f for _, f, _ in tr)))

    # ---- the wd rows against an ensemble of 1-ulp perturbations ----------------------------------
    rng = np.random.default_rng(0)
    ens = []
    for m in range(ENSEMBLE):
        th = [np.nextafter(w, rng.choice([-np.inf, np.inf], w.shape)) for w in th0]
        ens.append(train(th, 1.0, TRAINS["wd"][1], xtr, ytr, xte, yte)[0])
    print("\nwd test_accuracy after the runs part: the golden against %d numpy runs from θ(0) with every "
          "entry moved ±1 ulp at random (ensemble min … max, in test samples of %d; the golden's)"
          % (ENSEMBLE, yte.size))
    inside = 0
    rows = [k for k in record_steps(TRAINS["wd"][1]) if k >= 1200]
    for k in rows:
        e = np.array([r[k]["test_acc"] for r in ens]) * yte.size
        gv = near(golden, grid_t(k))["wd.test_accuracy"] * yte.size
        inside += int(e.min() - 0.01 <= gv <= e.max() + 0.01)
        print("  t = %7.4f (step %4d): %3d … %3d; golden %3d; numpy (θ(0) as drawn) %3d"
              % (grid_t(k), k, round(e.min()), round(e.max()), round(gv), round(runs["wd"][k]["test_acc"] * yte.size)))
    print("  the golden inside the ensemble's range at %d of %d rows; final test accuracy over the "
          "ensemble %.4f … %.4f" % (inside, len(rows), min(r[2500]["test_acc"] for r in ens),
                                     max(r[2500]["test_acc"] for r in ens)))

    # ---- checks -------------------------------------------------------------------------------
    def series(name, key):
        ks = record_steps(TRAINS[name][1])
        return np.array([k * LR for k in ks]), np.array([runs[name][k][key] for k in ks])

    ts, wacc = series("wd", "acc")
    _, wtest = series("wd", "test_acc")
    _, nacc = series("nowd", "acc")
    _, ntest = series("nowd", "test_acc")
    nte = yte.size
    a25, t25 = float(np.interp(2.5, ts, wacc)), float(np.interp(2.5, ts, wtest))
    print("\nchecks (numpy), with margins (one test sample is 1/%d = %.5f, one train sample 1/%d = %.5f):"
          % (nte, 1 / nte, ytr.size, 1 / ytr.size))
    print("  at(wd.accuracy, 2.5) = %.6g > 0.99: every train sample right at both neighbouring records "
          "(t = %.4f, %.4f); the threshold allows %d wrong" % (a25, ts[ts < 2.5][-1], ts[ts > 2.5][0],
                                                             int(np.floor(0.01 * ytr.size))))
    print("  at(wd.test_accuracy, 2.5) = %.6g < 0.1: %d right of %d at t = %.4f and %.4f; the threshold "
          "allows %d" % (t25, round(wtest[ts < 2.5][-1] * nte), nte, ts[ts < 2.5][-1], ts[ts > 2.5][0],
                         int(np.ceil(0.1 * nte)) - 1))
    print("  final(wd.test_accuracy) = %.6g > 0.8: %d right of %d, %d above the threshold's %d"
          % (wtest[-1], round(wtest[-1] * nte), nte, round(wtest[-1] * nte) - int(np.floor(0.8 * nte)),
             int(np.floor(0.8 * nte)) + 1))
    print("  final(nowd.test_accuracy) = %.6g < 0.5: %d right of %d (threshold: at most %d)"
          % (ntest[-1], round(ntest[-1] * nte), nte, int(np.ceil(0.5 * nte)) - 1))
    print("  final(nowd.accuracy) = %.6g > 0.99: %d wrong of %d (threshold: at most %d)"
          % (nacc[-1], round((1 - nacc[-1]) * ytr.size), ytr.size, int(np.floor(0.01 * ytr.size))))
    ok = a25 > 0.99 and t25 < 0.1 and wtest[-1] > 0.8 and ntest[-1] < 0.5 and nacc[-1] > 0.99
    print("  all 5 checks hold in numpy:", ok)

    # ---- the comment's claims on this draw -----------------------------------------------------
    first1 = ts[np.argmax(wacc >= 1.0)]
    print("\nclaims on this draw: wd train accuracy 1 first at t = %.4f (step %d), test then %.4g "
          "(chance 1/%d = %.4f); wd test max %.4g, final %.4g; test at step 1750 (t = 17.5, "
          "interpolated) %.4g; nowd test max after t = 0: %.4g; nowd train 1 from t = %.4f"
          % (first1, round(first1 / LR), wtest[np.argmax(wacc >= 1.0)], P, 1 / P, wtest.max(), wtest[-1],
             np.interp(17.5, ts, wtest), ntest[1:].max(), series("nowd", "acc")[0][np.argmax(nacc >= 1.0)]))


if __name__ == "__main__":
    main()
