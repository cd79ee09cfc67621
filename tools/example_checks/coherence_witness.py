#!/usr/bin/env python3
"""An independent numpy recomputation of examples/coherence.dyn's own golden cells.

(tools/example_checks/coherence.py checks the example's thresholds over other draws; this script
recomputes the 48 cells of the golden table and the 3 checks at the example's own seed.)

Recomputed here, with no number read from dyn:
- the data: sign_labels(d = 20, n = 200, seed = 0) twice: w = normal(20, 1) (body site 0),
  z = normal(1, 200) (site 1), x = normal(20, 200) (site 2), both datasets drawing the same x;
  real y = sign(wᵀx), random y = sign(z); dyn's streams rebuilt by dyn_draws.py;
- θ(0): two_layer(d = 20, width = 256, out = 1, act = tanh, seed = 1), standard
  parametrization (no multipliers): W1 = √(1/20)·normal of stream derive(1, 0), W2 = √(1/256)·
  normal of derive(1, 1); the same θ(0) for both trains;
- descent(lr = 0.2, steps = 20) on L = (1/2n) Σ_μ (f(x_μ) − y_μ)², hand-written backprop
  (checked against central differences);
- observables at linear(0, 4, 8), i.e. t = 4i/7, recorded at GD step round(t/lr) (Java
  Math.round, as in classify_mixture.py): steps 0, 3, 6, 9, 11, 14, 17, 20;
- m_coherence from docs/LANGUAGE.md: per-example gradients g_i = ∇_θ ½(f(x_i) − y_i)², α_m =
  ‖Σ g_i‖² / Σ ‖g_i‖², each g_i written out (g_i = r_i [(W2ᵀ ⊙ tanh'(W1 x_i)) x_iᵀ, h_iᵀ],
  r_i = f_i − y_i); loss; accuracy = fraction with sign(f) (f = 0 → −1) = sign(y).

Usage: python3 tools/example_checks/coherence_witness.py [--dyn-csv coh.csv]
(coh.csv from a scratch copy of the example with `report csv("coh.csv")` appended.)
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402
import golden_out  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "coherence.out")
D, N, H, DATA_SEED, MODEL_SEED = 20, 200, 256, 0, 1
LR, STEPS = 0.2, 20
TIMES = np.linspace(0.0, 4.0, 8)
GRID_STEPS = [int(np.floor(t / LR + 0.5)) for t in TIMES]  # Java Math.round


def data(random, seed=DATA_SEED):
    w = dd.normal_matrix(dd.site_stream(seed, 0), D, 1)
    z = dd.normal_matrix(dd.site_stream(seed, 1), 1, N)
    x = dd.normal_matrix(dd.site_stream(seed, 2), D, N)
    s = z if random else w.T @ x
    return x, s / np.abs(s)


def init(seed=MODEL_SEED):
    return (dd.param(seed, 0, H, D, 1.0 / D), dd.param(seed, 1, 1, H, 1.0 / H))


def forward(W1, W2, x):
    h = np.tanh(W1 @ x)
    return W2 @ h, h


def loss(W1, W2, x, y):
    return 0.5 * np.mean((forward(W1, W2, x)[0] - y) ** 2)


def grad(W1, W2, x, y):
    f, h = forward(W1, W2, x)
    r = (f - y) / x.shape[1]
    return ((W2.T @ r) * (1 - h * h)) @ x.T, r @ h.T


def per_example(W1, W2, x, y):
    """Per-example gradients of ½(f_i − y_i)², as an (n × P) array."""
    f, h = forward(W1, W2, x)
    r = (f - y)[0]                              # n
    back = W2.T * (1 - h * h)                   # H × n
    g1 = (r * back).T[:, :, None] * x.T[:, None, :]   # n × H × d
    g2 = (r * h).T                              # n × H
    return np.concatenate([g1.reshape(x.shape[1], -1), g2], axis=1)


def m_coherence(W1, W2, x, y):
    G = per_example(W1, W2, x, y)
    return np.sum(G.sum(axis=0) ** 2) / np.sum(G * G)


def accuracy(W1, W2, x, y):
    f = forward(W1, W2, x)[0]
    return np.mean(np.where(f > 0, 1.0, -1.0) == np.sign(y))


def fd_check(W1, W2, x, y):
    g1, g2 = grad(W1, W2, x, y)
    G = per_example(W1, W2, x, y)
    worst = np.max(np.abs(G.sum(axis=0) / x.shape[1] - np.concatenate([g1.ravel(), g2.ravel()])))
    rng = np.random.default_rng(0)
    th = np.concatenate([W1.ravel(), W2.ravel()])
    fdw = 0.0
    for p in rng.choice(th.size, 30, replace=False):
        e = np.zeros_like(th); e[p] = 1e-6
        lp = loss((th + e)[:H * D].reshape(H, D), (th + e)[H * D:].reshape(1, H), x, y)
        lm = loss((th - e)[:H * D].reshape(H, D), (th - e)[H * D:].reshape(1, H), x, y)
        an = g1.ravel()[p] if p < H * D else g2.ravel()[p - H * D]
        fdw = max(fdw, abs((lp - lm) / 2e-6 - an) / max(np.abs(th).max() * 0 + np.abs(np.concatenate([g1.ravel(), g2.ravel()])).max(), 1e-300))
    return worst, fdw


def train(x, y):
    W1, W2 = init()
    rec = {}
    for k in range(STEPS + 1):
        if k in GRID_STEPS:
            rec[k] = dict(m_coherence=m_coherence(W1, W2, x, y), loss=loss(W1, W2, x, y),
                          accuracy=accuracy(W1, W2, x, y))
        if k == STEPS:
            break
        g1, g2 = grad(W1, W2, x, y)
        W1, W2 = W1 - LR * g1, W2 - LR * g2
    return {key: np.array([rec[k][key] for k in GRID_STEPS]) for key in ("m_coherence", "loss", "accuracy")}


def rel(a, b):
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-300)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    args = ap.parse_args()
    print("grid steps round(t/lr):", GRID_STEPS)
    runs = {}
    for name, random in (("r", False), ("z", True)):
        x, y = data(random)
        W1, W2 = init()
        s, fdw = fd_check(W1, W2, x, y)
        print(f"{name}: labels +1 {int(np.sum(y > 0))}/{N}; Σg_i/n vs ∇L {s:.1e}, ∇L vs central "
              f"differences (30 params) {fdw:.1e} of max|∇L|")
        runs[name] = train(x, y)

    g = golden_out.columns(GOLDEN_OUT)
    dyn = None
    if args.dyn_csv:
        import csv
        rows = list(csv.DictReader(open(args.dyn_csv)))
        dyn = {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}
    print("\ncolumn            largest rel. diff vs golden   all cells equal at 6 digits"
          + ("   vs dyn csv" if dyn else ""))
    for col in ("r.m_coherence", "z.m_coherence", "r.loss", "z.loss", "r.accuracy", "z.accuracy"):
        name, key = col.split(".")
        v = runs[name][key]
        eq = all(float(f"{a:.6g}") == b for a, b in zip(v, g[col]))
        line = f"  {col:15} {rel(v, g[col]).max():12.1e}                 {eq}"
        if dyn:
            line += f"   {rel(v, dyn[col]).max():.1e}"
        print(line)
        print("     ours:   " + " ".join(f"{a:.9g}" for a in v))
    r, z = runs["r"]["m_coherence"], runs["z"]["m_coherence"]
    print("\nchecks (value, threshold, margin):")
    print(f"  at(r.m_coherence, 0) > 1.5·at(z.m_coherence, 0): {r[0]:.6g} > {1.5 * z[0]:.6g} "
          f"(ratio {r[0] / z[0]:.3f} of 1.5) {'PASS' if r[0] > 1.5 * z[0] else 'FAIL'}")
    for nm, s in (("r", r), ("z", z)):
        print(f"  final({nm}.m_coherence) < 0.6·at(…, 0): {s[-1]:.6g} < {0.6 * s[0]:.6g} "
              f"(final/init {s[-1] / s[0]:.4f} of 0.6) {'PASS' if s[-1] < 0.6 * s[0] else 'FAIL'}")
    print(f"\ncomment claims: dyn init 6.88 / after 29 steps 0.063; here r.m_coherence init {r[0]:.4g}, "
          f"final (20 steps) {r[-1]:.4g}; z init {z[0]:.4g}, final {z[-1]:.4g}; r/z at the "
          "recorded times: " + " ".join(f"{a / b:.3f}" for a, b in zip(r, z)))


if __name__ == "__main__":
    main()
