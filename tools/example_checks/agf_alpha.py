#!/usr/bin/env python3
"""An independent numpy/scipy recomputation of examples/agf_alpha.dyn.

The example is agf_diagonal.dyn's network at four initial scales α = 1e-2, 1e-4, 1e-6, 1e-8
(until = 32, recorded at {0} ∪ log(0.01, 32, 2000)), so this reuses agf_diagonal.py's pieces with
its constants set per α (no number read from dyn; dyn's files are only compared against):
- the data: the example's sparse_teacher(d = 6, n = 100, seed = 0): x = whiten(normal(6, 100))
  from the body's random site 0 (dyn_draws.py), y = β*ᵀx, β* = (3, 1.5, 0.75, 0, 0, 0);
- θ(0): diagonal(d = 6, scale = α): u = v = α exactly;
- AGF (reference §1.2–1.4) with exact utility phases and least-squares cost phases
  (agf_diagonal.agf, agf_common.py), against the closed form τ_k = ln(1/(√2α))/β*_(k);
- gradient flow by scipy DOP853 (rtol 1e-12, atol 1e-16 · α/1e-4 … see flow_at) and the whitened
  logistic closed form p_i(t) = β*/(1 + (β*/α² − 1)e^{−2β*t});
- the four staircase compares (agf_common.staircase) with the example's tolerances
  time_rtol = 0.6/ln(1/(√2α)), level_rtol = 1/ln(1/α); and the header's numbers: the closed-form
  lateness [ln(√2 − 1) + ln(2β*)]/(2 ln(1/(√2α))) and the plateau blur.

Usage: python3 tools/example_checks/agf_alpha.py [--dyn-csv full.csv --dyn-json full.json]
About 1 minute (one core). The dyn files were made with
    sed 's|report csv("agf_alpha.csv")|&\\nreport json("agf_alpha.json")|' \\
        examples/agf_alpha.dyn > /tmp/s/agf_alpha.dyn
    ./dyn run /tmp/s/agf_alpha.dyn --out /tmp/out
"""
import argparse, os, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import agf_common as ac  # noqa: E402
import agf_diagonal as ad  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "agf_alpha.out")
UNTIL = 32.0
TIMES = ad.log_grid(0.01, UNTIL, 2000)
ALPHAS = {"2": 1e-2, "4": 1e-4, "6": 1e-6, "8": 1e-8}


def flow_at(x, y, alpha, rtol=1e-12, method="DOP853"):
    D = ad.D

    def rhs(t, w):
        gu, gv = ad.grad(w[:D], w[D:], x, y)
        return -np.concatenate([gu, gv])
    w = np.full(2 * D, alpha)
    rows = [ad.observe(w[:D], w[D:], x, y)]
    for a, b in zip(TIMES[:-1], TIMES[1:]):
        sol = solve_ivp(rhs, (a, b), w, method=method, rtol=rtol, atol=alpha * 1e-12)
        assert sol.success, sol.message
        w = sol.y[:, -1]
        rows.append(ad.observe(w[:D], w[D:], x, y))
    return np.array(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyn-csv")
    ap.add_argument("--dyn-json")
    args = ap.parse_args()
    x, y = ad.data()
    print("data: ‖(1/n) x xᵀ − I‖_max = %.1e" % np.abs(x @ x.T / ad.N - np.eye(ad.D)).max())
    golden = ac.golden_compares(GOLDEN_OUT)
    dj = ac.json_compares(args.dyn_json) if args.dyn_json else None
    ok_all = True
    b3 = np.array([3, 1.5, 0.75])
    for tag, alpha in ALPHAS.items():
        ad.ALPHA, ad.UNTIL, ad.GF_TIMES = alpha, UNTIL, TIMES
        C = np.log(1 / (np.sqrt(2) * alpha))
        trt, lrt = 0.6 / C, 1 / np.log(1 / alpha)
        tau, lev, feats, gap = ad.agf(x, y)
        cf = C / b3
        gf = flow_at(x, y, alpha)
        cl, cn = ad.closed_form(TIMES)
        print(f"\n==== α = {alpha:g} (c{tag}): AGF τ = {np.array2string(tau, precision=9)}, closed form "
              f"ln(1/(√2α))/β* differs by {np.max(np.abs(tau / cf - 1)):.1e}; levels "
              f"{np.array2string(lev[1:], precision=6)}; neurons {feats}; BFGS cost phase {gap:.1e}")
        big = cl > 1e-3
        print(f"  gf (DOP853) vs logistic closed form: loss {np.max(np.abs(gf[:, 0] - cl) / cl):.1e} "
              f"({np.max(np.abs(gf[big, 0] - cl[big]) / cl[big]):.1e} where L > 1e-3), norms "
              f"{np.max(np.abs(gf[:, 1:] - cn) / cn):.1e}")
        rk = flow_at(x, y, alpha, rtol=1e-9, method="RK45")
        print(f"  integrator noise: RK45 at dyn's rtol 1e-9 vs DOP853: loss "
              f"{np.max(np.abs(rk[big, 0] - gf[big, 0]) / gf[big, 0]):.1e} where L > 1e-3, "
              f"{np.max(np.abs(rk[:, 0] - gf[:, 0]) / gf[:, 0]):.1e} overall")
        rows, passed = ac.staircase(TIMES, gf[:, 0], gf[:, 1:], tau, lev, trt, lrt)
        ok_all &= passed
        name = "c" + tag
        print(f"  compare {name} (time_rtol {trt:.4%}, level_rtol {lrt:.4%}): here | golden | rel. diff")
        for k, (r, g) in enumerate(zip(rows, golden[name])):
            cells = [("pred time", tau[k], g[0]), ("meas time", r["t"], g[1]),
                     ("pred level", lev[k + 1], g[2]), ("meas level", r["level"], g[3])]
            print(f"   jump {k + 1}: " + "; ".join(
                f"{n} {a:.9g} | {b:g} | {ac.rel(a, b):.1e}" + ("" if ac.sig6(a, b) or b < 1e-10 else " (≠6 digits)")
                for n, a, b in cells))
            late = (np.log(np.sqrt(2) - 1) + np.log(2 * b3[k])) / (2 * C)
            print(f"           time error {r['terr']:.3%} (closed-form lateness {late:+.3%}; grid ±{r['res']:.2%}; "
                  f"worst in bracket {r['max_err']:.3%} ≤ {trt:.3%}: margin {trt - r['max_err']:.3%}), level "
                  f"error {r['lerr']:.4%} ≤ {lrt:.3%}, feature {feats[k]}/{r['feat']} (golden {g[4]}/{g[5]})")
            if dj:
                j = dj[name]["jumps"][k]
                print("           vs dyn json: " + ", ".join(
                    f"{n} {ac.rel(a, j[key]):.1e}" for n, a, key in
                    [("pred time", tau[k], "predicted_time"), ("meas time", r["t"], "measured_time"),
                     ("meas level", r["level"], "measured_level"), ("time err", r["terr"], "time_error"),
                     ("level err", r["lerr"], "level_error")]))
        print(f"  {name}: {'PASS' if passed else 'FAIL'} (golden: PASS)")
        if args.dyn_csv:
            t, s = ac.csv_series(args.dyn_csv, "gf" + tag)
            assert np.allclose(t, TIMES, rtol=1e-13, atol=0), "grid differs"
            e = np.abs(gf[:, 0] - s[f"gf{tag}.loss"]) / s[f"gf{tag}.loss"]
            en = max(np.max(np.abs(gf[:, 1 + i] - s[f"gf{tag}.neuron_norms[{i}]"]) / s[f"gf{tag}.neuron_norms[{i}]"])
                     for i in range(ad.D))
            print(f"  gf{tag} vs dyn csv ({len(t)} rows): loss {e[big].max():.1e} where L > 1e-3, "
                  f"{e.max():.1e} overall (t = {t[int(np.argmax(e))]:.4g}); neuron norms {en:.1e}")
    print("\nall four compares PASS here (golden: all PASS):", ok_all)
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
