#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/deep_linear_staircase.dyn.

Recomputed here, with no number read from dyn:
- the data: linear_teacher(d = 8, out = 8, n = 200, singular_values = [4, 2, 1], seed = 0):
  T = orthogonal(8) diag(4, 2, 1, 0 …) orthogonal(8)ᵀ from the body's random sites 0 and 1,
  x = whiten(normal(8, 200)) from site 2, y = T x (noise 0); dyn's streams rebuilt by
  dyn_draws.py;
- θ(0): deep_linear(d = 8, width = 8, out = 8, depth = 4, scale = 0.1, seed = 1): W1, W[2], W[3],
  WL (parameters 0 … 3), each 8×8 with entries 0.1·√(1/8)·normal k of stream derive(1, p);
- gradient flow dW_l/dt = −∂L/∂W_l of L = (1/2n) Σ_μ ‖W4 W3 W2 W1 x_μ − y_μ‖² up to t = 400, by
  scipy's DOP853 (rtol 1e-11, atol 1e-15, restarted at every recorded time, so no dense-output
  interpolation), recorded at t = 0 and log(0.1, 400, 40) = 0.1·4000^{i/39};
- the observables from their definitions (docs/LANGUAGE.md): loss, singular_values (the 8 σ's of
  the end-to-end map W4 W3 W2 W1, descending), layer_singular_values(top = 4) (σ1…σ4 of each
  tensor, component 4ℓ + i);
- the example's 27 checks, `at` interpolating linearly between recorded times (as dyn's `at`
  does), with their relative margins, and also at the exact times from the integration.

Then it compares every row with examples/deep_linear_staircase.out (6 significant digits) and,
with --dyn-csv, with a full-precision `report csv` of the same dyn run (used only as the numbers
compared against); with --dyn-theta it compares its θ(0) with dyn's `report params` export. The
largest relative difference per column is printed per phase: before the first escape (loss
above 6.5), after the first (2.5 plateau), second (0.5 plateau) and third (loss below 0.25).
To separate integrator error from a real difference it also integrates at rtol 1e-8 (DOP853)
and with scipy's RK45 (Dormand–Prince 5(4), dyn's method) at dyn's rtol 1e-8, atol 1e-12, and
prints their differences from the rtol 1e-11 run the same way.

Usage: python3 tools/example_checks/deep_linear_staircase.py [--dyn-csv gf.csv]
           [--dyn-theta theta.npz]
About 1 minute (one core). The dyn files were made with
    cp examples/deep_linear_staircase.dyn /tmp/s/dls.dyn
    printf 'report csv("gf.csv")\nreport params("theta.npz", gf)\n' >> /tmp/s/dls.dyn
    ./dyn run /tmp/s/dls.dyn --out /tmp/out_dls
then --dyn-csv /tmp/out_dls/gf.csv --dyn-theta /tmp/out_dls/theta.npz.

Results (this session): the data whitened to 8.9e-16, σ(T) = 4, 2, 1; θ(0) within 2 ulps of
dyn's export (numpy log/cos against fdlibm). All 1025 cells of the two tables round to the
golden's 6 digits. Against dyn's full-precision csv, the largest relative difference over all 25
columns, per phase (before the first escape / after the first / second / third):
7.4e-8 / 3.6e-9 / 7.6e-9 / 8.6e-8; the phase-0 worst is σ_8 at t = 0.84, where it passes near
zero (3.4e-10, |Δ| = 2.5e-17), the phase-3 worst the loss's 1.8e-9 residual; as |Δσ|/σ_1 the
singular values differ by 8.8e-9 / 2.6e-9 / 7.6e-9 / 4.4e-9. That is integrator error of dyn's
rtol 1e-8: scipy's RK45 (Dormand–Prince 5(4)) at dyn's rtol 1e-8, atol 1e-12 differs from the
reference by 2.7e-9 / 3.4e-9 / 5.7e-9 / 9.8e-8 (|Δσ|/σ_1 2.7e-9 / 2.2e-9 / 5.6e-9 / 4.7e-9),
DOP853 at rtol 1e-8 by 3.0e-9 / 1.2e-8 / 1.5e-8 / 5.9e-8, and a copy of the example run by dyn
at rtol 1e-10, atol 1e-14 comes to 1.3e-8 / 4.0e-10 / 3.8e-9 / 3.1e-9 (|Δσ|/σ_1 8.8e-11 /
6.5e-14 / 9.4e-11 / 4.0e-11): dyn's differences shrink with its tolerance. Agreement does not
degrade at the escapes (α = 0.1 is not small enough for the escape times to amplify 1e-8
errors visibly). All 27 checks hold here, margins relative to the bound: loss at t = 25 and 50
(2.49915, 0.499895) +0.98 … +1.02% inside the ±1% band; final loss 1.8e-9 against 1e-6;
σ_k ≈ s_k (4, 2, 1 to 1e-6) +1.01%; σ_{k+1} < 0.1 s_k by ≥ 99.9%; the 12 layer gaps
σ_{k+1} < 0.2 σ_k by 17–44% (tightest: W[3] at t = 150, 0.1658 against 0.1997); final layer σ's
1.41169 (margins 0.83%, 1.17%) and 1.00163 (1.17%, 0.83%). `at` read at the exact time instead
of interpolated changes no verdict (a margin moves by at most 0.2 percentage points).
The comment's claims hold: plateaus at 10.5, 2.5, 0.5 (10.4995, 2.49913, 0.499839 at t = 8.7,
25.2, 59), learned modes at s_k^¼ in every layer (1.410–1.420, 1.187–1.190, 0.997–1.003); the
unlearned σ's are 0.072–0.189 at init and σ_4 = 0.118–0.166 at t = 400 ("≈ 0.15" only
roughly). The init is not exactly balanced (‖W_{l+1}ᵀW_{l+1} − W_l W_lᵀ‖_max = 0.016, conserved
by the flow), small next to the learned σ² ≥ 1.
"""
import argparse, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "deep_linear_staircase.out")
D, WIDTH, OUT, N, DEPTH, ALPHA, SEED = 8, 8, 8, 200, 4, 0.1, 0
S = [4.0, 2.0, 1.0]
TIMES = np.concatenate([[0.0], 0.1 * 4000.0 ** (np.arange(40) / 39.0)])
NAMES = ["W1", "W[2]", "W[3]", "WL"]


def data():
    U = dd.orthogonal(dd.site_stream(SEED, 0), OUT)
    V = dd.orthogonal(dd.site_stream(SEED, 1), D)
    Sig = np.zeros((OUT, D))
    Sig[:3, :3] = np.diag(S)
    T = U @ Sig @ V.T
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 2), D, N))
    y = T @ x  # + 0 · normal(out, n) from site 3
    return T, x, y


def theta0():
    shapes = [(WIDTH, D)] + [(WIDTH, WIDTH)] * (DEPTH - 2) + [(OUT, WIDTH)]
    return [dd.param(SEED + 1, p, r, c, 1.0 / c, scale=ALPHA) for p, (r, c) in enumerate(shapes)]


def product(W):
    P = W[0]
    for w in W[1:]:
        P = w @ P
    return P


def loss(W, x, y):
    R = product(W) @ x - y
    return 0.5 * np.sum(R * R) / x.shape[1]


def make_rhs(x, y):
    n = x.shape[1]
    Sxx, Syx = x @ x.T / n, y @ x.T / n

    def rhs(t, v):
        W = [v[64 * l:64 * (l + 1)].reshape(8, 8) for l in range(DEPTH)]
        G = product(W) @ Sxx - Syx  # ∂L/∂P, P = W4 W3 W2 W1
        out = []
        for l in range(DEPTH):
            left = np.eye(8)
            for w in W[l + 1:]:
                left = w @ left
            right = np.eye(8)
            for w in W[:l]:
                right = w @ right
            out.append(-(left.T @ G @ right.T).ravel())  # ∂L/∂W_l = Aᵀ G Bᵀ, P = A W_l B
        return np.concatenate(out)

    return rhs


def observe(W, x, y):
    sv = np.linalg.svd(product(W), compute_uv=False)
    lsv = np.concatenate([np.linalg.svd(w, compute_uv=False)[:4] for w in W])
    return np.concatenate([[loss(W, x, y)], sv, lsv])


def integrate(x, y, W0, method="DOP853", rtol=1e-11, atol=1e-15):
    rhs = make_rhs(x, y)
    v = np.concatenate([w.ravel() for w in W0])
    rows = [observe(W0, x, y)]
    for a, b in zip(TIMES[:-1], TIMES[1:]):
        sol = solve_ivp(rhs, (a, b), v, method=method, rtol=rtol, atol=atol)
        assert sol.success, sol.message
        v = sol.y[:, -1]
        rows.append(observe([v[64 * l:64 * (l + 1)].reshape(8, 8) for l in range(DEPTH)], x, y))
    return np.array(rows), v


def at_exact(x, y, W0, t, rtol=1e-11, atol=1e-15):
    """The observables at time t itself (an integration to t, no interpolation)."""
    v = np.concatenate([w.ravel() for w in W0])
    sol = solve_ivp(make_rhs(x, y), (0, t), v, method="DOP853", rtol=rtol, atol=atol)
    v = sol.y[:, -1]
    return observe([v[64 * l:64 * (l + 1)].reshape(8, 8) for l in range(DEPTH)], x, y)


COLS = ["gf.loss"] + [f"gf.singular_values[{k}]" for k in range(8)] + \
       [f"gf.layer_singular_values[{k}]" for k in range(16)]


def read_golden():
    lines = open(GOLDEN_OUT).read().splitlines()
    tables, cur = [], None
    for ln in lines:
        if ln.strip().startswith("t ") and "gf." in ln:
            cur = {"cols": ln.split()[1:], "rows": []}
            tables.append(cur)
        elif cur is not None and ln.strip() and ln.split()[0][0].isdigit():
            cur["rows"].append([float(s) for s in ln.split()])
        elif cur is not None and not ln.strip() and cur["rows"]:
            cur = None
    out = {}
    for tb in tables:
        R = np.array(tb["rows"])
        out["t"] = R[:, 0]
        for j, c in enumerate(tb["cols"]):
            out[c] = R[:, j + 1]
    return out


def read_csv(path):
    import csv
    with open(path) as f:
        r = list(csv.reader(f))
    head, body = r[0], np.array([[float(v) for v in row] for row in r[1:]])
    return {h: body[:, j] for j, h in enumerate(head)}


def phase_of(L):
    """0 before the first escape, k after the k-th (loss levels 10.5, 2.5, 0.5, 0)."""
    return np.searchsorted(-np.array([6.5, 1.5, 0.25]), -L, side="right")


def rel(a, b):
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-300)


def table(title, mine, other, phases, cols=COLS):
    print(f"\n{title}: largest relative difference per column, by phase "
          "(0: t ≤ 16.5, before the first escape; 1: 20.4–31.2; 2: 38.6–90.3; 3: t ≥ 111.7)")
    print(f"{'column':>30} " + " ".join(f"{'phase ' + str(p):>10}" for p in range(4)) + "  (row of the largest)")
    worst = np.zeros(4)
    for j, c in enumerate(cols):
        r = rel(mine[:, j], other[c])
        cells, where = [], []
        for p in range(4):
            m = phases == p
            cells.append(r[m].max())
            where.append(TIMES[m][np.argmax(r[m])])
            worst[p] = max(worst[p], r[m].max())
        print(f"{c:>30} " + " ".join(f"{v:10.2e}" for v in cells) + "  t = " + ", ".join(f"{w:.4g}" for w in where))
    print(f"{'all columns':>30} " + " ".join(f"{v:10.2e}" for v in worst))
    return worst


def check_list(series_at, final):
    """The example's checks as (text, lhs, op, rhs)."""
    L, sv, lsv = "gf.loss", "gf.singular_values", "gf.layer_singular_values"
    c = []
    c.append(("at(gf.loss, 25) > 0.99 * 2.5", series_at(L, 25), ">", 0.99 * 2.5))
    c.append(("at(gf.loss, 25) < 1.01 * 2.5", series_at(L, 25), "<", 1.01 * 2.5))
    c.append(("at(gf.loss, 50) > 0.99 * 0.5", series_at(L, 50), ">", 0.99 * 0.5))
    c.append(("at(gf.loss, 50) < 1.01 * 0.5", series_at(L, 50), "<", 1.01 * 0.5))
    c.append(("final(gf.loss) < 1e-6", final(L), "<", 1e-6))
    c.append(("at(sv[0], 25) > 0.99 * 4", series_at(f"{sv}[0]", 25), ">", 0.99 * 4))
    c.append(("at(sv[1], 25) < 0.1 * 4", series_at(f"{sv}[1]", 25), "<", 0.1 * 4))
    c.append(("at(sv[1], 50) > 0.99 * 2", series_at(f"{sv}[1]", 50), ">", 0.99 * 2))
    c.append(("at(sv[2], 50) < 0.1 * 2", series_at(f"{sv}[2]", 50), "<", 0.1 * 2))
    c.append(("at(sv[2], 150) > 0.99 * 1", series_at(f"{sv}[2]", 150), ">", 0.99 * 1))
    c.append(("at(sv[3], 150) < 0.1 * 1", series_at(f"{sv}[3]", 150), "<", 0.1 * 1))
    for t, k in [(25, 1), (50, 2), (150, 3)]:
        for l in range(4):
            c.append((f"at(lsv[{4 * l + k}], {t}) < 0.2 * at(lsv[{4 * l + k - 1}], {t})",
                      series_at(f"{lsv}[{4 * l + k}]", t), "<",
                      0.2 * series_at(f"{lsv}[{4 * l + k - 1}]", t)))
    c.append(("final(lsv[0]) > 0.99 * 1.41421", final(f"{lsv}[0]"), ">", 0.99 * 1.41421))
    c.append(("final(lsv[0]) < 1.01 * 1.41421", final(f"{lsv}[0]"), "<", 1.01 * 1.41421))
    c.append(("final(lsv[14]) > 0.99", final(f"{lsv}[14]"), ">", 0.99))
    c.append(("final(lsv[14]) < 1.01", final(f"{lsv}[14]"), "<", 1.01))
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv", action="append", default=[],
                    help="a dyn csv of this run (repeatable, e.g. the example and a copy at rtol 1e-10)")
    ap.add_argument("--dyn-theta")
    args = ap.parse_args()
    t0 = time.time()

    T, x, y = data()
    W0 = theta0()
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e; σ(T) = %s; ‖y − T x‖ = 0"
          % (np.abs(x @ x.T / N - np.eye(D)).max(), np.round(np.linalg.svd(T, compute_uv=False)[:4], 12)))
    if args.dyn_theta:
        th = np.load(args.dyn_theta)
        for name, w in zip(NAMES, W0):
            print(f"θ(0) {name}: {dd.ulps(w, th['init/' + name]):.0f} ulps from dyn's export")

    rows, vend = integrate(x, y, W0)
    print(f"reference integration (DOP853, rtol 1e-11, atol 1e-15): {time.time() - t0:.0f} s")
    phases = phase_of(rows[:, 0])
    print("recorded times per phase:", [int((phases == p).sum()) for p in range(4)])

    # Integrator noise: the same flow at looser tolerances, against the reference.
    for label, kw in [("DOP853 rtol 1e-8, atol 1e-12", dict(method="DOP853", rtol=1e-8, atol=1e-12)),
                      ("RK45 (Dormand–Prince 5(4), dyn's method and tolerances) rtol 1e-8, atol 1e-12",
                       dict(method="RK45", rtol=1e-8, atol=1e-12))]:
        alt, _ = integrate(x, y, W0, **kw)
        table(f"integrator noise: {label} vs the reference", alt,
              {c: rows[:, j] for j, c in enumerate(COLS)}, phases)
        print("  singular_values as |difference|/σ_1, worst per phase: "
              + ", ".join(f"{(np.abs(rows[:, 1:9] - alt[:, 1:9]) / rows[:, 1:2])[phases == p].max():.1e}" for p in range(4)))

    gold = read_golden()
    assert np.allclose(gold["t"], TIMES, rtol=1e-5), "the golden's times are not log(0.1, 400, 40)"
    rounded = np.array([[float(f"{v:.6g}") for v in r] for r in rows])
    table("this recomputation vs examples/deep_linear_staircase.out (6 significant digits)",
          rows, gold, phases)
    digits = [(c, i) for j, c in enumerate(COLS) for i in range(len(TIMES)) if rounded[i, j] != gold[c][i]]
    print(f"cells whose 6-digit rounding differs from the golden's: {len(digits)} of {rows.size}"
          + (": " + ", ".join(f"{c}@t={TIMES[i]:.4g}" for c, i in digits[:12]) if digits else ""))
    for path in args.dyn_csv:
        dcsv = read_csv(path)
        assert np.allclose(dcsv["t"], TIMES, rtol=1e-13, atol=0)
        table(f"this recomputation vs dyn's full-precision csv {path}", rows, dcsv, phases)
        sv = np.array([dcsv[f"gf.singular_values[{k}]"] for k in range(8)]).T
        print("  singular_values as |difference|/σ_1 (absolute, on the end-to-end map's scale), worst per phase: "
              + ", ".join(f"{(np.abs(rows[:, 1:9] - sv) / rows[:, 1:2])[phases == p].max():.1e}" for p in range(4)))

    series = {c: rows[:, j] for j, c in enumerate(COLS)}

    def at_interp(name, t):
        return float(np.interp(t, TIMES, series[name]))

    exact = {t: at_exact(x, y, W0, t) for t in (25, 50, 150)}

    def at_true(name, t):
        return float(exact[t][COLS.index(name)])

    def final(name):
        return float(series[name][-1])

    print("\nchecks (margin = how far the value is inside its bound, relative to the bound); "
          "`at` as dyn reads it (linear between recorded times), and at the exact time")
    all_hold = True
    for (text, lhs, op, rhs), (_, lhs2, _, rhs2) in zip(check_list(at_interp, final), check_list(at_true, final)):
        ok = lhs > rhs if op == ">" else lhs < rhs
        ok2 = lhs2 > rhs2 if op == ">" else lhs2 < rhs2
        m = (lhs - rhs) / abs(rhs) * (1 if op == ">" else -1)
        m2 = (lhs2 - rhs2) / abs(rhs2) * (1 if op == ">" else -1)
        all_hold &= ok and ok2
        print(f"  {'PASS' if ok else 'FAIL'} {text:48} value {lhs:.6g} vs {rhs:.6g}: margin {m:+.3g}"
              f"   (exact t: {lhs2:.6g} vs {rhs2:.6g}, {m2:+.3g}, {'PASS' if ok2 else 'FAIL'})")
    print("all checks hold:", all_hold)

    # Claims of the example's comment.
    W = [vend[64 * l:64 * (l + 1)].reshape(8, 8) for l in range(DEPTH)]
    mid = [int(np.argmin(np.abs(TIMES - t))) for t in (8.7, 25.2, 59.0)]
    print("\nclaims: plateau levels ½Σ_{j>k}s_j² = 10.5, 2.5, 0.5, 0; loss at the plateau middles "
          "t = %s: %s; final %.3g" % (", ".join(f"{TIMES[i]:.4g}" for i in mid),
                                     ", ".join(f"{series['gf.loss'][i]:.6g}" for i in mid), series["gf.loss"][-1]))
    print("  learned-mode σ per layer at t = 400 (claim s_k^¼ = %.4f, %.4f, 1):"
          % (4 ** 0.25, 2 ** 0.25))
    for name, w in zip(NAMES, W):
        print(f"    {name}: " + ", ".join(f"{s:.5f}" for s in np.linalg.svd(w, compute_uv=False)[:4]))
    lsv0 = rows[0, 9:]
    print("  unlearned σ's at init (claim ≈ 0.15): %.3f … %.3f; at t = 400, each layer's σ_4: %s"
          % (lsv0.min(), lsv0.max(), ", ".join(f"{rows[-1, 9 + 4 * l + 3]:.3f}" for l in range(4))))
    print("  balance: ‖W_{l+1}ᵀW_{l+1} − W_l W_lᵀ‖_max at t = 0 and 400: %.3g, %.3g"
          % (max(np.abs(W0[l + 1].T @ W0[l + 1] - W0[l] @ W0[l].T).max() for l in range(3)),
             max(np.abs(W[l + 1].T @ W[l + 1] - W[l] @ W[l].T).max() for l in range(3))))
    print(f"total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
