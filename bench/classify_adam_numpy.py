#!/usr/bin/env python3
"""Reference workload: an MLP classifier trained by full-batch Adam on softmax cross-entropy,
as a researcher would write it in numpy (the work of bench/classify_adam.dyn).

f(x) = W2 relu(W1 x), W1 ~ N(0, 1/d), W2 ~ N(0, 1/H); loss mean_i (logsumexp z_i − z_i[y_i]);
Adam with PyTorch's defaults (β = (0.9, 0.999), ε = 1e-8, bias correction). Prints one line:
  steps=<S> seconds=<T> steps_per_s=<R> final_loss=<L> accuracy=<A>
"""
import argparse, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--d", type=int, default=32)
p.add_argument("--width", type=int, default=256)
p.add_argument("--n", type=int, default=1024)
p.add_argument("--steps", type=int, default=2000)
p.add_argument("--lr", type=float, default=1e-3)
a = p.parse_args()

rng = np.random.default_rng(0)
X = rng.standard_normal((a.n, a.d))
y = (X[:, :9] > 0).sum(1)
K = 10
W1 = rng.standard_normal((a.width, a.d)) / np.sqrt(a.d)
W2 = rng.standard_normal((K, a.width)) / np.sqrt(a.width)
params = [W1, W2]
m = [np.zeros_like(w) for w in params]
v = [np.zeros_like(w) for w in params]
b1, b2, eps = 0.9, 0.999, 1e-8
rows = np.arange(a.n)


def loss_grad(W1, W2):
    Z1 = X @ W1.T
    H = np.maximum(Z1, 0)
    Z = H @ W2.T                                  # n x K
    Z = Z - Z.max(1, keepdims=True)
    P = np.exp(Z)
    P /= P.sum(1, keepdims=True)
    loss = -np.mean(np.log(P[rows, y]))
    P[rows, y] -= 1
    P /= a.n                                      # dL/dZ
    G2 = P.T @ H
    G1 = ((P @ W2) * (Z1 > 0)).T @ X
    return loss, [G1, G2]


t0 = time.perf_counter()
for k in range(a.steps):
    _, grads = loss_grad(W1, W2)
    c1, c2 = 1 - b1 ** (k + 1), 1 - b2 ** (k + 1)
    for w, g, mi, vi in zip(params, grads, m, v):
        mi *= b1
        mi += (1 - b1) * g
        vi *= b2
        vi += (1 - b2) * g * g
        w -= a.lr * (mi / c1) / (np.sqrt(vi / c2) + eps)
el = time.perf_counter() - t0
loss, _ = loss_grad(W1, W2)
acc = np.mean((np.maximum(X @ W1.T, 0) @ W2.T).argmax(1) == y)
print(f"steps={a.steps} seconds={el:.4f} steps_per_s={a.steps/el:.1f} final_loss={loss:.6e} "
      f"accuracy={acc:.4f}")
