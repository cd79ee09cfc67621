# Independent numpy computation of NC1 = (1/K) tr(Σ_W Σ_B⁺) (wave2.md §4.3, the direct formula
# with np.linalg.pinv) for NeuralCollapseTest. Features and parameters are closed-form, so the
# Java test builds the same numbers without sharing code with this script.
import numpy as np
np.set_printoptions(precision=17)

def nc1(H, c):
    K = len(np.unique(c)); N = H.shape[1]
    mu = np.stack([H[:, c == k].mean(1) for k in np.unique(c)], 1)
    muG = H.mean(1, keepdims=True)
    E = H - mu[:, np.searchsorted(np.unique(c), c)]
    SW = E @ E.T / N
    M = mu - muG
    SB = M @ M.T / K
    return np.trace(SW @ np.linalg.pinv(SB, rcond=1e-10)) / K

# 1. Features h[r, j] = sin(1 + 0.7 r + 0.3 j²) + (class of j), D = 5, N = 11, unbalanced classes.
D, N = 5, 11
c = np.array([0, 1, 2, 0, 0, 1, 2, 2, 2, 1, 0])
H = np.array([[np.sin(1 + 0.7 * r + 0.3 * j * j) + c[j] for j in range(N)] for r in range(D)])
print('formula', repr(nc1(H, c)))

# 2. A model f = W2 @ tanh(W1 @ x) + b, d = 2, width 4, K = 3, n = 6; features tanh(W1 x).
x = np.array([[np.cos(1.3 * j) * (1 + j % 3) for j in range(6)],
              [np.sin(0.9 * j + 0.5) for j in range(6)]])
W1 = np.array([[0.1 * (i + 1) - 0.05 * k * i + 0.2 * k for k in range(2)] for i in range(4)])
lab = np.array([0, 1, 2, 0, 1, 2])
print('model', repr(nc1(np.tanh(W1 @ x), lab)))
