#!/usr/bin/env python3
"""Writes examples/data/spirals_x.npy and spirals_y.npy, the data of examples/classify_file.dyn.

Three interleaved spiral arms in the plane (the classic non-linearly-separable toy problem):
arm k has points r * (sin t, cos t) with r uniform on [0.05, 1] and t = 4k + 4r + 0.2 noise.
600 points, 200 per arm, in a seeded random order; the script trains on the first 300 and tests
on the last 300. Saved the way researchers save arrays: x is (600, 2) float64 with samples as
rows (dyn transposes it), y is (600,) int64 class indices. Run once from the repository root:
    python3 tools/make_spirals.py
It also prints the accuracy of the best linear softmax classifier (numpy gradient descent), the
baseline the example's threshold is set against.
"""
import numpy as np

rng = np.random.default_rng(20261203)
per, arms = 200, 3
xs, ys = [], []
for k in range(arms):
    r = rng.uniform(0.05, 1.0, per)
    t = 4.0 * k + 4.0 * r + 0.2 * rng.standard_normal(per)
    xs.append(np.stack([r * np.sin(t), r * np.cos(t)], axis=1))
    ys.append(np.full(per, k, dtype=np.int64))
x = np.concatenate(xs)
y = np.concatenate(ys)
order = rng.permutation(len(y))
x, y = x[order], y[order]
np.save("examples/data/spirals_x.npy", x)
np.save("examples/data/spirals_y.npy", y)

# Linear softmax baseline (with bias), full-batch gradient descent to convergence.
xb = np.hstack([x, np.ones((len(y), 1))])
tr, te = slice(0, 300), slice(300, 600)
W = np.zeros((3, 3))
onehot = np.eye(3)[y]
for _ in range(20000):
    z = xb[tr] @ W.T
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    W -= 0.5 * (p - onehot[tr]).T @ xb[tr] / 300
acc = lambda s: np.mean(np.argmax(xb[s] @ W.T, 1) == y[s])
print(f"linear softmax: train accuracy {acc(tr):.3f}, test accuracy {acc(te):.3f}")
