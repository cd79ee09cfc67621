#!/usr/bin/env python3
"""The eta_gamma sweep (examples/eta_gamma.dyn) as a strong numpy user would write it.

All 13 x 57 = 741 networks f(x) = W2 W1 x / gamma of the (gamma, lr) grid are stacked along a
leading batch axis and stepped together with batched matmuls: one numpy call per operation per
step for the whole grid, not a loop over points. Each point keeps its own divergence rule (dyn's:
the loss becomes non-finite or exceeds 1e6 times its initial value, checked at every step);
a diverged point is dropped from the stacked arrays (a mask, then compaction) so that it neither
stops nor perturbs the others, and is reported as diverged with a NaN loss. The loss is recorded
at dyn's grid, k = round(t / lr) for t in linspace(0, steps * lr, 121), and `edge` is lr when
the loss is finite and never rises from one step to the next by more than 1e-9 of its first
value, else 0 (dyn's `monotone` of a descent's loss, which its step loop decides at every step,
not only at the records).

Data and initial weights are dyn's, so the results can be compared point by point:
- x, y are read from bench/data/eta_gamma_{x,y}.npy, the files bench/eta_gamma.dyn loads
  (written once by `--write-data`: a whitened Gaussian input and a unit-norm linear teacher);
- W1(0) is dyn's draw, recomputed here from dyn's counter-based generator (CounterRng: SplitMix64,
  Box-Muller cosine half; numpy's log/cos may differ from fdlibm's by an ulp), W2(0) = 0.

Prints `points=741 seconds=<wall of the whole sweep> diverged=<count>`, then eta* per gamma.
With --results FILE writes one CSV row per point: gamma, lr, diverged, loss, edge.

Usage: eta_gamma_numpy.py [--steps 600] [--results points.csv] [--write-data]
"""
import argparse, os, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
D, WIDTH, OUT, N = 4, 16, 1, 32
MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def derive(seed, index):
    return int(mix64(int(mix64(seed & MASK)) ^ int(mix64((index + GOLDEN) & MASK))))


def uniform(stream, counters):
    with np.errstate(over="ignore"):
        z = mix64(stream) + (counters.astype(np.uint64) + np.uint64(1)) * np.uint64(GOLDEN)
    return ((mix64(z) >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0 ** -53


def normal(stream, count):
    k = np.arange(count, dtype=np.uint64)
    u1, u2 = uniform(stream, 2 * k), uniform(stream, 2 * k + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def logspace(a, b, n):
    """dyn's logspace (compiler Axes.logspace): 10 to evenly spaced exponents, ends and whole
    exponents exact, so that every point's lr and gamma are the same doubles as dyn's."""
    la, lb = np.log10(a), np.log10(b)
    out = []
    for i in range(n):
        e = la + (lb - la) * i / (n - 1)
        v = a if i == 0 else b if i == n - 1 else 10.0 ** e
        if 0 < i < n - 1 and abs(e - round(e)) < 1e-12:
            v = float(f"1e{round(e)}")
        out.append(v)
    return np.array(out)


def write_data():
    """A whitened Gaussian input (x x^T / n = I) and y = T x with T a random unit row."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((D, N))
    lam, q = np.linalg.eigh(x @ x.T / N)
    x = (q / np.sqrt(lam)) @ q.T @ x
    t = rng.standard_normal((OUT, D))
    t /= np.linalg.norm(t)
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    np.save(os.path.join(HERE, "data", "eta_gamma_x.npy"), np.ascontiguousarray(x.T))  # n x d
    np.save(os.path.join(HERE, "data", "eta_gamma_y.npy"), np.ascontiguousarray((t @ x).ravel()))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=600)
    p.add_argument("--results", default=None)
    p.add_argument("--write-data", action="store_true")
    a = p.parse_args()
    if a.write_data:
        write_data()
        return
    x = np.load(os.path.join(HERE, "data", "eta_gamma_x.npy")).T        # d x n
    y = np.load(os.path.join(HERE, "data", "eta_gamma_y.npy"))[None, :]  # 1 x n
    # model net = scaled_linear(..., seed = seed + 1): init seed 1, parameter 0 is W1
    w1_0 = np.sqrt(1.0 / D) * normal(derive(1, 0), WIDTH * D).reshape(WIDTH, D)

    t0 = time.perf_counter()
    gammas = logspace(0.01, 100.0, 13)
    lrs = logspace(1e-5, 1e3, 57)
    gamma = np.repeat(gammas, len(lrs))          # grid order: gamma outer, lr inner, as dyn's
    lr = np.tile(lrs, len(gammas))
    B, S = gamma.size, a.steps
    # each point's record steps: dyn places step k at t = k lr and records at k = round(t / lr)
    t_grid = np.linspace(0.0, 1.0, 121)[None, :] * (S * lr)[:, None]
    record_k = np.rint(t_grid / lr[:, None]).astype(np.int64)           # B x 121
    recorded = np.full((B, 121), np.nan)

    W1 = np.broadcast_to(w1_0, (B, WIDTH, D)).copy()
    W2 = np.zeros((B, OUT, WIDTH))
    xt = x.T
    alive = np.arange(B)                         # points still running, in grid order
    g_alive, lr_alive = gamma[:, None, None], lr[:, None, None]
    loss0 = None
    diverged = np.zeros(B, dtype=bool)
    rose = np.zeros(B, dtype=bool)               # the loss rose at some step (dyn's monotone)
    previous = None
    for k in range(S + 1):
        A = W2 @ W1                              # B x 1 x d: the end-to-end map
        R = (A @ x) / g_alive - y                # B x 1 x n: residual
        loss = 0.5 * np.einsum("bon,bon->b", R, R) / N
        if loss0 is None:
            loss0 = loss.copy()
        bad = ~np.isfinite(loss) | ((loss0 > 0) & (loss > 1e6 * loss0))
        if bad.any():                            # stop those points alone, drop them
            diverged[alive[bad]] = True
            keep = ~bad
            alive, W1, W2, A, R, loss, loss0 = (alive[keep], W1[keep], W2[keep], A[keep],
                                                R[keep], loss[keep], loss0[keep])
            g_alive, lr_alive = g_alive[keep], lr_alive[keep]
            if previous is not None:
                previous = previous[keep]
            if alive.size == 0:
                break
        if previous is not None:
            rose[alive[loss > previous + 1e-9 * np.abs(loss0)]] = True
        previous = loss
        hit = record_k[alive] == k               # a point may record twice at one step
        if hit.any():
            rows, cols = np.nonzero(hit)
            recorded[alive[rows], cols] = loss[rows]
        if k == S:
            break
        GA = (R @ xt) / (N * g_alive)            # dL/dA, B x 1 x d
        G2 = GA @ W1.transpose(0, 2, 1)          # B x 1 x width
        G1 = W2.transpose(0, 2, 1) @ GA          # B x width x d
        W2 -= lr_alive * G2
        W1 -= lr_alive * G1
    recorded[diverged] = np.nan
    final = recorded[:, -1]
    monotone = np.all(np.isfinite(recorded), axis=1) & ~rose
    edge = np.where(diverged, 0.0, lr * monotone)  # dyn: monotone() of a diverged run is 0
    seconds = time.perf_counter() - t0

    print(f"points={B} seconds={seconds:.4f} diverged={int(diverged.sum())}")
    eta = np.max(edge.reshape(len(gammas), len(lrs)), axis=1)
    for g, e in zip(gammas, eta):
        print(f"gamma={g:.6g} eta={e:.6g}")
    if a.results:
        with open(a.results, "w") as f:
            f.write("gamma,lr,diverged,loss,edge\n")
            for i in range(B):
                f.write(f"{float(gamma[i])!r},{float(lr[i])!r},{int(diverged[i])},"
                        f"{float(final[i])!r},{float(edge[i])!r}\n")


if __name__ == "__main__":
    main()
