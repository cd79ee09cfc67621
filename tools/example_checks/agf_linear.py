#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/agf_linear.dyn.

Recomputed here, with no number read from dyn (dyn's files are only compared against):
- the data: linear_teacher(d = 4, out = 4, n = 200, singular_values = [6, 3, 1.5], whiten = true,
  seed = 0) from stdlib/datasets.dyn: T = orthogonal(4)·diag(6, 3, 1.5, 0)·orthogonal(4)ᵀ from the
  body's random sites 0 and 1, x = whiten(normal(4, 200)) from site 2, y = T x (noise 0);
- θ(0): two_layer(d = 4, width = 6, out = 4, act = linear, scale = 1e-6, seed = 1):
  W1 = α·√(1/4)·normal (parameter 0), W2 = α·√(1/6)·normal (parameter 1), dyn_draws.param;
  neuron i = (W1[i, :], W2[:, i]);
- AGF (reference §1.2, §1.3, §1.5) by agf_common.py: a dormant neuron z = (w, a) follows the exact
  frozen-residual flow dz/dt = M z, M = [[0, Σᵀ], [Σ, 0]], Σ = (1/n) r xᵀ (closed form by eigh: no
  Euler step, the random initial direction's rotation included) and fires at ‖z‖ = 1, i.e.
  S_i = ln(1/‖θ_i(0)‖); the cost phase minimises L over the active neurons by BFGS from their
  previous values and the new neuron at its direction with norm 1, checked against the
  reduced-rank regression (§1.5; whitened: the rank-k truncation of T), whose residual feeds
  the next round; a reversed or collapsed (norm < 1e-2) active neuron would return to dormant
  (never happens here: asserted); stop at `until` = 12. Against the closed form
  τ_k = ln(1/‖θ(0)‖)/s_k with ‖θ(0)‖ = √2α (the comment's) and ℓ_k = ½ Σ_{j>k} s_j²;
- `gf`: gradient flow of L = (1/2n)‖y − W2 W1 x‖²_F by scipy DOP853 (rtol 1e-12, atol 1e-16) at
  {0} ∪ log(0.01, 12, 220), loss and neuron norms;
- the staircase compare c1 (docs/LANGUAGE.md; agf_common.staircase) with its tolerances.

Usage: python3 tools/example_checks/agf_linear.py [--dyn-csv full.csv --dyn-json full.json]
About 10 s (one core). The dyn files were made with
    sed 's|report csv("agf_linear.csv")|&\\nreport json("agf_linear.json")|' \\
        examples/agf_linear.dyn > /tmp/s/agf_linear.dyn
    ./dyn run /tmp/s/agf_linear.dyn --out /tmp/out
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import agf_common as ac  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "agf_linear.out")
D, OUT, H, N, ALPHA, SEED, UNTIL = 4, 4, 6, 200, 1e-6, 0, 12.0
S = np.array([6, 3, 1.5])
TIME_RTOL = 1 / np.log(1 / ALPHA)
LEVEL_RTOL = 0.05


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


GF_TIMES = log_grid(0.01, UNTIL, 220)


def data():
    U = dd.orthogonal(dd.site_stream(SEED, 0), OUT)
    V = dd.orthogonal(dd.site_stream(SEED, 1), D)
    T = U @ np.diag(np.concatenate([S, np.zeros(D - len(S))])) @ V.T
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 2), D, N))
    return T, x, T @ x


def init():
    return (dd.param(SEED + 1, 0, H, D, 1.0 / D, scale=ALPHA),
            dd.param(SEED + 1, 1, OUT, H, 1.0 / H, scale=ALPHA))


def loss_of(B, x, y):
    r = y - B @ x
    return 0.5 * float(np.sum(r * r)) / x.shape[1]


def observe(W1, W2, x, y):
    return np.concatenate([[loss_of(W2 @ W1, x, y)], np.sqrt(np.sum(W1 ** 2, 1) + np.sum(W2 ** 2, 0))])


def flow(x, y, W1, W2):
    Syx, Sxx = y @ x.T / N, x @ x.T / N

    def rhs(t, w):
        A, B = w[:H * D].reshape(H, D), w[H * D:].reshape(OUT, H)
        E = Syx - B @ A @ Sxx                     # −∂L/∂(W2 W1)
        return np.concatenate([(B.T @ E).ravel(), (E @ A.T).ravel()])
    w = np.concatenate([W1.ravel(), W2.ravel()])
    rows = [observe(W1, W2, x, y)]
    for a, b in zip(GF_TIMES[:-1], GF_TIMES[1:]):
        sol = solve_ivp(rhs, (a, b), w, method="DOP853", rtol=1e-12, atol=1e-16)
        assert sol.success, sol.message
        w = sol.y[:, -1]
        rows.append(observe(w[:H * D].reshape(H, D), w[H * D:].reshape(OUT, H), x, y))
    return np.array(rows)


def agf(x, y, W1, W2):
    """AGF (reference §1.3) with exact utility phases; returns τ, ℓ, features, diagnostics."""
    z = [np.concatenate([W1[i], W2[:, i]]) for i in range(H)]   # (w_i, a_i)
    norm0 = np.array([np.linalg.norm(zi) for zi in z])
    Syx = y @ x.T / N
    active, params = [], {}
    t, taus, feats = 0.0, [], []
    levels = [loss_of(np.zeros((OUT, D)), x, y)]
    diag = []
    B = np.zeros((OUT, D))
    while True:
        Sig = (y - B @ x) @ x.T / N                # Σ_rx
        M = np.block([[np.zeros((D, D)), Sig.T], [Sig, np.zeros((OUT, OUT))]])
        F = ac.LinearFlow(M)
        flows = [None if i in active else F for i in range(H)]
        tf, i = ac.first_fire(flows, z, t, UNTIL)
        if tf is None:
            break
        z = [zi if f is None else f(zi, tf - t) for f, zi in zip(flows, z)]
        t = tf
        zbar = z[i] / np.linalg.norm(z[i])
        # near ties (docs: dormant neurons at ≥ 0.9 of the threshold norm when one fires)
        near = [(j, np.linalg.norm(z[j])) for j in range(H) if j not in active and j != i
                and np.linalg.norm(z[j]) >= 0.9]
        params[i] = (zbar[:D].copy(), zbar[D:].copy())
        active.append(i)
        A = sorted(active)
        k = len(A)

        def f(w):
            Wa = w[:k * D].reshape(k, D)
            Wb = w[k * D:].reshape(OUT, k)
            r = y - Wb @ Wa @ x
            E = r @ x.T / N
            return 0.5 * np.sum(r * r) / N, np.concatenate([(-Wb.T @ E).ravel(), (-E @ Wa.T).ravel()])
        w0 = np.concatenate([np.array([params[j][0] for j in A]).ravel(),
                             np.array([params[j][1] for j in A]).T.ravel()])
        out0 = {j: params[j][1] @ Syx @ params[j][0] for j in A}
        res = minimize(f, w0, jac=True, method="BFGS", options=dict(gtol=1e-13, maxiter=100000))
        Wa = res.x[:k * D].reshape(k, D)
        Wb = res.x[k * D:].reshape(OUT, k)
        for n_, j in enumerate(A):
            params[j] = (Wa[n_], Wb[:, n_])
            nj = np.sqrt(Wa[n_] @ Wa[n_] + Wb[:, n_] @ Wb[:, n_])
            assert nj > 1e-2, "an active neuron collapsed: AGF would return it to dormant"
        # the reduced-rank regression (whitened: rank-k truncation of Σyx)
        u, sv, vt = np.linalg.svd(Syx)
        Bk = (u[:, :k] * sv[:k]) @ vt[:k]
        lev_rrr = loss_of(Bk, x, y)
        diag.append(dict(bfgs_level=res.fun, rrr_level=lev_rrr,
                         prod_gap=np.abs(Wb @ Wa - Bk).max(), grad=np.abs(res.jac).max(), near=near))
        B = Bk
        taus.append(t)
        levels.append(lev_rrr)
        feats.append(i)
    return np.array(taus), np.array(levels), feats, diag, norm0


def agf_euler(x, y, W1, W2, h=1e-3):
    """The same AGF with reference §1.3 step 2's explicit Euler utility phase (step h: S_i += κhU_i,
    z̄_i ← normalize(z̄_i + h∇U_i)), the crossing placed by linear interpolation inside the last
    step, to size the `step` discretisation in dyn's prediction. Cost phases as in agf()."""
    zb = [np.concatenate([W1[i], W2[:, i]]) for i in range(H)]
    c = np.array([np.log(1 / np.linalg.norm(v)) for v in zb])
    zb = [v / np.linalg.norm(v) for v in zb]
    Sacc = np.zeros(H)
    Syx = y @ x.T / N
    u, sv, vt = np.linalg.svd(Syx)
    active, taus, feats, t, B = [], [], [], 0.0, np.zeros((OUT, D))
    while t < UNTIL and len(active) < H:
        Sig = (y - B @ x) @ x.T / N
        M = np.block([[np.zeros((D, D)), Sig.T], [Sig, np.zeros((OUT, OUT))]])
        dorm = [i for i in range(H) if i not in active]
        Z = np.array([zb[i] for i in dorm]).T
        fired = None
        while t < UNTIL:
            MZ = M @ Z
            U = 0.5 * np.sum(Z * MZ, 0)
            Snew = Sacc[dorm] + 2 * h * U
            over = np.flatnonzero(Snew >= c[dorm])
            if over.size:
                fr = (c[dorm] - Sacc[dorm]) / (Snew - Sacc[dorm])
                j = over[np.argmin(fr[over])]
                fired = (t + fr[j] * h, dorm[j])
            Sacc[dorm] = Snew
            Z = Z + h * MZ
            Z /= np.linalg.norm(Z, axis=0)
            t += h
            if fired:
                break
        for n_, i in enumerate(dorm):
            zb[i] = Z[:, n_]
        if not fired:
            break
        taus.append(fired[0])
        feats.append(fired[1])
        active.append(fired[1])
        k = len(active)
        B = (u[:, :k] * sv[:k]) @ vt[:k]
    return np.array(taus), feats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-json")
    args = ap.parse_args()
    T, x, y = data()
    W1, W2 = init()
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e; σ(T) =" % np.abs(x @ x.T / N - np.eye(D)).max(),
          np.round(np.linalg.svd(T, compute_uv=False), 12))

    tau, lev, feats, diag, norm0 = agf(x, y, W1, W2)
    c = np.log(1 / (np.sqrt(2) * ALPHA))
    cf_tau = c / S
    cf_lev = [0.5 * np.sum(S[k:] ** 2) for k in range(4)]
    print("‖θ_i(0)‖/α =", np.round(norm0 / ALPHA, 4), "; ln(1/‖θ_i(0)‖) =", np.round(np.log(1 / norm0), 4))
    print("\nAGF (exact utility phases; cost phase BFGS, levels from the reduced-rank regression):")
    print(f"{'jump':>4} {'τ here':>20} {'ln(1/(√2α))/s_k':>16} {'ℓ here':>22} {'½Σ_{j>k}s²':>11} neuron")
    for k in range(len(tau)):
        print(f"{k + 1:4d} {tau[k]:20.15f} {cf_tau[k]:16.6f} {lev[k + 1]:22.15e} {cf_lev[k + 1]:11.6f} {feats[k]:6d}")
    for k, d_ in enumerate(diag):
        print(f"  round {k + 1}: BFGS level {d_['bfgs_level']:.3e} vs RRR {d_['rrr_level']:.3e}, "
              f"‖W2W1 − T_k‖_max {d_['prod_gap']:.1e}, ‖∇L‖_max {d_['grad']:.1e}; dormant ≥ 0.9: "
              + (", ".join(f"neuron {j} at {nn:.3f}" for j, nn in d_['near']) or "none"))

    te, fe = agf_euler(x, y, W1, W2)
    print("  Euler utility phase (h = 1e-3, §1.3 step 2): τ =", np.round(te, 6), "neurons", fe,
          "; exact − Euler:", ", ".join(f"{(a / b - 1):+.1e}" for a, b in zip(tau, te)))
    if args.dyn_json:
        dp = [j_["predicted_time"] for j_ in ac.json_compares(args.dyn_json)["c1"]["jumps"]]
        print("  dyn's predicted times", np.round(dp, 6), "; Euler here − dyn:",
              ", ".join(f"{(a / b - 1):+.1e}" for a, b in zip(te, dp)),
              "; exact here − dyn:", ", ".join(f"{(a / b - 1):+.1e}" for a, b in zip(tau, dp)))
    gf = flow(x, y, W1, W2)
    golden = ac.golden_compares(GOLDEN_OUT)
    dj = ac.json_compares(args.dyn_json) if args.dyn_json else None
    rows, passed = ac.staircase(GF_TIMES, gf[:, 0], gf[:, 1:], tau, lev, TIME_RTOL, LEVEL_RTOL)
    name = "c1"
    ac.print_compare(name, rows, passed, golden[name], tau, lev, feats, TIME_RTOL, dj)

    if args.dyn_csv:
        t, s = ac.csv_series(args.dyn_csv, "gf")
        assert np.allclose(t, GF_TIMES, rtol=1e-14, atol=0), "grid differs"
        cols = ["gf.loss"] + [f"gf.neuron_norms[{i}]" for i in range(H)]
        worst = [np.max(np.abs(gf[:, j] - s[c_]) / np.abs(s[c_])) for j, c_ in enumerate(cols)]
        e = np.abs(gf[:, 0] - s[cols[0]]) / s[cols[0]]
        jw = int(np.argmax(e))
        print(f"\ngf vs dyn csv ({len(t)} rows): largest relative difference loss {worst[0]:.1e} "
              f"(t = {t[jw]:.4g}, L = {s[cols[0]][jw]:.3g}; {e[gf[:, 0] > 1e-3].max():.1e} where L > 1e-3), "
              f"norms {max(worst[1:]):.1e}")

    print("\ncomment: τ ≈ ln(1/(√2α))/s =", np.round(cf_tau, 4), "; levels", cf_lev,
          f"; tolerance 1/ln(1/α) = {TIME_RTOL:.4f}")
    print("  AGF here against that closed form: " + ", ".join(f"{(a / b - 1):+.2%}" for a, b in zip(tau, cf_tau)))
    print("all compares as declared (PASS):", passed)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
