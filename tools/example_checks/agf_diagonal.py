#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/agf_diagonal.dyn.

Recomputed here, with no number read from dyn (dyn's files are only compared against):
- the data: the example's own sparse_teacher(d = 6, n = 100, seed = 0): x = whiten(normal(6, 100))
  from the body's random site 0 (dyn_draws.py), y = β*ᵀx, β* = (3, 1.5, 0.75, 0, 0, 0);
- θ(0): diagonal(d = 6, scale = 1e-4, seed = 1): u = v = constant(1)·scale = α exactly;
- AGF (reference §1.2–1.4) by agf_common.py: each coordinate is a κ = 2 neuron z = (u_i, v_i),
  dormant neurons follow the exact frozen-residual flow dz/dt = M z (closed form by eigh, no Euler
  step) and fire at ‖z‖ = 1; the cost phase is least squares on the active coordinates
  (β_A = (X_A X_Aᵀ)⁻¹ X_A y, the §1.4 cost phase; also checked by minimising L over the active
  (u, v) with BFGS from the new neuron at norm 1), a reversed active coordinate would return to
  dormant (never happens here: asserted); stop at `until` = 16. Against the whitened closed form
  τ_k = ln(1/(√2α))/β*_(k), ℓ_k = ½ Σ_{j>k} β*_(j)²;
- `gf`: gradient flow of L = (1/2n)‖y − (u⊙v)ᵀx‖² by scipy DOP853 (rtol 1e-12, atol 1e-16) at
  {0} ∪ log(0.01, 16, 1000), and the whitened logistic closed form p_i(t) (reference §1.4);
- `gd`: GD at lr 0.01, recorded at step round(t/lr) of {0} ∪ log(1.2, 16, 300);
- both staircase compares (docs/LANGUAGE.md; agf_common.staircase) with their tolerances, and the
  comment's numbers: GF's midpoint crossings (ln(√2 − 1) + ln(β*/α² − 1))/(2β*), the relative
  lateness [ln(√2 − 1) + ln(2β*)]/(2 ln(1/(√2α))), GD's stretch lr·β*/ln(1 + lr·β*).

Usage: python3 tools/example_checks/agf_diagonal.py [--dyn-csv full.csv --dyn-json full.json]
About 10 s (one core). The dyn files were made with
    sed 's|report csv("agf_diagonal.csv")|&\\nreport json("agf_diagonal.json")|' \\
        examples/agf_diagonal.dyn > /tmp/s/agf_diagonal.dyn
    ./dyn run /tmp/s/agf_diagonal.dyn --out /tmp/out
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

GOLDEN_OUT = os.path.join(ROOT, "examples", "agf_diagonal.out")
D, N, ALPHA, SEED, LR, UNTIL = 6, 100, 1e-4, 0, 0.01, 16.0
BETA = np.array([3, 1.5, 0.75, 0, 0, 0])
C = np.log(1 / (np.sqrt(2) * ALPHA))
TIME_RTOL = 0.6 / C
TIME_RTOL_GD = 0.6 / C + 0.01 * 3 / 2
LEVEL_RTOL = 0.05


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


GF_TIMES = log_grid(0.01, UNTIL, 1000)
GD_TIMES = log_grid(1.2, UNTIL, 300)


def data():
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 0), D, N))
    return x, BETA @ x


def loss(u, v, x, y):
    r = y - (u * v) @ x
    return 0.5 * float(r @ r) / x.shape[1]


def grad(u, v, x, y):
    g = x @ ((u * v) @ x - y) / x.shape[1]
    return g * v, g * u


def observe(u, v, x, y):
    return np.concatenate([[loss(u, v, x, y)], np.hypot(u, v)])


def flow(x, y):
    def rhs(t, w):
        gu, gv = grad(w[:D], w[D:], x, y)
        return -np.concatenate([gu, gv])
    w = np.full(2 * D, ALPHA)
    rows = [observe(w[:D], w[D:], x, y)]
    for a, b in zip(GF_TIMES[:-1], GF_TIMES[1:]):
        sol = solve_ivp(rhs, (a, b), w, method="DOP853", rtol=1e-12, atol=1e-16)
        assert sol.success, sol.message
        w = sol.y[:, -1]
        rows.append(observe(w[:D], w[D:], x, y))
    return np.array(rows)


def descent(x, y):
    steps = np.rint(GD_TIMES / LR).astype(int)
    u, v = np.full(D, ALPHA), np.full(D, ALPHA)
    rows, k = [], 0
    for s in steps:
        while k < s:
            gu, gv = grad(u, v, x, y)
            u, v = u - LR * gu, v - LR * gv
            k += 1
        rows.append(observe(u, v, x, y))
    return np.array(rows)


def closed_form(t):
    t = np.atleast_1d(t)[:, None]
    b = BETA[None, :]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        p = np.where(b != 0, b / (1 + (b / ALPHA ** 2 - 1) * np.exp(-2 * b * t)),
                     ALPHA ** 2 / (1 + 2 * ALPHA ** 2 * t))
    return 0.5 * np.sum((b - p) ** 2, axis=1), np.sqrt(2 * p)


def agf(x, y):
    """AGF (reference §1.3) with exact utility phases; returns jump times, levels, features."""
    z = [np.array([ALPHA, ALPHA]) for _ in range(D)]   # (u_i, v_i)
    active, beta_a = [], np.zeros(D)
    t, taus, levels, feats, bfgs_gap = 0.0, [], [loss(np.zeros(D), np.zeros(D), x, y)], [], 0.0
    while True:
        r = y - beta_a @ x
        sig = x @ r / N                               # Σ_i = (1/n) Σ_μ r_μ x_iμ
        flows = [None if i in active else ac.LinearFlow(np.array([[0, sig[i]], [sig[i], 0]]))
                 for i in range(D)]
        tf, i = ac.first_fire(flows, z, t, UNTIL)
        if tf is None:
            break
        z = [zi if f is None else f(zi, tf - t) for f, zi in zip(flows, z)]
        t = tf
        znew = z[i] / np.linalg.norm(z[i])           # enters at its direction, norm 1
        active.append(i)
        A = sorted(active)
        XA = x[A]
        bA = np.linalg.solve(XA @ XA.T, XA @ y)        # least squares on the active coordinates
        assert all(np.sign(bA[A.index(j)]) == np.sign(beta_a[j]) for j in active if j != i), \
            "an active coordinate reversed: AGF would return it to dormant"
        # the same cost phase by minimising L over the active (u, v) from their current values
        u0 = np.array([np.sqrt(abs(beta_a[j])) if j != i else znew[0] for j in A])
        v0 = np.array([np.sqrt(abs(beta_a[j])) * np.sign(beta_a[j] or 1) if j != i else znew[1] for j in A])

        def f(w):
            p = w[:len(A)] * w[len(A):]
            rr = y - p @ XA
            g = -XA @ rr / N
            return 0.5 * rr @ rr / N, np.concatenate([g * w[len(A):], g * w[:len(A)]])
        res = minimize(f, np.concatenate([u0, v0]), jac=True, method="BFGS", options=dict(gtol=1e-12))
        beta_a = np.zeros(D)
        beta_a[A] = bA
        lev = loss(beta_a, np.ones(D), x, y)
        bfgs_gap = max(bfgs_gap, abs(res.fun - lev))
        taus.append(t)
        levels.append(lev)
        feats.append(i)
    return np.array(taus), np.array(levels), feats, bfgs_gap


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-json")
    args = ap.parse_args()
    x, y = data()
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e" % np.abs(x @ x.T / N - np.eye(D)).max())

    # ---- AGF ---------------------------------------------------------------------------------
    tau, lev, feats, gap = agf(x, y)
    cf_tau = C / np.sort(BETA[BETA > 0])[::-1]
    cf_lev = [0.5 * np.sum(np.sort(BETA ** 2)[::-1][k:]) for k in range(4)]
    print("\nAGF (exact utility phases, least-squares cost phases):")
    print(f"{'jump':>4} {'τ here':>20} {'closed form':>20} {'ℓ here':>22} {'½Σ_{j>k}β*²':>12} neuron")
    for k in range(len(tau)):
        print(f"{k + 1:4d} {tau[k]:20.15f} {cf_tau[k]:20.15f} {lev[k + 1]:22.15e} {cf_lev[k + 1]:12.6f} {feats[k]:6d}")
    print(f"ℓ_0 = {lev[0]:.15f} (closed form {cf_lev[0]}); cost phase by BFGS over (u, v) agrees "
          f"with least squares to {gap:.1e}; jumps stop: β*_i = 0 neurons have utility "
          f"{np.abs(x[3:] @ (y - BETA @ x) / N).max():.1e}·… never reach norm 1")

    # ---- trainings ---------------------------------------------------------------------------
    gf = flow(x, y)
    gd = descent(x, y)
    cl, cn = closed_form(GF_TIMES)
    print("\ngf (DOP853) against the logistic closed form: loss ≤ %.1e relative, norms ≤ %.1e"
          % (np.max(np.abs(gf[:, 0] - cl) / cl), np.max(np.abs(gf[:, 1:] - cn) / cn)))

    golden = ac.golden_compares(GOLDEN_OUT)
    dj = ac.json_compares(args.dyn_json) if args.dyn_json else None
    verdicts = {}
    for name, tr, times, rtol in [("c_gf", gf, GF_TIMES, TIME_RTOL), ("c_gd", gd, GD_TIMES, TIME_RTOL_GD)]:
        rows, passed = ac.staircase(times, tr[:, 0], tr[:, 1:], tau, lev, rtol, LEVEL_RTOL)
        verdicts[name] = passed
        ac.print_compare(name, rows, passed, golden[name], tau, lev, feats, rtol, dj)

    # ---- series against dyn's full-precision csv ----------------------------------------------
    if args.dyn_csv:
        for pre, tr, times in [("gf", gf, GF_TIMES), ("gd", gd, GD_TIMES)]:
            t, s = ac.csv_series(args.dyn_csv, pre)
            assert np.allclose(t, times, rtol=1e-14, atol=0), "grid differs"
            cols = [f"{pre}.loss"] + [f"{pre}.neuron_norms[{i}]" for i in range(D)]
            worst = [np.max(np.abs(tr[:, j] - s[c]) / np.abs(s[c])) for j, c in enumerate(cols)]
            jw = int(np.argmax(np.abs(tr[:, 0] - s[cols[0]]) / s[cols[0]]))
            early = np.abs(tr[:, 0] - s[cols[0]]) / s[cols[0]]
            print(f"\n{pre} vs dyn csv ({len(t)} rows): largest relative difference loss {worst[0]:.1e} "
                  f"(t = {t[jw]:.4g}, L = {s[cols[0]][jw]:.3g}; {early[tr[:, 0] > 1e-3].max():.1e} where L > 1e-3), "
                  f"norms {max(worst[1:]):.1e}")

    # ---- the comment's numbers ---------------------------------------------------------------
    b = np.array([3, 1.5, 0.75])
    mid = (np.log(np.sqrt(2) - 1) + np.log(b / ALPHA ** 2 - 1)) / (2 * b)
    late = (np.log(np.sqrt(2) - 1) + np.log(2 * b)) / (2 * C)
    print("\ncomment: τ_k = ln(1/(√2α))/β* =", np.round(C / b, 4), "; levels", cf_lev)
    print("  GF midpoint crossings (closed form, one coordinate):", np.round(mid, 4),
          "; exact all-coordinate crossings (gf here):",
          np.round([ac.crossing(GF_TIMES, gf[:, 0], 0.5 * (lev[k] + lev[k + 1]))[0] for k in range(3)], 4))
    print("  lateness of AGF [ln(√2−1) + ln(2β*)]/(2 ln(1/(√2α))):", np.round(late, 4),
          f"; 0.456/ln(1/(√2α)) = {0.456 / C:.4f}; tolerance 0.6/ln(1/(√2α)) = {TIME_RTOL:.4f}, "
          f"1/ln(1/α) = {1 / np.log(1 / ALPHA):.4f}")
    print(f"  GD stretch lr·β*/ln(1 + lr·β*) at β* = 3: {0.03 / np.log(1.03):.5f}; "
          f"GD tolerance {TIME_RTOL_GD:.4f}")
    ok = all(verdicts.values())
    print("\nall compares as declared (PASS):", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
