#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/saddle_linear.dyn (the README's example).

Recomputed here, with no number read from dyn (dyn's files are only compared against):
- the data: linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3, 2, 1], whiten = true,
  n_test = 100, seed = 0) from stdlib/datasets.dyn: T = orthogonal(6)·diag(5, 3, 2, 1, 0, 0)·
  orthogonal(6)ᵀ from the body's random sites 0 and 1, x = whiten(normal(6, 200)) from site 2,
  y = T x (the noise term, site 3, is multiplied by 0), x_test = normal(6, 100) from site 4 (not
  whitened), y_test = T x_test (dyn_draws.py);
- θ(0): two_layer(d = 6, width = 8, out = 6, act = linear, scale = α = 1e-4, seed = 1):
  W1 = α·√(1/6)·normal (parameter 0), W2 = α·√(1/8)·normal (parameter 1);
- `gf`: gradient flow of L = (1/2n)‖y − W2 W1 x‖²_F by scipy DOP853 (rtol 1e-12, atol 1e-20,
  restarted at every recorded time) at {0} ∪ log(0.01, 16, 40);
- `gd`: GD at lr 0.01, recorded at step round(t/lr);
- the observables: loss, test_loss (same loss on (x_test, y_test)), singular_values (the six σ's
  of W2 W1, descending);
- the example's 8 checks (`at` interpolating linearly in t between recorded times, `max_rel_diff`
  as max over shared t > 0 of |a − b|/|b|) with their margins;
- the comments' numbers: Saxe's half-times ln(s/α² − 1)/(2s) against this flow's (σ_k crossing
  s_k/2, by dense output), GD's growth rate in the plateau against GF's, GD's lag per mode, and
  the check values under the comment's mutations (α = 1e-3, 1e-6; model at 10α and at scale 1).
Integrator noise: the same flow by scipy RK45 at dyn's rtol 1e-9 against the DOP853 reference.

Usage: python3 tools/example_checks/saddle_linear.py [--dyn-csv saddle.csv] [--no-mutations]
About 1 minute (one core). The dyn csv is the example's own `report csv("saddle.csv")`:
    ./dyn run examples/saddle_linear.dyn --out /tmp/out   (then --dyn-csv /tmp/out/saddle.csv)
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import golden_out as go  # noqa: E402
import agf_common as ac  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "saddle_linear.out")
D, OUT, H, N, NT, SEED, LR, UNTIL = 6, 6, 8, 200, 100, 0, 0.01, 16.0
S = np.array([5.0, 3, 2, 1])


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


TIMES = log_grid(0.01, UNTIL, 40)


def data():
    U = dd.orthogonal(dd.site_stream(SEED, 0), OUT)
    V = dd.orthogonal(dd.site_stream(SEED, 1), D)
    T = U @ np.diag(np.concatenate([S, np.zeros(D - len(S))])) @ V.T
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 2), D, N))
    xt = dd.normal_matrix(dd.site_stream(SEED, 4), D, NT)
    return T, x, T @ x, xt, T @ xt


def init(scale):
    return (dd.param(SEED + 1, 0, H, D, 1.0 / D, scale=scale),
            dd.param(SEED + 1, 1, OUT, H, 1.0 / H, scale=scale))


def loss_of(B, x, y):
    r = y - B @ x
    return 0.5 * float(np.sum(r * r)) / x.shape[1]


def observe(w, x, y, xt, yt):
    B = w[H * D:].reshape(OUT, H) @ w[:H * D].reshape(H, D)
    return np.concatenate([[loss_of(B, x, y), loss_of(B, xt, yt)], np.linalg.svd(B, compute_uv=False)])


def make_rhs(x, y):
    Syx, Sxx = y @ x.T / N, x @ x.T / N

    def rhs(t, w):
        A, B = w[:H * D].reshape(H, D), w[H * D:].reshape(OUT, H)
        E = Syx - B @ A @ Sxx
        return np.concatenate([(B.T @ E).ravel(), (E @ A.T).ravel()])
    return rhs


def flow(x, y, xt, yt, W1, W2, times=TIMES, method="DOP853", rtol=1e-12, atol=1e-20):
    rhs = make_rhs(x, y)
    w = np.concatenate([W1.ravel(), W2.ravel()])
    rows = [observe(w, x, y, xt, yt)]
    for a, b in zip(times[:-1], times[1:]):
        sol = solve_ivp(rhs, (a, b), w, method=method, rtol=rtol, atol=atol)
        assert sol.success, sol.message
        w = sol.y[:, -1]
        rows.append(observe(w, x, y, xt, yt))
    return np.array(rows)


def descent(x, y, xt, yt, W1, W2, times=TIMES):
    rhs = make_rhs(x, y)
    w = np.concatenate([W1.ravel(), W2.ravel()])
    rows, k = [], 0
    for s in np.rint(times / LR).astype(int):
        while k < s:
            w = w + LR * rhs(0, w)
            k += 1
        rows.append(observe(w, x, y, xt, yt))
    return np.array(rows)


def at(times, v, t):
    return float(np.interp(t, times, v))


def mrd(a, b):
    return float(np.max(np.abs(a[1:] - b[1:]) / np.abs(b[1:])))


def check_times(alpha):
    L = np.log(1 / alpha)
    t53 = np.sqrt((2 * L + np.log(5)) / 10 * (2 * L + np.log(3)) / 6)
    t21 = np.sqrt((2 * L + np.log(2)) / 4 * (2 * L) / 2)
    return t53, t21


def checks(gf, gd, alpha):
    t53, t21 = check_times(alpha)
    a53, a21 = at(TIMES, gf[:, 0], t53), at(TIMES, gf[:, 0], t21)
    return [("final(gf.loss) < 1e-6", gf[-1, 0], "<", 1e-6),
            ("final(gf.singular_values[0]) > 4.99", gf[-1, 2], ">", 4.99),
            ("final(gf.singular_values[3]) > 0.99", gf[-1, 5], ">", 0.99),
            ("max_rel_diff(gd.loss, gf.loss) < 0.2", mrd(gd[:, 0], gf[:, 0]), "<", 0.2),
            (f"at(gf.loss, {t53:.4f}) > 0.9 * 7", a53, ">", 6.3),
            (f"at(gf.loss, {t53:.4f}) < 1.1 * 7", a53, "<", 7.7),
            (f"at(gf.loss, {t21:.4f}) > 0.9 * 0.5", a21, ">", 0.45),
            (f"at(gf.loss, {t21:.4f}) < 1.1 * 0.5", a21, "<", 0.55)]


def holds(v, op, thr):
    return v < thr if op == "<" else v > thr


def half_times(x, y, W1, W2, until=UNTIL):
    """Times at which σ_k(W2 W1) crosses s_k/2 under gradient flow (dense output, brentq)."""
    rhs = make_rhs(x, y)
    w0 = np.concatenate([W1.ravel(), W2.ravel()])
    sol = solve_ivp(rhs, (0, until), w0, method="DOP853", rtol=1e-12, atol=1e-20, dense_output=True)
    sv = lambda t, k: np.linalg.svd(sol.sol(t)[H * D:].reshape(OUT, H) @ sol.sol(t)[:H * D].reshape(H, D),
                                    compute_uv=False)[k]
    out = []
    for k, s in enumerate(S):
        ts = np.linspace(0.01, until, 3201)
        v = np.array([sv(t, k) for t in ts]) - s / 2
        j = int(np.argmax(v > 0))
        out.append(brentq(lambda t: sv(t, k) - s / 2, ts[j - 1], ts[j], xtol=1e-12) if j > 0 else np.nan)
    return np.array(out)


def gd_half_times(x, y, W1, W2):
    rhs = make_rhs(x, y)
    w = np.concatenate([W1.ravel(), W2.ravel()])
    out, prev, k = [np.nan] * len(S), None, 0
    while k * LR < UNTIL:
        sv = np.linalg.svd(w[H * D:].reshape(OUT, H) @ w[:H * D].reshape(H, D), compute_uv=False)
        for j, s in enumerate(S):
            if np.isnan(out[j]) and sv[j] >= s / 2:
                a, b = prev[j] - s / 2, sv[j] - s / 2        # linear between steps
                out[j] = (k - 1 + (-a) / (b - a)) * LR
        prev = sv
        w = w + LR * rhs(0, w)
        k += 1
    return np.array(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--no-mutations", action="store_true")
    args = ap.parse_args()
    ALPHA = 1e-4
    T, x, y, xt, yt = data()
    W1, W2 = init(ALPHA)
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e; σ(T) =" % np.abs(x @ x.T / N - np.eye(D)).max(),
          np.round(np.linalg.svd(T, compute_uv=False), 12))
    gf = flow(x, y, xt, yt, W1, W2)
    gd = descent(x, y, xt, yt, W1, W2)
    cols = ["loss", "test_loss"] + [f"singular_values[{k}]" for k in range(6)]

    # ---- golden ------------------------------------------------------------------------------
    g = go.columns(GOLDEN_OUT)
    assert np.allclose(g["t"] if "t" in g else TIMES, TIMES, rtol=1e-5)
    print(f"\nagainst the golden ({len(TIMES)} rows, 6 significant digits): largest relative difference"
          " per column, and cells that do not read the same at 6 digits")
    for name, tr, j in [("gf.loss", gf, 0), ("gd.loss", gd, 0)] + \
            [(f"gf.singular_values[{k}]", gf, 2 + k) for k in range(6)]:
        gv = g[name]
        r = np.abs(tr[:, j] - gv) / np.abs(gv)
        bad = [i for i in range(len(gv)) if not ac.sig6(tr[i, j], gv[i])]
        print(f"  {name:24s} {r.max():.1e}   ≠6 digits: " +
              (", ".join(f"t={TIMES[i]:.4g} {tr[i, j]:.7g} vs {gv[i]:g}" for i in bad) or "none"))

    # ---- dyn's full-precision csv ------------------------------------------------------------
    if args.dyn_csv:
        for pre, tr in [("gf", gf), ("gd", gd)]:
            t, s = ac.csv_series(args.dyn_csv, pre)
            assert np.allclose(t, TIMES, rtol=1e-13, atol=0), "grid differs"
            out = []
            for j, c in enumerate(cols):
                if f"{pre}.{c}" not in s:
                    continue
                d_ = np.abs(tr[:, j] - s[f"{pre}.{c}"]) / np.abs(s[f"{pre}.{c}"])
                out.append(f"{c} {d_.max():.1e}")
                if c in ("loss", "test_loss"):
                    out[-1] += f" ({d_[tr[:, 0] > 1e-3].max():.1e} where L > 1e-3)"
            print(f"  {pre} vs dyn csv: " + ", ".join(out))
            if pre == "gf":
                sv = np.array([s[f"gf.singular_values[{k}]"] for k in range(6)]).T
                print(f"     gf σ's as a fraction of σ_1: {np.max(np.abs(gf[:, 2:] - sv) / sv[:, :1]):.1e}")

    # ---- integrator noise --------------------------------------------------------------------
    rk = flow(x, y, xt, yt, W1, W2, method="RK45", rtol=1e-9, atol=1e-20)
    e = np.abs(rk[:, 0] - gf[:, 0]) / gf[:, 0]
    print(f"\nintegrator noise: scipy RK45 at rtol 1e-9 vs DOP853 at 1e-12: loss {e.max():.1e} "
          f"({e[gf[:, 0] > 1e-3].max():.1e} where L > 1e-3), σ's / σ_1 "
          f"{np.max(np.abs(rk[:, 2:] - gf[:, 2:]) / gf[:, 2:3]):.1e}")

    # ---- checks ------------------------------------------------------------------------------
    print("\nchecks (value here | margin):")
    ok = True
    for name, v, op, thr in checks(gf, gd, ALPHA):
        h = holds(v, op, thr)
        ok &= h
        print(f"  {name:42s} {v:.6g}  {'PASS' if h else 'FAIL'}  margin {abs(v - thr):.3g} "
              f"({abs(v - thr) / abs(thr):.1%} of the threshold)")
    i = int(np.argmax(np.abs(gd[1:, 0] - gf[1:, 0]) / gf[1:, 0])) + 1
    print(f"  max_rel_diff is reached at t = {TIMES[i]:.4g} (gf {gf[i, 0]:.4g}, gd {gd[i, 0]:.4g})")

    # ---- the comments ------------------------------------------------------------------------
    th = np.log(S / ALPHA ** 2 - 1) / (2 * S)
    ht = half_times(x, y, W1, W2)
    hd = gd_half_times(x, y, W1, W2)
    print("\ncomment: Saxe half-times ln(s/α² − 1)/(2s) =", np.round(th, 3),
          "; this flow's σ_k = s_k/2 crossings:", np.round(ht, 3),
          "; GD's:", np.round(hd, 3), "; GD later by", ", ".join(f"{a / b - 1:+.2%}" for a, b in zip(hd, ht)))
    print("  GD growth rate per unit time in the plateau, relative to GF's 2s: 2·ln(1 + lr·s)/(lr·2s) =",
          np.round(np.log(1 + LR * S) / (LR * S), 4),
          "; the comment's ln(1 + 2·lr·s)/(2·lr·s) =", np.round(np.log(1 + 2 * LR * S) / (2 * LR * S), 4))
    # measured: σ_1 growth between t = 0.6 and 1.1 (small signal, top mode dominant)
    rhs = make_rhs(x, y)
    w = np.concatenate([W1.ravel(), W2.ravel()])
    sig = []
    for k in range(int(round(1.2 / LR)) + 1):
        if k in (70, 120):
            sig.append(np.linalg.svd(w[H * D:].reshape(OUT, H) @ w[:H * D].reshape(H, D), compute_uv=False)[0])
        w = w + LR * rhs(0, w)
    sol = solve_ivp(rhs, (0, 1.2), np.concatenate([W1.ravel(), W2.ravel()]), method="DOP853",
                    rtol=1e-12, atol=1e-20, t_eval=[0.7, 1.2])
    sg = [np.linalg.svd(sol.y[H * D:, j].reshape(OUT, H) @ sol.y[:H * D, j].reshape(H, D), compute_uv=False)[0]
          for j in range(2)]
    rgd, rgf = np.log(sig[1] / sig[0]) / 0.5, np.log(sg[1] / sg[0]) / 0.5
    print(f"  measured d ln σ_1/dt on t ∈ [0.7, 1.2]: GD {rgd:.4f}, GF {rgf:.4f} (2s = 10): ratio {rgd / rgf:.4f}")
    print("  plateau levels ½Σ_{j>k}s² =", [0.5 * float(np.sum(S[k:] ** 2)) for k in range(5)],
          "; zero modes at t = 16:", gf[-1, 6:], "(α² =", ALPHA ** 2, ")")

    if not args.no_mutations:
        print("\nthe comments' mutations (checks' clock at the alpha given, model drawn at `scale`):")
        for alpha, scale in [(1e-3, 1e-3), (1e-5, 1e-5), (1e-6, 1e-6), (1e-4, 1e-3), (1e-4, 1.0), (1.0, 1.0)]:
            V1, V2 = init(scale)
            f_ = flow(x, y, xt, yt, V1, V2, atol=1e-24)
            d_ = descent(x, y, xt, yt, V1, V2)
            cs = checks(f_, d_, alpha)
            print(f"  alpha {alpha:g}, scale {scale:g}: final loss {f_[-1, 0]:.3g}, σ_4 {f_[-1, 5]:.4g}, "
                  f"max_rel_diff {cs[3][1]:.3f}, at-values {cs[4][1]:.4g} (7) and {cs[6][1]:.4g} (0.5); "
                  "failing: " + (", ".join(c[0].split(" ")[0] + c[0][c[0].rfind(" "):] + f" {c[2]}"
                                           for c in cs if not holds(c[1], c[2], c[3])) or "none"))
    print("\nall 8 checks PASS here (golden: all PASS):", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
