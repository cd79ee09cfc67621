#!/usr/bin/env python3
"""An independent recomputation of examples/double_descent.dyn: the random-feature ridge risk
of shared/science/reference.md §4.2 at every (k, ridge) of the example's grid, its reductions
(worst_k, tuned) and power-law fit, and a direct simulation of random-feature ridge regression.

Task (the example's): 400 modes, λ_i = i^−1.5 normalised to Σλ = 1, target v_i = 1/i normalised
to ‖v‖ = 1, noise ε² = 0.01, n = 100, k ∈ {25, 50, 100, 200, 400, 1600, 6400},
δ ∈ {1e-3, 1e-2, 1e-1}.

Theory, solved here without dyn's code or tools/example_checks/eigenframework.py's route: RF1
n = z(γ) + δ/κ and RF2 k = z(γ) + kκ/γ (z(γ) = Σ λ_i/(λ_i + γ)) give κ twice,
κ = δ/(n − z) = γ(1 − z/k), so γ is the root of the single equation
    h(γ) = γ (1 − z(γ)/k) (n − z(γ)) − δ = 0
on the branch z < min(n, k), where h rises from −δ to +∞ (both factors grow with γ): one root,
found by scipy's brentq on log γ to 1e-15 relative; both RF1 and RF2 residuals are printed. Then
L_i = λ_i/(λ_i + γ), q = ΣL_i², x = (q(k − 2z) + z²)/(n(k − q)), E = 1/(1 − x),
b_i = (1 − L_i) − κ L_i/(λ_i + γ) · k/(k − q), test MSE = E(Σ b_i v_i² + ε²). KRR (§4.1) for the
k → ∞ limit: κ solves Σ L_i + δ/κ = n, test = n/(n − ΣL_i²)·(Σ(1 − L_i)²v_i² + ε²).
eigenframework.py's rf() (nested bisection in γ) is printed beside as a second opinion.

fit_power (docs/SWEEPS.md): least squares of ln(tuned) on ln k over all 7 k, Student-t 95%
interval with n − 2 degrees of freedom, prefactor e^intercept, r² of the log fit.

Simulation (reference §10.7's recipe): x ~ N(0, I_400), φ_i(x) = x_i, y = vᵀx + N(0, ε²);
random features Zx with Z_ji = N(0,1)·√λ_i/√k, K̂ = (ZX)ᵀ(ZX) over the n training points, the
predictor f(x) = K̂(x, X)(K̂ + δI)^−1 y = β̂ᵀx, and its exact test MSE against noisy labels
‖β̂ − v‖² + ε² (x ~ N(0, I)); mean ± standard error and the median over T draws of (X, y, Z),
numpy default_rng(seed).

Usage: python3 tools/example_checks/double_descent.py [--dyn-sweep DIR] [--trials 40]
[--skip-sim]. --dyn-sweep is the sweep folder of a run of the example (points/*/result.json hold
the full-precision metric `test`), used only as the numbers compared against:
    ./dyn run examples/double_descent.dyn --out /tmp/dd_out   # then --dyn-sweep /tmp/dd_out/sweep-s
About 30 s on one core with the default 400 trials (100 at k = 6400).

Results: the 21 risks agree with the golden to its 6 significant digits (21/21; largest relative
difference 2.1e-6, rounding), with dyn's full-precision metrics to <= 4.1e-15, and with
eigenframework.py's nested bisection to <= 3.8e-14; RF1/RF2 residuals <= 2e-14. worst_k (100, 25,
25), tuned and tuned_fit (exponent -0.2483, 95% [-0.3946, -0.1020], stderr 0.0569, prefactor
0.2076, r2 0.7919) match the golden. Checks: exponent -0.248 < 0 (the whole 95% interval < 0);
tuned falls at every k (smallest step 3.8% relative, 1600 -> 6400). Simulation (400 draws, 100 at
k = 6400): mean within 2.9% of the theory at every point (at most +2.9 ± 1.1% at k = 25, a
finite-size excess at small k; <= 1.3% for k >= 100), the spike at k = n reproduced (0.1747 ± 0.0020
against 0.1715), the simulated tuned curve monotone. The example's comment's "0.1431 (k = 25)"
(reference K3) is 0.143046 here, in dyn and in the golden: 0.1430 at 4 digits (double rounding).
"""
import argparse, glob, json, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.optimize import brentq
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN_OUT = os.path.join(ROOT, "examples", "double_descent.out")

MODES, N, NOISE = 400, 100, 0.01
KS = [25, 50, 100, 200, 400, 1600, 6400]
RIDGES = [1e-3, 1e-2, 1e-1]
LAM = np.arange(1, MODES + 1, dtype=float) ** -1.5
LAM /= LAM.sum()
V = 1.0 / np.arange(1, MODES + 1, dtype=float)
V /= np.linalg.norm(V)


def z_of(g, lam=LAM):
    return np.sum(lam / (lam + g))


def rf_theory(k, ridge, n=N, lam=LAM, v=V, noise=NOISE):
    cap = min(n, k)
    h = lambda lg: np.exp(lg) * (1 - z_of(np.exp(lg), lam) / k) * (n - z_of(np.exp(lg), lam)) - ridge
    # lower end: where z = min(n, k) (h = −δ there); z(γ) is decreasing, bisect z = cap first
    lo = brentq(lambda lg: z_of(np.exp(lg), lam) - cap, -200, 50, xtol=1e-15, rtol=1e-15)
    hi = lo + 1.0
    while h(hi) <= 0:
        hi += 1.0
    lg = brentq(h, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    g = np.exp(lg)
    z = z_of(g, lam)
    kappa = g * (1 - z / k)
    res1 = (z + ridge / kappa - n) / n
    res2 = (z + k * kappa / g - k) / k
    L = lam / (lam + g)
    q = np.sum(L * L)
    x = (q * (k - 2 * z) + z * z) / (n * (k - q))
    E = 1.0 / (1.0 - x)
    b = (1 - L) - kappa * L / (lam + g) * k / (k - q)
    return E * (np.sum(b * v * v) + noise), g, kappa, max(abs(res1), abs(res2))


def krr_theory(ridge, n=N, lam=LAM, v=V, noise=NOISE):
    lk = brentq(lambda lk: z_of(np.exp(lk), lam) + ridge / np.exp(lk) - n, -200, 50, xtol=1e-15,
                rtol=4 * np.finfo(float).eps, maxiter=500)
    L = lam / (lam + np.exp(lk))
    return n / (n - np.sum(L * L)) * (np.sum((1 - L) ** 2 * v * v) + noise)


def fit_power(x, y, level=0.95):
    lx, ly = np.log(x), np.log(y)
    A = np.vstack([lx, np.ones_like(lx)]).T
    (p, c), res, *_ = np.linalg.lstsq(A, ly, rcond=None)
    r = ly - A @ np.array([p, c])
    dof = len(x) - 2
    s2 = (r @ r) / dof
    se = np.sqrt(s2 / np.sum((lx - lx.mean()) ** 2))
    tq = stats.t.ppf(0.5 + level / 2, dof)
    r2 = 1 - (r @ r) / np.sum((ly - ly.mean()) ** 2)
    return dict(exponent=p, lo=p - tq * se, hi=p + tq * se, stderr=se, prefactor=np.exp(c), r2=r2)


def simulate(k, ridges, trials, seed, n=N):
    rng = np.random.default_rng(seed)
    sl = np.sqrt(LAM)
    out = np.zeros((trials, len(ridges)))
    for t in range(trials):
        X = rng.standard_normal((n, MODES))
        y = X @ V + np.sqrt(NOISE) * rng.standard_normal(n)
        Z = rng.standard_normal((k, MODES)) * sl / np.sqrt(k)
        M = Z.T @ Z                        # 400×400: features Zx, K̂(x, x') = xᵀ M x'
        K = X @ M @ X.T
        for j, d in enumerate(ridges):
            alpha = np.linalg.solve(K + d * np.eye(n), y)
            beta = M @ (X.T @ alpha)
            out[t, j] = np.sum((beta - V) ** 2) + NOISE
    return out


def golden_sweep():
    rows = {}
    for line in open(GOLDEN_OUT):
        p = line.split()
        if len(p) == 4 and p[0].isdigit() and p[2] in ("0", "1"):
            rows[(int(p[0]), float(p[1]))] = float(p[3])
    return rows


def dyn_sweep(folder):
    rows = {}
    for f in glob.glob(os.path.join(folder, "points", "*", "result.json")):
        r = json.load(open(f))
        rows[(int(r["params"]["k"]), float(r["params"]["ridge"]))] = r["metrics"]["test"]
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-sweep")
    ap.add_argument("--trials", type=int, default=400)
    ap.add_argument("--skip-sim", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, HERE)
    import eigenframework as ef  # second opinion only

    gold = golden_sweep()
    dyn = dyn_sweep(a.dyn_sweep) if a.dyn_sweep else {}
    theory = {}
    print("%5s %6s %12s %12s %10s %10s %10s %9s" % ("k", "ridge", "this script", "golden",
          "rel(gold)", "rel(dyn)", "rel(ef.py)", "resid"))
    worst = dict(gold=0, dyn=0, ef=0)
    for k in KS:
        for d in RIDGES:
            r, g, kappa, res = rf_theory(k, d)
            theory[(k, d)] = r
            e = ef.rf(LAM, V, N, k, d, NOISE)
            rg = abs(r - gold[(k, d)]) / gold[(k, d)]
            rd = abs(r - dyn[(k, d)]) / dyn[(k, d)] if dyn else float("nan")
            re = abs(r - e) / e
            worst["gold"] = max(worst["gold"], rg)
            worst["dyn"] = max(worst["dyn"], rd) if dyn else float("nan")
            worst["ef"] = max(worst["ef"], re)
            print("%5d %6g %12.9f %12g %10.2e %10.2e %10.2e %9.1e" % (k, d, r, gold[(k, d)], rg, rd, re, res))
    print("largest relative difference: vs golden (6 digits) %.2e, vs dyn full precision %.2e, "
          "vs eigenframework.py %.2e" % (worst["gold"], worst["dyn"], worst["ef"]))
    print("6-significant-digit agreement with the golden: %d/21"
          % sum(float("%.6g" % theory[key]) == gold[key] for key in gold))
    print("KRR limit (δ = 1e-3): %.6f   (δ = 1e-2: %.6f, δ = 1e-1: %.6f)"
          % tuple(krr_theory(d) for d in RIDGES))

    print("\nworst_k (argmax over k per ridge):",
          {d: max(KS, key=lambda k: theory[(k, d)]) for d in RIDGES})
    tuned = np.array([min(theory[(k, d)] for d in RIDGES) for k in KS])
    best = [RIDGES[int(np.argmin([theory[(k, d)] for d in RIDGES]))] for k in KS]
    print("tuned (min over ridge):", " ".join("%d: %.6g (δ=%g)" % (k, t, b) for k, t, b in zip(KS, tuned, best)))
    mono = float(np.all(np.diff(tuned) <= 0))
    f = fit_power(np.array(KS, float), tuned)
    print("tuned_fit: exponent %.4f  95%%: [%.4f, %.4f]  stderr %.4f  prefactor %.4f  r2 %.4f  n 7"
          % (f["exponent"], f["lo"], f["hi"], f["stderr"], f["prefactor"], f["r2"]))
    print("golden:    exponent -0.2483  95%: [-0.3946, -0.102]  stderr 0.0569  prefactor 0.2076  r2 0.7919")
    print("\nchecks:")
    print("  tuned_fit.exponent < 0   %s  value %.6g, margin %.4g (upper 95%% end %.4f also < 0)"
          % ("PASS" if f["exponent"] < 0 else "FAIL", f["exponent"], -f["exponent"], f["hi"]))
    print("  monotone(tuned) > 0.5    %s  value %g; smallest fall between successive k: %.3g relative"
          % ("PASS" if mono > 0.5 else "FAIL", mono, np.min(-np.diff(tuned) / tuned[:-1])))
    untuned = np.array([theory[(k, 1e-3)] for k in KS])
    print("  (ridge 1e-3 untuned: monotone = %g, its fit exponent %.4f: the comment's point that the "
          "slope alone would also pass)" % (float(np.all(np.diff(untuned) <= 0)),
                                            fit_power(np.array(KS, float), untuned)["exponent"]))

    if a.skip_sim:
        return
    print("\nsimulation, %d draws per k (mean ± s.e., median), against this script's theory:" % a.trials)
    print("%5s %6s %10s %20s %10s %9s" % ("k", "ridge", "theory", "sim mean ± se", "median", "mean/th−1"))
    means = {}
    for i, k in enumerate(KS):
        T = a.trials if k <= 1600 else max(10, a.trials // 4)
        sim = simulate(k, RIDGES, T, seed=1000 + i)
        means.update({(k, d): sim[:, j].mean() for j, d in enumerate(RIDGES)})
        for j, d in enumerate(RIDGES):
            s = sim[:, j]
            th = theory[(k, d)]
            print("%5d %6g %10.5f %11.5f ± %.5f %10.5f %+9.3f" % (k, d, th, s.mean(), s.std(ddof=1) / np.sqrt(T),
                                                                 np.median(s), s.mean() / th - 1))
        sys.stdout.flush()
    print("largest |sim mean / theory − 1|: %.3f" % max(abs(means[key] / theory[key] - 1) for key in means))
    st = np.array([min(means[(k, d)] for d in RIDGES) for k in KS])
    print("simulated: worst k at ridge 1e-3: %d; tuned (min over ridge of the means): %s; monotone %g"
          % (max(KS, key=lambda k: means[(k, 1e-3)]), " ".join("%.5f" % v for v in st),
             float(np.all(np.diff(st) <= 0))))


if __name__ == "__main__":
    main()
