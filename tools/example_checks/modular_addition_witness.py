#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/modular_addition.dyn.

Recomputed here, with no number read from dyn (dyn's files are only compared against):
- the data: modular_addition(p = 20, amplitudes = [10, 5], frequencies = [1, 3]) from
  stdlib/datasets.dyn: template t_j = (2/p)(10 cos(2πj/p) + 5 cos(6πj/p)), every (a, b) a-major,
  x = [roll(t, a); roll(t, b)], y = roll(t, a + b);
- θ(0): quadratic(d = 40, width = 18, out = 20, scale = 1e-2, seed = 0): U [18, 40] ~ α·N(0, 1/40)
  (parameter 0), W [20, 18] ~ α·N(0, 1/18) (parameter 1, variance 1/width), dyn_draws.param;
  neuron i = (U[i, :], W[:, i]);
- `gd`: GD at lr 0.0025 on L = (1/2n)Σ‖y − W(Ux)²‖², hand-written gradient, recorded at step
  round(t/lr) on {0} ∪ log(1, 200, 120): loss, neuron norms, fourier_power(period = 20) (unitary
  DFT of u_i, v_i, w_i, bins min(k, p − k), docs/LANGUAGE.md), the largest one-step rise of the
  loss; an ensemble of numpy runs from θ(0) with every entry moved ±1 ulp at random; the
  sharpness λ_max (Lanczos on central-difference Hessian-vector products) at 16 recorded times;
  with --lr-study also the gradient flow (DOP853, rtol 1e-11) and GD at the former lr 0.01 and at
  0.005 from θ(0) and the same ±1-ulp copies, with the former compares (c_all at time_rtol 0.6);
- AGF (reference §1.2–1.3, κ = 3, η = 1) from the same θ(0), in two utility-phase variants:
  "exact": every dormant neuron follows dθ/dt = ∇_θU(θ; r) with r frozen (DOP853, rtol 1e-11:
  this is §1.3's θ̄ flow with ν = ‖θ‖ = 1/(1 + c − S)) and fires at ‖θ‖ = 1; "euler": §1.3 step 2
  literally, S += 3hU, ν = 1/(1 + c − S_new), θ̄ ← normalize(θ̄ + hν∇U), h = 0.1 (dyn's `step`),
  the crossing placed by linear interpolation in the last step. The cost phase is gradient FLOW
  on the active neurons (LSODA) for a horizon T_c (1e4 exact, 1e2 euler), as §1.2 defines it; BFGS or a
  large first GD step leaves the flow's basin here (round 1 ends at 6.111, a frequency-3 fit,
  instead of the flow's 5.68398), so no quasi-Newton polish;
- the staircase compares c1 (until 60, rtol 0.1/0.1) and c_all (until 200, 0.1/0.1, declared
  expect = fail) from the definitions in docs/LANGUAGE.md, with dyn's predicted τ/levels (to
  reproduce the golden's measured columns) and with the AGF here; the three checks; the comment's
  numbers.

Results (lr 0.0025, session of the modadd-robust branch, 887 s with --lr-study): data and θ(0) as
dyn's; gd: 121/121 rows equal the golden's 6 digits, ≤ 1.2e-14 (loss), 9.9e-14 (norms), 4.7e-13
(fourier_power) from dyn's csv; the loss never rises; the 8 ±1-ulp runs agree with it to 1.1e-14
(121/121 golden cells inside their range). Sharpness 646 at t = 25.8, largest 664.4 at t = 42.1:
GD is stable below lr 0.00301. GD is the flow to 5.7e-3 (L(200) 0.208338 vs 0.208333); both cross
3.75 and 0.625 at 24.71 and 159.66. At lr 0.01 (0.005) the loss rises up to 92% (20%) in one step,
the runs part by up to 110% (76%) of the loss, cross 0.625 at 130.2–135.3 (156.9–157.2), and the
former c_all PASSes in 8 of 9 (9 of 9). Compares with dyn's τ/levels: c1 PASS in all 8 runs (jump 4
worst-in-bracket 9.87% ≤ 10%), c_all FAIL in all 8, as declared (jump 6 26.0% early, worst 27.6%;
jump 7 1.9%; jump 8 13.0% late, its level 0.315 against 0.221 read at √(195·200)). AGF: the euler
replica's first jump equals dyn's to 2e-16; the exact flow's is 18.526. Cost phase: jump 4's
converged level is 1.8419 (dyn's 2000 steps 2.3241), and against it c1 FAILs at jump 4 (GD crosses
2.229 at t = 42.5: 34% worst-in-bracket). Converged, frequency 3's jumps are 104.5, 147.0, 164.5
(levels 0.938, 0.436, 0.025): the frequency-level jump at 147.0, GD's 0.625 crossing 8.6% later
(euler T_c = 1e2: 143.2, 11.5%). Checks: L(3) 6.2499973 (margin 6.0e-3), L(143.3) 0.999834
(margin 0.375), L(175.1) 0.589695 (margin 0.035), identical in the 8 runs.

Usage: python3 tools/example_checks/modular_addition_witness.py [--dyn-csv F --dyn-json F] [--quick] [--lr-study]
--quick skips the ±1-ulp ensemble and the exact AGF (T_c = 1e4, ~70 s). About 8 min on one core
under load (--quick about 2 min; --lr-study adds ~7 min). The dyn files come from
    (cat examples/modular_addition.dyn; echo 'report json("modular_addition.json")') > /tmp/s/ma.dyn
    ./dyn run /tmp/s/ma.dyn --out /tmp/out      # writes modular_addition.csv and .json
"""
import argparse, json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import agf_common as ac  # noqa: E402
import golden_out as go  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "modular_addition.out")
P, H, ALPHA, SEED, LR, UNTIL = 20, 18, 1e-2, 0, 0.0025, 200.0
AMP, FREQ = np.array([10.0, 5.0]), np.array([1, 3])


def log_grid(t0, t1, points):
    k = np.arange(points)
    t = t0 * np.exp(np.log(t1 / t0) * k / (points - 1))
    t[0], t[-1] = t0, t1
    return np.concatenate([[0.0], t])


TIMES = log_grid(1.0, UNTIL, 120)


def data():
    j = np.arange(P)
    tmpl = (2 / P) * sum(A * np.cos(2 * np.pi * k * j / P) for A, k in zip(AMP, FREQ))
    a, b = np.repeat(np.arange(P), P), np.tile(np.arange(P), P)
    X = np.vstack([np.stack([np.roll(tmpl, s) for s in a], 1), np.stack([np.roll(tmpl, s) for s in b], 1)])
    Y = np.stack([np.roll(tmpl, (s + q) % P) for s, q in zip(a, b)], 1)
    return tmpl, X, Y


def init(alpha=ALPHA):
    return (dd.param(SEED, 0, H, 2 * P, 1 / (2 * P), scale=alpha),
            dd.param(SEED, 1, P, H, 1 / H, scale=alpha))


def loss_grad(U, W, X, Y):
    """Batched over a leading axis when U, W are 3-D."""
    n = Y.shape[-1]
    h = U @ X
    r = W @ (h * h) - Y
    G = r / n
    return (0.5 * np.sum(r * r, axis=(-2, -1)) / n, G @ np.swapaxes(h * h, -1, -2),
            (2 * h * (np.swapaxes(W, -1, -2) @ G)) @ X.T)


def neuron_norms(U, W):
    return np.sqrt(np.sum(U ** 2, -1) + np.sum(W ** 2, -2))


def fourier_power(U, W):
    """docs/LANGUAGE.md: each neuron's slices (u_i, v_i, w_i), unitary DFT, |ĉ_k|² into bin min(k, P − k)."""
    blocks = np.vstack([U[:, :P], U[:, P:], W.T])
    pw = np.abs(np.fft.fft(blocks, axis=1) / np.sqrt(P)) ** 2
    out = np.zeros(P // 2 + 1)
    for k in range(P):
        out[min(k, P - k)] += pw[:, k].sum()
    return out


def gd(X, Y, U, W, until=UNTIL, times=TIMES, lr=LR):
    """GD recorded at step round(t/lr); U, W may carry a leading batch axis. Also the largest
    relative one-step rise of the loss per run (≤ 0 when the loss never rises) and its time."""
    steps = {int(round(t / lr)): i for i, t in enumerate(times)}
    rec = {"loss": [], "U": [], "W": []}
    prev, rise, rise_t = None, None, None
    for k in range(int(round(until / lr)) + 1):
        l, dW, dU = loss_grad(U, W, X, Y)
        if prev is not None:
            r = (l - prev) / prev
            rise_t = np.where(r > rise, k * lr, rise_t) if rise is not None else np.full_like(r, k * lr)
            rise = np.maximum(rise, r) if rise is not None else r
        prev = l
        if k in steps:
            rec["loss"].append(l), rec["U"].append(U.copy()), rec["W"].append(W.copy())
        U, W = U - lr * dU, W - lr * dW
    out = {k: np.array(v) for k, v in rec.items()}
    out["rise"], out["rise_t"] = rise, rise_t
    return out


def sharpness(U, W, X, Y, eps=1e-6):
    """λ_max of the loss Hessian at (U, W): Lanczos (eigsh) on central-difference Hessian-vector
    products of the hand-written gradient."""
    from scipy.sparse.linalg import LinearOperator, eigsh
    nU = U.size

    def g(v):
        _, gW, gU = loss_grad(v[:nU].reshape(U.shape), v[nU:].reshape(W.shape), X, Y)
        return np.concatenate([gU.ravel(), gW.ravel()])
    y = np.concatenate([U.ravel(), W.ravel()])
    op = LinearOperator((y.size, y.size), matvec=lambda v: (g(y + eps * v) - g(y - eps * v)) / (2 * eps))
    return eigsh(op, k=1, which="LA", tol=1e-6)[0][0]


def flow(X, Y, U0, W0, until=UNTIL, times=TIMES):
    """Gradient flow dθ/dt = −∇L (DOP853, rtol 1e-11), the curve GD at lr → 0 follows."""
    nU = U0.size
    f = lambda s, y: -np.concatenate([a.ravel() for a in loss_grad(y[:nU].reshape(U0.shape), y[nU:].reshape(W0.shape), X, Y)[:0:-1]])
    sol = solve_ivp(f, (0, until), np.concatenate([U0.ravel(), W0.ravel()]), method="DOP853", rtol=1e-11,
                    atol=1e-13, t_eval=times)
    return np.array([loss_grad(y[:nU].reshape(U0.shape), y[nU:].reshape(W0.shape), X, Y)[0] for y in sol.y.T])


def perturbed(U0, W0, B, seed=7):
    """B copies of θ(0) with every entry moved one ulp up or down at random."""
    rng = np.random.default_rng(seed)
    return (np.where(rng.random((B,) + U0.shape) < 0.5, np.nextafter(U0, np.inf), np.nextafter(U0, -np.inf)),
            np.where(rng.random((B,) + W0.shape) < 0.5, np.nextafter(W0, np.inf), np.nextafter(W0, -np.inf)))


# ---- AGF ------------------------------------------------------------------------------------

class AGF:
    def __init__(self, X, Y, U0, W0):
        self.X, self.Y, self.n = X, Y, Y.shape[1]
        self.th0 = np.hstack([U0, W0.T])            # neuron rows (u, v, w)
        self.nrm0 = np.linalg.norm(self.th0, axis=1)
        self.c = 1 / self.nrm0 - 1                   # κ = 3 threshold (§1.2)

    def fwd(self, Th):
        h = Th[:, :2 * P] @ self.X
        return Th[:, 2 * P:].T @ (h * h)

    def util(self, Th, R):
        """U_i = (1/n)Σ⟨f_i, r⟩ per row and its gradient."""
        Hm, WR = Th[:, :2 * P] @ self.X, Th[:, 2 * P:] @ R
        return (np.mean(Hm * Hm * WR, 1),
                np.hstack([(2 / self.n) * (Hm * WR) @ self.X.T, (1 / self.n) * (Hm * Hm) @ R.T]))

    def cost_lg(self, v, m):
        Th = v.reshape(m, 3 * P)
        l, gW, gU = loss_grad(Th[:, :2 * P], Th[:, 2 * P:].T, self.X, self.Y)
        return l, np.hstack([gU, gW.T]).ravel()

    def cost_flow(self, Th, T):
        m = len(Th)
        sol = solve_ivp(lambda s, y: -self.cost_lg(y, m)[1], (0, T), Th.ravel(), method="LSODA",
                        rtol=1e-10, atol=1e-13)
        l, g = self.cost_lg(sol.y[:, -1], m)
        return sol.y[:, -1].reshape(m, -1), l, np.linalg.norm(g)

    def run(self, mode, until, Tc=1e4, h=0.1, log=None):
        act, Act, R, t = [], {}, self.Y.copy(), 0.0
        theta = self.th0.copy()
        tb, S = self.th0 / self.nrm0[:, None], np.zeros(H)
        out = dict(tau=[], level=[0.5 * np.sum(self.Y ** 2) / self.n], feat=[], gnorm=[], runner=[])
        while t < until and len(act) < H:
            dorm = [i for i in range(H) if i not in act]
            if mode == "euler":
                fired, c = None, self.c[dorm]
                while t < until:
                    Ut, G = self.util(tb[dorm], R)
                    Sn = S[dorm] + 3 * h * Ut
                    nu = 1 / (1 + c - Sn)
                    over = np.flatnonzero(Sn >= c)
                    if over.size:
                        fr = (c - S[dorm]) / (Sn - S[dorm])
                        j = over[np.argmin(fr[over])]
                        fired = (t + fr[j] * h, dorm[j])
                    S[dorm] = Sn
                    x = tb[dorm] + h * nu[:, None] * G
                    tb[dorm] = x / np.linalg.norm(x, axis=1)[:, None]
                    t += h
                    if fired:
                        break
                if not fired:
                    break
                tk, i = fired
                new = tb[i].copy()
                runner = max([1 / (1 + self.c[d] - S[d]) for d in dorm if d != i] + [0])
            else:
                m = len(dorm)
                evs = []
                for q in range(m):
                    e = lambda s, y, q=q: np.linalg.norm(y[q * 3 * P:(q + 1) * 3 * P]) - 1.0
                    e.terminal, e.direction = True, 1
                    evs.append(e)
                sol = solve_ivp(lambda s, y: self.util(y.reshape(m, -1), R)[1].ravel(), (t, until),
                                theta[dorm].ravel(), method="DOP853", rtol=1e-11, atol=1e-15, events=evs)
                theta[dorm] = sol.y[:, -1].reshape(m, -1)
                hits = [(sol.t_events[q][0], dorm[q]) for q in range(m) if sol.t_events[q].size]
                if not hits:
                    break
                tk, i = min(hits)
                new = theta[i] / np.linalg.norm(theta[i])
                runner = max([np.linalg.norm(theta[d]) for d in dorm if d != i] + [0])
            t = tk
            before = {a: self.fwd(Act[a][None]) for a in act}
            act.append(i)
            Act[i] = new
            Th, l, gn = self.cost_flow(np.array([Act[a] for a in act]), Tc)
            for a, row in zip(act, Th):
                Act[a] = row
            for a in before:  # §1.2 collapse: reversed output or norm < 1e-2 (never here: asserted)
                assert np.sum(self.fwd(Act[a][None]) * before[a]) > 0 and np.linalg.norm(Act[a]) >= 1e-2
            R = self.Y - self.fwd(np.array([Act[a] for a in act]))
            out["tau"].append(tk), out["level"].append(l), out["feat"].append(i)
            out["gnorm"].append(gn), out["runner"].append(runner)
            if log:
                log(f"    {mode} T_c={Tc:g}: jump {len(out['tau'])} t = {tk:.6f}, neuron {i}, level {l:.7f} "
                    f"(‖∇L‖ {gn:.1e}), largest other dormant norm {runner:.3f}")
        return {k: np.array(v) for k, v in out.items()}


# ---- staircase (docs/LANGUAGE.md, C0.5) -------------------------------------------------------

def staircase(times, loss, norms, tau, levels, until, time_rtol, level_rtol):
    """As agf_common.staircase, but jumps predicted up to `until` only, the last plateau ending at
    `until` when the prediction stopped before the recording, and INCONCLUSIVE when a jump's grid
    bracket straddles time_rtol."""
    keep = np.flatnonzero(tau <= until)
    tau, levels = tau[keep], levels[:len(keep) + 1]
    end = min(until, times[-1])
    m = len(tau)
    meas = [ac.crossing(times, loss, 0.5 * (levels[k] + levels[k + 1])) for k in range(m)]
    rows, prev = [], times[0]
    for k in range(m):
        t, br = meas[k]
        if br is None:
            rows.append(dict(t=np.nan, max_err=np.inf, min_err=np.inf, lerr=np.nan, level=np.nan, feat=-1, res=np.nan, terr=np.nan))
            continue
        nxt = meas[k + 1][0] if k + 1 < m else max(t, end)
        mid = np.sqrt(t * nxt)
        lev = ac.at(times, loss, mid)
        den = max(levels[k] - levels[k + 1], 1e-3 * levels[0]) if levels[k + 1] < 1e-3 * levels[0] else levels[k + 1]
        gains = [ac.at(times, norms[:, i], mid) - ac.at(times, norms[:, i], prev) for i in range(norms.shape[1])]
        prev = mid
        errs = [abs(b - tau[k]) / tau[k] for b in br]
        min_err = 0.0 if br[0] <= tau[k] <= br[1] else min(errs)
        rows.append(dict(t=t, terr=abs(t - tau[k]) / tau[k], res=max(t - br[0], br[1] - t) / tau[k],
                         level=lev, lerr=abs(lev - levels[k + 1]) / den, feat=int(np.argmax(gains)),
                         min_err=min_err, max_err=max(errs)))
    fail = any(r["min_err"] > time_rtol or not r["lerr"] <= level_rtol for r in rows)
    incon = not fail and any(r["max_err"] > time_rtol for r in rows)
    return rows, ("FAIL" if fail else "INCONCLUSIVE" if incon else "PASS")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-json")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--ensemble", type=int, default=8)
    ap.add_argument("--lr-study", action="store_true")
    args = ap.parse_args()
    T0 = time.time()
    tmpl, X, Y = data()
    that = np.abs(np.fft.fft(tmpl))
    print(f"template |t̂[k]|, k = 0 … 10: {np.round(that[:11], 12)}")
    U0, W0 = init()
    print(f"θ(0) neuron norms: {neuron_norms(U0, W0).min():.4f} … {neuron_norms(U0, W0).max():.4f}, "
          f"mean {neuron_norms(U0, W0).mean():.4f} = {neuron_norms(U0, W0).mean() / ALPHA:.3f}·α "
          f"(√(1 + p/width)·α = {np.sqrt(1 + P / H):.3f}·α; √2·α = 1.414·α)")

    # gradient check
    rng = np.random.default_rng(1)
    Ut, Wt = U0 * 30 + 0.1 * rng.standard_normal(U0.shape), W0 * 30 + 0.1 * rng.standard_normal(W0.shape)
    _, gW, gU = loss_grad(Ut, Wt, X, Y)
    worst = 0.0
    for A, g, isU in ((Ut, gU, True), (Wt, gW, False)):
        for idx in list(np.ndindex(A.shape))[::7]:
            Ap, Am = A.copy(), A.copy()
            Ap[idx] += 1e-6
            Am[idx] -= 1e-6
            lp = loss_grad(Ap, Wt, X, Y)[0] if isU else loss_grad(Ut, Ap, X, Y)[0]
            lm = loss_grad(Am, Wt, X, Y)[0] if isU else loss_grad(Ut, Am, X, Y)[0]
            worst = max(worst, abs((lp - lm) / 2e-6 - g[idx]) / np.max(np.abs(g)))
    print(f"gradient vs central differences: max rel {worst:.1e}")

    # ---- GD ----
    r = gd(X, Y, U0, W0)
    L = r["loss"]
    NR = np.array([neuron_norms(u, w) for u, w in zip(r["U"], r["W"])])
    FP = np.array([fourier_power(u, w) for u, w in zip(r["U"], r["W"])])
    gold = go.columns(GOLDEN_OUT)["gd.loss"]
    assert len(gold) == len(TIMES)
    gc = ac.golden_compares(GOLDEN_OUT)
    studies = {n_: (np.array([x[0] for x in gc[n_]]), np.array([6.25] + [x[2] for x in gc[n_]])) for n_ in ("c1", "c_all")}
    assert not args.lr_study or not args.quick
    eq = np.array([ac.sig6(a, b) for a, b in zip(L, gold)])
    print(f"\ngd.loss: {eq.sum()}/{len(L)} cells equal the golden's 6 digits; max rel diff "
          f"{np.max(np.abs(L - gold) / gold):.1e}" + ("" if eq.all() else ", unequal at t = "
          + ", ".join(f"{TIMES[k]:.4g}" for k in np.flatnonzero(~eq))))
    print(f"largest one-step relative rise of the loss (GD at lr {LR}): {r['rise']:.1e}"
          + (" (never rises)" if r["rise"] <= 0 else f" at t = {r['rise_t']:.4g}"))
    if args.dyn_csv:
        t, s = ac.csv_series(args.dyn_csv, "gd")
        assert np.allclose(t, TIMES, rtol=1e-12)
        dl = np.max(np.abs(L - s["gd.loss"]) / s["gd.loss"])
        dn = max(np.max(np.abs(NR[:, i] - s[f"gd.neuron_norms[{i}]"]) / s[f"gd.neuron_norms[{i}]"]) for i in range(H))
        df = max(np.max(np.abs(FP[:, k] - s[f"gd.fourier_power[{k}]"]) / s[f"gd.fourier_power[{k}]"]) for k in range(P // 2 + 1))
        print(f"  against dyn's csv, all {len(TIMES)} rows: loss max rel {dl:.1e}, neuron_norms {dn:.1e}, "
              f"fourier_power {df:.1e}")
    if not args.quick:
        B = args.ensemble
        Ub, Wb = perturbed(U0, W0, B)
        e = gd(X, Y, Ub, Wb)
        EL = e["loss"]                                   # [times, B]
        ENR = np.array([neuron_norms(u, w) for u, w in zip(e["U"], e["W"])])  # [times, B, H]
        d1 = np.max(np.abs(EL - L[:, None]) / L[:, None])
        print(f"{B} numpy runs from θ(0) ± 1 ulp (every entry): max rel loss difference from the main run "
              f"{d1:.1e} over all {len(TIMES)} rows; their largest one-step rise {np.max(e['rise']):.1e}; "
              f"golden cells inside their range ± the golden's rounding: "
              f"{sum(EL[k].min() - 5e-6 * gold[k] <= gold[k] <= EL[k].max() + 5e-6 * gold[k] for k in range(len(TIMES)))}/{len(TIMES)}")
        ks = [k for k in range(len(TIMES)) if TIMES[k] >= 15][::4] + [int(np.argmin(np.abs(TIMES - 42.1)))]
        sh = {k: sharpness(r["U"][k], r["W"][k], X, Y) for k in sorted(set(ks))}
        km = max(sh, key=sh.get)
        print(f"  sharpness λ_max along this GD at {len(sh)} recorded times from t = 15: "
              + ", ".join(f"{sh[k]:.0f} (t = {TIMES[k]:.3g})" for k in sorted(sh)[::3])
              + f"; largest {sh[km]:.1f} at t = {TIMES[km]:.4g}: GD is stable below lr 2/λ_max = {2 / sh[km]:.5f}")
    if args.lr_study:
        Lf = flow(X, Y, U0, W0)
        print(f"\ngradient flow (DOP853): L(200) = {Lf[-1]:.6f}; GD at lr {LR} against it: max rel loss "
              f"{np.max(np.abs(L - Lf) / Lf):.1e}; frequency-level crossings of 3.75, 0.625: "
              f"{ac.crossing(TIMES, Lf, 3.75)[0]:.4g}, {ac.crossing(TIMES, Lf, 0.625)[0]:.5g}")
        Ub, Wb = perturbed(U0, W0, args.ensemble)
        for lr in (0.01, 0.005):
            U1, W1 = np.concatenate([U0[None], Ub]), np.concatenate([W0[None], Wb])
            q = gd(X, Y, U1, W1, lr=lr)
            QL = q["loss"]
            c0625 = [ac.crossing(TIMES, QL[:, b], 0.625)[0] for b in range(QL.shape[1])]
            spread = np.max((QL.max(1) - QL.min(1)) / QL.min(1))
            print(f"  GD at lr {lr} (stable below {2 / sh[km]:.5f} by the sharpness above), θ(0) and {args.ensemble} "
                  f"±1-ulp copies: largest one-step rise {np.max(q['rise']):.2f} (t = {q['rise_t'][np.argmax(q['rise'])]:.4g}); "
                  f"spread across runs up to {spread:.1e} relative; max rel loss from the flow {np.max(np.abs(QL[:, 0] - Lf) / Lf):.1e}; "
                  f"crossings of 0.625 {min(c0625):.4g} … {max(c0625):.4g}; L(200) {QL[-1].min():.4g} … {QL[-1].max():.4g}")
            for name, until, trt, lrt, tau_d, lev_d in ((n_, u_, a_, b_, *studies[n_]) for n_, u_, a_, b_ in
                                                        (("c1", 60.0, 0.1, 0.1), ("c_all", 200.0, 0.6, 0.1))):
                QN = np.array([neuron_norms(u, w) for u, w in zip(q["U"], q["W"])])
                ver = [staircase(TIMES, QL[:, b], QN[:, b], tau_d, lev_d, until, trt, lrt)[1] for b in range(QL.shape[1])]
                print(f"    former {name} (time_rtol {trt}, level_rtol {lrt}) against the golden's AGF: "
                      f"{dict((v, ver.count(v)) for v in sorted(set(ver)))}")

    # ---- the comment's numbers ----
    Ustar = np.sqrt(2 * P / 27) * AMP ** 3 / P ** 2
    tau_lb = (1 / (np.sqrt(2) * ALPHA) - 1) / (3 * Ustar)
    print(f"\nU*_k = {np.round(Ustar, 4)}, plateaus {(AMP ** 2).sum() / P:g} → {AMP[1] ** 2 / P:g} → 0, "
          f"τ_k lower bounds {np.round(tau_lb, 2)} (ratio {tau_lb[1] / tau_lb[0]:.3g})")
    c375, c0625 = ac.crossing(TIMES, L, 3.75)[0], ac.crossing(TIMES, L, 0.625)[0]
    cg = [ac.crossing(TIMES, gold, v)[0] for v in (3.75, 0.625)]
    print(f"GD frequency-level crossings of 3.75, 0.625: {c375:.3g}, {c0625:.4g} (golden's rows: {cg[0]:.3g}, "
          f"{cg[1]:.4g}), ratio {c0625 / c375:.2f}")
    frac = FP / FP.sum(1, keepdims=True)
    for tt in (0.0, 18.89, 20.65, 30.82, 48.11, 60.11, 122.6, 140.1, 175.0, 200.0):
        k = int(np.argmin(np.abs(TIMES - tt)))
        print(f"  fourier_power share at t = {TIMES[k]:.4g}: k=1 {frac[k, 1]:.3f}, k=3 {frac[k, 3]:.3f}, "
              f"max other {np.max(np.delete(frac[k], [1, 3])):.3g} (bins > 0.01: {int(np.sum(frac[k] > 0.01))})")
    print("  GD neuron 1's norm: " + ", ".join(f"t={TIMES[k]:.3g}: {NR[k, 1]:.3f}" for k in (0, 80, 85, 88, 91, 95, 100, 105)))
    Ua, Wa = init(5e-2)
    l3 = gd(X, Y, Ua, Wa, until=3.0, times=np.array([3.0]))["loss"][0]
    print(f"  α = 5e-2: L(3) = {l3:.4f}")

    # ---- AGF ----
    agf = AGF(X, Y, U0, W0)
    runs = {}
    modes = ([] if args.quick else [("exact", 1e4)]) + [("euler", 1e2)]
    for mode, Tc in modes:
        t0 = time.time()
        runs[(mode, Tc)] = agf.run(mode, UNTIL, Tc=Tc, log=print)
        print(f"  ({time.time() - t0:.0f} s)")
    dj = json.load(open(args.dyn_json)) if args.dyn_json else None
    for name, until, trt, lrt in (("c1", 60.0, 0.1, 0.1), ("c_all", 200.0, 0.1, 0.1)):
        g = gc[name]
        tau_d, lev_d = np.array([x[0] for x in g]), np.array([6.25] + [x[2] for x in g])
        if dj:
            jj = [c for c in dj["compares"] if c["compare"] == name][0]["jumps"]
            tau_d = np.array([x["predicted_time"] for x in jj])
            lev_d = np.array([0.5 * np.sum(Y ** 2) / Y.shape[1]] + [x["predicted_level"] for x in jj])
        rows, verdict = staircase(TIMES, L, NR, tau_d, lev_d, until, trt, lrt)
        print(f"\ncompare {name} (time_rtol {trt}, level_rtol {lrt}), numpy GD against dyn's predicted τ/levels:")
        for k, (rw, x) in enumerate(zip(rows, g)):
            print(f"  {k + 1}: measured {rw['t']:.6g} (golden {x[1]:g}{', =' if ac.sig6(rw['t'], x[1]) else ''}), "
                  f"error {rw['terr']:.2%}, worst-in-bracket {rw['max_err']:.2%} ≤ {trt:.0%}; level {rw['level']:.6g} "
                  f"(golden {x[3]:g}{', =' if ac.sig6(rw['level'], x[3]) else ''}), error {rw['lerr']:.2%} ≤ {lrt:.0%}; "
                  f"feature {rw['feat']} (golden {x[5]})")
        print(f"  verdict {verdict}" + (" (the example declares expect = fail)" if name == "c_all" else ""))
        if not args.quick:
            ver, worst = [], []
            for b in range(EL.shape[1]):
                rb, vb = staircase(TIMES, EL[:, b], ENR[:, b], tau_d, lev_d, until, trt, lrt)
                ver.append(vb)
                worst.append(max(r_["max_err"] for r_ in rb))
            print(f"  the {EL.shape[1]} ±1-ulp numpy runs: verdicts {dict((v, ver.count(v)) for v in set(ver))}, "
                  f"largest worst-in-bracket time error {min(worst):.2%} … {max(worst):.2%}")
        for key, R_ in runs.items():
            rows, verdict = staircase(TIMES, L, NR, R_["tau"], R_["level"], until, trt, lrt)
            print(f"  against this AGF ({key[0]}, T_c = {key[1]:g}): {verdict}; per jump τ / measured / "
                  "worst-in-bracket / level error: " + "; ".join(
                      f"{tk:.4g}/{rw['t']:.4g}/{rw['max_err']:.1%}/{rw['lerr']:.1%}"
                      for tk, rw in zip(R_["tau"], rows)))
    for key, R_ in runs.items():
        if dj:
            jj = [c for c in dj["compares"] if c["compare"] == "c_all"][0]["jumps"]
            td = np.array([x["predicted_time"] for x in jj])
            ld = np.array([x["predicted_level"] for x in jj])
            k = min(len(td), len(R_["tau"]))
            print(f"AGF {key} vs dyn's agf_all: τ rel " + ", ".join(f"{(a - b) / b:+.1e}" for a, b in zip(R_["tau"][:k], td[:k]))
                  + "; level rel " + ", ".join(f"{(a - b) / b:+.1e}" for a, b in zip(R_["level"][1:k + 1], ld[:k])))
    print(f"\ncheck at(gd.loss, 3) > 6.244: {ac.at(TIMES, L, 3.0):.8f} (margin {ac.at(TIMES, L, 3.0) - 6.244:.2e})")
    for tt, above in ((143.3, True), (175.1, False)):
        v = ac.at(TIMES, L, tt)
        print(f"check at(gd.loss, {tt}) {'>' if above else '<'} 0.625: {v:.6g} (margin {(v - 0.625) if above else (0.625 - v):.4f})"
              + (f"; the {args.ensemble} ±1-ulp runs {np.min([ac.at(TIMES, EL[:, b], tt) for b in range(EL.shape[1])]):.6g} … "
                 f"{np.max([ac.at(TIMES, EL[:, b], tt) for b in range(EL.shape[1])]):.6g}" if not args.quick else ""))
    print(f"({time.time() - T0:.0f} s)")


if __name__ == "__main__":
    main()
