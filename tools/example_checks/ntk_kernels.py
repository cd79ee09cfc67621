#!/usr/bin/env python3
"""An independent numpy recomputation of examples/ntk_kernels.dyn.

Recomputed here, with no number read from dyn (dyn's files are read only to compare):
- the data: relu_teacher(d = 10, k = 3, n = 100, n_test = 200, seed = 0) from dyn's streams
  (dyn_draws.py: W site 0, x site 1, x_test site 2), y = (1/3)·1ᵀ relu(W x);
- `ntk(net, task)` and `nngp(net, task)` of two_layer(d = 10, width = 1024, act = relu,
  parametrization = ntk), written out from wave2.md §1.2–1.4: both layers have σ² = 1
  (W1 ~ N(0, 1/d); W2 ~ N(0, 1/n) × √n at init, × 1/√n in the forward pass), the first layer's
  NTK weight ρ = fan-in d (lr 1, forward multiplier 1), the second's ρ = 1, so with Λ the
  first-layer covariance (q = x·x/d, c = x·x'/d) and θ its angle,
      K(x, x') = T(Λ) = √(qq')(sin θ + (π − θ)cos θ)/(2π)        (arc-cosine, order 1)
      Θ(x, x') = T(Λ) + (x·x')·Ṫ(Λ),  Ṫ = (π − θ)/(2π)            (arc-cosine, order 0);
  θ by the stable 2·atan2(‖u − v‖, ‖u + v‖) of the unit vectors (lazy_infinite.py's lesson).
  Both are confirmed by Monte Carlo: the empirical NTK Σ_i [relu(w_i·x)relu(w_i·x') + a_i²
  1(w_i·x > 0)1(w_i·x' > 0) x·x']/n and the empirical NNGP Σ_i relu(w_i·x)relu(w_i·x')/n of nets
  w_i ~ N(0, I/d), a_i ~ N(0, 1) of width 2^18, averaged over 16 draws (numpy default_rng), on all
  300 train and test inputs, with the standard error of the mean over draws;
- `krr(K, task, ridge = δ)`: α = (K_XX + δI)⁻¹ y by a Cholesky solve here (δ > 0) and, at δ = 0,
  the minimum-norm interpolant by an eigendecomposition of K_XX (pseudo-inverse, eigenvalues
  below 1e-13·λ_max dropped; none are: K_XX is full rank), f(x*) = K(x*, X)α; test_mse and
  train_mse = (1/n)Σ(y − f)² (docs/LANGUAGE.md: no ½); `theta.eigenvalues`, `gp.eigenvalues`
  by numpy eigvalsh, descending;
- the three checks and their margins, and the comment's claims: Θ − K = Ṫ ⊙ XXᵀ is positive
  semi-definite (its smallest eigenvalue printed), λ_max(Θ) ≥ λ_max(K), and the ridge-1 train
  MSE lower bound (δ/(λ_max + δ))²·(1/n)Σy² (≈ the δ = 1e12 fit's train MSE).

It compares with examples/ntk_kernels.out and, with --dyn-dir, with dyn's full-precision csv
files, made by
    cp examples/ntk_kernels.dyn /tmp/s/nk.dyn
    printf 'report csv("fits.csv", fit.test_mse, fit.train_mse, fit_gp.test_mse, smooth.test_mse, smooth.train_mse, null.train_mse, fit_gp.train_mse, null.test_mse)\\nreport csv("eig.csv", theta.eigenvalues, gp.eigenvalues)\\n' >> /tmp/s/nk.dyn
    ./dyn run /tmp/s/nk.dyn --out OUT        # then --dyn-dir OUT

Usage: python3 tools/example_checks/ntk_kernels.py [--dyn-dir DIR] [--mc-width 262144] [--mc-draws 16]
About 30 s on one core (most of it the Monte Carlo).

Results (this session): the closed forms against Monte Carlo (width 2^18 × 16 draws, 300 inputs):
NTK within 1.9e-3 of max|Θ| (Frobenius 1.3e-3), NNGP within 2.2e-3 (1.2e-3); |MC − closed|/s.e.
median 0.72 and 0.63 (a t with 15 degrees of freedom: 0.69), max 5.6 over 90000 entries; the
diagonals are q/2 and q/2 + ‖x‖²/2 to 3e-15; the ridgeless test MSE with the MC kernel moves by
7e-4. The table: 4/4 cells equal the golden's 6 digits (≤ 8.8e-7, rounding); fit.train_mse is
round-off (1.0e-30 here, 2.5e-30 in dyn; the golden's atol 1e-12 covers it). Against dyn's
full-precision csv: test/train MSEs ≤ 3.2e-14, null.train_mse and null.test_mse ≤ 2e-16, all 100
eigenvalues of Θ and K ≤ 8.3e-14 relative (≤ 2.4e-15 of λ_max). Checks: λ_max(Θ) 47.2297 ≥
λ_max(K) 15.7052 (ratio 3.0), fit.train_mse ~1e-30 < 1e-12, smooth.train_mse 9.459e-4 = 14.2× the
bound 6.647e-5. The comment's claims hold: Θ − K = Ṫ ⊙ XXᵀ is positive definite here (smallest
eigenvalue 0.251), the δ = 1e12 fit's train MSE is (1/n)Σy² to 6e-11.
"""
import argparse, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "ntk_kernels.out")
D, K, N, NTEST, SEED = 10, 3, 100, 200, 0


def data():
    W = dd.normal_matrix(dd.site_stream(SEED, 0), K, D) / D ** 0.5
    a = np.ones((1, K)) / K
    x = dd.normal_matrix(dd.site_stream(SEED, 1), D, N)
    xt = dd.normal_matrix(dd.site_stream(SEED, 2), D, NTEST)
    return x, (a @ np.maximum(W @ x, 0.0)).ravel(), xt, (a @ np.maximum(W @ xt, 0.0)).ravel()


def relu_kernels(xa, xb, d=D):
    """(NTK, NNGP) of the ntk-parametrized two-layer ReLU net, σ² = 1 per layer, columns × columns."""
    qa, qb = np.sum(xa * xa, 0) / d, np.sum(xb * xb, 0) / d
    s = np.sqrt(np.outer(qa, qb))
    ua, ub = xa / np.linalg.norm(xa, axis=0), xb / np.linalg.norm(xb, axis=0)
    dif = np.linalg.norm(ua[:, :, None] - ub[:, None, :], axis=0)
    som = np.linalg.norm(ua[:, :, None] + ub[:, None, :], axis=0)
    th = 2.0 * np.arctan2(dif, som)
    T = s * (np.sin(th) + (np.pi - th) * np.cos(th)) / (2 * np.pi)
    Td = (np.pi - th) / (2 * np.pi)
    return T + (xa.T @ xb) * Td, T


def relu_kernels_mc(xa, width=2 ** 18, draws=16, chunk=2 ** 14, seed=2024, d=D):
    """Monte-Carlo (NTK, NNGP) of width-`width` nets, mean over draws and its standard error."""
    rng = np.random.default_rng(seed)
    G = xa.T @ xa
    th, kk = [], []
    for _ in range(draws):
        aT, aK = np.zeros_like(G), np.zeros_like(G)
        for _ in range(width // chunk):
            Wm = rng.standard_normal((chunk, d)) / d ** 0.5
            a = rng.standard_normal(chunk)
            pre = Wm @ xa
            h = np.maximum(pre, 0.0)
            act = (pre > 0) * a[:, None]
            hh = h.T @ h
            aK += hh
            aT += hh + (act.T @ act) * G
        th.append(aT / width)
        kk.append(aK / width)
    th, kk = np.array(th), np.array(kk)
    return (th.mean(0), th.std(0, ddof=1) / np.sqrt(draws)), (kk.mean(0), kk.std(0, ddof=1) / np.sqrt(draws))


def krr(Kxx, Ktx, y, yt, ridge):
    """Kernel ridge regression; (test_mse, train_mse)."""
    if ridge > 0:
        L = np.linalg.cholesky(Kxx + ridge * np.eye(len(y)))
        alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    else:
        lam, U = np.linalg.eigh(Kxx)
        keep = lam > 1e-13 * lam.max()
        assert keep.all(), "rank-deficient Gram matrix"
        alpha = U[:, keep] @ ((U[:, keep].T @ y) / lam[keep])
    return np.mean((yt - Ktx @ alpha) ** 2), np.mean((y - Kxx @ alpha) ** 2)


def read_golden():
    lines = open(GOLDEN_OUT).read().splitlines()
    i = next(j for j, ln in enumerate(lines) if ln.split()[:1] == ["t"])
    cols, vals = lines[i].split()[1:], [float(v) for v in lines[i + 1].split()[1:]]
    checks = [float(ln.split("(value ")[1].rstrip(")")) for ln in lines if ln.startswith("check ")]
    return dict(zip(cols, vals)), checks


def read_csv(path):
    """dyn's csv report: a header row of series names, then one row per time."""
    rows = [ln.split(",") for ln in open(path).read().splitlines() if ln]
    return {name: np.array([float(r[j]) for r in rows[1:]]) for j, name in enumerate(rows[0])}


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-dir")
    ap.add_argument("--mc-width", type=int, default=2 ** 18)
    ap.add_argument("--mc-draws", type=int, default=16)
    args = ap.parse_args()
    t0 = time.time()
    x, y, xt, yt = data()
    X = np.concatenate([x, xt], axis=1)
    TH, KK = relu_kernels(X, X)
    Th, Tht, Kx, Ktx = TH[:N, :N], TH[N:, :N], KK[:N, :N], KK[N:, :N]

    print("closed-form kernels against Monte Carlo (width %d × %d draws) on the %d train and test inputs"
          % (args.mc_width, args.mc_draws, X.shape[1]))
    (mT, sT), (mK, sK) = relu_kernels_mc(X, args.mc_width, args.mc_draws)
    for name, cf, m, s in [("NTK ", TH, mT, sT), ("NNGP", KK, mK, sK)]:
        z = np.abs(m - cf) / s
        print("  %s: max |MC − closed| %.1e of max|k| (Frobenius %.1e); |MC − closed|/s.e.: median %.2f, "
              "max %.2f over %d entries" % (name, np.abs(m - cf).max() / np.abs(cf).max(),
                                             np.linalg.norm(m - cf) / np.linalg.norm(cf), np.median(z), z.max(), z.size))
    print("  diagonal: NNGP = q/2 exactly? max |K(x,x) − ‖x‖²/(2d)| = %.1e; NTK = q/2 + ‖x‖²/2: %.1e"
          % (np.abs(np.diag(KK) - np.sum(X * X, 0) / (2 * D)).max(),
             np.abs(np.diag(TH) - np.sum(X * X, 0) / (2 * D) - np.sum(X * X, 0) / 2).max()))
    # the KRR numbers with the Monte-Carlo kernels, to show how far a kernel error this size moves them
    mc_fit = krr(mT[:N, :N], mT[N:, :N], y, yt, 0.0)[0]

    ev_t = np.sort(np.linalg.eigvalsh(Th))[::-1]
    ev_k = np.sort(np.linalg.eigvalsh(Kx))[::-1]
    fit = krr(Th, Tht, y, yt, 0.0)
    fit_gp = krr(Kx, Ktx, y, yt, 0.0)
    smooth = krr(Th, Tht, y, yt, 1.0)
    null = krr(Th, Tht, y, yt, 1e12)
    mine = {"fit.test_mse": fit[0], "fit.train_mse": fit[1], "fit_gp.test_mse": fit_gp[0],
            "smooth.test_mse": smooth[0], "smooth.train_mse": smooth[1]}
    gold, gchecks = read_golden()
    print("\nthe table: this recomputation | examples/ntk_kernels.out (6 digits) | relative difference")
    for k, v in mine.items():
        print("  %-17s %.10g | %g | %.1e%s" % (k, v, gold[k], rel(v, gold[k]),
                                              "  (round-off; golden atol 1e-12)" if k == "fit.train_mse" else ""))
    six = sum(float("%.6g" % mine[k]) == gold[k] for k in mine if k != "fit.train_mse")
    print("  cells equal at 6 digits (excluding the round-off train_mse): %d of 4" % six)
    print("  fit.test_mse with the Monte-Carlo NTK instead: %.6g (%.1e relative)" % (mc_fit, rel(mc_fit, fit[0])))
    print("  Θ eigenvalues: %s … %.6g;  K: %s … %.6g" % (np.array2string(ev_t[:3], precision=6), ev_t[-1],
                                                       np.array2string(ev_k[:3], precision=6), ev_k[-1]))

    if args.dyn_dir:
        C, E = read_csv(os.path.join(args.dyn_dir, "fits.csv")), read_csv(os.path.join(args.dyn_dir, "eig.csv"))
        print("\nagainst dyn's full-precision csv (relative differences):")
        for k, v in list(mine.items()) + [("null.train_mse", null[1]), ("fit_gp.train_mse", fit_gp[1]),
                                          ("null.test_mse", null[0])]:
            dv = C[k][0]
            print("  %-17s mine %.16g  dyn %.16g  %.1e" % (k, v, dv, rel(v, dv)))
        et, ek = E["theta.eigenvalues"], E["gp.eigenvalues"]
        print("  theta.eigenvalues: largest |Δ| %.1e of λ_max; largest relative %.1e (over all %d, smallest %.3g)"
              % (np.abs(et - ev_t).max() / ev_t[0], np.max(np.abs(et - ev_t) / ev_t), len(et), ev_t[-1]))
        print("  gp.eigenvalues:    largest |Δ| %.1e of λ_max; largest relative %.1e (smallest %.3g)"
              % (np.abs(ek - ev_k).max() / ev_k[0], np.max(np.abs(ek - ev_k) / ev_k), ev_k[-1]))

    print("\nchecks (value as dyn prints it: the left side)")
    print("  %s at(theta.eigenvalues, 1) >= at(gp.eigenvalues, 1): %.8g >= %.8g (golden value %g), margin %.4g "
          "(ratio %.3f)" % ("PASS" if ev_t[0] >= ev_k[0] else "FAIL", ev_t[0], ev_k[0], gchecks[0],
                            ev_t[0] - ev_k[0], ev_t[0] / ev_k[0]))
    print("  %s final(fit.train_mse) < 1e-12: %.3g (golden %g), 1e-12 above by a factor %.1e"
          % ("PASS" if fit[1] < 1e-12 else "FAIL", fit[1], gchecks[1], 1e-12 / max(fit[1], 1e-300)))
    bound = null[1] / (ev_t[0] + 1) ** 2
    print("  %s final(smooth.train_mse) > null.train_mse/(λ_max + 1)²: %.8g > %.6g (golden value %g), "
          "ratio %.1f" % ("PASS" if smooth[1] > bound else "FAIL", smooth[1], bound, gchecks[2], smooth[1] / bound))

    print("\nthe comment's claims")
    S = Th - Kx
    ev_s = np.linalg.eigvalsh(S)
    print("  Θ − K = Ṫ ⊙ XXᵀ on the train inputs: smallest eigenvalue %.3g, largest %.4g (PSD up to round-off)"
          % (ev_s[0], ev_s[-1]))
    print("  null.train_mse %.8g vs (1/n)Σy² %.8g (relative %.1e): the δ → ∞ limit"
          % (null[1], np.mean(y ** 2), rel(null[1], np.mean(y ** 2))))
    print("  ridge-1 lower bound (δ/(λ_max+δ))²(1/n)Σy² = %.6g; smooth.train_mse is %.0f× it"
          % (np.mean(y ** 2) / (ev_t[0] + 1) ** 2, smooth[1] / (np.mean(y ** 2) / (ev_t[0] + 1) ** 2)))
    print("\n%.1f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
