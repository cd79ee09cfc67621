#!/usr/bin/env python3
"""An independent numpy recomputation of examples/width_steps_lr_search.dyn (a CARBS search).

The 60 (width, steps, lr) points are the search's own choices and are read from dyn's
points.csv; everything they lead to is recomputed here, with no metric read from dyn (dyn's files
are only compared against):
- the data: the script's relu_teacher(d = 8, k = 16, n = 128, n_test = 256, seed = 0): W =
  normal(16, 8)/√8 (body site 0), x = normal(8, 128) (site 1), x_test = normal(8, 256) (site 2),
  y = (1/4)·1ᵀ relu(W x) (dyn_draws.py);
- θ(0) of each point: two_layer(d = 8, width, out = 1, act = relu, seed = 1): W1 = √(1/8)·normal
  (parameter 0), W2 = √(1/width)·normal (parameter 1);
- each point's train: full-batch GD at its lr for its steps on L = (1/2n)Σ(y − W2 relu(W1 x))² with
  a hand-written backward pass (central differences), stopped as dyn stops a run (docs/SWEEPS.md,
  runtime Descent.check): when the loss at step k is not finite or exceeds 10⁶·L(θ(0)) the point
  has diverged (its `test` NaN, a failure); the metric test = final(gd.test_loss), the same loss on
  (x_test, y_test) at step `steps`, and work = width·steps;
- the frontier (docs/SWEEPS.md: the observed points that beat every cheaper point), and
  fit_power of width, steps and lr along it against work: least squares of ln y on ln x, the slope's
  standard error, its Student-t 95% interval (n − 2 degrees of freedom), prefactor e^intercept, r²;
- the check grows.exponent > 0 and its margin;
- the comments' claims: the narrow student's floor (width 2 at 2000 steps over a range of lr),
  short runs not converged (the frontier's widest nets at 50–100 steps against 2000), the frontier
  moving to wider nets, and docs/SWEEPS.md's "width ∝ cost^0.46".
Rounding size: every converged point rerun from θ(0) moved by ±1 ulp (random signs).

Usage: python3 tools/example_checks/width_steps_lr_search.py --sweep-dir DIR/sweep-s
where DIR is the --out folder of `./dyn run examples/width_steps_lr_search.dyn --out DIR`.
About 30 seconds (one core); --ulp-runs 0 skips the rounding reruns (about 10 seconds).
"""
import argparse, csv, json, os, re, sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dyn_draws as dd  # noqa: E402

GOLDEN_OUT = os.path.join(ROOT, "examples", "width_steps_lr_search.out")
D, K, N, NT, SEED = 8, 16, 128, 256, 0


def data(seed=SEED):
    W = dd.normal_matrix(dd.site_stream(seed, 0), K, D) / D ** 0.5
    a = np.ones((1, K)) / K ** 0.5
    x = dd.normal_matrix(dd.site_stream(seed, 1), D, N)
    xt = dd.normal_matrix(dd.site_stream(seed, 2), D, NT)
    return x, a @ np.maximum(W @ x, 0), xt, a @ np.maximum(W @ xt, 0)


def init(width, seed=SEED + 1):
    return dd.param(seed, 0, width, D, 1.0 / D), dd.param(seed, 1, 1, width, 1.0 / width)


def loss(W1, W2, x, y):
    r = W2 @ np.maximum(W1 @ x, 0) - y
    return 0.5 * float(np.sum(r * r)) / x.shape[1]


def loss_grad(W1, W2, x, y):
    H = W1 @ x
    A = np.maximum(H, 0)
    E = W2 @ A - y
    R = E / x.shape[1]
    return 0.5 * float(np.sum(E * E)) / x.shape[1], ((W2.T @ R) * (H > 0)) @ x.T, R @ A.T


def run(W1, W2, lr, steps, x, y, xt, yt):
    """GD as dyn runs it: (test loss at step `steps`, None) or (NaN, (step, L0, L)) on divergence."""
    L0 = None
    for k in range(steps + 1):
        L, g1, g2 = loss_grad(W1, W2, x, y)
        if k == 0:
            L0 = L
        if not np.isfinite(L) or (L0 > 0 and L > 1e6 * L0):
            return np.nan, (k, L0, L)
        if k == steps:
            break
        W1 = W1 - lr * g1
        W2 = W2 - lr * g2
    return loss(W1, W2, xt, yt), None


def frontier(points):
    """Indices (into points) of the points that beat every cheaper point, cheapest first; at equal
    cost only the best one can."""
    ok = [i for i, p in enumerate(points) if np.isfinite(p["test"])]
    ok.sort(key=lambda i: (points[i]["work"], points[i]["test"]))
    out, best = [], np.inf
    for i in ok:
        if points[i]["test"] < best:
            out.append(i)
            best = points[i]["test"]
    return out


def fit_power(x, y, level=0.95):
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = (y > 0) & np.isfinite(y)
    lx, ly = np.log(x[keep]), np.log(y[keep])
    n = len(lx)
    X = np.column_stack([np.ones(n), lx])
    (b0, b1), *_ = np.linalg.lstsq(X, ly, rcond=None)
    res = ly - X @ np.array([b0, b1])
    sxx = np.sum((lx - lx.mean()) ** 2)
    se = np.sqrt(np.sum(res ** 2) / (n - 2) / sxx)
    q = stats.t.ppf(0.5 + level / 2, n - 2)
    r2 = 1 - np.sum(res ** 2) / np.sum((ly - ly.mean()) ** 2)
    return dict(exponent=b1, exponent_lo=b1 - q * se, exponent_hi=b1 + q * se, stderr=se,
                prefactor=np.exp(b0), r2=r2, n=n)


def grad_check(x, y, h=1e-6):
    W1, W2 = init(5)
    _, g1, g2 = loss_grad(W1, W2, x, y)
    err = 0.0
    for M, G in [(W1, g1), (W2, g2)]:
        for idx in np.ndindex(M.shape):
            old = M[idx]
            M[idx] = old + h
            lp = loss(W1, W2, x, y)
            M[idx] = old - h
            lm = loss(W1, W2, x, y)
            M[idx] = old
            err = max(err, abs((lp - lm) / (2 * h) - G[idx]))
    return err


def golden_tables():
    """The golden's frontier rows {task: (width, steps, lr, test, work)} and fit rows {name: [...]}."""
    lines = open(GOLDEN_OUT).read().splitlines()
    front, fits, mode = {}, {}, None
    for ln in lines:
        f = ln.split()
        if ln.startswith("frontier ("):
            mode = "front"
        elif ln.startswith("along the frontier"):
            mode = "fits"
        elif not f:
            mode = None if mode == "front" else mode
        elif mode == "front" and f[0].isdigit():
            front[int(f[0])] = tuple(float(v) for v in f[1:])
        elif f[0] in ("grows", "width", "steps", "lr") and "95%:" in f:
            body = ln.split(None, 2)[2] if f[0] == "grows" else ln.split(None, 1)[1]
            fits[f[0]] = re.findall(r"-?[\d.]+(?:e-?\d+)?", body.replace("95%:", ""))
            # grows: exponent, lo, hi, stderr, prefactor, r2, n; the others: no stderr
    return front, fits


def printed(a, text):
    """True when a, rounded to as many decimals as the golden printed, reads as the golden's text."""
    dec = len(text.split(".")[1]) if "." in text else 0
    return round(float(a), dec) == float(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep-dir", required=True, help="DIR/sweep-s of dyn's run")
    ap.add_argument("--ulp-runs", type=int, default=2)
    args = ap.parse_args()
    x, y, xt, yt = data()
    print(f"backward pass vs central differences (width 5): {grad_check(x, y):.1e}")

    with open(os.path.join(args.sweep_dir, "points.csv")) as f:
        rows = list(csv.DictReader(f))
    pts = []
    for r in rows:
        w, s, lr = int(r["width"]), int(r["steps"]), float(r["lr"])
        test, div = run(*init(w), lr, s, x, y, xt, yt)
        pts.append(dict(task=int(r["task"]), width=w, steps=s, lr=lr, test=test, work=w * s, div=div,
                        dyn_test=float(r["test"]), dyn_failed=int(r["failed"]), dyn_front=int(r["frontier"]),
                        dyn_work=float(r["work"])))

    inside = all(2 <= p["width"] <= 64 and 50 <= p["steps"] <= 2000 and 1e-3 <= p["lr"] <= 1 for p in pts)
    print(f"every suggested point inside the space (width 2 … 64, steps 50 … 2000, lr 1e-3 … 1): {inside}")

    # ---- every point against dyn's points.csv ------------------------------------------------
    ok = [p for p in pts if np.isfinite(p["test"])]
    rel = np.array([abs(p["test"] - p["dyn_test"]) / p["dyn_test"] for p in ok])
    same_fail = all((not np.isfinite(p["test"])) == bool(p["dyn_failed"]) for p in pts)
    print(f"\n{len(pts)} points: {len(ok)} converged here, {len(pts) - len(ok)} diverged; the same "
          f"points failed in dyn: {same_fail}; work = width·steps as dyn's: "
          f"{all(p['work'] == p['dyn_work'] for p in pts)}")
    i = int(np.argmax(rel))
    print(f"  test (final test loss) against dyn's points.csv: largest relative difference {rel.max():.1e} "
          f"(task {ok[i]['task']}: width {ok[i]['width']}, steps {ok[i]['steps']}, lr {ok[i]['lr']:.4g}), "
          f"median {np.median(rel):.1e}")
    order_here = np.argsort([p["test"] for p in ok], kind="stable")
    order_dyn = np.argsort([p["dyn_test"] for p in ok], kind="stable")
    print(f"  the converged points rank the same by test here and in dyn: {bool(np.all(order_here == order_dyn))}")
    # diverged points: dyn's message gives the step and the two losses
    worst = 0.0
    steps_same = True
    for p in pts:
        if p["div"] is None:
            continue
        msg = json.load(open(os.path.join(args.sweep_dir, "points", str(p["task"]), "result.json")))["message"]
        m = re.search(r"from ([-\d.e+]+) to ([-\d.e+]+) by step (\d+)", msg)
        k, L0, L = p["div"]
        steps_same &= m is not None and int(m.group(3)) == k
        if m:
            worst = max(worst, abs(L0 - float(m.group(1))) / L0 / 5e-6, abs(L - float(m.group(2))) / L / 5e-6)
        print(f"  task {p['task']:2d} width {p['width']:2d} steps {p['steps']:4d} lr {p['lr']:.4f}: diverged at step "
              f"{k} ({L0:.6g} → {L:.6g}); dyn: " + (f"step {m.group(3)} ({m.group(1)} → {m.group(2)})" if m else msg))
    print(f"  every divergence at dyn's step: {steps_same}; its losses at dyn's 6 printed digits: {worst <= 1.0001}")

    # ---- rounding size -----------------------------------------------------------------------
    if args.ulp_runs:
        rng = np.random.default_rng(1)
        dmax, where = 0.0, None
        for p in ok:
            W1, W2 = init(p["width"])
            for _ in range(args.ulp_runs):
                P1 = W1 + rng.choice([-1, 1], W1.shape) * np.spacing(np.abs(W1))
                P2 = W2 + rng.choice([-1, 1], W2.shape) * np.spacing(np.abs(W2))
                t, _ = run(P1, P2, p["lr"], p["steps"], x, y, xt, yt)
                r_ = abs(t - p["test"]) / p["test"]
                if r_ > dmax:
                    dmax, where = r_, p["task"]
        print(f"\n{args.ulp_runs} numpy runs per converged point from θ(0) ± 1 ulp: test moves by ≤ {dmax:.1e} "
              f"(task {where}): the size of rounding differences")

    # ---- frontier and fits -------------------------------------------------------------------
    fr = frontier(pts)
    dyn_fr = [p["task"] for p in pts if p["dyn_front"]]
    print(f"\nfrontier here ({len(fr)} points): tasks {[pts[i]['task'] for i in fr]}; dyn's (points.csv): "
          f"{sorted(dyn_fr, key=lambda t: pts[t]['work'])} — same set: {sorted(pts[i]['task'] for i in fr) == sorted(dyn_fr)}")
    gfront, gfits = golden_tables()
    print(f"against the golden's frontier table ({len(gfront)} rows): tasks equal: "
          f"{[pts[i]['task'] for i in fr] == list(gfront)}")
    bad = []
    for i in fr:
        p = pts[i]
        gw, gs, glr, gt, gwork = gfront[p["task"]]
        if (p["width"], p["steps"], p["work"]) != (gw, gs, gwork) or float(f"{p['test']:.6g}") != gt \
                or float(f"{p['lr']:.6g}") != glr:
            bad.append(p["task"])
        print(f"  task {p['task']:2d}  width {p['width']:2d}  steps {p['steps']:4d}  lr {p['lr']:.6g}  "
              f"test {p['test']:.6g} (golden {gt:g}, rel {abs(p['test'] - gt) / gt:.1e})  work {p['work']}")
    print(f"  cells not equal at the golden's digits: {bad or 'none'}")

    cost = np.array([pts[i]["work"] for i in fr], float)
    fits = {name: fit_power(cost, [pts[i][name] for i in fr]) for name in ("width", "steps", "lr")}
    dyn_fits = json.load(open(os.path.join(args.sweep_dir, "search.json")))["fits"]
    keys = ["exponent", "exponent_lo", "exponent_hi", "stderr", "prefactor", "r2", "n"]
    print("\nfits along the frontier, param ≈ C·work^p (here | largest relative difference from dyn's "
          "search.json | equal at the golden's printed digits):")
    for name, f in fits.items():
        dv = max(abs(f[k] - dyn_fits[name][k]) / abs(dyn_fits[name][k]) for k in keys)
        g = gfits[name]
        gv = g                                           # exponent, lo, hi, prefactor, r2, n
        hv = [f["exponent"], f["exponent_lo"], f["exponent_hi"], f["prefactor"], f["r2"], f["n"]]
        eq = all(printed(a, b) for a, b in zip(hv, gv))
        print(f"  {name:5s} exponent {f['exponent']:.6f} [{f['exponent_lo']:.6f}, {f['exponent_hi']:.6f}] "
              f"stderr {f['stderr']:.6f} prefactor {f['prefactor']:.6g} r2 {f['r2']:.6f} n {f['n']}  | "
              f"{dv:.1e} | {eq}")
    g = gfits["grows"]
    f = fits["width"]
    hv = [f["exponent"], f["exponent_lo"], f["exponent_hi"], f["stderr"], f["prefactor"], f["r2"], f["n"]]
    print(f"  report table(grows): golden {' '.join(g)} — equal at its printed digits: "
          f"{all(printed(a, b) for a, b in zip(hv, g))}")
    print(f"  (width and steps exponents add to {fits['width']['exponent'] + fits['steps']['exponent']:.15f}, "
          f"prefactors multiply to {fits['width']['prefactor'] * fits['steps']['prefactor']:.15f}: work = width·steps)")

    v = fits["width"]["exponent"]
    print(f"\ncheck grows.exponent > 0: {v:.6f}  {'PASS' if v > 0 else 'FAIL'}  margin {v:.3g} "
          f"(the 95% interval's lower end {fits['width']['exponent_lo']:.4f} > 0 too)")

    # ---- the comments ------------------------------------------------------------------------
    print("\nthe comments:")
    floor = []
    for lr in (0.05, 0.1, 0.2, 0.4, 0.8):
        t, dv_ = run(*init(2), lr, 2000, x, y, xt, yt)
        floor.append((lr, t))
    print("  narrow student's floor: width 2, 2000 steps, test at lr 0.05 … 0.8: "
          + ", ".join(f"{lr:g}: {t:.4g}" for lr, t in floor)
          + f"; best width-2 point of the search {min(p['test'] for p in ok if p['width'] == 2):.4g}, "
          f"best point overall {min(p['test'] for p in ok):.4g}")
    for w, lr in [(33, 0.595998), (32, 0.529792)]:
        short = {s: run(*init(w), lr, s, x, y, xt, yt)[0] for s in (50, 102, 500, 2000)}
        print(f"  short runs not converged: width {w}, lr {lr}: test at 50/102/500/2000 steps "
              + ", ".join(f"{t:.4g}" for t in short.values()))
    ws = [pts[i]["width"] for i in fr]
    print(f"  widths along the frontier, cheapest first: {ws} (rank correlation with work "
          f"{stats.spearmanr(cost, ws)[0]:.3f}); docs/SWEEPS.md's width ∝ cost^0.46: {fits['width']['exponent']:.4f}")
    print(f"\nthe check holds here (golden: PASS): {v > 0}")
    return 0 if v > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
