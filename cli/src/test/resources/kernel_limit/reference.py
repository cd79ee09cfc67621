# Run: dyn run lazy_infinite.dyn --out out && python3 reference.py out/theta.json
# Independent reference for the infinite-width linearized prediction (dyn's KernelLimitTest):
# the arc-cosine NTK of f = (m2 W2) relu((m1 W1) x) from first principles, f_0 from the
# exported theta(0), then 40 GD steps of the linear model on the train rows, and gradient flow.
import json, sys, numpy as np
ld = lambda f: np.loadtxt(f, delimiter=",", ndmin=2)
X, Y, XT, YT = ld("x.csv"), ld("y.csv"), ld("xt.csv"), ld("yt.csv")   # samples as rows
th = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "out/theta.json"))
mult = {t["name"]: (t["forward_multiplier"], t["lr_multiplier"]) for t in th["tensors"]}
W1 = np.array(th["snapshots"][0]["params"]["W1"]); W2 = np.array(th["snapshots"][0]["params"]["W2"])
(m1, c1), (m2, c2) = mult["W1"], mult["W2"]
d, m = 3, 32
s1, s2 = 1.0 / d, 1.0 / m            # effective entry variances declared by stdlib two_layer
A = np.vstack([X, XT]); N = len(A); n = len(X); c = Y.shape[1]
G = s1 * A @ A.T
q = np.sqrt(np.diag(G)); cos = np.clip(G / np.outer(q, q), -1, 1)
np.fill_diagonal(cos, 1.0)  # exact: arccos near 1 would turn round-off 1e-16 into 1e-8
ang = np.arccos(cos)
E_relu = np.outer(q, q) / (2 * np.pi) * (np.sin(ang) + (np.pi - ang) * cos)
E_step = (np.pi - ang) / (2 * np.pi)
# dW2 term: m neurons, each (m2 relu)(m2 relu) c2; dW1 term: (x.x') m1^2 c1 * m * s2 * E[step step]
theta = c2 * m2**2 * m * E_relu + c1 * m1**2 * (A @ A.T) * m * s2 * E_step
K = np.kron(theta, np.eye(c))                       # sample-major rows i*c + a
f0 = (m2 * W2 @ np.maximum(m1 * W1 @ A.T, 0)).T.reshape(-1)
yall = np.vstack([Y, YT]).reshape(-1)
tr = n * c
def losses(f):
    return ((f[:tr] - yall[:tr])**2).sum() / (2 * n), ((f[tr:] - yall[tr:])**2).sum() / (2 * (N - n))
f = f0.copy(); lr = 0.5; gd = []
for k in range(41):
    if k % 10 == 0: gd.append(losses(f))
    f = f - lr / n * K[:, :tr] @ (f[:tr] - yall[:tr])
lam, U = np.linalg.eigh(K[:tr, :tr]); r0 = f0[:tr] - yall[:tr]
flow = []
for t in [0, 5, 10, 15, 20]:
    g = np.exp(-lam * t / n)
    filt = np.where(lam * t / n < 1e-12, t / n, -np.expm1(-lam * t / n) / np.where(lam == 0, 1, lam))
    ftr = yall[:tr] + U @ (g * (U.T @ r0))
    fte = f0[tr:] - K[tr:, :tr] @ U @ (filt * (U.T @ r0))
    flow.append(losses(np.concatenate([ftr, fte])))
for a, b in zip(gd, flow): print("%.15g %.15g %.15g %.15g" % (a[0], a[1], b[0], b[1]))
