#!/usr/bin/env python3
"""An independent numpy recomputation of examples/eta_gamma.dyn (the 741-point grid) and
examples/eta_gamma_search.dyn (the CARBS search over the same study).

Recomputed here, with no number read from dyn (dyn's files are read only to compare, and for the
search's proposed (γ, lr) points, which only a CARBS implementation could produce):
- the data: linear_teacher(d = 4, out = 1, n = 32, singular_values = [1], seed = 0) from
  stdlib/datasets.dyn: T = orthogonal(1)·diag(1, 1 × 4)·orthogonal(4)ᵀ from the body's random
  sites 0 and 1, x = whiten(normal(4, 32)) from site 2, y = T x (dyn_draws.py);
- θ(0): scaled_linear(d = 4, width = 16, out = 1, seed = 1): W1 = √(1/4)·normal of derive(1, 0),
  W2 = 0; f = W2 W1 x / γ;
- `descent(lr, steps = 600)` on L = ½ mean (f − y)² with a hand-written gradient, all points of a
  sweep stepped together along a batch axis; dyn's divergence rule (L(k) non-finite or above
  1e6·L(0), checked at every step: a diverged point stops, its metrics are NaN and edge 0); the
  loss recorded at every step (linear(0, 600 lr, 601)): in the grid since session 16, in the
  search since it followed (before: linear(0, 600 lr, 121), i.e. step round(t/lr) = 5i);
- the metrics: loss = final(gd.loss), edge = lr·monotone(gd.loss) (monotone: every recorded value
  finite and none above the previous by more than 1e-9·|L(0)|, docs/LANGUAGE.md), w1 = σ_max(W1(0));
- the grid: γ = logspace(0.01, 100, 13), lr = logspace(1e-5, 1e3, 57) (dyn's logspace: whole
  exponents exact, so every point is dyn's double); η* = max of edge over lr; w1 = nanmax over lr;
  fit_power (least squares of ln η* on ln γ, stderr √(SSE/(n − 2)/Sxx), 95% Student-t interval,
  prefactor e^intercept, r²) on γ < 0.25 and γ > 4; the 8 checks with their margins;
- the search: the metrics of each of the 111 proposed points; failed = diverged; the frontier
  (successful points by cost = γ, each whose edge beats every cheaper one's); η* = frontier(s.lr),
  w1 = frontier(s.w1); the fits on cost < 0.25 and cost > 10; the "along the frontier" power laws
  of γ and lr against the cost; the 8 checks with their margins (eta / gam: gam = frontier(s.gamma)
  is the cost);
- the comments' numbers: the lazy edge 2γ²/σ_max(W1)² against η*, the loss floor at small γ,
  η* under other budgets (300, 1200 steps), the mis-scaled model f = 2 W2 W1 x / γ (grid, and the
  search on dyn's proposals for it), the teacher at s = 2, and the sharpness of the solutions GD
  reaches at η* on the rich side against 2/η*; for the search: its points recorded every 5 steps,
  the frontier's lr/γ on the rich side, the fit over cost > 4, the sharpness at the end of each
  rich frontier run (λ_max against 2/γ and 2/lr), and the ½× and 2× models on dyn's proposals.
Where numpy's and dyn's final losses part (lr beyond the edge at γ ≥ 10: chaotic catapults), two
numpy runs 1 ulp apart in θ(0) are shown to part alike (an ensemble of ±1-ulp runs).

Usage: python3 tools/example_checks/eta_gamma_witness.py [--grid-dir G] [--search-dir S]
       [--search-x2-dir S2] [--search-half-dir SH] [--quick]
G, S are dyn's outputs of the examples, S2 and SH of the search with `return 2 * W2 @ W1 @ x / gamma`
and `return 0.5 * W2 @ W1 @ x / gamma` (their runs exit 1: checks fail, as the comments say):
    ./dyn run examples/eta_gamma.dyn --out G
    ./dyn run examples/eta_gamma_search.dyn --out S
    sed 's|return W2 @|return 2 * W2 @|' examples/eta_gamma_search.dyn > /tmp/x2.dyn
    ./dyn run /tmp/x2.dyn --out S2
    sed 's|return W2 @|return 0.5 * W2 @|' examples/eta_gamma_search.dyn > /tmp/half.dyn
    ./dyn run /tmp/half.dyn --out SH
Without S the search part recomputes only the golden's 19 printed frontier points (γ and lr to
its 6 digits). About 15 s of one core (--quick, without the comments' numbers: 10 s).

Results (this session). Data and θ(0): σ_max(W1(0)) = 2.6153955411265586, dyn's to 1 ulp.
Grid (loss at every step since session 16): the 741 (γ, lr) are dyn's doubles; diverged (330) and
edge equal to dyn's at 741/741, so η* is identical to dyn's eta_gamma.json; monotone points rise
at most 3.7e-32·L(0), the others at least 1.4e-3·L(0) (the 1e-9 slack decides nothing),
undiverged points peak at 6.1e4·L(0) (< 1e6).
Final losses (only in loss.svg): 265 points with L > 1e-12 within 1.2e-10 relative, 141 at the
floor within 3.6e-23 absolute; 5 points beyond the edge at γ ≥ 10 (lr 13.9 … 193) are chaotic
catapults: numpy and dyn part by 0.07 … 0.49, two numpy runs 1 ulp apart by up to 0.49, and dyn's
value lies inside 16 ±1-ulp numpy runs at each. η* 13/13, both fits 14/14 and the 8 check values
at the golden's digits; fits ≤ 3.4e-15 of dyn's json. Checks: exponents 1.971 (1.5 … 2.5) and
0.986 (0.75 … 1.25), small.prefactor·σ² 1.506 (tightest: 7.6% above 1.4), large.prefactor
0.821 (0.5 … 1).
Search (loss at every step since it followed the grid): on dyn's 111 proposals diverged/failed
(24) and edge equal 111/111, the frontier the same 19 tasks, the eta (38/38) and frontier (95/95)
tables, both fits, the two frontier power laws and the 8 check values at the golden's digits;
eta_search.csv identical. Checks: small exponent 2.039 (1.7 … 2.3, 11.3% under 2.3), rich fit
(cost > 10, 8 points) 1.174 [0.593, 1.756]: holds 1, 2 excluded by 0.244; lr/γ ≤ 0.9587 (at
γ = 28.85, 4.1% under 1); small.prefactor·σ² 1.594 (13.9% above 1.4). Search comments: recorded
every 5 steps, 2 of these 111 runs count as stable (γ = 3.51, lr = 2.78; γ = 1.30, lr = 0.586);
frontier lr/γ 0.229, 0.131 at γ = 4.52, 8.95 (grid η*/γ 0.803 at 4.64, 0.720 at 10), so the fit
over cost > 4 reads 1.426 [0.956, 1.896]; each rich frontier run ends at loss ≤ 5.4e-32 with
λ_max/(2/γ) 1.0004 … 1.21 and lr·λ_max 0.27 … 1.92; f = 2 W2 W1 x / γ: small 2.0145, 0.344,
large 0.889 [0.519, 1.259], cost > 4 1.412 [1.042, 1.783], lr/γ ≤ 0.477; f = ½ W2 W1 x / γ: large
1.239 [0.965, 1.513], cost > 4 1.625 [1.046, 2.205], lr/γ 1.777 at γ = 26.89.
Comments: η*/(2γ²/σ²) = 0.74 … 0.92 at γ < 0.25; f = 2 W2 W1 x / γ keeps the
exponents (2.014, 1.071; search 2.0145) and moves the prefactors (0.446, 0.306; search 0.344);
teacher s = 2: large.prefactor 0.4252; at η* on the rich side GD ends at λ_max with η*·λ_max
1.44 … 1.88 < 2, λ_max → 2/γ (0.02001 at γ = 100) and above it at γ = 4.6 (0.504 vs 0.431,
unbalanced); eta_gamma.py's 20 draws give 1.48 … 2.06 (at 5-step records, as the grid's comment
quotes; 1.48 … 1.91 at every step) and 0.82 (18) / 0.59 (2) as quoted. The
loss floor is ~1e-32 (7e-33 … 3e-32, the comment said ~1e-30). Recorded at every step (the
script since session 16), η* is the same at 300, 600 and 1200 steps. The script's former 121
records hid rises between them: every 5 steps, early catapults at γ = 0.46, 1, 2.15 (η* 0.1,
0.373, 1.39, above the lazy edge 2γ²/σ²; every step: 0.0518, 0.268, 1, η*/(2γ²/σ²) 0.82, 0.92,
0.74), every 10 steps (`steps = 1200`) period-2 oscillations at 6 of 13 γ.
"""
import argparse, json, os, re, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy.stats import t as student_t

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GRID_OUT = os.path.join(ROOT, "examples", "eta_gamma.out")
SEARCH_OUT = os.path.join(ROOT, "examples", "eta_gamma_search.out")
D, OUT, H, N, SEED, STEPS, RECORDS = 4, 1, 16, 32, 0, 600, 121


def logspace(a, b, n):
    """dyn's logspace: 10 to evenly spaced exponents, the ends and whole exponents exact."""
    la, lb = np.log10(a), np.log10(b)
    out = []
    for i in range(n):
        e = la + (lb - la) * i / (n - 1)
        v = a if i == 0 else b if i == n - 1 else 10.0 ** e
        if 0 < i < n - 1 and abs(e - round(e)) < 1e-12:
            v = float(f"1e{round(e)}")
        out.append(v)
    return np.array(out)


GAMMAS, LRS = logspace(0.01, 100.0, 13), logspace(1e-5, 1e3, 57)


def data(s=1.0):
    U = dd.orthogonal(dd.site_stream(SEED, 0), OUT)
    V = dd.orthogonal(dd.site_stream(SEED, 1), D)
    T = U @ np.array([[s, 0.0, 0.0, 0.0]]) @ V.T
    x = dd.whiten(dd.normal_matrix(dd.site_stream(SEED, 2), D, N))
    return x, T @ x


def init():
    return dd.param(SEED + 1, 0, H, D, 1.0 / D)


def train(gamma, lr, x, y, W10, steps=STEPS, mult=1.0, records=RECORDS):
    """GD of every (gamma[b], lr[b]) at once. Returns per point: diverged, the recorded losses
    (records × B, NaN after divergence), edge, w1, the largest rise between records relative to
    L(0), the largest L(k)/L(0), and θ at the end."""
    gamma, lr = np.asarray(gamma, float), np.asarray(lr, float)
    B = gamma.size
    # record grid: t_i = linspace(0, steps·lr, RECORDS), step round(t_i/lr)
    rec_k = np.rint(np.linspace(0.0, 1.0, records)[None, :] * (steps * lr)[:, None] / lr[:, None]).astype(int)
    assert steps % (records - 1) == 0, "whole steps between records (no rounding ties)"
    W1 = np.repeat(W10[None], B, 0)
    W2 = np.zeros((B, OUT, H))
    a = (mult / gamma)[:, None, None]
    eta = lr[:, None, None]
    rec = np.full((B, records), np.nan)
    div = np.zeros(B, bool)
    peak = np.zeros(B)
    L0 = None
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            h = W1 @ x                                   # B × H × n
            r = a * (W2 @ h) - y                         # B × 1 × n
            L = 0.5 * np.einsum("bon,bon->b", r, r) / N
            if k == 0:
                L0 = L.copy()
            div |= ~np.isfinite(L) | ((L0 > 0) & (L > 1e6 * L0))
            peak = np.where(div, peak, np.maximum(peak, L / L0))
            hit = rec_k == k                            # B × RECORDS
            if hit.any():
                rows, cols = np.nonzero(hit)
                rec[rows, cols] = np.where(div, np.nan, L)[rows]
            if k == steps:
                break
            gW2 = a * (r @ h.transpose(0, 2, 1)) / N     # dL/dW2 = (mult/γ) r hᵀ / n
            gW1 = a * (W2.transpose(0, 2, 1) @ r) @ x.T / N  # dL/dW1 = (mult/γ) W2ᵀ r xᵀ / n
            W2 = np.where(div[:, None, None], W2, W2 - eta * gW2)
            W1 = np.where(div[:, None, None], W1, W1 - eta * gW1)
    rise = np.max(np.diff(rec, axis=1), axis=1) / np.abs(rec[:, 0])
    mono = ~div & np.all(np.isfinite(rec), axis=1) & (rise <= 1e-9)
    edge = np.where(div, 0.0, lr * mono)
    w1 = np.where(div, np.nan, np.linalg.svd(W10, compute_uv=False)[0])
    return dict(div=div, rec=rec, loss=rec[:, -1], edge=edge, mono=mono, w1=w1, rise=rise,
                peak=peak, W1=W1, W2=W2)


def fit_power(x, y, level=0.95):
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(y) & (y > 0) & (x > 0)
    X, Y = np.log(x[keep]), np.log(y[keep])
    n = X.size
    xm, ym = X.mean(), Y.mean()
    sxx = np.sum((X - xm) ** 2)
    slope = np.sum((X - xm) * (Y - ym)) / sxx
    icpt = ym - slope * xm
    sse = np.sum((Y - icpt - slope * X) ** 2)
    sst = np.sum((Y - ym) ** 2)
    if n > 2:
        se = np.sqrt(sse / (n - 2) / sxx)
        q = student_t.ppf(0.5 + level / 2, n - 2)
        lo, hi, r2 = slope - q * se, slope + q * se, (1 - sse / sst if sst > 0 else 1.0)
    else:
        se = lo = hi = r2 = np.nan
    return dict(exponent=slope, lo=lo, hi=hi, stderr=se, prefactor=np.exp(icpt), r2=r2, n=n)


FIT_KEYS = ["exponent", "lo", "hi", "stderr", "prefactor", "r2", "n"]


def frontier(cost, out, failed):
    """Successful points, cheapest first (at equal cost the better first, then task order), each
    whose output beats every cheaper one's."""
    idx = [i for i in range(len(cost)) if not failed[i]]
    idx.sort(key=lambda i: (cost[i], -out[i], i))
    best, fr = -np.inf, []
    for i in idx:
        if out[i] > best:
            fr.append(i)
            best = out[i]
    return fr


# ---------------------------------------------------------------- the golden's text

def golden_tables(path):
    """{first header word: (header, rows)} for every table of an .out file, rows as strings."""
    lines = open(path).read().splitlines()
    tabs, i = {}, 0
    while i < len(lines):
        head = lines[i].split()
        if (len(head) > 1 and i + 1 < len(lines) and lines[i + 1].strip()
                and not any(c in lines[i] for c in "=:$")):
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("check"):
                body.append(lines[i])
                i += 1
            tabs[head[0]] = (head, body)
        i += 1
    return tabs


def sig_digits(tok):
    """Significant digits of a printed number ("0.0495" → 3, "2.6827e-5" → 5, "5" → 1)."""
    m = tok.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    return max(len(m), 1)


def same_digits(mine, tok):
    """mine printed to the golden token's significant digits equals the token."""
    return float(f"{float(mine):.{sig_digits(tok)}g}") == float(tok)


def golden_fit_tokens(body):
    out = {}
    for row in body:
        m = re.match(r"\s*(\S+)\s+.*?\s+(\S+)\s+95%: \[(\S+), (\S+)\]\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*$", row)
        out[m.group(1)] = dict(zip(FIT_KEYS, m.groups()[1:]))
    return out


def golden_checks(path):
    vals = []
    for line in open(path):
        if line.startswith("check "):
            m = re.search(r"(?:worst at [^:]*: |value )(\S+?)[;)]", line)
            vals.append((line.split(":")[0][6:], m.group(1)))
    return vals


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.nanmax(np.abs(a - b) / np.maximum(np.abs(b), 1e-300))) if a.size else 0.0


def margin_line(label, value, op, bound):
    ok = value < bound if op == "<" else value > bound
    return f"  check {label}: {'PASS' if ok else 'FAIL'} value {value:.6g} {op} {bound:g}, margin {abs(bound - value):.4g} ({abs(bound - value) / abs(bound):.1%} of the bound)"


def fmt_fit(name, f):
    return (f"  {name:6s} exponent {f['exponent']:.6g} [{f['lo']:.6g}, {f['hi']:.6g}] stderr {f['stderr']:.6g} "
            f"prefactor {f['prefactor']:.6g} r2 {f['r2']:.6g} n {f['n']}")


def compare_fits(mine, body):
    toks = golden_fit_tokens(body)
    for name in mine:
        same = [k for k in FIT_KEYS if same_digits(mine[name][k], toks[name][k])]
        worst = max(abs(mine[name][k] - float(toks[name][k])) / abs(float(toks[name][k])) for k in FIT_KEYS)
        print(f"  golden fit {name}: {len(same)}/7 cells equal at the golden's digits "
              f"(largest relative difference {worst:.1e}, the golden's rounding)"
              + ("" if len(same) == 7 else f"; differ: {[k for k in FIT_KEYS if k not in same]}"))


# ---------------------------------------------------------------- the grid

def grid(x, y, W10, steps=STEPS, mult=1.0, records=None):
    """The grid example records the loss at every step (records = steps + 1) unless told."""
    records = steps + 1 if records is None else records
    g = np.repeat(GAMMAS, LRS.size)
    lr = np.tile(LRS, GAMMAS.size)
    r = train(g, lr, x, y, W10, steps, mult, records)
    edge = r["edge"].reshape(GAMMAS.size, LRS.size)
    eta = np.where(np.isnan(edge).any(1), np.nan, np.max(edge, 1))    # max: NaN if any NaN
    w1 = np.nanmax(r["w1"].reshape(GAMMAS.size, LRS.size), 1)
    small = fit_power(GAMMAS[GAMMAS < 0.25], eta[GAMMAS < 0.25])
    large = fit_power(GAMMAS[GAMMAS > 4], eta[GAMMAS > 4])
    return dict(g=g, lr=lr, r=r, eta=eta, w1=w1, small=small, large=large)


def grid_checks(G):
    s, l = G["small"], G["large"]
    lazy = s["prefactor"] * G["w1"] ** 2
    return [("small.exponent > 1.5", s["exponent"], ">", 1.5),
            ("small.exponent < 2.5", s["exponent"], "<", 2.5),
            ("large.exponent > 0.75", l["exponent"], ">", 0.75),
            ("large.exponent < 1.25", l["exponent"], "<", 1.25),
            ("small.prefactor * w1 * w1 < 2.2", float(np.max(lazy)), "<", 2.2),
            ("small.prefactor * w1 * w1 > 1.4", float(np.min(lazy)), ">", 1.4),
            ("large.prefactor > 0.5", l["prefactor"], ">", 0.5),
            ("large.prefactor < 1", l["prefactor"], "<", 1.0)]


def ulp_ensemble(g, lr, x, y, W10, runs=16):
    """Final losses of `runs` numpy runs, each with one entry of θ(0) moved by ±1 ulp."""
    out = []
    for j in range(runs):
        W = W10.copy()
        i = (j // 2) % W.size
        W.flat[i] = np.nextafter(W.flat[i], np.inf if j % 2 == 0 else -np.inf)
        out.append(train(g, lr, x, y, W)["loss"])
    return np.array(out)


def run_grid(x, y, W10, grid_dir):
    print("=== examples/eta_gamma.dyn: 13 × 57 grid")
    G = grid(x, y, W10)
    r = G["r"]
    print(f"  σ_max(W1(0)) = {float(G['w1'][0])!r}; diverged {int(r['div'].sum())} of 741, "
          f"monotone {int(r['mono'].sum())}, stable but not monotone {int((~r['div'] & ~r['mono']).sum())}")
    mono_rise = r["rise"][r["mono"]]
    non = ~r["div"] & ~r["mono"]
    print(f"  monotone's threshold 1e-9·L(0): monotone points rise at most {np.max(mono_rise):.2e}·L(0) between records; "
          f"the others at least {np.min(r['rise'][non]):.2e}·L(0)")
    print(f"  divergence threshold 1e6·L(0): points that did not diverge peak at {np.max(r['peak'][~r['div']]):.3g}·L(0)")
    tabs = golden_tables(GRID_OUT)
    gold_tok = [row.split()[1] for row in tabs["gamma"][1]]
    gold_eta = np.array([float(t) for t in gold_tok])
    gold_g = np.array([float(row.split()[0]) for row in tabs["gamma"][1]])
    assert np.allclose(gold_g, GAMMAS, rtol=1e-5)
    print("  gamma        eta* (numpy)          golden      2γ²/σ²  eta*/(2γ²/σ²)")
    for gg, e, ge in zip(GAMMAS, G["eta"], gold_eta):
        lazy = 2 * gg ** 2 / G["w1"][0] ** 2
        print(f"  {gg:<10.6g} {float(e)!r:<22} {ge:<10.6g} {lazy:10.4g} {e / lazy:8.3f}")
    print(f"  eta*: {sum(same_digits(e, t) for e, t in zip(G['eta'], gold_tok))}/13 equal to the golden's digits "
          f"(largest relative difference {rel(G['eta'], gold_eta):.1e})")
    print(fmt_fit("small", G["small"]))
    print(fmt_fit("large", G["large"]))
    compare_fits({"small": G["small"], "large": G["large"]}, tabs["fit"][1])
    for lab, v, op, b in grid_checks(G):
        print(margin_line(lab, v, op, b))
    gold_checks = golden_checks(GRID_OUT)
    mine = grid_checks(G)
    print(f"  check values: {sum(same_digits(m[1], t) for m, (_, t) in zip(mine, gold_checks))}/{len(mine)} equal to the golden's digits")
    if grid_dir:
        js = json.load(open(os.path.join(grid_dir, "eta_gamma.json")))
        dyn_eta = np.array([row[1] for row in js["tables"]["eta"]["rows"]])
        print(f"  against dyn's eta_gamma.json: eta* {'identical' if np.array_equal(dyn_eta, G['eta']) else rel(G['eta'], dyn_eta)}")
        for name in ("small", "large"):
            f = js["fits"][name]
            d = {"exponent": f["exponent"], "lo": f["exponent_lo"], "hi": f["exponent_hi"], "stderr": f["stderr"],
                 "prefactor": f["prefactor"], "r2": f["r2"], "n": f["n"]}
            worst = max(abs(G[name][k] - d[k]) / max(abs(d[k]), 1e-300) for k in FIT_KEYS)
            print(f"    fit {name}: largest relative difference {worst:.2e}")
        pts = os.path.join(grid_dir, "sweep-s", "points")
        m = [json.load(open(os.path.join(pts, str(i), "result.json")))["metrics"] for i in range(741)]
        num = lambda k: np.array([np.nan if v[k] is None else v[k] for v in m], float)
        ddiv, dedge, dloss, dw1 = num("diverged").astype(bool), num("edge"), num("loss"), num("w1")
        tasks = np.genfromtxt(os.path.join(grid_dir, "sweep-s", "tasks.tsv"), names=True, dtype=None,
                              encoding=None, delimiter="\t")
        print(f"    points: (γ, lr) identical to dyn's tasks.tsv: {np.array_equal(tasks['gamma'], G['g']) and np.array_equal(tasks['lr'], G['lr'])}; "
              f"diverged equal {int(np.sum(ddiv == r['div']))}/741, edge equal {int(np.sum(dedge == r['edge']))}/741, "
              f"w1 ≤ {rel(r['w1'][~ddiv], dw1[~ddiv]):.1e} relative")
        ok = ~r["div"]
        loss = r["loss"]
        chaos = ok & ~r["mono"] & (np.abs(loss - dloss) > 1e-6 * np.abs(dloss)) & (dloss > 1e-20)
        big = ok & (dloss > 1e-12) & ~chaos
        floor = ok & (dloss <= 1e-12)
        print(f"    final loss: {int(big.sum())} points with L > 1e-12 within {rel(loss[big], dloss[big]):.1e} relative; "
              f"{int(floor.sum())} at L ≤ 1e-12 within {np.max(np.abs(loss[floor] - dloss[floor])):.1e} absolute "
              f"(residual rms {np.max(np.abs(np.sqrt(2 * loss[floor]) - np.sqrt(2 * dloss[floor]))):.1e})")
        idx = np.nonzero(chaos)[0]
        if idx.size:
            print(f"    {idx.size} points part (all non-monotone, lr beyond the edge): the ±1-ulp numpy ensemble (16 runs) beside them")
            ens = ulp_ensemble(G["g"][idx], G["lr"][idx], x, y, W10)
            for j, i in enumerate(idx):
                e = ens[:, j]
                print(f"      γ = {G['g'][i]:<8.4g} lr = {G['lr'][i]:<8.4g} numpy {loss[i]:.4g}  dyn {dloss[i]:.4g}  "
                      f"±1-ulp numpy runs {e.min():.3g} … {e.max():.3g} (|numpy − dyn| {abs(loss[i] - dloss[i]):.3g}, "
                      f"largest numpy − ulp run {np.max(np.abs(e - loss[i])):.3g}; dyn inside the runs' range: "
                      f"{bool(e.min() <= dloss[i] <= e.max())})")
    return G


# ---------------------------------------------------------------- the search

def search_checks(small, large, w1, eta, cost):
    lazy = small["prefactor"] * w1 ** 2
    return [("small.exponent > 1.7", small["exponent"], ">", 1.7),
            ("small.exponent < 2.3", small["exponent"], "<", 2.3),
            ("large.exponent_lo < 1", large["lo"], "<", 1.0),
            ("large.exponent_hi > 1", large["hi"], ">", 1.0),
            ("large.exponent_hi < 2", large["hi"], "<", 2.0),
            ("eta / gam < 1", float(np.max(eta / cost)), "<", 1.0),      # gam = frontier(s.gamma) = cost
            ("small.prefactor * w1 * w1 < 2.2", float(np.max(lazy)), "<", 2.2),
            ("small.prefactor * w1 * w1 > 1.4", float(np.min(lazy)), ">", 1.4)]


def search(g, lr, x, y, W10, mult=1.0, records=STEPS + 1, large_from=10.0):
    """The search example records the loss at every step (since it followed eta_gamma.dyn) and
    fits the rich side over cost > 10 (`large`); records and large_from as told for the comments."""
    r = train(g, lr, x, y, W10, mult=mult, records=records)
    failed = r["div"] | np.isnan(r["edge"])
    fr = frontier(g, r["edge"], failed)
    eta, w1 = lr[fr], r["w1"][fr]
    cost = g[fr]
    small = fit_power(cost[cost < 0.25], eta[cost < 0.25])
    large = fit_power(cost[cost > large_from], eta[cost > large_from])
    return dict(r=r, failed=failed, fr=fr, eta=eta, w1=w1, cost=cost, small=small, large=large,
                along={"gamma": fit_power(cost, g[fr]), "lr": fit_power(cost, lr[fr])})


def run_search(x, y, W10, search_dir):
    print("=== examples/eta_gamma_search.dyn: CARBS, 111 points")
    tabs = golden_tables(SEARCH_OUT)
    gold_front = np.array([[float(v) for v in row.split()] for row in tabs["task"][1]])
    if search_dir:
        sj = json.load(open(os.path.join(search_dir, "sweep-s", "search.json")))
        pts = sj["points"]
        g = np.array([p["params"]["gamma"] for p in pts])
        lr = np.array([p["params"]["lr"] for p in pts])
        task_ids = np.array([p["task"] for p in pts])
        print(f"  the {len(pts)} proposed (γ, lr) from dyn's search.json")
    else:
        g, lr, task_ids = gold_front[:, 1], gold_front[:, 2], gold_front[:, 0].astype(int)
        print(f"  (no --search-dir: only the golden's {len(gold_front)} frontier points, γ and lr to its 6 digits)")
    S = search(g, lr, x, y, W10)
    S["g"], S["lr"], S["proposed"] = g, lr, bool(search_dir)
    r, fr = S["r"], S["fr"]
    print(f"  failed or diverged {int(S['failed'].sum())} of {g.size} (golden: 24 of 111); "
          f"stable and monotone {int(r['mono'].sum())}, stable but rising {int((~r['div'] & ~r['mono']).sum())}")
    rising = ~r["div"] & ~r["mono"]
    print(f"  monotone points rise at most {np.max(r['rise'][r['mono']]):.2e}·L(0)"
          + (f", the others at least {np.min(r['rise'][rising]):.2e}·L(0)" if rising.any() else "") + "; "
          f"undiverged peak {np.max(r['peak'][~r['div']]):.3g}·L(0)")
    if search_dir:
        tasks = [int(row.split()[0]) for row in tabs["task"][1]]
        print(f"  frontier: tasks {fr}")
        print(f"  frontier tasks equal to the golden's: {fr == tasks}")
    tok = [row.split() for row in tabs["cost"][1]]
    mine = np.column_stack([S["cost"], S["eta"]])
    same = sum(same_digits(m, t) for mr, tr in zip(mine, tok) for m, t in zip(mr, tr))
    print(f"  eta table (cost, eta): {same}/{2 * len(tok)} cells equal to the golden's digits "
          f"(≤ {rel(mine, np.array(tok, float)):.1e} relative)")
    tok = [row.split() for row in tabs["task"][1]]
    mine = np.column_stack([task_ids[fr], g[fr], lr[fr], r["edge"][fr], g[fr]]) if len(fr) == len(tok) else None
    if mine is not None:
        same = sum(same_digits(m, t) for mr, tr in zip(mine, tok) for m, t in zip(mr, tr))
        print(f"  frontier table (task, gamma, lr, edge, scale): {same}/{5 * len(tok)} cells equal to the golden's digits")
    print(fmt_fit("small", S["small"]))
    print(fmt_fit("large", S["large"]))
    compare_fits({"small": S["small"], "large": S["large"]}, tabs["fit"][1])
    along_tok = {}
    for row in tabs["param"][1]:
        m = re.match(r"\s*(\S+)\s+(\S+)\s+95%: \[(\S+), (\S+)\]\s+(\S+)\s+(\S+)\s+(\d+)", row)
        along_tok[m.group(1)] = list(m.groups()[1:])
    for name, f in S["along"].items():
        mine = [f["exponent"], f["lo"], f["hi"], f["prefactor"], f["r2"], f["n"]]
        print(f"  along the frontier, {name} ≈ C·scale^p: p {f['exponent']:.6g} [{f['lo']:.6g}, {f['hi']:.6g}] "
              f"C {f['prefactor']:.6g} r2 {f['r2']:.6g} n {f['n']}; "
              f"{sum(same_digits(m, t) for m, t in zip(mine, along_tok[name]))}/6 cells at the golden's digits")
    checks = search_checks(S["small"], S["large"], S["w1"], S["eta"], S["cost"])
    for lab, v, op, b in checks:
        print(margin_line(lab, v, op, b))
    gold_checks = golden_checks(SEARCH_OUT)
    print(f"  check values: {sum(same_digits(m[1], t) for m, (_, t) in zip(checks, gold_checks))}/{len(checks)} equal to the golden's digits")
    if search_dir:
        dyn_csv = np.genfromtxt(os.path.join(search_dir, "eta_search.csv"), delimiter=",", names=True)
        print(f"  against dyn's eta_search.csv: cost {'identical' if np.array_equal(dyn_csv['cost'], S['cost']) else rel(S['cost'], dyn_csv['cost'])}, "
              f"eta {'identical' if np.array_equal(dyn_csv['eta'], S['eta']) else rel(S['eta'], dyn_csv['eta'])}")
        P = np.genfromtxt(os.path.join(search_dir, "sweep-s", "points.csv"), delimiter=",", names=True)
        print(f"  against dyn's points.csv: diverged equal {int(np.sum(P['diverged'].astype(bool) == r['div']))}/{g.size}, "
              f"edge equal {int(np.sum(P['edge'] == r['edge']))}/{g.size}, failed equal "
              f"{int(np.sum(P['failed'].astype(bool) == S['failed']))}/{g.size}, w1 ≤ "
              f"{rel(r['w1'][~S['failed']], P['w1'][~S['failed']]):.1e}")
        print(f"  search.json's frontier tasks equal: {sj['frontier'] == fr}")
        for name, f in S["along"].items():
            d = sj["fits"][name]
            d = [d["exponent"], d["exponent_lo"], d["exponent_hi"], d["stderr"], d["prefactor"], d["r2"], d["n"]]
            print(f"    along-frontier fit {name}: ≤ {rel([f[k] for k in FIT_KEYS], d):.1e} relative of search.json's")
    return S


# ---------------------------------------------------------------- the comments

def rich_sharpness(S, lo=4.0):
    """λ_max at the end of each frontier run with γ > lo (as for the grid below), η·λ_max, 2/γ."""
    out = []
    for j, i in enumerate(S["fr"]):
        gam = S["g"][i]
        if gam <= lo:
            continue
        W1, W2 = S["r"]["W1"][i], S["r"]["W2"][i]
        J = np.hstack([np.kron(W2.ravel()[None, :], np.eye(D)), W1.T])
        lam = np.linalg.norm(J, 2) ** 2 / gam ** 2
        out.append((gam, S["lr"][i], S["r"]["loss"][i], lam, S["lr"][i] * lam, 2 / gam))
    return out


def search_comments(x, y, W10, G, S, search_x2_dir, search_half_dir):
    print("=== the search's comments")
    fmt = lambda f: f"{f['exponent']:.4g} [{f['lo']:.4g}, {f['hi']:.4g}] n {f['n']}"
    if S["proposed"]:
        # the same 111 proposals recorded every 5 steps, as the script before (CARBS would then
        # have proposed other points: this counts what 121 records miss on these ones)
        S5 = search(S["g"], S["lr"], x, y, W10, records=121)
        d = np.nonzero(S5["r"]["edge"] != S["r"]["edge"])[0]
        print(f"  these 111 points recorded every 5 steps (121 records): edge differs at {d.size} "
              f"(γ = {[float('%.3g' % S['g'][i]) for i in d]}, lr = {[float('%.3g' % S['lr'][i]) for i in d]}: "
              f"stable there, rising at every step); frontier {len(S5['fr'])} points, large {fmt(S5['large'])}")
    c, e = S["cost"], S["eta"]
    print(f"  frontier lr/γ at γ > 4: " + ", ".join(f"{cc:.3g}: {ee / cc:.3f}" for cc, ee in zip(c, e) if cc > 4))
    print(f"  grid η*/γ at γ > 4: " + ", ".join(f"{gg:.3g}: {ee / gg:.3f}" for gg, ee in zip(GAMMAS, G["eta"]) if gg > 4))
    k = int(np.argmax(e / c))
    print(f"  max lr/γ over the frontier {e[k] / c[k]:.4f} at γ = {c[k]:.4g} (the check eta / gam < 1)")
    S4 = fit_power(c[c > 4], e[c > 4])
    print(f"  fit over cost > 4: {fmt(S4)}; over cost > 10 (large): {fmt(S['large'])}")
    print("  rich frontier runs at their end: γ, lr, final loss, λ_max, lr·λ_max (< 2 for a stable minimum), 2/γ (λ_max's floor)")
    for row in rich_sharpness(S):
        print("    γ = %-8.4g lr = %-8.4g loss %.2g  λ_max %.4g  lr·λ_max %.3f  2/γ %.4g" % row)
    for label, mult, dirname in (("f = 2 W2 W1 x / γ", 2.0, search_x2_dir), ("f = ½ W2 W1 x / γ", 0.5, search_half_dir)):
        if not dirname:
            continue
        sj = json.load(open(os.path.join(dirname, "sweep-s", "search.json")))
        g = np.array([p["params"]["gamma"] for p in sj["points"]])
        lr = np.array([p["params"]["lr"] for p in sj["points"]])
        S2 = search(g, lr, x, y, W10, mult=mult)
        c2, e2 = S2["cost"], S2["eta"]
        k = int(np.argmax(e2 / c2))
        print(f"  search with {label} (dyn's {g.size} proposals): small exponent {S2['small']['exponent']:.4f}, "
              f"small.prefactor·w1² {S2['small']['prefactor'] * G['w1'][0] ** 2:.4f}; large (cost > 10) {fmt(S2['large'])}; "
              f"cost > 4 {fmt(fit_power(c2[c2 > 4], e2[c2 > 4]))}; max lr/γ {e2[k] / c2[k]:.4f} at γ = {c2[k]:.4g}")


def comments(x, y, W10, G):
    print("=== the comments' numbers")
    print(f"  lr grid resolution 10^(1/7) = {10 ** (1 / 7):.4f}")
    sig2 = G["w1"][0] ** 2
    ratio = G["eta"] / (2 * GAMMAS ** 2 / sig2)
    print(f"  η*/(2γ²/σ_max²) at γ < 0.25: {np.round(ratio[GAMMAS < 0.25], 3)} (the grid rounds the edge down, "
          f"within a factor 1.39); small.prefactor·σ² = {G['small']['prefactor'] * sig2:.4f}")
    r = G["r"]
    eta_idx = [int(np.argmax(LRS == e)) for e in G["eta"]]
    for gi in range(4):
        sel = slice(gi * LRS.size, (gi + 1) * LRS.size)
        st = r["mono"][sel]
        near = st & (LRS >= G['eta'][gi] / 10)
        print(f"  γ = {GAMMAS[gi]:.4g}: {int(np.sum(r['loss'][sel][st] < 1e-28))} of {int(st.sum())} monotone lrs end "
              f"below 1e-28; those within η*/10 … η* end at {np.nanmin(r['loss'][sel][near]):.2g} … "
              f"{np.nanmax(r['loss'][sel][near]):.2g}")
    for steps, records, how in ((300, 301, "every step"), (1200, 1201, "every step"),
                                (600, 121, "121 records, every 5 steps, as the script before session 16"),
                                (1200, 121, "121 records, every 10 steps, as that script with steps = 1200")):
        Gs = grid(x, y, W10, steps=steps, records=records)
        diff = np.nonzero(Gs["eta"] != G["eta"])[0]
        print(f"  budget {steps} steps, recorded {how}: η* differs at γ = {[float('%.4g' % GAMMAS[i]) for i in diff]} "
              f"({[float('%.4g' % Gs['eta'][i]) for i in diff]} vs {[float('%.4g' % G['eta'][i]) for i in diff]}); "
              f"exponents {Gs['small']['exponent']:.4f}, {Gs['large']['exponent']:.4f}")
    G2 = grid(x, y, W10, mult=2.0)
    print(f"  f = 2 W2 W1 x / γ (grid): exponents {G2['small']['exponent']:.4f}, {G2['large']['exponent']:.4f}; "
          f"small.prefactor·σ² {G2['small']['prefactor'] * sig2:.4f} (1.4 … 2.2), large.prefactor {G2['large']['prefactor']:.4f} (0.5 … 1)")
    xs, ys = data(2.0)
    Gs2 = grid(xs, ys, W10)
    print(f"  teacher s = 2: exponents {Gs2['small']['exponent']:.4f}, {Gs2['large']['exponent']:.4f}, "
          f"large.prefactor {Gs2['large']['prefactor']:.4f}, small.prefactor·σ² {Gs2['small']['prefactor'] * sig2:.4f}")
    # the rich edge: sharpness of the solution GD reaches at η*, λ_max = σ_max(J)²/γ² with J the
    # Jacobian of the end-to-end map P = W2 W1 (x whitened, so the loss is ½‖P/γ − t‖² + const)
    print("  rich side, the run at η*: λ_max at the end (Gauss–Newton = Hessian at a minimum), η*·λ_max, "
          "(‖W1‖² + ‖W2‖²)/γ² and 2s/γ")
    for gi in np.nonzero(GAMMAS > 4)[0]:
        b = gi * LRS.size + eta_idx[gi]
        W1, W2 = r["W1"][b], r["W2"][b]
        # P_j = Σ_i W2_i W1_ij: ∂P_j/∂W1_ij = W2_i, ∂P_j/∂W2_i = W1_ij
        J = np.hstack([np.kron(W2.ravel()[None, :], np.eye(D)), W1.T])
        lam = np.linalg.norm(J, 2) ** 2 / GAMMAS[gi] ** 2
        bal = (np.sum(W1 ** 2) + np.sum(W2 ** 2)) / GAMMAS[gi] ** 2
        print(f"    γ = {GAMMAS[gi]:<8.4g} η* = {G['eta'][gi]:<8.4g} final loss {r['loss'][b]:.2g}  λ_max {lam:.4g}  "
              f"η*·λ_max {G['eta'][gi] * lam:.3f}  (‖W1‖²+‖W2‖²)/γ² {bal:.4g}  2/γ {2 / GAMMAS[gi]:.4g}")
    print(f"  search budget 111/741 = {111 / 741:.1%}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--grid-dir")
    p.add_argument("--search-dir")
    p.add_argument("--search-x2-dir")
    p.add_argument("--search-half-dir")
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    x, y = data()
    W10 = init()
    print(f"data: (1/n) x xᵀ = I to {np.max(np.abs(x @ x.T / N - np.eye(D))):.1e}; ‖T‖ = 1; y = T x; "
          f"W1(0) 16 × 4, σ_max {float(np.linalg.norm(W10, 2))!r}")
    G = run_grid(x, y, W10, a.grid_dir)
    S = run_search(x, y, W10, a.search_dir)
    if not a.quick:
        comments(x, y, W10, G)
        search_comments(x, y, W10, G, S, a.search_x2_dir, a.search_half_dir)


if __name__ == "__main__":
    main()
