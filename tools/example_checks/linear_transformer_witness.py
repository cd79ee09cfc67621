#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/linear_transformer.dyn.

Recomputed here, with no number read from dyn (dyn's files are only compared against):
- the data: in_context_regression(D = 4, N = 32, lambdas = [0.96, 0.48, 0.32, 0.24]) written
  from stdlib/datasets.dyn: m = D² + 1 columns; column (i, j): z = √(m·E[z_j²]) e_j,
  x_q = √λ_i e_i, y = δ_ij·yd_i, E[z_j²] = N(N+1)λ_j² + N·trΛ·λ_j, yd = mNλ²/√(λ m E[z²]); one
  more column x = 0, y = √(m·rest), rest = trΛ − Σyd²/m (so L(0) = ½trΛ = 1);
- θ(0): linear_attention(d = 8, heads = 5, scale = 1e-3, seed = 0): V [1, 5], K, Q [5, 4]
  ~ α·N(0, 1), parameters 0, 1, 2 (dyn_draws.param); neuron h = (V[0, h], K[h], Q[h]);
- `gd`: GD at lr 0.01 on L = (1/2m)Σ(y − f)², f = V((K z) ⊙ (Q x_q)), hand-written gradient
  (checked by central differences), recorded at step round(t/lr) on {0} ∪ log(1, 800, 150);
- AGF (reference §1.3) from the same θ(0), κ = 3, η = 1: with r frozen each dormant head follows
  dθ/dt = ∇U(θ; r), U = (1/m)Σ r f_θ (integrated by DOP853 at rtol 1e-11, no Euler step; this is
  §1.3 step 2's θ̄ and ν = 1/(1 + c − S) flow, ‖θ‖ = 1/(1 + c − S)), firing at ‖θ‖ = 1; the cost
  phase minimises L over the active heads by BFGS (gradient tolerance 1e-12) from their previous
  values plus the new head at norm 1; levels checked against the T1 closed form ℓ_k;
- the staircase compare c (agf_common.staircase) and the three checks with their margins.

Usage: python3 tools/example_checks/linear_transformer_witness.py [--dyn-csv full.csv]
(the csv is what `./dyn run examples/linear_transformer.dyn --out DIR` writes). About 20 s.
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
import golden_out as go  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "linear_transformer.out")
D, N, H, ALPHA, SEED, LR, UNTIL = 4, 32, 5, 1e-3, 0, 0.01, 800.0
LAM = np.array([0.96, 0.48, 0.32, 0.24])


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


TIMES = log_grid(1.0, UNTIL, 150)


def data():
    m = D * D + 1
    ezz = N * (N + 1) * LAM ** 2 + N * LAM.sum() * LAM
    yd = m * N * LAM ** 2 / np.sqrt(LAM * m * ezz)
    rest = LAM.sum() - np.sum(yd ** 2) / m
    X, Y = np.zeros((2 * D, m)), np.zeros(m)
    c = 0
    for i in range(D):
        for j in range(D):
            X[j, c] = np.sqrt(m * ezz[j])
            X[D + i, c] = np.sqrt(LAM[i])
            Y[c] = yd[i] if i == j else 0.0
            c += 1
    Y[m - 1] = np.sqrt(m * rest)
    return X[:D], X[D:], Y


def init():
    return (dd.param(SEED, 0, 1, H, 1.0, scale=ALPHA)[0],
            dd.param(SEED, 1, H, D, 1.0, scale=ALPHA),
            dd.param(SEED, 2, H, D, 1.0, scale=ALPHA))


def forward(V, K, Q, Z, XQ):
    a, b = K @ Z, Q @ XQ
    return a, b, V @ (a * b)


def loss_grad(V, K, Q, Z, XQ, Y):
    m = Y.size
    a, b, f = forward(V, K, Q, Z, XQ)
    r = Y - f
    g = -r / m
    dV = (a * b) @ g
    dK = (V[:, None] * b * g) @ Z.T
    dQ = (V[:, None] * a * g) @ XQ.T
    return 0.5 * float(r @ r) / m, dV, dK, dQ


def norms(V, K, Q):
    return np.sqrt(V ** 2 + np.sum(K ** 2, 1) + np.sum(Q ** 2, 1))


def gd(Z, XQ, Y, V, K, Q):
    steps = {int(round(t / LR)): i for i, t in enumerate(TIMES)}
    L, NR = np.zeros(len(TIMES)), np.zeros((len(TIMES), H))
    for k in range(int(round(UNTIL / LR)) + 1):
        l, dV, dK, dQ = loss_grad(V, K, Q, Z, XQ, Y)
        if k in steps:
            L[steps[k]], NR[steps[k]] = l, norms(V, K, Q)
        V, K, Q = V - LR * dV, K - LR * dK, Q - LR * dQ
    return L, NR


def t1_levels():
    tr = LAM.sum()
    drop = LAM / (1 + (1 + tr / LAM) / N)
    return np.array([0.5 * (tr - drop[:k].sum()) for k in range(D + 1)])


def agf(Z, XQ, Y, V, K, Q):
    m = Y.size
    th = [np.concatenate([[V[h]], K[h], Q[h]]) for h in range(H)]
    active, t, r = [], 0.0, Y.copy()
    taus, levels, feats = [], [0.5 * float(Y @ Y) / m], []

    def util_grad(p, r):
        v, k, q = p[0], p[1:1 + D], p[1 + D:]
        a, b = k @ Z, q @ XQ
        w = r / m
        return np.concatenate([[np.sum(a * b * w)], v * (Z @ (b * w)), v * (XQ @ (a * w))])

    def unpack(w, idx):
        P = w.reshape(len(idx), 1 + 2 * D)
        return P[:, 0], P[:, 1:1 + D], P[:, 1 + D:]

    while t < UNTIL:
        dorm = [h for h in range(H) if h not in active]
        if not dorm:
            break
        best = (np.inf, None, None)
        for h in dorm:
            ev = lambda s, p: np.linalg.norm(p) - 1.0
            ev.terminal, ev.direction = True, 1
            sol = solve_ivp(lambda s, p: util_grad(p, r), (t, UNTIL), th[h], method="DOP853",
                            rtol=1e-11, atol=1e-16, events=ev, dense_output=True)
            te = sol.t_events[0][0] if sol.t_events[0].size else np.inf
            if te < best[0]:
                best = (te, h, sol)
            th[h] = (h, sol)  # resolved below once the firing time is known
        tk, hstar, _ = best
        tend = min(tk, UNTIL)
        for h in dorm:
            th[h] = th[h][1].sol(tend)
        if not np.isfinite(tk):
            break
        th[hstar] = th[hstar] / np.linalg.norm(th[hstar])
        active.append(hstar)
        t = tk

        def f(w):
            Va, Ka, Qa = unpack(w, active)
            l, dV, dK, dQ = loss_grad(Va, Ka, Qa, Z, XQ, Y)
            return l, np.concatenate([dV[:, None], dK, dQ], 1).ravel()

        w0 = np.concatenate([th[h] for h in active])
        res = minimize(f, w0, jac=True, method="BFGS", options=dict(gtol=1e-12, maxiter=100000))
        P = res.x.reshape(len(active), -1)
        for h, p in zip(active, P):
            th[h] = p
        Va, Ka, Qa = unpack(res.x, active)
        r = Y - forward(Va, Ka, Qa, Z, XQ)[2]
        taus.append(tk), levels.append(res.fun), feats.append(hstar)
    return np.array(taus), np.array(levels), feats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    args = ap.parse_args()
    Z, XQ, Y = data()
    V, K, Q = init()
    # gradient check
    rng = np.random.default_rng(1)
    w = [V + 0.3 * rng.standard_normal(V.shape), K + 0.3 * rng.standard_normal(K.shape), Q + 0.3 * rng.standard_normal(Q.shape)]
    _, *g = loss_grad(*w, Z, XQ, Y)
    worst = 0.0
    for j, A in enumerate(w):
        for idx in np.ndindex(A.shape):
            e = 1e-6
            wp = [x.copy() for x in w]; wm = [x.copy() for x in w]
            wp[j][idx] += e; wm[j][idx] -= e
            fd = (loss_grad(*wp, Z, XQ, Y)[0] - loss_grad(*wm, Z, XQ, Y)[0]) / (2 * e)
            worst = max(worst, abs(fd - g[j][idx]) / max(1e-12, np.max(np.abs(g[j]))))
    print(f"gradient vs central differences: max rel {worst:.1e}")

    L, NR = gd(Z, XQ, Y, V, K, Q)
    gold = go.columns(GOLDEN_OUT)
    assert len(gold["gd.loss"]) == len(TIMES)
    same = sum(ac.sig6(a, b) for a, b in zip(L, gold["gd.loss"]))
    print(f"gd.loss: {same}/{len(L)} cells equal the golden's 6 digits; max rel diff "
          f"{np.max(np.abs(L - gold['gd.loss']) / gold['gd.loss']):.2e}")
    if args.dyn_csv:
        t, s = ac.csv_series(args.dyn_csv, "gd")
        assert np.allclose(t, TIMES, rtol=1e-12)
        print(f"  against dyn's csv: loss max rel {np.max(np.abs(L - s['gd.loss']) / s['gd.loss']):.2e}, "
              "neuron norms max rel " + f"{max(np.max(np.abs(NR[:, h] - s[f'gd.neuron_norms[{h}]']) / s[f'gd.neuron_norms[{h}]']) for h in range(H)):.2e}")

    ell = t1_levels()
    print("T1 levels ℓ_k:", np.round(ell, 6))
    tau, lev, feats = agf(Z, XQ, Y, *init())
    print("AGF (exact utility flow):  τ =", np.round(tau, 4), " levels =", np.round(lev, 7), " heads =", feats)
    print(f"  AGF levels vs T1: max abs {np.max(np.abs(lev - ell[:len(lev)])):.1e}")
    print("  utility peaks Nλ²/√27:", np.round(N * LAM ** 2 / np.sqrt(27), 3))
    rows, passed = ac.staircase(TIMES, L, NR, tau, lev, 0.1, 1e-3)
    gc = ac.golden_compares(GOLDEN_OUT)["c"]
    print("\ncompare c (jump: pred τ here / golden (dyn, Euler h = 0.01) rel; measured t here / golden; "
          "level here / golden; features)")
    for k, (rw, g) in enumerate(zip(rows, gc)):
        print(f"  {k + 1}: τ {tau[k]:.4f} / {g[0]} ({ac.rel(tau[k], g[0]):+.1e}); meas {rw['t']:.4f} / {g[1]} "
              f"(6 digits: {ac.sig6(rw['t'], g[1])}); time err {rw['terr']:.2%}, worst-in-bracket {rw['max_err']:.2%} "
              f"≤ 10%; level {rw['level']:.6g} / {g[3]} ({ac.sig6(rw['level'], g[3])}), err {rw['lerr']:.1e} ≤ 1e-3; "
              f"feature {feats[k]}/{rw['feat']} golden {g[4]}/{g[5]}")
    print(f"compare c: {'PASS' if passed else 'FAIL'}")
    l5 = ac.at(TIMES, L, 5.0)
    print(f"\ncheck at(gd.loss, 5) > 0.9999: {l5:.8f} (margin {l5 - 0.9999:.2e})")
    print(f"check final(gd.loss) in (0.13219, 0.13221): {L[-1]:.8f} (margins {L[-1] - 0.13219:.2e}, {0.13221 - L[-1]:.2e}); "
          f"ℓ_4 = {ell[4]:.8f}, final − ℓ_4 = {L[-1] - ell[4]:.1e}")
    print("comment: seed-0 midpoint crossings", [round(float(r['t']), 1) for r in rows])


if __name__ == "__main__":
    main()
