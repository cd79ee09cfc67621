#!/usr/bin/env python3
"""An independent numpy recomputation of examples/parametrizations.dyn's own golden cells.

(tools/example_checks/parametrizations.py checks the example's thresholds over 100 other draws;
this script recomputes every cell of the golden at the example's own seed.)

Recomputed here, with no number read from dyn:
- the data: relu_teacher(d = 10, n = 64, seed = 0): w = normal(1, 10)/√10 (body site 0),
  x = normal(10, 64) (site 1), y = relu(w x); dyn's streams rebuilt by dyn_draws.py;
- θ(0) of two_layer(d = 10, width = n, out = 1, act = relu, seed = 1) under the two
  parametrizations, implemented here from docs/PARAMETRIZATION.md's table for two_layer:
    standard: W1 = √(1/10)·normal of derive(1, 0), W2 = √(1/n)·normal of derive(1, 1); f = W2 relu(W1 x);
    mup:      stored w1 = n^{-1/2}·√(1/10)·normal (init multiplier 1/√n), forward multiplier √n;
              stored w2 = √(1/n)·normal (init multiplier 1), forward multiplier 1/√n;
              f = n^{-1/2} w2 relu(√n w1 x); lr multipliers 1 on both (GD on the stored w's);
- GD on L = (1/2n_s) Σ_μ (f(x_μ) − y_μ)², hand-written backprop (checked against central
  differences), lr 0.1;
- coord_check (docs/PARAMETRIZATION.md, "The coordinate check"): per width 64 … 1024 and step
  t = 0 … 3, |h| = mean over entries and samples of |h_t| with h = √n w1 x (mup) / W1 x (sp) for
  W1 and h = f for W2, |Δh| = mean |h_t − h_0|; slope = least-squares slope of ln(stat) on
  ln(width);
- the loss table: the four 1-step trains (widths 64 and 1024, both parametrizations), loss at
  steps 0 and 1 (t = 0, 0.1); the four checks with their margins.

Then it compares with examples/parametrizations.out (4 significant digits in the coord_check
tables, 3 in their slopes, 6 in the loss table) and, with --dyn-csv, with dyn's full-precision
loss csv, and with --dyn-theta, θ(0) with dyn's `report params` export.
Usage: python3 tools/example_checks/parametrizations_witness.py [--dyn-csv par.csv]
           [--dyn-theta 'DIR/theta{width}.npz']
(made with `report csv("par.csv")`, `report params("theta64.npz", mup64)` and
`report params("theta1024.npz", mup1024)` appended to a scratch copy of the example.)
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import golden_out  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "parametrizations.out")
D, NS, DATA_SEED, MODEL_SEED = 10, 64, 0, 1
LR, STEPS = 0.1, 3
WIDTHS = [64, 128, 256, 512, 1024]


def data(seed=DATA_SEED):
    w = dd.normal_matrix(dd.site_stream(seed, 0), 1, D) / D ** 0.5
    x = dd.normal_matrix(dd.site_stream(seed, 1), D, NS)
    return x, np.maximum(w @ x, 0.0)


class Net:
    """two_layer with ReLU; (init, forward, lr) multipliers per tensor from PARAMETRIZATION.md."""

    def __init__(self, n, kind, seed=MODEL_SEED):
        if kind == "standard":
            (i1, self.f1, self.m1), (i2, self.f2, self.m2) = (1, 1, 1), (1, 1, 1)
        elif kind == "mup":
            (i1, self.f1, self.m1), (i2, self.f2, self.m2) = (n ** -0.5, n ** 0.5, 1), (1, n ** -0.5, 1)
        else:
            raise ValueError(kind)
        self.W1 = dd.param(seed, 0, n, D, 1.0 / D, init_multiplier=i1)
        self.W2 = dd.param(seed, 1, 1, n, 1.0 / n, init_multiplier=i2)

    def forward(self, W1, W2, x):
        pre = self.f1 * (W1 @ x)
        return self.f2 * (W2 @ np.maximum(pre, 0.0)), pre

    def grads(self, W1, W2, x, y):
        f, pre = self.forward(W1, W2, x)
        r = (f - y) / x.shape[1]
        g2 = self.f2 * r @ np.maximum(pre, 0.0).T
        g1 = self.f1 * ((self.f2 * W2.T @ r) * (pre > 0)) @ x.T
        return g1, g2

    def step(self, W1, W2, x, y, lr):
        g1, g2 = self.grads(W1, W2, x, y)
        return W1 - lr * self.m1 * g1, W2 - lr * self.m2 * g2


def loss(f, y):
    return 0.5 * np.mean((f - y) ** 2)


def fd_check(net, x, y):
    W1, W2 = net.W1, net.W2
    g1, g2 = net.grads(W1, W2, x, y)
    an = np.concatenate([g1.ravel(), g2.ravel()])
    th = np.concatenate([W1.ravel(), W2.ravel()])
    n1 = W1.size
    rng = np.random.default_rng(0)
    worst = 0.0
    for p in rng.choice(th.size, 30, replace=False):
        e = np.zeros_like(th); e[p] = 1e-7 * max(abs(th[p]), 1e-3)
        L = [loss(net.forward((th + s * e)[:n1].reshape(W1.shape), (th + s * e)[n1:].reshape(W2.shape), x)[0], y)
             for s in (1, -1)]
        worst = max(worst, abs((L[0] - L[1]) / (2 * e[p]) - an[p]) / np.abs(an).max())
    return worst


def coord(kind, x, y):
    """stats[(tensor, stat, step)] = array over WIDTHS."""
    out = {}
    for j, n in enumerate(WIDTHS):
        net = Net(n, kind)
        W1, W2 = net.W1.copy(), net.W2.copy()
        hs = []
        for t in range(STEPS + 1):
            f, pre = net.forward(W1, W2, x)
            hs.append((pre, f))
            if t < STEPS:
                W1, W2 = net.step(W1, W2, x, y, LR)
        for t in range(STEPS + 1):
            for k, tensor in enumerate(("W1", "W2")):
                out.setdefault((tensor, "|h|", t), np.zeros(len(WIDTHS)))[j] = np.mean(np.abs(hs[t][k]))
                if t >= 1:
                    out.setdefault((tensor, "|Δh|", t), np.zeros(len(WIDTHS)))[j] = \
                        np.mean(np.abs(hs[t][k] - hs[0][k]))
    return out


def slope(v):
    X, Y = np.log(WIDTHS), np.log(v)
    return np.sum((X - X.mean()) * (Y - Y.mean())) / np.sum((X - X.mean()) ** 2)


def read_coord_tables():
    tables, cur = {}, None
    for ln in open(GOLDEN_OUT):
        p = ln.split()
        if ln.startswith("coord_check"):
            cur = tables.setdefault(p[1].rstrip(":"), {})
        elif cur is not None and p and p[0] in ("W1", "W2"):
            cur[(p[0], p[2], int(p[3]))] = (np.array([float(v) for v in p[4:9]]), float(p[9]))
        elif not p:
            cur = None if cur is not None and len(cur) else cur
    return tables


def sig(v, k):
    return float(f"{v:.{k}g}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-theta")
    args = ap.parse_args()
    x, y = data()
    for kind in ("standard", "mup"):
        print(f"{kind}: ∇L against central differences at width 256 (30 params): "
              f"{fd_check(Net(256, kind), x, y):.1e} of max|∇L|")
    golden = read_coord_tables()
    for name, kind in (("sp", "standard"), ("mup", "mup")):
        st = coord(kind, x, y)
        g = golden[name]
        worst_c, worst_s, neq_c, neq_s, ncells = 0.0, 0.0, 0, 0, 0
        print(f"\ncoord_check {name} ({kind}): recomputed (4 digits), slope; golden where it differs")
        for key in sorted(g, key=lambda k: (k[0], k[1] != "|h|", k[2])):
            v, s = st[key], slope(st[key])
            gv, gs = g[key]
            worst_c = max(worst_c, np.max(np.abs(v - gv) / np.abs(gv)))
            worst_s = max(worst_s, abs(s - gs) / abs(gs))
            ne = sum(sig(a, 4) != b for a, b in zip(v, gv))
            neq_c += ne; ncells += 5
            neq_s += sig(s, 3) != gs
            print(f"  {key[0]} {key[1]:4} {key[2]}  " + " ".join(f"{a:10.4g}" for a in v)
                  + f"  {s:+.4f}" + ("" if ne == 0 and sig(s, 3) == gs else
                                   "   golden " + " ".join(f"{b:g}" for b in gv) + f" {gs:g}"))
        print(f"  {name}: {ncells - neq_c}/{ncells} cells and {len(g) - neq_s}/{len(g)} slopes equal to "
              f"the golden's digits; largest relative difference cells {worst_c:.1e}, slopes {worst_s:.1e}")

    # the loss table and the checks
    L = {}
    nets = {}
    for lab, n, kind in (("sp64", 64, "standard"), ("sp1024", 1024, "standard"),
                         ("mup64", 64, "mup"), ("mup1024", 1024, "mup")):
        net = Net(n, kind)
        nets[lab] = net
        l0 = loss(net.forward(net.W1, net.W2, x)[0], y)
        W1, W2 = net.step(net.W1, net.W2, x, y, LR)
        L[lab] = np.array([l0, loss(net.forward(W1, W2, x)[0], y)])
    g = golden_out.columns(GOLDEN_OUT)
    dyn = None
    if args.dyn_csv:
        import csv
        rows = list(csv.DictReader(open(args.dyn_csv)))
        dyn = {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}
    print("\nloss table: recomputed | golden (6 digits) | rel. diff" + (" | vs dyn csv" if dyn else ""))
    for lab in L:
        col = lab + ".loss"
        r = np.abs(L[lab] - g[col]) / g[col]
        eq = all(sig(a, 6) == b for a, b in zip(L[lab], g[col]))
        line = f"  {col:13} " + " ".join(f"{a:.10g}" for a in L[lab]) + f" | equal at 6 digits: {eq} | {r.max():.1e}"
        if dyn:
            line += f" | {np.max(np.abs(L[lab] - dyn[col]) / dyn[col]):.1e}"
        print(line)
    if args.dyn_theta:
        for lab, n in (("mup64", 64), ("mup1024", 1024)):
            th = np.load(args.dyn_theta.format(width=n))
            print(f"  θ(0) of {lab}: " + ", ".join(f"{k} {dd.ulps(v, th['init/' + k2]):.0f} ulps"
                                                    for k, v, k2 in (("w1", nets[lab].W1, "W1"), ("w2", nets[lab].W2, "W2")))
                  + f" from dyn's export (keys {sorted(th.files)[:4]})")
    f = {k: v[-1] for k, v in L.items()}
    print("\nchecks (value vs threshold; margin):")
    print(f"  final(sp1024) > 3·final(sp64): {f['sp1024']:.6g} > {3 * f['sp64']:.6g}  ratio {f['sp1024'] / f['sp64']:.1f} (need > 3)")
    print(f"  final(mup1024) < 1.4·final(mup64): ratio {f['mup1024'] / f['mup64']:.4f} (need < 1.4)")
    print(f"  final(mup1024) > 0.6·final(mup64): ratio {f['mup1024'] / f['mup64']:.4f} (need > 0.6)")
    print(f"  final(mup1024) < 0.97·at(mup1024, 0): ratio {f['mup1024'] / L['mup1024'][0]:.4f} (need < 0.97; "
          f"loss lowered by {100 * (1 - f['mup1024'] / L['mup1024'][0]):.2f}%)")


if __name__ == "__main__":
    main()
