#!/usr/bin/env python3
"""An independent numpy recomputation of examples/lazy_infinite.dyn.

Recomputed here, with no number read from dyn (dyn's files are read only to compare):
- the data: relu_teacher(d = 10, k = 2, n = 16, n_test = 16, seed = 0) from dyn's streams
  (dyn_draws.py: W site 0, x site 1, x_test site 2);
- θ(0) per (width, seed): two_layer(d = 10, width = n, out = 1, act = relu, parametrization =
  ntk, seed = s), f = n^{-1/2} w2 relu(W1 x), W1 ~ √(1/10)·normal of derive(s, 0), w2 ~
  √(1/n)·normal of derive(s, 1) × √n (as lazy_width.py, whose Jacobian this reuses);
- `descent(lr = 0.2, steps = 100)`, loss and test_loss recorded at t = 0, 5, 10, 15, 20;
- `linearized(net, task, lr = 0.2)`: the empirical-NTK linear model, trained by GD in parameter
  space (train and test rows of J_0) and, as a check, in closed form;
- `ntk(net, task)`: the infinite-width NTK of the two-layer ReLU net written out here from
  wave2.md §1.2–1.4 (arc-cosine kernels of orders 1 and 0): with q = x·x/d, q' = x'·x'/d,
  c = x·x'/d, θ = arccos(c/√(qq')), Θ(x, x') = √(qq')(sin θ + (π − θ)cos θ)/(2π)
  + (x·x')(π − θ)/(2π) (σ_w² = 1 in both layers; the W1 term's ρ = fan-in d turns c into x·x').
  It is confirmed by a Monte-Carlo estimate: the empirical NTK of nets of width 2^18 (factored
  form, wave2 §1.3), averaged over 16 draws, whose relative error ~1.5/√width is printed beside it;
- `linearized(theta, task, lr = 0.2)`: the same GD recursion with Θ in place of Θ_0, from the
  net's own f_0 (train: f_k − y = (I − ηΘ/n)^k (f_0 − y); test: f_{k+1}(x*) = f_k(x*) −
  (η/n)Θ(x*, X)(f_k(X) − y));
- the sweep metrics max_abs_diff(gd.loss, ·.loss) over the five shared times, their means over
  the six seeds, fit_power (least squares of ln mean on ln width over the four widths: exponent,
  stderr, 95% t interval with 2 degrees of freedom, prefactor e^{intercept}, r²), both checks.

It compares the means and fits with examples/lazy_infinite.out and, with --dyn-dir, every point
with dyn's full-precision files, made by
    cp examples/lazy_infinite.dyn /tmp/s/li.dyn
    printf 'report csv("p.csv", gd.loss, gd.test_loss, empirical.loss, empirical.test_loss, infinite.loss, infinite.test_loss)\\n' >> /tmp/s/li.dyn
    ./dyn run /tmp/s/li.dyn --out OUT
(--dyn-dir OUT/sweep-s/points). With --mean-field it also reruns the sweep under the comment's
mutation (parametrization = mean_field: W2 init × √n, forward × 1/n, lr × n on both layers);
--dyn-mf OUT/sweep-s/points compares that with dyn run on the mutated example.

Usage: python3 tools/example_checks/lazy_infinite.py [--dyn-dir DIR] [--mean-field] [--dyn-mf DIR]
About 5 s (one core) plus 3 s for --mean-field.

Results (this session): the closed-form Θ against the Monte-Carlo kernel (width 2^18, 16 draws)
on the 32 train and test inputs: within 2.0e-3 of max|Θ|, median |difference| 0.60 of its
standard error (max 4.4 over 1024 entries); the empirical linearized model in parameter space
and in closed form ≤ 1e-13 apart. Against dyn's per-point files, all 24 points: gd.loss,
test_loss, empirical.loss/test_loss, infinite.loss/test_loss ≤ 1.0e-13, empirical_gap ≤ 4.1e-12,
infinite_gap ≤ 1.4e-12. (A first version took θ = arccos(c/√(qq')), which on one diagonal entry
rounds to 1.5e-8 instead of 0 and moved infinite.loss by 2e-8 and the gap by 5.5e-7; the atan2
form below agrees with dyn to round-off.) Seed means: 8/8 equal the golden's 6 digits (≤ 1.8e-6);
fits: empirical −0.624816 [−0.7777, −0.4720] stderr 0.03552 prefactor 0.02097 r² 0.9936,
infinite −0.445355 [−1.0600, 0.1693] 0.1429 0.01849 0.8293, each within the golden's rounding.
Checks: empirical_fit.exponent < −0.35 by 0.275, infinite_fit.exponent < −0.35 by 0.095 (its 95%
interval reaches +0.17: four seed means, one of them, width 2048, above width 512's). The
comment's claims hold: exponents −0.45 and −0.62, the infinite gap the larger at every width,
and under mean_field −0.165 and −0.214 ("−0.16 and −0.21"), equal to dyn's mutated run (≤ 2.4e-13).
"""
import argparse, json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "lazy_infinite.out")
D, K, NS, NTEST, DATA_SEED = 10, 2, 16, 16, 0
LR, STEPS, RECORD = 0.2, 100, [0, 25, 50, 75, 100]
WIDTHS, SEEDS = [128, 512, 2048, 8192], [1, 2, 3, 4, 5, 6]
T975_2DOF = 4.302652729911275  # scipy.stats.t.ppf(0.975, 2)


def data(seed=DATA_SEED):
    W = dd.normal_matrix(dd.site_stream(seed, 0), K, D) / D ** 0.5
    a = np.ones((1, K)) / K
    x = dd.normal_matrix(dd.site_stream(seed, 1), D, NS)
    xt = dd.normal_matrix(dd.site_stream(seed, 2), D, NTEST)
    return x, (a @ np.maximum(W @ x, 0.0)).ravel(), xt, (a @ np.maximum(W @ xt, 0.0)).ravel()


def ntk_relu(xa, xb):
    """Infinite-width NTK of the ntk-parametrized two-layer ReLU net, columns of xa × columns of xb."""
    qa, qb = np.sum(xa * xa, 0) / D, np.sum(xb * xb, 0) / D
    c = xa.T @ xb / D
    s = np.sqrt(np.outer(qa, qb))
    # θ = arccos(c/√(qq')) by the angle between unit vectors, 2·atan2(‖u − v‖, ‖u + v‖): accurate
    # near θ = 0, where arccos of a cosine rounded to 1 − 1e-16 gives θ ≈ 1.5e-8 on the diagonal
    # (that cost 1e-8 relative in the predicted losses; with it they agree with dyn to 1e-14)
    ua, ub = xa / np.linalg.norm(xa, axis=0), xb / np.linalg.norm(xb, axis=0)
    dif = np.linalg.norm(ua[:, :, None] - ub[:, None, :], axis=0)
    som = np.linalg.norm(ua[:, :, None] + ub[:, None, :], axis=0)
    th = 2.0 * np.arctan2(dif, som)
    T = s * (np.sin(th) + (np.pi - th) * np.cos(th)) / (2 * np.pi)  # E relu(u) relu(v)
    Td = (np.pi - th) / (2 * np.pi)                                  # E relu'(u) relu'(v)
    return T + D * c * Td


def ntk_monte_carlo(xa, width=2 ** 18, draws=16, chunk=2 ** 16, seed=12345):
    """Empirical NTK (1/n)Σ_i [relu(w_i·x) relu(w_i·x') + a_i² 1(w_i·x > 0) 1(w_i·x' > 0) x·x'] of
    nets with w_i ~ N(0, I/d), a_i ~ N(0, 1), averaged over draws; also the spread between draws."""
    rng = np.random.default_rng(seed)
    G = xa.T @ xa
    ests = []
    for _ in range(draws):
        acc = np.zeros_like(G)
        for _ in range(width // chunk):
            W = rng.standard_normal((chunk, D)) / D ** 0.5
            a2 = rng.standard_normal(chunk) ** 2
            pre = W @ xa
            h = np.maximum(pre, 0.0)
            act = (pre > 0) * a2[:, None] ** 0.5
            acc += h.T @ h + (act.T @ act) * G
        ests.append(acc / width)
    return np.mean(ests, 0), np.std(ests, 0, ddof=1) / np.sqrt(draws)


class Net:
    def __init__(self, width, seed, kind="ntk"):
        self.n = width
        if kind == "ntk":      # (W2 init ×, W2 forward ×, lr × on both)
            i2, self.a2, self.m = width ** 0.5, width ** -0.5, 1.0
        elif kind == "mean_field":
            i2, self.a2, self.m = width ** 0.5, 1.0 / width, float(width)
        self.W1 = dd.param(seed, 0, width, D, 1.0 / D)
        self.w2 = dd.param(seed, 1, 1, width, 1.0 / width, init_multiplier=i2).ravel()

    def f(self, W1, w2, x):
        return self.a2 * w2 @ np.maximum(W1 @ x, 0.0)

    def jacobian(self, W1, w2, x):
        pre = W1 @ x
        J1 = ((self.a2 * w2[:, None] * (pre > 0))[:, :, None] * x.T[None, :, :]).transpose(1, 0, 2)
        return np.concatenate([J1.reshape(x.shape[1], -1), (self.a2 * np.maximum(pre, 0.0)).T], axis=1)


def loss(f, y):
    return 0.5 * np.mean((f - y) ** 2)


def run(width, seed, x, y, xt, yt, Th, Tht, kind="ntk"):
    """GD, the empirical linearized model and the infinite-width one; losses at RECORD."""
    net = Net(width, seed, kind)
    W1, w2, m = net.W1.copy(), net.w2.copy(), net.m
    out = {k: [] for k in ("gd", "gd_t", "emp", "emp_t", "inf", "inf_t")}
    for k in range(STEPS + 1):
        pre = W1 @ x
        f = net.a2 * w2 @ np.maximum(pre, 0.0)
        if k in RECORD:
            out["gd"].append(loss(f, y))
            out["gd_t"].append(loss(net.f(W1, w2, xt), yt))
        r = (f - y) / NS
        g1 = net.a2 * (w2[:, None] * r[None, :] * (pre > 0)) @ x.T
        g2 = net.a2 * np.maximum(pre, 0.0) @ r
        W1, w2 = W1 - LR * m * g1, w2 - LR * m * g2
    f0, f0t = net.f(net.W1, net.w2, x), net.f(net.W1, net.w2, xt)
    J0, J0t = net.jacobian(net.W1, net.w2, x), net.jacobian(net.W1, net.w2, xt)
    dth = np.zeros(J0.shape[1])
    fi, fit = f0.copy(), f0t.copy()
    for k in range(STEPS + 1):
        fl = f0 + J0 @ dth
        if k in RECORD:
            out["emp"].append(loss(fl, y))
            out["emp_t"].append(loss(f0t + J0t @ dth, yt))
            out["inf"].append(loss(fi, y))
            out["inf_t"].append(loss(fit, yt))
        dth -= LR * m * J0.T @ (fl - y) / NS
        fi, fit = fi - LR / NS * Th @ (fi - y), fit - LR / NS * Tht @ (fi - y)
    # closed form of the empirical one (wave2 §2.1), a second route
    lam, U = np.linalg.eigh(m * J0 @ J0.T)
    c = U.T @ (f0 - y)
    cf = [0.5 * np.mean(((1 - LR * lam / NS) ** k * c) ** 2) for k in RECORD]
    out = {k: np.array(v) for k, v in out.items()}
    out["cf_dev"] = np.max(np.abs(np.array(cf) - out["emp"]) / out["emp"])
    out["emp_gap"] = np.max(np.abs(out["gd"] - out["emp"]))
    out["inf_gap"] = np.max(np.abs(out["gd"] - out["inf"]))
    out["W1"], out["w2"] = net.W1, net.w2
    return out


def fit_power(xs, ys):
    X, Y = np.log(np.asarray(xs, float)), np.log(np.asarray(ys, float))
    n = len(X)
    xm, ym = X.mean(), Y.mean()
    Sxx = np.sum((X - xm) ** 2)
    b = np.sum((X - xm) * (Y - ym)) / Sxx
    a = ym - b * xm
    res = Y - a - b * X
    se = np.sqrt(np.sum(res ** 2) / (n - 2) / Sxx)
    return dict(exponent=b, lo=b - T975_2DOF * se, hi=b + T975_2DOF * se, stderr=se,
                prefactor=np.exp(a), r2=1 - np.sum(res ** 2) / np.sum((Y - ym) ** 2))


def read_golden():
    means, fits, checks = {}, {}, {}
    for ln in open(GOLDEN_OUT).read().splitlines():
        p = ln.split()
        if len(p) == 3 and p[0].isdigit():
            means[int(p[0])] = (float(p[1]), float(p[2]))
        elif p and p[0] in ("empirical_fit", "infinite_fit"):
            inner = ln[ln.index("95%:") + 4:]
            lo, hi = inner[inner.index("[") + 1:inner.index("]")].split(",")
            rest = inner[inner.index("]") + 1:].split()
            fits[p[0]] = dict(exponent=float(p[4]), lo=float(lo), hi=float(hi), stderr=float(rest[0]),
                              prefactor=float(rest[1]), r2=float(rest[2]))
        elif ln.startswith("check "):
            checks[ln.split(":")[0][6:]] = float(ln.split("(value ")[1].rstrip(")"))
    return means, fits, checks


def rel(a, b):
    return np.abs(np.asarray(a) - np.asarray(b)) / np.maximum(np.abs(np.asarray(b)), 1e-300)


def sweep(x, y, xt, yt, Th, Tht, kind="ntk"):
    return {(w, s): run(w, s, x, y, xt, yt, Th, Tht, kind) for w in WIDTHS for s in SEEDS}


def summarize(P):
    emp = [np.mean([P[w, s]["emp_gap"] for s in SEEDS]) for w in WIDTHS]
    inf = [np.mean([P[w, s]["inf_gap"] for s in SEEDS]) for w in WIDTHS]
    return emp, inf, fit_power(WIDTHS, emp), fit_power(WIDTHS, inf)


def against_dyn(P, d):
    worst = {}
    for p in sorted(os.listdir(d), key=int):
        res = json.load(open(os.path.join(d, p, "result.json")))
        w, s = int(res["params"]["width"]), int(res["params"]["seed"])
        r = P[w, s]
        m = res["metrics"]
        for key, v, g in [("empirical_gap", r["emp_gap"], m["empirical_gap"]),
                          ("infinite_gap", r["inf_gap"], m["infinite_gap"])]:
            worst[key] = max(worst.get(key, 0.0), float(rel(v, g)))
        cp = os.path.join(d, p, "p.csv")
        if os.path.exists(cp):
            C = np.genfromtxt(cp, delimiter=",", skip_header=1)
            for j, key in enumerate(["gd", "gd_t", "emp", "emp_t", "inf", "inf_t"], start=1):
                worst[key] = max(worst.get(key, 0.0), float(rel(r[key], C[:, j]).max()))
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-dir")
    ap.add_argument("--mean-field", action="store_true")
    ap.add_argument("--dyn-mf")
    args = ap.parse_args()
    t0 = time.time()
    x, y, xt, yt = data()
    X = np.concatenate([x, xt], axis=1)
    Th, Tht = ntk_relu(x, x), ntk_relu(xt, x)

    print("the infinite-width NTK (closed form) against a Monte-Carlo estimate, width 2^18 × 16 draws,")
    print("on the 32 train and test inputs")
    Tall = ntk_relu(X, X)
    mc, se = ntk_monte_carlo(X)
    z = np.abs(mc - Tall) / se
    print(f"  largest relative difference {np.max(np.abs(mc - Tall)) / np.max(np.abs(Tall)):.1e} of max|Θ| "
          f"(Frobenius {np.linalg.norm(mc - Tall) / np.linalg.norm(Tall):.1e}); |MC − closed form|/MC's standard "
          f"error: median {np.median(z):.2f}, max {z.max():.2f} over {z.size} entries")
    print(f"  Θ on the train inputs: eigenvalues {np.array2string(np.linalg.eigvalsh(Th)[::-1][:4], precision=6)} …"
          f" {np.linalg.eigvalsh(Th)[0]:.6g}; ηλ_max/n = {LR * np.linalg.eigvalsh(Th)[-1] / NS:.3f}")

    P = sweep(x, y, xt, yt, Th, Tht)
    print(f"\n24 points: the empirical linearized model in parameter space vs its closed form: largest "
          f"relative difference {max(P[k]['cf_dev'] for k in P):.1e}")
    emp, inf, fe, fi = summarize(P)
    gm, gf, gc = read_golden()
    print("\nseed means: this recomputation | examples/lazy_infinite.out (6 digits) | relative difference")
    for i, w in enumerate(WIDTHS):
        print(f"  width {w:5d}: empirical {emp[i]:.10g} | {gm[w][0]:g} | {rel(emp[i], gm[w][0]):.1e};  "
              f"infinite {inf[i]:.10g} | {gm[w][1]:g} | {rel(inf[i], gm[w][1]):.1e}")
    d6 = sum(float(f"{v:.6g}") != gm[w][j] for j, vs in enumerate([emp, inf]) for w, v in zip(WIDTHS, vs))
    print(f"  cells differing at 6 digits: {d6} of 8")
    print("fits: this recomputation | golden (4 significant digits) | relative difference")
    for name, f in [("empirical_fit", fe), ("infinite_fit", fi)]:
        for key in ["exponent", "lo", "hi", "stderr", "prefactor", "r2"]:
            print(f"  {name:13} {key:9}: {f[key]:+.8g} | {gf[name][key]:+g} | {rel(f[key], gf[name][key]):.1e}")
    print("per point (width, seed): empirical_gap, infinite_gap")
    for w in WIDTHS:
        print(f"  {w:5d}: " + "  ".join(f"{P[w, s]['emp_gap']:.3e}/{P[w, s]['inf_gap']:.3e}" for s in SEEDS))

    if args.dyn_dir:
        wd = against_dyn(P, args.dyn_dir)
        print("\nagainst dyn's full-precision per-point files, 24 points (largest relative differences):")
        print("  " + ", ".join(f"{k} {v:.1e}" for k, v in wd.items()))

    print("\nchecks")
    for name, f in [("empirical_fit", fe), ("infinite_fit", fi)]:
        v = f["exponent"]
        print(f"  {'PASS' if v < -0.35 else 'FAIL'} {name}.exponent < -0.35: value {v:.6g} (golden "
              f"{gc[name + '.exponent < -0.35']:g}), margin {-0.35 - v:.3g}; the 95% interval's upper end "
              f"{f['hi']:+.3f} {'is' if f['hi'] < -0.35 else 'is not'} below the bound")

    print("\nclaims of the comment")
    print(f"  exponents: empirical {fe['exponent']:.3f}, infinite {fi['exponent']:.3f} (\"width^−0.45 against "
          f"width^−0.62\"); the infinite gap larger at every width: {all(b > a for a, b in zip(emp, inf))}")
    if args.mean_field:
        Pm = sweep(x, y, xt, yt, Th, Tht, kind="mean_field")
        em, im, fem, fim = summarize(Pm)
        print(f"  mean_field (Θ: the same closed form, which is also the width → ∞ limit of the mean-field "
              f"net's empirical NTK, lr × n included): empirical_fit {fem['exponent']:+.3f}, infinite_fit "
              f"{fim['exponent']:+.3f} (comment: −0.16 and −0.21)")
        print("    means: " + ", ".join(f"{w}: {a:.4g}/{b:.4g}" for w, a, b in zip(WIDTHS, em, im)))
        if args.dyn_mf:
            wd = against_dyn(Pm, args.dyn_mf)
            print("    against dyn run with parametrization = mean_field: " +
                  ", ".join(f"{k} {v:.1e}" for k, v in wd.items()))
    print(f"total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
