# Independent reference for linearized(theta, …, ensemble = true) (dyn's KernelLimitTest): the
# arc-cosine NTK Θ and NNGP K of f = (m2 W2) relu((m1 W1) x) from first principles (as
# reference.py), then the mean and covariance of f on train and test rows pushed through the
# linear dynamics themselves: GD is f ← M f + b with M = I − (η/n)Θ[:, X]E_X, so the mean goes
# through M and the covariance through M C Mᵀ from C_0 = K ⊗ I; flow uses expm of the augmented
# linear system. E loss = (‖mean − y‖² + tr C)/(2·rows), train and test separately.
import json, sys, numpy as np
from scipy.linalg import expm
ld = lambda f: np.loadtxt(f, delimiter=",", ndmin=2)
X, Y, XT, YT = ld("x.csv"), ld("y.csv"), ld("xt.csv"), ld("yt.csv")   # samples as rows
# The ntk parametrization's multipliers of stdlib two_layer: dyn plan lists them (W1: forward 1,
# lr 1; W2: forward 1/√32, lr 1); the arc-cosine kernels need only the effective variances.
d, m = 3, 32
c1 = c2 = 1.0
m1, m2 = 1.0, 1.0 / np.sqrt(m)
s1, s2 = 1.0 / d, 1.0 / m            # effective entry variances declared by stdlib two_layer
A = np.vstack([X, XT]); N = len(A); n = len(X); c = Y.shape[1]
G = s1 * A @ A.T
q = np.sqrt(np.diag(G)); cos = np.clip(G / np.outer(q, q), -1, 1)
np.fill_diagonal(cos, 1.0)
ang = np.arccos(cos)
E_relu = np.outer(q, q) / (2 * np.pi) * (np.sin(ang) + (np.pi - ang) * cos)
E_step = (np.pi - ang) / (2 * np.pi)
theta = c2 * m2**2 * m * E_relu + c1 * m1**2 * (A @ A.T) * m * s2 * E_step
nngp = m * s2 * E_relu                # Var(m2 W2_j) = s2 per neuron, m neurons
T = np.kron(theta, np.eye(c)); K = np.kron(nngp, np.eye(c))   # sample-major rows i*c + a
yall = np.vstack([Y, YT]).reshape(-1); tr = n * c; R = N * c
E = np.zeros((R, R)); E[:tr, :tr] = np.eye(tr)
def losses(mu, C):
    r = mu - yall
    return ((r[:tr]**2).sum() + np.trace(C[:tr, :tr])) / (2 * n), \
           ((r[tr:]**2).sum() + np.trace(C[tr:, tr:])) / (2 * (N - n))
lr = 0.5
M = np.eye(R) - lr / n * T @ E; b = lr / n * T @ E @ yall
mu, C = np.zeros(R), K.copy(); gd = []
for k in range(41):
    if k % 10 == 0: gd.append(losses(mu, C))
    mu, C = M @ mu + b, M @ C @ M.T
Aode = -T @ E / n; bode = T @ E @ yall / n
flow = []
for t in [0, 5, 10, 15, 20]:
    aug = np.zeros((R + 1, R + 1)); aug[:R, :R] = Aode; aug[:R, R] = bode
    P = expm(aug * t); Mt, bt = P[:R, :R], P[:R, R]
    flow.append(losses(bt, Mt @ K @ Mt.T))
for a, f in zip(gd, flow): print("%.15g %.15g %.15g %.15g" % (a[0], a[1], f[0], f[1]))
