"""Eigenframework (KRR) and random-feature risks in numpy, from the formulas of
shared/science/reference.md §4.1-4.3, solved by bisection in log kappa / log gamma.
Backs examples/kernel_risk.dyn (K1, K3) and examples/cost_of_overfitting.dyn."""
import numpy as np

def power_law(m, a, sum_=None, norm=None):
    v = np.arange(1, m + 1, dtype=float) ** (-a)
    if sum_ is not None: v *= sum_ / v.sum()
    if norm is not None: v *= norm / np.linalg.norm(v)
    return v

def bisect_log(f, lo=1e-300, hi=1e300, it=4000):
    # f decreasing in x; find f(x) = 0
    a, b = np.log(lo), np.log(hi)
    for _ in range(it):
        c = 0.5 * (a + b)
        if f(np.exp(c)) > 0: a = c
        else: b = c
        if b - a < 1e-15: break
    return np.exp(0.5 * (a + b))

def krr(lam, v, n, ridge, noise):
    kappa = bisect_log(lambda k: (lam / (lam + k)).sum() + ridge / k - n)
    L = lam / (lam + kappa)
    e0 = n / (n - (L ** 2).sum())
    test = e0 * (((1 - L) ** 2 * v ** 2).sum() + noise)
    return dict(kappa=kappa, e0=e0, test=test)

def rf(lam, v, n, k, ridge, noise):
    def kap(g):
        s = (lam / (lam + g)).sum()
        return ridge / (n - s) if s < n else np.inf
    def rf2(g):  # RF2 residual, decreasing in gamma on the branch sum L < n
        s = (lam / (lam + g)).sum()
        if s >= n: return 1.0
        return s + k * kap(g) / g - k
    g = bisect_log(rf2, 1e-30, 1e30)
    kappa = kap(g)
    L = lam / (lam + g); z = L.sum(); q = (L ** 2).sum()
    x = (q * (k - 2 * z) + z * z) / (n * (k - q)); E = 1 / (1 - x)
    b = (1 - L) - kappa * L / (lam + g) * k / (k - q)
    return E * ((b * v ** 2).sum() + noise)

if __name__ == "__main__":
    lam = power_law(400, 1.5, sum_=1); v = power_law(400, 1, norm=1)
    r = krr(lam, v, 50, 0, 0.01)
    print("kernel_risk K1: n=50 ridgeless test %.5f  kappa %.4e  E0 %.5f" % (r["test"], r["kappa"], r["e0"]))
    for k in (50, 100, 200):
        print("kernel_risk K3: k=%d test %.5f" % (k, rf(lam, v, 100, k, 1e-3, 0.01)))
    print("kernel_risk K3: KRR limit %.5f" % krr(lam, v, 100, 1e-3, 0.01)["test"])
    # cost_of_overfitting: 2000 modes, eps^2 = 0.1, ridge grid logspace(1e-5, 1e5, 21)
    lam = power_law(2000, 1.5, sum_=1); grid = np.logspace(-5, 5, 21)
    for name, v in (("K1 target", power_law(2000, 1, norm=1)), ("pure noise", power_law(2000, 1, norm=1e-9))):
        for n in (25, 50, 100, 200, 400):
            r0 = krr(lam, v, n, 0, 0.1)
            best = min(krr(lam, v, n, d, 0.1)["test"] for d in grid)
            print("cost_of_overfitting %s: n=%d C=%.4f E0(0)=%.4f" % (name, n, r0["test"] / best, r0["e0"]))
