#!/usr/bin/env python3
"""Numpy baseline for bench/gradient_flow.dyn: gradient flow on a two-layer linear network
through a 4-plateau staircase, by hand, with the integrator dyn uses.

Same problem (whitened Gaussian inputs d x n, teacher T = Q1 diag(5, 3, 2, 1, 0, ..) Q2^T,
f = W2 W1 x, L = 1/(2n) sum ||y - f||^2, W ~ alpha N(0, 1/fan_in)), same integrator: Dormand-Prince
5(4) with Hairer's RMS error norm, Lund PI controller (beta 0.04, safety 0.9, factors in
[0.2, 10]) and starting step, rtol 1e-9, atol 1e-12. Different random draws from dyn's, so
step counts differ a little. No scipy. Prints one line:
  steps=<accepted> rejected=<R> evals=<E> seconds=<T> steps_per_s=<R> final_loss=<L>
"""
import argparse, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--d", type=int, default=6)
p.add_argument("--width", type=int, default=8)
p.add_argument("--n", type=int, default=200)
p.add_argument("--alpha", type=float, default=1e-6)
p.add_argument("--until", type=float, default=24.0)
p.add_argument("--rtol", type=float, default=1e-9)
p.add_argument("--atol", type=float, default=1e-12)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()

rng = np.random.default_rng(a.seed)
d, h, n = a.d, a.width, a.n
s = np.zeros(d)
s[:4] = [5, 3, 2, 1]
q1, _ = np.linalg.qr(rng.standard_normal((d, d)))
q2, _ = np.linalg.qr(rng.standard_normal((d, d)))
T = q1 @ np.diag(s) @ q2.T
x = rng.standard_normal((d, n))
lam, v = np.linalg.eigh(x @ x.T / n)
X = (v / np.sqrt(lam)) @ v.T @ x
Y = T @ X
sizes = (h * d, d * h)
theta = np.concatenate([(a.alpha * rng.standard_normal((h, d)) / np.sqrt(d)).ravel(),
                        (a.alpha * rng.standard_normal((d, h)) / np.sqrt(h)).ravel()])


def loss_grad(th):
    W1 = th[:sizes[0]].reshape(h, d)
    W2 = th[sizes[0]:].reshape(d, h)
    H = W1 @ X
    R = (W2 @ H - Y) / n
    g2 = R @ H.T
    g1 = (W2.T @ R) @ X.T
    return np.concatenate([g1.ravel(), g2.ravel()])


def f(th):
    return -loss_grad(th)


def loss(th):
    W1 = th[:sizes[0]].reshape(h, d)
    W2 = th[sizes[0]:].reshape(d, h)
    return 0.5 * np.mean(np.sum((W2 @ (W1 @ X) - Y) ** 2, axis=0))


A = [[], [1 / 5], [3 / 40, 9 / 40], [44 / 45, -56 / 15, 32 / 9],
     [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
     [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
     [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]]
E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40]


def initial_step(y, k1):
    sk = a.atol + a.rtol * np.abs(y)
    dnf = np.sqrt(np.mean((k1 / sk) ** 2))
    dny = np.sqrt(np.mean((y / sk) ** 2))
    h0 = 1e-6 if dnf <= 1e-5 or dny <= 1e-5 else 0.01 * dny / dnf
    h0 = min(h0, a.until)
    k2 = f(y + h0 * k1)
    der2 = np.sqrt(np.mean(((k2 - k1) / sk) ** 2)) / h0
    der12 = max(abs(der2), dnf)
    h1 = max(1e-6, h0 * 1e-3) if der12 <= 1e-15 else (0.01 / der12) ** 0.2
    return min(100 * h0, h1, a.until)


t0 = time.perf_counter()
y = theta.copy()
k1 = f(y)
evals = 2
hs = initial_step(y, k1)
t, fac_old, rejected_last, acc, rej = 0.0, 1e-4, False, 0, 0
while t < a.until:
    last = t + hs >= a.until
    if last:
        hs = a.until - t
    k = [k1]
    for i in range(1, 6):
        k.append(f(y + hs * sum(c * kk for c, kk in zip(A[i], k))))
    y1 = y + hs * sum(c * kk for c, kk in zip(A[6], k))
    k7 = f(y1)
    evals += 6
    k.append(k7)
    e = hs * sum(c * kk for c, kk in zip(E, k))
    sk = a.atol + a.rtol * np.maximum(np.abs(y), np.abs(y1))
    err = np.sqrt(np.mean((e / sk) ** 2))
    fac11 = err ** (0.2 - 0.04 * 0.75)
    if err <= 1.0:
        fac = max(1 / 10, min(1 / 0.2, fac11 / fac_old ** 0.04 / 0.9))
        h_new = hs / fac
        if rejected_last:
            h_new = min(h_new, hs)
        fac_old = max(err, 1e-4)
        acc += 1
        t = a.until if last else t + hs
        y, k1, hs, rejected_last = y1, k7, h_new, False
    else:
        rej += 1
        hs = hs / min(1 / 0.2, fac11 / 0.9)
        rejected_last = True
el = time.perf_counter() - t0
print(f"steps={acc} rejected={rej} evals={evals} seconds={el:.4f} steps_per_s={acc / el:.1f} "
      f"final_loss={loss(y):.6e}")
