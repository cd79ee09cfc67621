#!/usr/bin/env python3
"""An independent numpy recomputation of examples/lazy_rich.dyn.

Recomputed here, with no number read from dyn (dyn's files are read only to compare):
- the data: relu_teacher(d = 10, k = 2, n = 32, n_test = 32, seed = 0): W = normal(2, 10)/√10
  (body site 0), a = (½, ½), x = normal(10, 32) (site 1), y = a relu(W x), x_test =
  normal(10, 32) (site 2), y_test = a relu(W x_test); dyn's streams rebuilt by dyn_draws.py;
- θ(0): two_layer(d = 10, width = 1024, out = 1, act = relu, parametrization = ntk, gamma = γ,
  seed = 1), the same draw for both γ (γ does not change θ(0), docs/PARAMETRIZATION.md): W1
  (parameter 0) √(1/10)·normal of derive(1, 0); w2 (parameter 1) √(1/n)·normal of derive(1, 1)
  times the ntk init multiplier √n; f(x) = n^{-1/2} w2 relu(W1 x) / γ; lr multipliers 1;
- `descent(lr = 0.2γ², steps = 100)` on L = (1/2n_s) Σ (f − y)², hand-written backprop, recorded
  every 10 steps (the `observe … at linear(0, 20γ², 11)` grid, t = step·lr), with test_loss in the
  same convention on the test split;
- the Jacobian J (train and test rows) written out by hand and checked by central differences;
  Θ_t = J_t J_tᵀ on the train inputs; kernel_distance 1 − ⟨Θ_0, Θ_t⟩_F/(‖Θ_0‖_F ‖Θ_t‖_F);
  kernel_alignment yᵀΘ_t y/(‖Θ_t‖_F ‖y‖²) (wave2.md §2.2, docs/LANGUAGE.md);
- `linearized(net, task, lr = 0.2γ²)`: the model f_0 + J_0(θ − θ_0) trained by its own gradient
  descent in parameter space (train and test outputs), and as a second route the closed form of
  wave2.md §2.1, f_k − y = (I − ηΘ_0/n)^k (f_0 − y), f_k(x*) = f_0(x*) − (η/n) Θ_0(x*, X)
  Σ_{j<k} (f_j − y), by Θ_0's eigendecomposition;
- the three `compare … trajectory` tables (relative error |measured − predicted|/|predicted|,
  verdict max ≤ rtol, with the declared expectation) and the check
  final(rich_gd.loss) < final(rich_lin.loss) with its margin.

It compares every cell of both tables with examples/lazy_rich.out (6 significant digits) and, with
--dyn-dir, with dyn's full-precision csv files and θ(0) export, made by
    cp examples/lazy_rich.dyn /tmp/s/lr.dyn
    printf 'report csv("all.csv")\\nreport csv("lin.csv", lazy_lin.loss, lazy_lin.test_loss, rich_lin.loss, rich_lin.test_loss)\\nreport params("lazy.npz", lazy_gd)\\nreport params("rich.npz", rich_gd)\\n' >> /tmp/s/lr.dyn
    ./dyn run /tmp/s/lr.dyn --out OUT
(--dyn-dir OUT). It also tests the comment's claims: the lazy prediction's largest relative loss
error ("a few percent"), kernel_alignment 0.28 → 0.35 in the rich run, and the check's order
reversed at gamma_rich = 0.5 ("0.0072 against 0.0070").

Usage: python3 tools/example_checks/lazy_rich.py [--dyn-dir OUT]   (a few seconds, one core)

Results (this session): θ(0) within 4 ulps of dyn's export (W1 4, W2 3), θ at the end of each
train within 2.4e-13; J_0 against central differences ≤ 3.2e-7 (the differences' own error); the
linearized model in parameter space and in closed form ≤ 8e-15 apart (train and test). All 88
cells of the two tables equal the golden's 6 digits (≤ 4.4e-6 relative, rounding); against dyn's
csv: gd.loss, test_loss, kernel_alignment, lin.loss, lin.test_loss ≤ 9.3e-15, kernel_distance
≤ 2e-11 (1 − cos of kernels ~1e-4 apart). Compares: lazy_fit 3.05% at t = 5 (≤ 5%, PASS as
declared, margin 1.9 points), lazy_test 0.60% at t = 1.5 (PASS, margin 4.4 points), rich_fit
51.0% at t = 8000 (> 20%, FAIL as declared; the 20% line is first crossed at t = 3200, 19.5% at
t = 2400). Check: final rich GD loss 0.000330685 < the prediction's 0.000674613 (0.49 of it).
The comments' claims hold: "a few percent" (3.05%), alignment 0.2807 → 0.3531 in the rich run
(lazy 0.2807 → 0.2828), and at γ = 0.5 the order reverses, 0.007209 against 0.006995.
"""
import argparse, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "lazy_rich.out")
D, K, NS, NTEST, DATA_SEED, MODEL_SEED, WIDTH = 10, 2, 32, 32, 0, 1, 1024
STEPS, EVERY = 100, 10
GAMMAS = {"lazy": 0.5, "rich": 20.0}


def data(seed=DATA_SEED):
    W = dd.normal_matrix(dd.site_stream(seed, 0), K, D) / D ** 0.5
    a = np.ones((1, K)) / K
    x = dd.normal_matrix(dd.site_stream(seed, 1), D, NS)
    xt = dd.normal_matrix(dd.site_stream(seed, 2), D, NTEST)
    return x, a @ np.maximum(W @ x, 0.0), xt, a @ np.maximum(W @ xt, 0.0)


class Net:
    """ntk-parametrized two_layer with output scale γ: f = n^{-1/2} w2 relu(W1 x) / γ."""

    def __init__(self, width, gamma, seed=MODEL_SEED):
        self.n, self.g = width, gamma
        self.c2 = width ** -0.5 / gamma  # everything that multiplies w2 relu(W1 x)
        self.W1 = dd.param(seed, 0, width, D, 1.0 / D)
        self.w2 = dd.param(seed, 1, 1, width, 1.0 / width, init_multiplier=width ** 0.5)

    def f(self, W1, w2, x):
        return self.c2 * w2 @ np.maximum(W1 @ x, 0.0)

    def grads(self, W1, w2, x, y):
        pre = W1 @ x
        r = (self.c2 * w2 @ np.maximum(pre, 0.0) - y) / x.shape[1]
        return self.c2 * (w2.T @ r) * (pre > 0) @ x.T, self.c2 * r @ np.maximum(pre, 0.0).T

    def jacobian(self, W1, w2, x):
        """J[μ, :] = ∂f(x_μ)/∂(W1 row-major, w2), by hand."""
        pre = W1 @ x
        J1 = ((self.c2 * w2.T * (pre > 0))[:, :, None] * x.T[None, :, :]).transpose(1, 0, 2)
        return np.concatenate([J1.reshape(x.shape[1], -1), (self.c2 * np.maximum(pre, 0.0)).T], axis=1)


def loss(f, y):
    return 0.5 * np.sum((f - y) ** 2) / np.size(y)  # one output: n_s = number of samples


def kdist(A, B):
    return 1.0 - np.sum(A * B) / (np.linalg.norm(A) * np.linalg.norm(B))


def kalign(T, y):
    y = y.ravel()
    return y @ T @ y / (np.linalg.norm(T) * (y @ y))


def run(gamma, x, y, xt, yt, width=WIDTH, fd_check=False):
    lr = 0.2 * gamma ** 2
    net = Net(width, gamma)
    W1, w2 = net.W1.copy(), net.w2.copy()
    J0, J0t = net.jacobian(W1, w2, x), net.jacobian(W1, w2, xt)
    if fd_check:
        rng = np.random.default_rng(0)
        th = np.concatenate([W1.ravel(), w2.ravel()])
        unpack = lambda v: (v[:width * D].reshape(width, D), v[width * D:].reshape(1, -1))
        worst = 0.0
        for p in rng.choice(th.size, 40, replace=False):
            e = np.zeros_like(th)
            e[p] = 1e-6
            fd = (net.f(*unpack(th + e), x) - net.f(*unpack(th - e), x)).ravel() / (2 * e[p])
            worst = max(worst, np.abs(fd - J0[:, p]).max() / max(np.abs(J0[:, p]).max(), 1e-12))
        print(f"  γ = {gamma:g}: J_0 against central differences (40 random parameters): "
              f"largest relative difference {worst:.1e}")
    Th0 = J0 @ J0.T
    out = {k: [] for k in ("gd_loss", "gd_test", "kd", "ka", "lin_loss", "lin_test", "cf_loss", "cf_test")}
    for k in range(STEPS + 1):
        if k % EVERY == 0:
            J = net.jacobian(W1, w2, x)
            Th = J @ J.T
            out["gd_loss"].append(loss(net.f(W1, w2, x), y))
            out["gd_test"].append(loss(net.f(W1, w2, xt), yt))
            out["kd"].append(kdist(Th0, Th) if k else 0.0)
            out["ka"].append(kalign(Th, y))
        if k == STEPS:
            break
        g1, g2 = net.grads(W1, w2, x, y)
        W1, w2 = W1 - lr * g1, w2 - lr * g2
    final = (W1, w2)

    # the linearized model, GD in parameter space
    f0, f0t = net.f(net.W1, net.w2, x).ravel(), net.f(net.W1, net.w2, xt).ravel()
    dth = np.zeros(J0.shape[1])
    for k in range(STEPS + 1):
        fl = f0 + J0 @ dth
        if k % EVERY == 0:
            out["lin_loss"].append(loss(fl, y.ravel()))
            out["lin_test"].append(loss(f0t + J0t @ dth, yt.ravel()))
        dth -= lr * J0.T @ (fl - y.ravel()) / NS
    # … and the closed form by Θ_0's eigendecomposition
    lam, U = np.linalg.eigh(Th0)
    Tt = J0t @ J0.T  # Θ_0(x*, X)
    c = U.T @ (f0 - y.ravel())
    for k in range(0, STEPS + 1, EVERY):
        q = 1.0 - lr * lam / NS
        out["cf_loss"].append(0.5 * np.sum((q ** k * c) ** 2) / NS)
        # Σ_{j<k} q^j = (1 − q^k)/(1 − q), written to stay exact for q → 1
        s = np.array([np.sum(qi ** np.arange(k)) for qi in q])
        out["cf_test"].append(loss(f0t - lr / NS * Tt @ (U @ (s * c)), yt.ravel()))
    out = {k: np.array(v) for k, v in out.items()}
    out.update(t=lr * np.arange(0, STEPS + 1, EVERY), W1=net.W1, w2=net.w2, final=final, lam=lam, lr=lr)
    return out


def read_golden():
    """The two tables (t, gd.loss, lin.loss, kernel_distance, kernel_alignment), the compares' rows
    (t, predicted, measured) and their verdict lines."""
    lines = open(GOLDEN_OUT).read().splitlines()
    tables, comp, verdicts, cur = {}, {}, {}, None
    for ln in lines:
        p = ln.split()
        if not p:
            cur = None
        elif len(p) == 5 and p[0] == "t" and p[1].endswith("_gd.loss"):
            cur = tables.setdefault(p[1].split("_")[0], [])
        elif ln.startswith("compare ") and "against" in ln:
            cur = comp.setdefault(p[1].rstrip(":"), [])
        elif ln.startswith("compare "):
            verdicts[p[1].rstrip(":")] = ln.split(": ", 1)[1]
        elif cur is not None and p[0] != "t":
            cur.append([float(v) for v in p[:(5 if len(p) == 5 and not p[3].endswith("%") else 3)]])
    return ({k: np.array(v) for k, v in tables.items()}, {k: np.array(v) for k, v in comp.items()},
            verdicts)


def read_csv(path):
    import csv
    rows = list(csv.reader(open(path)))
    return {h: np.array([float(r[i]) if r[i] else np.nan for r in rows[1:]]) for i, h in enumerate(rows[0])}


def rel(a, b):
    return np.abs(np.asarray(a) - np.asarray(b)) / np.maximum(np.abs(np.asarray(b)), 1e-300)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-dir")
    args = ap.parse_args()
    t0 = time.time()
    x, y, xt, yt = data()
    print("data: y = %s …, y_test = %s …" % (np.array2string(y[0, :3], precision=6),
                                              np.array2string(yt[0, :3], precision=6)))
    R = {name: run(g, x, y, xt, yt, fd_check=True) for name, g in GAMMAS.items()}
    for name, r in R.items():
        print(f"  {name} (γ = {GAMMAS[name]:g}, lr = {r['lr']:g}): linearized GD in parameter space "
              f"vs closed form: loss {rel(r['lin_loss'], r['cf_loss']).max():.1e}, test_loss "
              f"{rel(r['lin_test'], r['cf_test']).max():.1e}; ηλ_max(Θ_0)/n = {r['lr'] * r['lam'].max() / NS:.3f}")

    gt, gc, gv = read_golden()
    cols = [("gd_loss", "gd.loss"), ("lin_loss", "lin.loss"), ("kd", "kernel_distance"), ("ka", "kernel_alignment")]
    print("\nthe tables: this recomputation against examples/lazy_rich.out (6 significant digits)")
    for name, r in R.items():
        G = gt[name]
        assert np.allclose(G[:, 0], r["t"]), (G[:, 0], r["t"])
        print(f"  {name}: t = {r['t'][0]:g} … {r['t'][-1]:g}")
        for j, (key, lab) in enumerate(cols, start=1):
            v = r[key]
            mask = G[:, j] != 0  # kernel_distance at t = 0: 0 both
            d6 = sum(float(f"{a:.6g}") != g for a, g in zip(v, G[:, j]))
            print(f"    {lab:17} largest relative difference {rel(v[mask], G[mask, j]).max():.1e}, "
                  f"cells differing at 6 digits: {d6} of {len(v)}")
        print("    t        " + "".join(f"{lab:>18}" for _, lab in cols))
        for i in range(len(r["t"])):
            print(f"    {r['t'][i]:<8g} " + "".join(f"{r[k][i]:18.10g}" for k, _ in cols))

    print("\nthe compares (relative error = |measured − predicted|/|predicted|)")
    for cname, meas, pred, rtol, expect in [("lazy_fit", R["lazy"]["gd_loss"], R["lazy"]["lin_loss"], 0.05, "pass"),
                                            ("lazy_test", R["lazy"]["gd_test"], R["lazy"]["lin_test"], 0.05, "pass"),
                                            ("rich_fit", R["rich"]["gd_loss"], R["rich"]["lin_loss"], 0.2, "fail")]:
        e = rel(meas, pred)
        rows = gc[cname]
        verdict = "PASS" if e.max() <= rtol else "FAIL"
        ok = (verdict == "PASS") == (expect == "pass")
        i = int(np.argmax(e))
        print(f"  {cname}: max relative error {e.max():.4%} at t = {R['lazy' if 'lazy' in cname else 'rich']['t'][i]:g} "
              f"(rtol {rtol:g}): {verdict}, declared {expect} → {'as declared' if ok else 'NOT as declared'}; "
              f"margin {abs(rtol - e.max()):.4g} ({abs(rtol - e.max()) / rtol:.0%} of rtol)")
        print(f"    against the golden's table: predicted {rel(pred, rows[:, 1]).max():.1e}, measured "
              f"{rel(meas, rows[:, 2]).max():.1e} (largest relative differences; 6 digits); golden line: "
              f"{gv[cname]}")
        print("    per-row relative errors: " + ", ".join(f"{v:.2%}" for v in e))

    a, b = R["rich"]["gd_loss"][-1], R["rich"]["lin_loss"][-1]
    print(f"\ncheck final(rich_gd.loss) < final(rich_lin.loss): {'PASS' if a < b else 'FAIL'} "
          f"({a:.6g} < {b:.6g}; margin {b - a:.3g}, the train's loss is {a / b:.3f} of the prediction's)")

    print("\nclaims of the comments")
    e = rel(R["lazy"]["gd_loss"], R["lazy"]["lin_loss"])
    print(f"  lazy prediction's max relative loss error at width 1024: {e.max():.2%} (\"a few percent\")")
    print(f"  kernel_distance final: lazy {R['lazy']['kd'][-1]:.3g}, rich {R['rich']['kd'][-1]:.3g} (\"grows\")")
    print(f"  rich kernel_alignment {R['rich']['ka'][0]:.4f} → {R['rich']['ka'][-1]:.4f} (\"0.28 → 0.35\"); "
          f"lazy {R['lazy']['ka'][0]:.4f} → {R['lazy']['ka'][-1]:.4f}")
    print(f"  at gamma_rich = 0.5 (the lazy run): final gd {R['lazy']['gd_loss'][-1]:.4g} against lin "
          f"{R['lazy']['lin_loss'][-1]:.4g} → the check would "
          f"{'PASS' if R['lazy']['gd_loss'][-1] < R['lazy']['lin_loss'][-1] else 'FAIL'} (\"0.0072 against 0.0070 … fails\")")

    if args.dyn_dir:
        print(f"\nagainst dyn's full-precision files ({args.dyn_dir})")
        C = read_csv(os.path.join(args.dyn_dir, "all.csv"))
        L = read_csv(os.path.join(args.dyn_dir, "lin.csv"))
        for name, r in R.items():
            th = np.load(os.path.join(args.dyn_dir, f"{name}.npz"))
            parts = [f"θ(0) W1 {dd.ulps(r['W1'], th['init/W1']):.0f} ulps, W2 {dd.ulps(r['w2'], th['init/W2']):.0f} ulps",
                     f"θ(end) {max(rel(r['final'][0], th['final/W1']).max(), rel(r['final'][1], th['final/W2']).max()):.1e}"]
            for key, T, col in [("gd_loss", C, "gd.loss"), ("gd_test", C, "gd.test_loss"),
                                ("kd", C, "gd.kernel_distance"), ("ka", C, "gd.kernel_alignment"),
                                ("lin_loss", L, "lin.loss"), ("lin_test", L, "lin.test_loss")]:
                g = T[f"{name}_{col}"]
                rows = np.isin(T["t"], r["t"]) & ~np.isnan(g)
                assert np.allclose(T["t"][rows], r["t"])
                g = g[rows]
                m = g != 0
                parts.append(f"{key} {rel(r[key][m], g[m]).max():.1e}")
            print(f"  {name}: " + "; ".join(parts) + " (largest relative differences)")
    print(f"total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
