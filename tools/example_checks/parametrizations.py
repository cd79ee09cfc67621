"""examples/parametrizations.dyn in numpy, over independent draws: a two-layer ReLU net
f = W2 relu(W1 x), d = 10, 64 samples of a ReLU teacher y = relu(w x), loss 1/2 mean (f - y)^2,
GD at lr 0.1, widths 64 ... 1024, in the standard parametrization (W1 ~ N(0, 1/d), W2 ~ N(0, 1/n),
lr on both) and in muP (W1 = sqrt(n) w1, w1 ~ N(0, 1/(d n)); W2 = w2 / sqrt(n), w2 ~ N(0, 1/n);
lr on the w's, so Delta W1 = -lr n grad_W1, Delta W2 = -lr grad_W2 / n).
Prints, per draw, the fitted slope of ln(loss after K steps) against ln(width) and the spread
max/min of that loss across widths, its ratio between widths 1024 and 64, and
under muP at width 1024 the relative drop (L0 - L1)/L0 of the step. Usage: python3 parametrizations.py [draws] [steps]"""
import sys
import numpy as np

draws = int(sys.argv[1]) if len(sys.argv) > 1 else 100
K = int(sys.argv[2]) if len(sys.argv) > 2 else 1
d, m, lr = 10, 64, 0.1
widths = np.array([64, 128, 256, 512, 1024])
rng = np.random.default_rng(7)

def run(x, y, n, mup, with_start=False):
    W1 = rng.standard_normal((n, d)) / np.sqrt(d)
    W2 = rng.standard_normal((1, n)) / np.sqrt(n) / (np.sqrt(n) if mup else 1)
    r0 = W2 @ np.maximum(W1 @ x, 0) - y
    L0 = 0.5 * np.mean(r0 * r0)
    for _ in range(K):
        h = W1 @ x; a = np.maximum(h, 0)
        r = W2 @ a - y                                   # (1, m)
        g2 = r @ a.T / m
        g1 = ((W2.T @ r) * (h > 0)) @ x.T / m
        W1 = W1 - lr * (n if mup else 1) * g1
        W2 = W2 - lr * (1 / n if mup else 1) * g2
    r = W2 @ np.maximum(W1 @ x, 0) - y
    return (L0, 0.5 * np.mean(r * r)) if with_start else 0.5 * np.mean(r * r)

rows = []
for draw in range(draws):
    x = rng.standard_normal((d, m)); w = rng.standard_normal((1, d)) / np.sqrt(d)
    y = np.maximum(w @ x, 0)
    out = []
    for mup in (False, True):
        L = np.array([run(x, y, n, mup) for n in widths])
        slope = np.polyfit(np.log(widths), np.log(L), 1)[0]
        out += [slope, L.max() / L.min(), L[-1] / L[0]]
    a0, a1 = run(x, y, 1024, True, True)
    out.append((a0 - a1) / a0)
    rows.append(out)
    print("draw %2d: standard slope %.3f spread %.1f L1024/L64 %.1f | mup slope %.4f spread %.3f L1024/L64 %.3f drop(1024) %.3f" % ((draw,) + tuple(out)))
a = np.array(rows)
for j, name in enumerate(["standard slope", "standard spread", "standard L1024/L64", "mup slope", "mup spread", "mup L1024/L64", "mup drop 1024"]):
    print("%-16s min %.4f  median %.4f  max %.4f" % (name, a[:, j].min(), np.median(a[:, j]), a[:, j].max()))
