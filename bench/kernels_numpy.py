#!/usr/bin/env python3
"""The numpy a researcher would write for bench/kernels.dyn's two workloads.

ntk: per-sample Jacobian of f = W2 relu(W1 x) (NTK parametrization: W1 ~ N(0, 1/d) times 1,
W2 ~ N(0, 1) times 1/sqrt(width) in the forward pass), Theta = J J^T, eigh, and the linearized GD
losses at the two recorded times. eigenframework: kappa by brentq on log kappa, learnabilities,
E0, test and train MSE on a 1e5-mode spectrum. Prints `ntk_seconds=…` and `ef_seconds=…`.
"""
import time
import numpy as np
from scipy.optimize import brentq

rng = np.random.default_rng(0)
d, n, width, modes = 10, 512, 1024, 100000
x = rng.standard_normal((d, n))
y = x.sum(0) / np.sqrt(d)
W1 = rng.standard_normal((width, d)) / np.sqrt(d)
W2 = rng.standard_normal((1, width))
a = 1 / np.sqrt(width)

t0 = time.perf_counter()
z = W1 @ x                                   # width x n
h = np.maximum(z, 0)
f0 = a * (W2 @ h)[0]
back = a * W2[0][:, None] * (z > 0)          # df/dz, width x n
J1 = np.einsum("wn,dn->nwd", back, x).reshape(n, width * d)
J2 = a * h.T                                 # df/dW2
J = np.concatenate([J1, J2], axis=1)
theta = J @ J.T
lam, U = np.linalg.eigh(theta)
proj = U.T @ (f0 - y)
lr = 0.1
losses = [((1 - lr * lam / n) ** k * proj) @ ((1 - lr * lam / n) ** k * proj) / (2 * n)
          for k in (0, 1)]
ntk_seconds = time.perf_counter() - t0

t0 = time.perf_counter()
lam = np.arange(1, modes + 1) ** -1.5
lam /= lam.sum()
v = 1.0 / np.arange(1, modes + 1)
v /= np.linalg.norm(v)
N, ridge, noise = 1000, 1e-4, 0.01
kappa = np.exp(brentq(lambda lk: (lam / (lam + np.exp(lk))).sum() + ridge / np.exp(lk) - N,
                      -80, 10, xtol=1e-14))
L = lam / (lam + kappa)
E0 = N / (N - (L ** 2).sum())
test = E0 * (((1 - L) ** 2 * v ** 2).sum() + noise)
train = (ridge / (N * kappa)) ** 2 * test
ef_seconds = time.perf_counter() - t0
print(f"losses={losses} test={test:.6g} kappa={kappa:.6g}")
print(f"ntk_seconds={ntk_seconds:.6f}")
print(f"ef_seconds={ef_seconds:.6f}")
