"""examples/cost_of_overfitting_krr.dyn's tuned risk in numpy: KRR with the linear kernel
k(x, x') = sum_i lambda_i z_i z'_i (lambda_i = i^-1.5, d = 200), target y = sum_i z_i / i + noise
(variance 0.25), 200 noisy test points, ridge grid logspace(0.1, 10, 5), 8 draws per point; the
tuned risk is min over ridge of the mean test MSE over draws. Prints, over independent
replications of the whole sweep, the ratio of the tuned risk to the eigenframework's tuned risk
(min over the same grid), per n. Usage: python3 krr_tuned_risk.py [replications] [noise_sd]"""
import sys
import numpy as np
sys.path.insert(0, __file__.rsplit("/", 1)[0])
import eigenframework as ef

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 20
noise_sd = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
d, ns, ridges, draws = 200, [20, 40, 80, 160], np.logspace(-1, 1, 5), 8
i = np.arange(1, d + 1.0); lam = i ** -1.5; v = 1 / i
theory = [min(ef.krr(lam, v, n, r, 0.25)["test"] for r in ridges) for n in ns]
print("theory tuned risk:", np.round(theory, 4))
rng = np.random.default_rng(11)
ratios = []
for rep in range(reps):
    row = []
    for n, th in zip(ns, theory):
        risk = np.zeros(len(ridges))
        for _ in range(draws):
            z = rng.standard_normal((d, n)); zt = rng.standard_normal((d, 200))
            y = v @ z + noise_sd * rng.standard_normal(n); yt = v @ zt + noise_sd * rng.standard_normal(200)
            K = (z.T * lam) @ z; Kt = (zt.T * lam) @ z
            for j, r in enumerate(ridges):
                f = Kt @ np.linalg.solve(K + r * np.eye(n), y)
                risk[j] += np.mean((f - yt) ** 2) / draws
        row.append(risk.min() / th)
    ratios.append(row)
    print("rep %2d: measured/theory %s" % (rep, np.round(row, 3)), flush=True)
a = np.array(ratios)
print("per n min", np.round(a.min(0), 3), "max", np.round(a.max(0), 3), "overall", round(a.min(), 3), round(a.max(), 3))
