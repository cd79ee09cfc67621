#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/diagonal_sparse.dyn.

Recomputed here, with no number read from dyn:
- the data: sparse_teacher(d = 6, n = 100, seed = 0): x = whiten(normal(6, 100)) from the body's
  random site 0 (dyn_draws.py), y = β*ᵀ x with β* = (0, 3, 0, 1.5, 0, 0.75);
- θ(0): diagonal(d = 6, scale = 1e-3): u = v = constant(1)·scale, so u = v = α exactly;
- the loss (1/2n) Σ_μ (y_μ − (u⊙v)ᵀx_μ)² (docs/LANGUAGE.md `mse`) and its gradient
  ∂L/∂u = g⊙v, ∂L/∂v = g⊙u, g = (1/n) X (Xᵀβ − y), β = u⊙v (checked by central differences);
- `gf`: gradient flow to t = 16 by scipy DOP853 (rtol 1e-12, atol 1e-16, restarted at every
  recorded time), `gd`: 1600 GD steps at lr 0.01 recorded at step round(t/lr) (runtime Descent),
  both at 0 and log(0.01, 16, 40);
- neuron_norms: ‖θ_i‖ = ‖(u_i, v_i)‖ (the model's `neuron i < d: u[i], v[i]`);
- the closed form of the example's comment (reference §1.4 whitened case, derived here again):
  from u = v, u stays = v and p = u² obeys dp/dt = 2p(β* − p), so
  p_i(t) = β*_i / (1 + (β*_i/α² − 1)e^{−2β*_i t}) for β*_i ≠ 0 and p_i = α²/(1 + 2α²t) for
  β*_i = 0 (so ‖θ_i‖ = √2·α/√(1 + 2α²t) shrinks), L = ½ Σ (β*_i − p_i)²; half-times
  ln(β*_i/α² − 1)/(2β*_i); GD's early growth factor per step (1 + lr·β*)² on p;
- the seven checks, `at` linear in t between recorded times (as dyn's `at`), with margins.

It compares every cell of the table with examples/diagonal_sparse.out (6 significant digits), and
with --dyn-csv with a full-precision `report csv` of the same dyn run (gf and gd, neuron norms of
both); --dyn-theta-gf/gd compare θ(16) with dyn's `report params`. Integrator noise: the flow is
also run by DOP853 at rtol 1e-9 and by RK45 (Dormand–Prince 5(4), dyn's method) at dyn's
rtol 1e-9, atol 1e-12, each against the reference run.

Usage: python3 tools/example_checks/diagonal_sparse.py [--dyn-csv full.csv]
           [--dyn-theta-gf gf.npz --dyn-theta-gd gd.npz]
A few seconds (one core). The dyn files were made with
    cp examples/diagonal_sparse.dyn /tmp/s/diag.dyn
    printf 'report csv("full.csv")\\nreport params("gf.npz", gf)\\nreport params("gd.npz", gd)\\n' >> /tmp/s/diag.dyn
    ./dyn run /tmp/s/diag.dyn --out /tmp/out_diag

Results (this session): x whitened to 1.1e-15; θ(0) = α exactly as dyn's export; the gradient
to 4e-10 of central differences; this flow against the closed form: loss ≤ 6.6e-9 relative (at
t = 16, L = 2.3e-10), neuron norms ≤ 8.6e-13. The table: 327 of 328 cells equal the golden's 6
digits; the one that does not is gf.loss at t = 16, 2.26952e-10 here against 2.2696e-10 (3.4e-5
relative, |ΔL| = 8e-15). Against dyn's full-precision csv, largest relative difference per
column by phase (before the first escape / 1.406 plateau side / 0.281 side / after the last):
gf 2.8e-9 / 3.2e-9 / 4.8e-10 / 3.4e-5 (the last the same t = 16 loss: L = ½(0.75 − p)² magnifies
p's error 4.8e-10 by 2p/(0.75 − p) ≈ 7e4); gd ≤ 9.5e-12 (loss), ≤ 8.6e-15 (norms), θ(16) to
8.7e-15: the same arithmetic. gf's differences are dyn's integrator error at rtol 1e-9: scipy's
RK45 at that rtol differs from this reference by 2.5e-9 / 2.6e-9 / 4.0e-10 / 5.3e-5 (DOP853 at
1e-9: 1.3e-10 / 5.4e-11 / 1.3e-10 / 2.3e-6), and dyn run at rtol 1e-12, atol 1e-16 comes to
2.3e-12 / 4.6e-12 / 1.3e-12 / 4.0e-8. The checks: at(gf.loss, 6.5) = 0.26385 (linear between
t = 6.213 and 7.507; 32% and 25% inside 0.2 … 0.35; at t = 6.5 itself L = 0.268842, the closed
form's too); final loss 2.27e-10 against 1e-6; dormant norms 0.0014141909 against 1.41422e-3
(margin 2.1e-5 relative: √2·α/√(1 + 2α²·16), the closed form's to 10 digits; they never rise
above √2·α, gf or gd); neuron 5's 1.22473 against 1.2 (2.1%). The comment's numbers hold
(half-times 2.4857, 4.7403, 9.0186; levels 5.90625, 1.40625, 0.28125; norms √(2β*) = 2.449, 1.732,
1.225) except GD's growth rate: p gains a factor (1 + lr·β*)² per step, so the rate is
2·ln(1 + lr·β*)/lr (5.9118, 2.9777, 1.4944; measured over steps 1–100: 5.9116, 2.9777, 1.4944),
not ln(1 + 2·lr·β*)/lr (5.8269, 2.9559, 1.4889); GD's half-times are 2.5177, 4.7706, 9.0471
(+1.3%, +0.6%, +0.3% late).
"""
import argparse, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "diagonal_sparse.out")
D, N, ALPHA, SEED, LR = 6, 100, 1e-3, 0, 0.01
BETA = np.array([0, 3, 0, 1.5, 0, 0.75])


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


TIMES = log_grid(0.01, 16, 40)


def data():
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 0), D, N))
    return x, BETA @ x


def loss(u, v, x, y):
    r = (u * v) @ x - y
    return 0.5 * float(r @ r) / x.shape[1]


def grad(u, v, x, y):
    g = x @ ((u * v) @ x - y) / x.shape[1]
    return g * v, g * u


def observe(u, v, x, y):
    return np.concatenate([[loss(u, v, x, y)], np.hypot(u, v)])


def flow(x, y, method="DOP853", rtol=1e-12, atol=1e-16):
    def rhs(t, w):
        gu, gv = grad(w[:D], w[D:], x, y)
        return -np.concatenate([gu, gv])
    w = np.full(2 * D, ALPHA)
    rows = [observe(w[:D], w[D:], x, y)]
    for a, b in zip(TIMES[:-1], TIMES[1:]):
        sol = solve_ivp(rhs, (a, b), w, method=method, rtol=rtol, atol=atol)
        assert sol.success, sol.message
        w = sol.y[:, -1]
        rows.append(observe(w[:D], w[D:], x, y))
    return np.array(rows), w


def descent(x, y, lr=LR):
    steps = np.rint(TIMES / lr).astype(int)
    u, v = np.full(D, ALPHA), np.full(D, ALPHA)
    rows, k = [], 0
    for s in steps:
        while k < s:
            gu, gv = grad(u, v, x, y)
            u, v = u - lr * gu, v - lr * gv
            k += 1
        rows.append(observe(u, v, x, y))
    return np.array(rows), np.concatenate([u, v])


def closed_form(t):
    t = np.atleast_1d(t)[:, None]
    b = BETA[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(b != 0, b / (1 + (b / ALPHA ** 2 - 1) * np.exp(-2 * b * t)),
                     ALPHA ** 2 / (1 + 2 * ALPHA ** 2 * t))
    return 0.5 * np.sum((b - p) ** 2, axis=1), np.sqrt(2 * p)


COLS = ["gf.loss", "gd.loss"] + [f"gf.neuron_norms[{i}]" for i in range(D)]


def read_golden():
    lines = open(GOLDEN_OUT).read().splitlines()
    i = next(j for j, ln in enumerate(lines) if ln.split()[:2] == ["t", "gf.loss"])
    cols = lines[i].split()[1:]
    rows = []
    for ln in lines[i + 1:]:
        if not ln.strip():
            break
        rows.append([float(v) for v in ln.split()])
    R = np.array(rows)
    return R[:, 0], {c: R[:, j + 1] for j, c in enumerate(cols)}


def read_csv(path):
    import csv
    with open(path) as f:
        r = list(csv.reader(f))
    body = np.array([[float(v) for v in row] for row in r[1:]])
    return {h: body[:, j] for j, h in enumerate(r[0])}


def rel(a, b):
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-300)


def phase_of(L):
    """0 before the first escape (loss > 3.65, between 5.906 and 1.406), 1 on the 1.406 plateau's
    side (> 0.84), 2 on the 0.281 plateau's (> 0.14), 3 after the last."""
    return np.searchsorted(-np.array([3.65625, 0.84375, 0.140625]), -L, side="right")


def ptable(title, mine, other, ph, cols):
    print(f"\n{title}: largest relative difference per column, by phase of that loss "
          "(0: before the first escape, L > 3.66; 1: 3.66–0.84; 2: 0.84–0.14; 3: L < 0.14)")
    print(f"{'column':>22} " + " ".join(f"{'phase ' + str(p):>9}" for p in range(4)) + "  (t of the largest)")
    worst = np.zeros(4)
    for j, c in enumerate(cols):
        r = rel(mine[:, j], other[c])
        cells, where = [], []
        for p in range(4):
            m = ph[c.split(".")[0]] == p
            cells.append(r[m].max())
            where.append(TIMES[m][np.argmax(r[m])])
            worst[p] = max(worst[p], cells[-1])
        print(f"{c:>22} " + " ".join(f"{v:9.2e}" for v in cells) + "  t = " + ", ".join(f"{w:.4g}" for w in where))
    print(f"{'all columns':>22} " + " ".join(f"{v:9.2e}" for v in worst))
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-theta-gf")
    ap.add_argument("--dyn-theta-gd")
    args = ap.parse_args()
    t0 = time.time()

    x, y = data()
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e" % np.abs(x @ x.T / N - np.eye(D)).max())
    # the gradient against central differences
    rng = np.random.default_rng(0)
    u, v = rng.normal(size=D), rng.normal(size=D)
    gu, gv = grad(u, v, x, y)
    num = []
    for i in range(2 * D):
        e = np.zeros(2 * D); e[i] = 1e-6
        w = np.concatenate([u, v])
        num.append((loss(*np.split(w + e, 2), x, y) - loss(*np.split(w - e, 2), x, y)) / 2e-6)
    print("gradient vs central differences: max rel %.1e" % (np.abs(np.array(num) - np.concatenate([gu, gv])).max()
                                                          / np.abs(num).max()))

    gf, wgf = flow(x, y)
    gd, wgd = descent(x, y)
    print(f"gf (DOP853 rtol 1e-12, atol 1e-16) and gd (1600 steps): {time.time() - t0:.1f} s")
    mine = np.column_stack([gf[:, 0], gd[:, 0], gf[:, 1:]])
    ph = {"gf": phase_of(gf[:, 0]), "gd": phase_of(gd[:, 0])}

    cl, cn = closed_form(TIMES)
    print("\nclosed form (whitened case) vs this flow: loss max rel %.1e (t = %.4g), neuron norms max rel %.1e"
          % (rel(gf[:, 0], cl).max(), TIMES[np.argmax(rel(gf[:, 0], cl))], rel(gf[:, 1:], cn).max()))

    mine_d = {c: mine[:, j] for j, c in enumerate(COLS)}
    for label, kw in [("DOP853 rtol 1e-9, atol 1e-12", dict(rtol=1e-9, atol=1e-12)),
                      ("RK45 (Dormand–Prince 5(4), dyn's method) at dyn's rtol 1e-9, atol 1e-12",
                       dict(method="RK45", rtol=1e-9, atol=1e-12))]:
        alt, _ = flow(x, y, **kw)
        gcols = [c for c in COLS if c.startswith("gf")]
        ptable(f"integrator noise: {label} vs the reference", alt,
               {c: mine_d[c] for c in gcols}, ph, gcols)

    tg, gold = read_golden()
    assert np.allclose(tg, TIMES, rtol=5e-6)
    ptable("this recomputation vs examples/diagonal_sparse.out (6 significant digits)", mine, gold, ph, COLS)
    rounded = np.array([[float(f"{v:.6g}") for v in r] for r in mine])
    bad = [(c, i) for j, c in enumerate(COLS) for i in range(len(TIMES)) if rounded[i, j] != gold[c][i]]
    print(f"cells whose 6-digit rounding differs from the golden's: {len(bad)} of {mine.size}"
          + (": " + ", ".join(f"{c}@t={TIMES[i]:.4g} ({mine[i, COLS.index(c)]:.10g} vs {gold[c][i]:g})"
                              for c, i in bad[:12]) if bad else ""))

    if args.dyn_csv:
        dc = read_csv(args.dyn_csv)
        assert np.allclose(dc["t"], TIMES, rtol=1e-13, atol=0)
        cols = COLS + [f"gd.neuron_norms[{i}]" for i in range(D)]
        full = np.column_stack([mine, gd[:, 1:]])
        ptable("this recomputation vs dyn's full-precision csv", full, dc, ph, cols)
        print("  as |Δ| (absolute): gf.loss %.1e, gd.loss %.1e, gf norms %.1e, gd norms %.1e"
              % (np.abs(gf[:, 0] - dc["gf.loss"]).max(), np.abs(gd[:, 0] - dc["gd.loss"]).max(),
                 max(np.abs(gf[:, 1 + i] - dc[f"gf.neuron_norms[{i}]"]).max() for i in range(D)),
                 max(np.abs(gd[:, 1 + i] - dc[f"gd.neuron_norms[{i}]"]).max() for i in range(D))))
    for path, w, name in [(args.dyn_theta_gf, wgf, "gf"), (args.dyn_theta_gd, wgd, "gd")]:
        if path:
            z = np.load(path)
            assert np.all(z["init/u"] == ALPHA) and np.all(z["init/v"] == ALPHA)
            wd = np.concatenate([z["final/u"].ravel(), z["final/v"].ravel()])
            print(f"{name} θ(0) = α exactly in dyn's export; θ(16) max relative difference {rel(w, wd).max():.1e}")

    # checks
    at = lambda j, t: float(np.interp(t, TIMES, mine[:, j]))
    checks = [("at(gf.loss, 6.5) > 0.2", at(0, 6.5), ">", 0.2), ("at(gf.loss, 6.5) < 0.35", at(0, 6.5), "<", 0.35),
              ("final(gf.loss) < 1e-6", gf[-1, 0], "<", 1e-6)]
    checks += [(f"final(gf.neuron_norms[{i}]) <= 1.41422 * alpha", gf[-1, 1 + i], "<", 1.41422 * ALPHA) for i in (0, 2, 4)]
    checks += [("final(gf.neuron_norms[5]) > 1.2", gf[-1, 6], ">", 1.2)]
    print("\nchecks (margin relative to the bound; `at` linear in t between recorded times)")
    allok = True
    for text, val, op, b in checks:
        ok = val > b if op == ">" else val <= b
        allok &= ok
        print(f"  {'PASS' if ok else 'FAIL'} {text}: value {val:.6g}, margin {(val - b) / b * (1 if op == '>' else -1):+.3g}")
    print("all checks hold:", allok)
    sol = solve_ivp(lambda t, w: -np.concatenate(grad(w[:D], w[D:], x, y)), (0, 6.5), np.full(2 * D, ALPHA),
                    method="DOP853", rtol=1e-12, atol=1e-16)
    print("  at the exact time: L(6.5) = %.6g (closed form %.6g); the dormant norms' bound √2·α = %.8g, "
          "final %.8g (closed form %.8g)" % (loss(sol.y[:D, -1], sol.y[D:, -1], x, y), closed_form(6.5)[0][0],
                                              np.sqrt(2) * ALPHA, gf[-1, 1], cn[-1, 0]))

    # claims of the comments
    print("\nclaims:")
    print("  half-times ln(β*/α² − 1)/(2β*): " + ", ".join(f"{np.log(b / ALPHA ** 2 - 1) / (2 * b):.4f}" for b in (3, 1.5, 0.75))
          + " (comment ≈ 2.49, 4.74, 9.02)")
    print("  levels ½Σβ*², ...: %.5g, %.5g, %.5g (comment 5.906, 1.406, 0.281)"
          % (0.5 * np.sum(BETA ** 2), 0.5 * (1.5 ** 2 + 0.75 ** 2), 0.5 * 0.75 ** 2))
    dorm = np.concatenate([gf[:, [1, 3, 5]], gd[:, [1, 3, 5]]])
    print("  dormant norms (β* = 0; gf and gd): max over all recorded times %.10g (√2·α = %.10g), never rising: %s"
          % (dorm.max(), np.sqrt(2) * ALPHA, bool(np.all(np.diff(gf[:, [1, 3, 5]], axis=0) <= 0)
                                                   and np.all(np.diff(gd[:, [1, 3, 5]], axis=0) <= 0))))
    print("  learned norms √(2β*): " + ", ".join(f"{np.sqrt(2 * b):.4g}" for b in (3, 1.5, 0.75))
          + "; measured at t = 16: " + ", ".join(f"{gf[-1, 1 + i]:.6g}" for i in (1, 3, 5)))
    # GD: the measured half-times of each p_i and the early growth rates
    steps = np.arange(1, 1601)
    u = np.full(D, ALPHA); v = np.full(D, ALPHA)
    ps = []
    for _ in steps:
        gu, gv = grad(u, v, x, y)
        u, v = u - LR * gu, v - LR * gv
        ps.append(u * v)
    ps = np.array(ps)
    pf = np.array(ps)
    print("  GD (lr 0.01) half-times of p_i (linear between steps) vs the flow's, and the early rate "
          "per unit time of p against 2β*:")
    for i, b in [(1, 3), (3, 1.5), (5, 0.75)]:
        k = int(np.argmax(pf[:, i] >= b / 2))
        th = LR * (k + (b / 2 - pf[k - 1, i]) / (pf[k, i] - pf[k - 1, i]))
        tf = np.log(b / ALPHA ** 2 - 1) / (2 * b)
        r_meas = np.log(pf[99, i] / pf[0, i]) / (99 * LR)
        r_sq, r_c = 2 * np.log1p(LR * b) / LR, np.log1p(2 * LR * b) / LR
        print(f"    β* = {b}: GD half-time {th:.4f} vs flow {tf:.4f} (+{100 * (th / tf - 1):.2f}%); "
              f"rate over steps 1–100 {r_meas:.4f}; 2 ln(1 + lr β*)/lr = {r_sq:.4f}; "
              f"the comment's ln(1 + 2 lr β*)/lr = {r_c:.4f}; 2β* = {2 * b}; "
              f"half-time from 2 ln(1 + lr β*)/lr: {np.log(b / ALPHA ** 2 - 1) / r_sq:.4f}")
    print(f"total {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
