"""Shared pieces of agf_diagonal.py and agf_linear.py: AGF for κ = 2 bilinear neurons, the
staircase compare, and the csv/json/golden readers. Written from reference.md §1.2–1.5 and
docs/LANGUAGE.md ("AGF predictions and comparisons"), not from dyn's code.

AGF, κ = 2, η = 1. A neuron is z = (w, a) with output a·(wᵀx) (the diagonal network's
coordinate i is the 1 × 1 case w = u_i, a = v_i, x → x_i). With the residual r frozen,
U(z; r) = aᵀ Σ w, Σ = (1/n) r xᵀ (the neuron's rows/columns of it), i.e. U = ½ zᵀ M z with
M = [[0, Σᵀ], [Σ, 0]]. The utility phase's directional flow dz̄/dt = P⊥ M z̄ together with
d ln‖z‖/dt = κ U(z̄) = z̄ᵀ M z̄ is exactly the linear flow dz/dt = M z (so ‖θ_i(t)‖ = ‖θ_i(0)‖·
exp S_i(t), reference §1.2). It is solved here in closed form, z(t) = V e^{Λt} Vᵀ z(t_k) from
eigh(M), and a dormant neuron fires when ‖z(t)‖ = 1 (S_i = c_i = ln(1/‖θ_i(0)‖)), found by
brentq. No Euler step: dyn's `step` discretisation is what this removes.
"""
import csv
import json

import numpy as np
from scipy.optimize import brentq


class LinearFlow:
    """z(t) = expm(M t) z0 for symmetric M, by eigendecomposition."""

    def __init__(self, M):
        self.lam, self.V = np.linalg.eigh(M)

    def __call__(self, z0, t):
        c = self.V.T @ z0
        return self.V @ (np.exp(self.lam * t) * c)


def first_fire(flows, z, t0, until, tol=1e-14):
    """The first time in (t0, until] at which some dormant ‖z_i‖ reaches 1 under its frozen
    linear flow; (t, i) or (None, None). flows[i] is neuron i's LinearFlow."""
    best = (None, None)
    for i, (f, zi) in enumerate(zip(flows, z)):
        if f is None:
            continue
        g = lambda s, f=f, zi=zi: np.log(np.linalg.norm(f(zi, s - t0)))
        hi = until
        if g(hi) < 0:
            continue
        # ‖z‖ grows monotonically once aligned; bracket the first crossing on a fine grid
        ss = np.linspace(t0, hi, 4001)
        vals = np.array([g(s) for s in ss])
        j = int(np.argmax(vals >= 0))
        t = brentq(g, ss[j - 1], ss[j], xtol=tol, rtol=1e-15) if j > 0 else t0
        if best[0] is None or t < best[0]:
            best = (t, i)
    return best


# ---- staircase compare (docs/LANGUAGE.md; C0.5) --------------------------------------------

def crossing(times, loss, thr, log_axis=True):
    g = np.flatnonzero(loss < thr)
    if g.size == 0:
        return np.nan, None
    g = g[0]
    if g == 0:
        return times[0], (0.0, times[0])
    a, b = loss[g - 1], loss[g]
    w = (a - thr) / (a - b)
    t0, t1 = times[g - 1], times[g]
    if log_axis and t0 > 0:
        t = np.exp(np.log(t0) + w * (np.log(t1) - np.log(t0)))
    else:
        t = t0 + w * (t1 - t0)
    return t, (t0, t1)


def at(times, v, t, log_axis=True):
    if t <= times[0]:
        return v[0]
    g = int(np.searchsorted(times, t, side="left"))
    if g >= len(times):
        return v[-1]
    t0 = times[g - 1]
    w = np.log(t / t0) / np.log(times[g] / t0) if log_axis and t0 > 0 else (t - t0) / (times[g] - t0)
    return v[g - 1] + w * (v[g] - v[g - 1])


def staircase(times, loss, norms, tau, levels, time_rtol, level_rtol):
    """Per jump: measured time (first crossing of the predicted levels' midpoint, ln-t
    interpolation), its grid bracket and the bracket's resolution max(t − t₋, t₊ − t)/τ, the
    level at the plateau's geometric middle (last plateau to the end of the recording), its error
    (as a fraction of the drop when the predicted level is below 1e-3·ℓ₀), the neuron whose norm
    grew most between consecutive middles (t = times[0] for the first)."""
    m = len(tau)
    meas = [crossing(times, loss, 0.5 * (levels[k] + levels[k + 1])) for k in range(m)]
    rows, prev = [], times[0]
    for k in range(m):
        t, br = meas[k]
        nxt = meas[k + 1][0] if k + 1 < m else max(t, times[-1])
        mid = np.sqrt(t * nxt)
        lev = at(times, loss, mid)
        zero = 1e-3 * levels[0]
        den = max(levels[k] - levels[k + 1], zero) if levels[k + 1] < zero else levels[k + 1]
        lerr = abs(lev - levels[k + 1]) / den
        gains = [at(times, norms[:, i], mid) - at(times, norms[:, i], prev) for i in range(norms.shape[1])]
        feat = int(np.argmax(gains))
        prev = mid
        terr = abs(t - tau[k]) / tau[k]
        res = max(t - br[0], br[1] - t) / tau[k]
        errs = [abs(b - tau[k]) / tau[k] for b in br]
        inside = [abs(s - tau[k]) / tau[k] for s in (br[0], br[1])]
        min_err = 0.0 if br[0] <= tau[k] <= br[1] else min(inside)
        rows.append(dict(t=t, br=br, terr=terr, res=res, level=lev, lerr=lerr, feat=feat,
                         min_err=min_err, max_err=max(errs)))
    passed = all(r["max_err"] <= time_rtol and r["lerr"] <= level_rtol for r in rows)
    return rows, passed


def print_compare(name, rows, passed, golden_rows, tau, lev, feats, time_rtol, dj=None):
    """One staircase compare's report (level_rtol 5%): per jump, the predicted and measured times
    and levels here against the golden's 6 digits (and dyn's json, when given), the time error
    with its bracket, grid and margin, the level error and feature; then the verdict."""
    print(f"\ncompare {name} (time_rtol {time_rtol:.4%}, level_rtol 5%): here | golden | rel. diff"
          + (" | dyn json rel. diff" if dj else ""))
    for k, (r, g) in enumerate(zip(rows, golden_rows)):
        cells = [("pred time", tau[k], g[0]), ("meas time", r["t"], g[1]),
                 ("pred level", lev[k + 1], g[2]), ("meas level", r["level"], g[3])]
        print(f" jump {k + 1}: " + "; ".join(
            f"{n} {a:.9g} | {b:g} | {rel(a, b):.1e}" + ("" if sig6(a, b) or b < 1e-10 else " (≠6 digits)")
            for n, a, b in cells))
        print(f"         time error {r['terr']:.3%} (bracket {r['br'][0]:.6g}–{r['br'][1]:.6g}, "
              f"grid ±{r['res']:.2%}, worst in bracket {r['max_err']:.3%} ≤ {time_rtol:.3%}: margin "
              f"{time_rtol - r['max_err']:.3%}), level error {r['lerr']:.3%} ≤ 5%, feature "
              f"{feats[k]}/{r['feat']} (golden {g[4]}/{g[5]})")
        if dj:
            j = dj[name]["jumps"][k]
            print("         vs dyn json: " + ", ".join(
                f"{n} {rel(a, j[key]):.1e}" for n, a, key in
                [("pred time", tau[k], "predicted_time"), ("meas time", r["t"], "measured_time"),
                 ("meas level", r["level"], "measured_level"), ("time err", r["terr"], "time_error"),
                 ("level err", r["lerr"], "level_error"), ("grid", r["res"], "time_resolution")]))
    print(f" {name}: {'PASS' if passed else 'FAIL'} (golden: PASS)")


def read_csv(path):
    with open(path) as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def csv_series(path, prefix):
    head, body = read_csv(path)
    cols = [j for j, h in enumerate(head) if h.startswith(prefix + ".")]
    rows = [row for row in body if row[cols[0]] != ""]
    t = np.array([float(row[0]) for row in rows])
    return t, {head[j]: np.array([float(row[j]) for row in rows]) for j in cols}


def json_compares(path):
    return {c["compare"]: c for c in json.load(open(path))["compares"]}


def golden_compares(path):
    """The golden's compare tables: {name: [(time, measured time, level, measured level,
    feature predicted, feature measured)]}."""
    out, name = {}, None
    for ln in open(path).read().splitlines():
        if ln.startswith("compare ") and ln.rstrip().endswith("(AGF)"):
            name = ln.split()[1].rstrip(":")
            out[name] = []
        elif name and ln.strip() and ln.split()[0].isdigit():
            f = ln.split()
            out[name].append((float(f[1]), float(f[2]), float(f[5]), float(f[6]), int(f[8]), int(f[10])))
        elif not ln.strip():
            name = None
    return out


def sig6(a, b):
    """True when a printed with 6 significant digits reads as b."""
    return float(f"{a:.6g}") == b


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)
