#!/usr/bin/env python3
"""An independent numpy recomputation of examples/classify_file.dyn (every reported number).

Recomputed here, with no number read from dyn:
- the data: examples/data/spirals_x.npy (600, 2) and spirals_y.npy (600,), read with np.load;
  x = X[:300]ᵀ, x_test = X[300:]ᵀ, y = y[:300], y_test = y[300:] (dyn's samples are columns).
  `noisy = spirals(noise = 0.2, seed = 0)`: y corrupted by corrupt(y, 0.2, 3), the body's only
  random primitive, so site 0 of seed 0 (dyn_draws.corrupt, DataOps.corruptLabels: exactly
  round(0.2 · 300) = 60 labels moved to another class); `clean` has noise 0 (nothing moved);
- θ(0): mlp(d = 2, widths = [32, 32], out = 3, act = tanh, seed = 1) (stdlib/models.dyn):
  W1 (32×2) ~ N(0, 1/2), W[2] (32×32) ~ N(0, 1/32), WL (3×32) ~ N(0, 1/32), parameters 0, 1, 2
  of CounterRng.derive(1, ·) (dyn_draws.param); f = WL tanh(W[2] tanh(W1 x)); both trains start
  from the same θ(0);
- the loss (docs/LANGUAGE.md "Losses and accuracy"): cross_entropy ℓ = logsumexp(f) − f_y, mean
  over samples; its gradient by a hand-written backward pass (checked against central
  differences);
- adam (docs/LANGUAGE.md "Optimizers"): β1 = 0.9, β2 = 0.999, ε = 1e-8, bias-corrected,
  lr 0.01, 1000 steps; t = k·lr, so linear(0, 10, 11) records at steps 0, 100, …, 1000;
- accuracy: argmax_k f_k (ties to the lowest index) against the class index; the noisy train is
  scored against its corrupted labels, its test split against the clean test labels.

Then the script compares every column of the table with examples/classify_file.out (6
significant digits) and, given --dyn-csv, with a full-precision `report csv` of the same run made
by dyn (used only as the numbers compared against), printing the largest relative difference per
column; it evaluates the 7 checks with their margins, and the comment's numbers (linear softmax
baseline, 60 flips, the rule-then-memorization story).

Usage: python3 tools/example_checks/classify_file.py [--dyn-csv cf.csv] [--dyn-theta-fit cf_fit.npz]
                                                     [--dyn-theta-noisy cf_noisy.npz]
                                                     [--dyn-csv-steps cf2.csv] [--ensemble 48]
The dyn files were made with (the data folder copied beside the scratch script)
    mkdir /tmp/cf && cp -r examples/data /tmp/cf/ && cp examples/classify_file.dyn /tmp/cf/cf.dyn
    printf 'report csv("cf.csv")\\nreport params("cf_fit.npz", fit)\\nreport params("cf_noisy.npz", fit_noisy)\\n' >> /tmp/cf/cf.dyn
    ./dyn run /tmp/cf/cf.dyn --out /tmp/cf_out
and --dyn-csv-steps from a second copy whose only change is the extra line
    observe loss for fit_noisy at linear(0, 10, 1001)
(its `report csv("cf2.csv")`). About 20 seconds on one core (48 ±1-ulp reruns included).

Results (seed 0): 60 labels corrupted (22, 16, 22 from classes 0-2); θ(0) within 3 ulps of
dyn's draw (numpy log/cos against fdlibm); the backward pass agrees with central differences to
2.5e-8. The clean `fit` train: all 33 cells equal the golden's 6 digits; against dyn's
full-precision csv loss <= 1.7e-14, accuracies identical, θ(1000) <= 4.4e-13. The noisy train:
its 22 cells equal the golden to t = 8 (9/11 rows per column); its loss agrees with dyn's to
<= 2e-15 through step 200, then the two runs part at the rate two numpy runs whose θ(0) differ by
±1 ulp part (1e-12 by step ~400, 1e-9 by 600, 1e-6 by 690, 1e-3 by 810, 1e-2 at 1000; the same
per-100-step profile for numpy against numpy ±1 ulp): the memorization phase amplifies rounding,
so the last two records are not reproducible beyond it: numpy gives accuracy 0.8333, 0.8533 and
test 0.8933, 0.8633 at t = 9, 10 against the golden's 0.846667, 0.86 and 0.883333, 0.866667
(4, 2, 3, 1 samples of 300); over 48 numpy runs with θ(0) moved ±1 ulp per entry the four cells
range over [0.8333, 0.8500], [0.8533, 0.8600], [0.8767, 0.9033], [0.8433, 0.8833], and every
golden cell lies inside its range (all earlier cells are the same in every run). The 7 checks hold
in numpy and in every ±1-ulp run; margins: final accuracies 1 against 0.9 (30 samples); noisy
test 1 at t = 2 against 0.95 (15 samples); noisy train 0.8 at t = 2 inside (0.795, 0.805) by 1.5
samples each way; final noisy accuracy 0.8533 (range 0.8533-0.86) against 0.82 (10 samples);
final noisy test 0.8633 (0.8433-0.8833) against 1 at t = 2 (41 samples).
The comment's numbers: the maximum-likelihood linear softmax classifier (with bias, BFGS) reaches
0.5500 train and 0.5667 test, as tools/make_spirals.py prints; but it is not the best linear
classifier: a linear rule argmax(W[x; 1]) found by random search reaches 0.71 train / 0.69 test
(and 0.7367 test when chosen on the test set), so "every linear classifier (0.57 test)" was wrong
(corrected in the example; > 0.9 is still far beyond any linear rule found). Exactly 60 of 300
flipped; a perfect rule scores 240/300 = 0.8. At t = 2 the noisy net predicts the clean label on
all 300 train samples (0 of the 60 flipped fitted) and its test accuracy equals the clean run's
(1.0); by t = 10 it fits 19 of the 60 flipped labels (train 0.8533 against their 0.8, test 0.8633):
memorization under way, not complete. With 10% flipped the later checks hold (0.9333 > 0.82, test
1.0 -> 0.9167, 1.0 > 0.95), as the comment says.
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import golden_out  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN_OUT = os.path.join(ROOT, "examples", "classify_file.out")
DATA = os.path.join(ROOT, "examples", "data")

SEED, K, D, WIDTHS, FRACTION = 0, 3, 2, (32, 32), 0.2
LR, STEPS, T_END, POINTS = 0.01, 1000, 10.0, 11
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
TIMES = np.linspace(0.0, T_END, POINTS)
GRID_STEPS = [int(np.floor(t / LR + 0.5)) for t in TIMES]  # Java Math.round


def load():
    X = np.load(os.path.join(DATA, "spirals_x.npy")).astype(float)
    lab = np.load(os.path.join(DATA, "spirals_y.npy")).astype(float)
    x, xt = X[:300].T.copy(), X[300:].T.copy()
    y, yt = lab[:300].astype(int), lab[300:].astype(int)
    yn = dd.corrupt(lab[:300], FRACTION, K, dd.site_stream(SEED, 0)).astype(int)
    return x, y, xt, yt, yn


def init(seed):
    shapes = [(WIDTHS[0], D), (WIDTHS[1], WIDTHS[0]), (K, WIDTHS[1])]
    return [dd.param(seed, p, r, c, 1.0 / c) for p, (r, c) in enumerate(shapes)]


def forward(th, x):
    h1 = np.tanh(th[0] @ x)
    h2 = np.tanh(th[1] @ h1)
    return th[2] @ h2, (h1, h2)


def ce_loss_grad(th, x, y, grad=True):
    F, (h1, h2) = forward(th, x)
    n = x.shape[1]
    mx = F.max(axis=0)
    E = np.exp(F - mx)
    Z = E.sum(axis=0)
    loss = float(np.mean(np.log(Z) + mx - F[y, np.arange(n)]))
    if not grad:
        return loss
    P = E / Z
    P[y, np.arange(n)] -= 1.0
    dF = P / n
    gL = dF @ h2.T
    d2 = (th[2].T @ dF) * (1.0 - h2 * h2)
    g2 = d2 @ h1.T
    d1 = (th[1].T @ d2) * (1.0 - h1 * h1)
    g1 = d1 @ x.T
    return loss, [g1, g2, gL]


def accuracy(th, x, y):
    F, _ = forward(th, x)
    return float(np.mean(np.argmax(F, axis=0) == y))


def adam(th, x, y, observe):
    th = [w.copy() for w in th]
    mu = [np.zeros_like(w) for w in th]
    nu = [np.zeros_like(w) for w in th]
    rows, snaps = [], []
    for k in range(STEPS + 1):
        if k in GRID_STEPS:
            rows.append(observe(th)); snaps.append([w.copy() for w in th])
        if k == STEPS:
            break
        _, g = ce_loss_grad(th, x, y)
        c1, c2 = 1.0 - BETA1 ** (k + 1), 1.0 - BETA2 ** (k + 1)
        for i in range(len(th)):
            mu[i] = BETA1 * mu[i] + (1.0 - BETA1) * g[i]
            nu[i] = BETA2 * nu[i] + (1.0 - BETA2) * g[i] * g[i]
            th[i] = th[i] - LR * (mu[i] / c1) / (np.sqrt(nu[i] / c2) + EPS)
    return rows, th, snaps


def gradient_check(th, x, y):
    _, g = ce_loss_grad(th, x, y)
    worst = 0.0
    for w in range(3):
        for idx in [(0, 0), (th[w].shape[0] - 1, th[w].shape[1] - 1), (th[w].shape[0] // 2, 1)]:
            h = 1e-6
            tp = [v.copy() for v in th]; tm = [v.copy() for v in th]
            tp[w][idx] += h; tm[w][idx] -= h
            fd = (ce_loss_grad(tp, x, y, False) - ce_loss_grad(tm, x, y, False)) / (2 * h)
            worst = max(worst, abs(fd - g[w][idx]) / max(abs(g[w][idx]), 1e-12))
    return worst


def linear_softmax(x, y, xt, yt):
    """The maximum-likelihood linear softmax classifier with bias (BFGS to convergence)."""
    xb = np.vstack([x, np.ones((1, x.shape[1]))])
    n = x.shape[1]

    def f(w):
        W = w.reshape(K, 3)
        F = W @ xb
        mx = F.max(axis=0)
        E = np.exp(F - mx); Z = E.sum(axis=0)
        P = E / Z; P[y, np.arange(n)] -= 1.0
        return np.mean(np.log(Z) + mx - F[y, np.arange(n)]), (P @ xb.T / n).ravel()

    r = minimize(f, np.zeros(K * 3), jac=True, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
    W = r.x.reshape(K, 3)
    acc = lambda X, Y: np.mean(np.argmax(W @ np.vstack([X, np.ones((1, X.shape[1]))]), axis=0) == Y)
    return acc(x, y), acc(xt, yt), r.fun, np.linalg.norm(r.jac)


def noisy_losses(th, x, y):
    """fit_noisy's loss at every step 0 … 1000 (the same Adam as adam())."""
    out = []
    th = [w.copy() for w in th]
    mu = [np.zeros_like(w) for w in th]
    nu = [np.zeros_like(w) for w in th]
    for k in range(STEPS + 1):
        loss, g = ce_loss_grad(th, x, y)
        out.append(loss)
        if k == STEPS:
            break
        c1, c2 = 1.0 - BETA1 ** (k + 1), 1.0 - BETA2 ** (k + 1)
        for i in range(len(th)):
            mu[i] = BETA1 * mu[i] + (1.0 - BETA1) * g[i]
            nu[i] = BETA2 * nu[i] + (1.0 - BETA2) * g[i] * g[i]
            th[i] = th[i] - LR * (mu[i] / c1) / (np.sqrt(nu[i] / c2) + EPS)
    return np.array(out)


def rel(a, b):
    return float(np.max(np.abs(np.asarray(a) - b) / np.maximum(np.abs(b), 1e-300)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-theta-fit")
    ap.add_argument("--dyn-theta-noisy")
    ap.add_argument("--dyn-csv-steps", help="dyn's csv with fit_noisy.loss observed at every step")
    ap.add_argument("--ensemble", type=int, default=48)
    a = ap.parse_args()

    x, y, xt, yt, yn = load()
    th0 = init(SEED + 1)
    moved = yn != y
    print("grid steps (round(t/lr)):", GRID_STEPS)
    print("train labels per class %s, test %s; corrupted: %d of %d (per clean class %s)"
          % (np.bincount(y).tolist(), np.bincount(yt).tolist(), moved.sum(), y.size,
             [int(moved[y == c].sum()) for c in range(K)]))
    print("backward pass against central differences: worst relative error %.1e"
          % max(gradient_check(th0, x, y), gradient_check(th0, x, yn)))

    def obs(labels):
        return lambda th: {"loss": ce_loss_grad(th, x, labels, False), "accuracy": accuracy(th, x, labels),
                           "test_accuracy": accuracy(th, xt, yt),
                           "clean_accuracy": accuracy(th, x, y)}

    rows_c, fin_c, _ = adam(th0, x, y, obs(y))
    rows_n, fin_n, snaps_n = adam(th0, x, yn, obs(yn))
    cols = {}
    for name, rows in (("fit", rows_c), ("fit_noisy", rows_n)):
        for key in rows[0]:
            cols[name + "." + key] = np.array([r[key] for r in rows])

    names = ["W1", "W[2]", "WL"]
    for flag, fin in ((a.dyn_theta_fit, fin_c), (a.dyn_theta_noisy, fin_n)):
        if not flag:
            continue
        th = np.load(flag)
        print("%s: θ(0) against dyn's draw: %s ulp; θ(1000) max rel diff: %s"
              % (os.path.basename(flag),
                 ", ".join("%s %.0f" % (nm, dd.ulps(th["init/" + nm], th0[i])) for i, nm in enumerate(names)),
                 ", ".join("%s %.1e" % (nm, rel(fin[i], th["final/" + nm])) for i, nm in enumerate(names))))

    gold = golden_out.columns(GOLDEN_OUT)
    dyn = None
    if a.dyn_csv:
        raw = np.genfromtxt(a.dyn_csv, delimiter=",", names=True, deletechars="")
        dyn = {n: raw[n] for n in raw.dtype.names}
    print("\n%-24s %12s %12s %12s   (largest relative difference over the %d rows; the golden has 6"
          " significant digits)" % ("column", "vs golden", "vs dyn csv", "6-digit same", POINTS))
    for c in gold:
        mine = cols[c]
        d = rel(mine, dyn[c]) if dyn is not None else float("nan")
        same = sum(float("%.6g" % v) == w for v, w in zip(mine, gold[c]))
        print("%-24s %12.2e %12.2e %9d/%d" % (c, rel(mine, gold[c]), d, same, len(mine)))
    if dyn is not None:
        for c in dyn:
            if c not in gold and c in cols:
                print("%-24s %12s %12.2e  (recorded, not in the table)" % (c, "-", rel(cols[c], dyn[c])))
    print("\nrows (numpy), t =", " ".join("%g" % t for t in TIMES))
    for c in cols:
        print("  %-26s %s" % (c, " ".join("%.9g" % v for v in cols[c])))

    fa, fta = cols["fit.accuracy"], cols["fit.test_accuracy"]
    na, nta = cols["fit_noisy.accuracy"], cols["fit_noisy.test_accuracy"]
    checks = [
        ("final(fit.test_accuracy) > 0.9", fta[-1], 0.9, ">"),
        ("final(fit.accuracy) > 0.9", fa[-1], 0.9, ">"),
        ("at(fit_noisy.test_accuracy, 2) > 0.95", nta[2], 0.95, ">"),
        ("at(fit_noisy.accuracy, 2) > 0.795", na[2], 0.795, ">"),
        ("at(fit_noisy.accuracy, 2) < 0.805", na[2], 0.805, "<"),
        ("final(fit_noisy.accuracy) > 0.82", na[-1], 0.82, ">"),
        ("final(fit_noisy.test_accuracy) < at(..., 2)", nta[-1], nta[2], "<"),
    ]
    print("\nchecks (numpy values; t = 2 is a record, so at() needs no interpolation):")
    for text, v, thr, op in checks:
        ok = v > thr if op == ">" else v < thr
        m = v - thr if op == ">" else thr - v
        print("  %-44s %s  value %.6g  threshold %.6g  margin %.4g (%.1f of 300 samples)"
              % (text, "PASS" if ok else "FAIL", v, thr, m, m * 300))

    # Where the noisy train parts: per-step loss against dyn's, and a ±1-ulp ensemble of θ(0).
    ls = noisy_losses(th0, x, yn)
    if a.dyn_csv_steps:
        raw = np.genfromtxt(a.dyn_csv_steps, delimiter=",", names=True, deletechars="")
        tt, dl = raw["t"], raw["fit_noisy.loss"]
        ok = ~np.isnan(dl)
        steps = np.rint(tt[ok] / LR).astype(int)
        r = np.abs(ls[steps] - dl[ok]) / np.abs(dl[ok])
        print("\nfit_noisy.loss at every step against dyn's: max rel diff %.1e to step 300, %.1e to 500,"
              " %.1e to 700, %.1e to 1000" % tuple(r[steps <= s_].max() for s_ in (300, 500, 700, 1000)))
        for thr in (1e-12, 1e-9, 1e-6, 1e-3):
            hit = steps[r > thr]
            print("  first step with rel diff > %.0e: %s" % (thr, hit[0] if hit.size else "none"))
        print("  per 100 steps (max rel diff in each block):",
              " ".join("%.0e" % r[(steps > b) & (steps <= b + 100)].max() for b in range(0, 1000, 100)))
    rng = np.random.default_rng(7)
    ens = []
    growth = []
    for e in range(a.ensemble):
        thp = [w + rng.choice([-1.0, 1.0], w.shape) * np.spacing(np.abs(w)) for w in th0]
        rows_e, _, _ = adam(thp, x, yn, lambda th: (accuracy(th, x, yn), accuracy(th, xt, yt)))
        ens.append(rows_e)
        if e < 2:
            growth.append(noisy_losses(thp, x, yn))
    ens = np.array(ens)   # runs × times × 2
    for j, (c, name) in enumerate(((na, "fit_noisy.accuracy"), (nta, "fit_noisy.test_accuracy"))):
        g = gold[name]
        lo, hi = ens[:, :, j].min(axis=0), ens[:, :, j].max(axis=0)
        inside = np.sum((g >= lo - 1e-6) & (g <= hi + 1e-6))
        print("%s over %d numpy runs with θ(0) moved ±1 ulp per entry: range per record %s; golden"
              " inside the range at %d/%d records" % (name, a.ensemble,
              " ".join("[%.4f, %.4f]" % (l, h) for l, h in zip(lo, hi)), inside, POINTS))
    for gl in growth:
        d = np.abs(gl - ls) / ls
        print("  ±1-ulp run vs unperturbed numpy, max rel loss diff per 100 steps:",
              " ".join("%.0e" % d[b + 1:b + 101].max() for b in range(0, 1000, 100)))

    # The comment's numbers.
    tr, te, nll, gn = linear_softmax(x, y, xt, yt)
    print("\ncomment: linear softmax (ML, with bias; BFGS, final loss %.6f, |grad| %.1e): train %.4f,"
          " test %.4f" % (nll, gn, tr, te))
    # "beats every linear classifier": the softmax fit is not the best 0-1 classifier. Search
    # argmax(W [x; 1]) (W 3×3) for the best train and the best test accuracy any linear rule
    # reaches: 400000 random W, then random local refinement (a lower bound on the best).
    rng2 = np.random.default_rng(3)
    xb = np.vstack([x, np.ones((1, x.shape[1]))]); xtb = np.vstack([xt, np.ones((1, xt.shape[1]))])
    lacc = lambda Ws, xx, yy: np.mean(np.argmax(Ws @ xx, axis=1) == yy, axis=1)
    for name, xx, yy in (("train", xb, y), ("test", xtb, yt)):
        best, bw = -1.0, None
        for _ in range(80):
            Ws = rng2.standard_normal((5000, K, 3)); acc_ = lacc(Ws, xx, yy); i = acc_.argmax()
            if acc_[i] > best: best, bw = acc_[i], Ws[i]
        for sc in (0.3, 0.1, 0.03, 0.01):
            for _ in range(20):
                Ws = bw + sc * rng2.standard_normal((5000, K, 3)); acc_ = lacc(Ws, xx, yy); i = acc_.argmax()
                if acc_[i] >= best: best, bw = acc_[i], Ws[i]
        print("comment: a linear rule chosen for its %s accuracy: train %.4f, test %.4f"
              % (name, lacc(bw[None], xb, y)[0], lacc(bw[None], xtb, yt)[0]))
    # "The checks after it held with 10% flipped."
    yn10 = dd.corrupt(y.astype(float), 0.1, K, dd.site_stream(SEED, 0)).astype(int)
    r10, _, _ = adam(th0, x, yn10, lambda th: (accuracy(th, x, yn10), accuracy(th, xt, yt)))
    r10 = np.array(r10)
    print("comment: with 10%% flipped (%d labels): accuracy at t = 2 %.4f, final %.4f (> 0.82 %s); test at"
          " t = 2 %.4f, final %.4f (falls: %s; > 0.95 at t = 2: %s)"
          % ((yn10 != y).sum(), r10[2, 0], r10[-1, 0], r10[-1, 0] > 0.82, r10[2, 1], r10[-1, 1],
             r10[-1, 1] < r10[2, 1], r10[2, 1] > 0.95))
    # "A net that predicts the true class everywhere scores exactly 0.8 on those labels."
    print("comment: a perfect rule scores %.4f on the noisy labels (%d of 300)" % (np.mean(y == yn), (y == yn).sum()))
    for i, t in enumerate(TIMES):
        F, _ = forward(snaps_n[i], x)
        pred = np.argmax(F, axis=0)
        print("  noisy t = %4g: predicts the clean label on %3d/300 (clean samples %3d/240, flipped"
              " samples %2d/60 their clean, %2d/60 their flipped label); test %.4f vs clean run %.4f"
              % (t, (pred == y).sum(), (pred == y)[~moved].sum(), (pred == y)[moved].sum(),
                 (pred == yn)[moved].sum(), nta[i], fta[i]))


if __name__ == "__main__":
    main()
