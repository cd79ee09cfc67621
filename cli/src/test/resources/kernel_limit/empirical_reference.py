# Independent reference for empirical_ntk (dyn's KernelLimitTest): the NTK of the finite net
# f = (m2 W2) relu((m1 W1) x) at the exported theta(0), from its hand-derived gradients
#   df/dW2_j = m2 relu(z_j),  df/dW1_jk = m2 W2_j 1[z_j > 0] m1 x_k,  z = m1 W1 x,
# weighted by the lr multipliers, then the eigenframework (reference.md §4.1) on its spectrum
# under the empirical measure of the 6 train inputs, and KRR on the 4 test inputs.
import json, sys, numpy as np
from scipy.optimize import brentq
ld = lambda f: np.loadtxt(f, delimiter=",", ndmin=2)
X, XT = ld("x.csv"), ld("xt.csv")
Y, YT = ld("y.csv")[:, 0], ld("yt.csv")[:, 0]
th = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "out/theta.json"))
mult = {t["name"]: (t["forward_multiplier"], t["lr_multiplier"]) for t in th["tensors"]}
W1 = np.array(th["snapshots"][0]["params"]["W1"]); W2 = np.array(th["snapshots"][0]["params"]["W2"])
(m1, c1), (m2, c2) = mult["W1"], mult["W2"]
def ntk(A, B):
    za, zb = m1 * A @ W1.T, m1 * B @ W1.T                  # samples × width
    ha, hb = np.maximum(za, 0), np.maximum(zb, 0)
    ga, gb = (za > 0) * W2[0], (zb > 0) * W2[0]             # m2 W2_j 1[z_j > 0] / m2
    return c2 * m2**2 * ha @ hb.T + c1 * m1**2 * m2**2 * (ga @ gb.T) * (A @ B.T)
K = ntk(X, X); N = len(X)
mu, U = np.linalg.eigh(K); order = np.argsort(-mu); mu, U = mu[order], U[:, order]
print("eigenvalues", " ".join("%.15g" % m for m in mu))
lam = np.maximum(mu, 0) / N; v = U.T @ Y / np.sqrt(N)
n, delta, eps2 = 3, 0.1, 0.01
kappa = np.exp(brentq(lambda lk: np.sum(lam / (lam + np.exp(lk))) + delta / np.exp(lk) - n, -60, 30))
L = lam / (lam + kappa); e0 = n / (n - np.sum(L**2))
test = e0 * (np.sum((1 - L)**2 * v**2) + eps2); train = (delta / (n * kappa))**2 * test
learn = np.sum(v**2 * L) / np.sum(v**2)
alpha = np.linalg.solve(K + delta * np.eye(N), Y)
krr_test = np.mean((YT - ntk(XT, X) @ alpha)**2); krr_train = np.mean((Y - K @ alpha)**2)
print("risk", " ".join("%.15g" % r for r in [test, train, kappa, e0, learn, krr_test, krr_train]))
