# Run: python3 eigen_reference.py
# Independent reference for eigenframework(kernel = theta, …) in eigenframework.dyn: the
# arc-cosine NTK of two_layer(d = 3, width = 32, ntk) on the 6 train inputs (no θ needed:
# Θ(x, x') = (x·x')·Ṫ(Λ) + T(Λ) with Λ = x·x'/d, ρ₁ = d, σ² = 1 for both layers), its spectrum
# λ = eig/N and coefficients v = Uᵀy/√N, then reference.md §4.1 / §4.2 by plain bisection.
import numpy as np
X = np.loadtxt("x.csv", delimiter=","); y = np.loadtxt("y.csv", delimiter=",")[:, 0]
d, N = X.shape[1], X.shape[0]
G = X @ X.T / d; q = np.sqrt(np.diag(G)); c = np.clip(G / np.outer(q, q), -1, 1)
np.fill_diagonal(c, 1.0); th = np.arccos(c)
T = np.outer(q, q) / (2 * np.pi) * (np.sin(th) + (np.pi - th) * c); Td = (np.pi - th) / (2 * np.pi)
K = (X @ X.T) * Td + T
mu, U = np.linalg.eigh(K); lam = np.maximum(mu, 0) / N; v = U.T @ y / np.sqrt(N)
n, delta, eps2, k = 3, 0.05, 0.01, 4
def bisect(f, lo=1e-30, hi=1e30):      # f increasing in log x, root between lo and hi
    for _ in range(400):
        mid = np.sqrt(lo * hi)
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return np.sqrt(lo * hi)
kappa = bisect(lambda kk: n - (lam / (lam + kk)).sum() - delta / kk)
L = lam / (lam + kappa); e0 = n / (n - (L**2).sum())
test = e0 * (((1 - L)**2 * v**2).sum() + eps2)
train = (delta / (n * kappa))**2 * test
learn = (v**2 * L).sum() / (v**2).sum()
# §4.2: κ(γ) = δ/(n − ΣL(γ)) on the branch ΣL < n, then RF2 in γ.
def kap(g): return delta / (n - (lam / (lam + g)).sum())
g0 = bisect(lambda g: n - (lam / (lam + g)).sum())      # branch point: ΣL = n
gamma = bisect(lambda g: k - (lam / (lam + g)).sum() - k * kap(g) / g, lo=g0 * (1 + 1e-12))
Lr = lam / (lam + gamma); z = Lr.sum(); qq = (Lr**2).sum(); kr = kap(gamma)
xx = (qq * (k - 2 * z) + z * z) / (n * (k - qq)); E = 1 / (1 - xx)
b = (1 - Lr) - kr * Lr / (lam + gamma) * k / (k - qq)
rf = E * ((b * v**2).sum() + eps2)
print(repr(test), repr(train), repr(kappa), repr(e0), repr(learn), repr(rf))
