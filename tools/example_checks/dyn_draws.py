"""dyn's random draws in numpy, for scripts that rebuild an example's data and θ(0) outside dyn.

The definitions (every script here imports them; bench/eta_gamma_numpy.py keeps its own copy, as
bench/ scripts stand alone) follow runtime CounterRng and compiler Streams:
- mix64: the SplitMix64 finaliser; uniform(stream, k) = ((mix64(mix64(stream) + (k + 1)γ) >> 11)
  + 0.5)·2⁻⁵³; normal(stream, k) = √(−2 ln u_{2k})·cos(2π u_{2k+1}) (the cosine half of
  Box–Muller). numpy's log and cos may differ from Java's fdlibm by an ulp, so a draw agrees with
  dyn's to a few ulps, not bit for bit;
- a dataset body's random primitive number `site` (0-based, in body order) draws from
  site_stream(seed, site) = mix64((seed + 1)γ + site);
- a model's parameter number p (declaration order) draws from derive(seed, p) =
  mix64(mix64(seed) ^ mix64(p + γ)), entry k row-major, times √variance, scale and the
  parametrization's init multiplier (runtime Initializer);
- orthogonal(n): G with G[i, j] = normal(stream, i·n + j), G = QR, Q·diag(sign R_jj) (runtime
  DataOps.haarOrthogonal; unique given G, so LAPACK's QR gives dyn's Q to rounding);
- whiten(x): C^{-1/2} x with C = x xᵀ/n, the symmetric inverse square root (DataOps.whiten);
- mask(e, p): entry k (row-major) set to 0 when uniform(stream, k) < p (DataOps.mask);
- corrupt(labels, fraction, classes): label noise on a class-index row (DataOps.corruptLabels),
  drawn with uniform() on the site's stream; corrupt_onehot for one-hot columns;
- shuffle_columns(a, stream): a dataset body's shuffle(e) (DataOps.shuffleColumns);
- sgd_stream(seed), sgd_batches(n, batch, steps, stream): `sgd(…, seed = k)`'s minibatch order
  (compiler Streams.SGD_SITE, runtime Descent.sgd).
"""
import numpy as np

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def derive(seed, index):
    """CounterRng.derive: the stream of parameter `index` of a model seeded `seed`."""
    return int(mix64(int(mix64(seed & MASK)) ^ int(mix64((index + GOLDEN) & MASK))))


def site_stream(seed, site):
    """Streams.mix: the stream of a dataset body's site-th random primitive."""
    return int(mix64(((seed + 1) * GOLDEN + site) & MASK))


def uniform(stream, counters):
    counters = np.asarray(counters)
    with np.errstate(over="ignore"):
        z = mix64(stream) + (counters.astype(np.uint64) + np.uint64(1)) * np.uint64(GOLDEN)
    return ((mix64(z) >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0 ** -53


def normal(stream, count):
    k = np.arange(count, dtype=np.uint64)
    u1, u2 = uniform(stream, 2 * k), uniform(stream, 2 * k + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def normal_matrix(stream, rows, cols):
    """dyn's normal(rows, cols): entry (i, j) is normal i·cols + j of the stream."""
    return normal(stream, rows * cols).reshape(rows, cols)


def orthogonal(stream, n):
    """dyn's orthogonal(n) (Haar, Mezzadri's sign fix)."""
    q, r = np.linalg.qr(normal_matrix(stream, n, n))
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


def whiten(x):
    """dyn's whiten(x): C^{-1/2} x, C = x xᵀ / n."""
    lam, v = np.linalg.eigh(x @ x.T / x.shape[1])
    return (v / np.sqrt(lam)) @ v.T @ x


def param(seed, p, rows, cols, variance, scale=1.0, init_multiplier=1.0):
    """Parameter number p of a model seeded `seed` declared `[rows, cols] ~ normal(0, variance)`."""
    return scale * (np.sqrt(variance) * normal_matrix(derive(seed, p), rows, cols)) * init_multiplier


def mask(a, p, stream):
    """dyn's mask(e, p) (runtime DataOps.mask): entry k of e (row-major) becomes 0 when
    uniform(stream, k) < p, kept entries are not rescaled. The uniforms are exact, so the mask
    agrees with dyn's bit for bit."""
    a = np.asarray(a, dtype=float)
    u = uniform(stream, np.arange(a.size, dtype=np.uint64)).reshape(a.shape)
    return np.where(u < p, 0.0, a)


def corrupt(labels, fraction, classes, stream):
    """dyn's corrupt on a class-index row (runtime DataOps.corruptLabels, drawing CounterRng.uniform).

    k = round(fraction·n) (Java Math.round: ⌊x + ½⌋) positions: the first k of a partial
    Fisher–Yates shuffle of 0 … n−1 that swaps i with i + ⌊u_i·(n − i)⌋, u_i = uniform(stream, i);
    the label at the i-th chosen position becomes (old + 1 + ⌊u·(classes − 1)⌋) mod classes,
    u = uniform(stream, k + i), never its old class. The uniforms are exact (integer arithmetic
    and one multiply by 2⁻⁵³), so this agrees with dyn bit for bit.
    """
    labels = np.asarray(labels, dtype=float).ravel()
    n = labels.size
    k = int(np.floor(fraction * n + 0.5))
    out = labels.copy()
    perm = np.arange(n)
    for i in range(k):
        j = i + int(uniform(stream, i) * (n - i))
        perm[i], perm[j] = perm[j], perm[i]
    for i in range(k):
        shift = 1 + int(uniform(stream, k + i) * (classes - 1))
        out[perm[i]] = (labels[perm[i]] + shift) % classes
    return out


def corrupt_onehot(Y, fraction, stream):
    """dyn's corrupt on one-hot columns (classes × n): the index row corrupted, encoded back
    (the second DataOps.corruptLabels)."""
    Y = np.asarray(Y, dtype=float)
    assert np.all(Y.sum(axis=0) == 1) and np.all((Y == 0) | (Y == 1))
    idx = corrupt(np.argmax(Y, axis=0), fraction, Y.shape[0], stream).astype(int)
    out = np.zeros_like(Y)
    out[idx, np.arange(Y.shape[1])] = 1.0
    return out


def shuffle_columns(a, stream):
    """dyn's shuffle(e): the columns of a in a seeded random order (runtime DataOps.shuffleColumns).

    From the identity order, for i = n−1 … 1 swap positions i and ⌊u·(i + 1)⌋ with
    u = uniform(stream, n − 1 − i); column c of the result is column perm[c] of a. The uniforms are
    exact, so this agrees with dyn bit for bit.
    """
    a = np.asarray(a, dtype=float)
    n = a.shape[1]
    perm = np.arange(n)
    u = uniform(stream, np.arange(max(n - 1, 0)))
    for c, i in enumerate(range(n - 1, 0, -1)):
        j = int(u[c] * (i + 1))
        perm[i], perm[j] = perm[j], perm[i]
    return a[:, perm]


SGD_SITE = 0x5347440000000000  # compiler Streams.SGD_SITE ("SGD" in the high bytes)


def sgd_stream(seed):
    """The stream of `sgd(…, seed = seed)`'s minibatch order: Streams.mix(seed, SGD_SITE), the
    site-stream rule at a site no dataset body reaches."""
    return site_stream(seed, SGD_SITE)


def sgd_batches(n, batch, steps, stream):
    """The sample indices of each of `steps` SGD steps (runtime Descent.sgd), a steps × batch array.

    One permutation of 0 … n−1 is kept across epochs (not reset to the identity): at the start of
    every epoch (the first step, and whenever fewer than `batch` unused positions remain, the tail
    being dropped) it is Fisher–Yates shuffled in place, for i = n−1 … 1 swapping positions i and
    ⌊u·(i + 1)⌋ with u = uniform(stream, c), c one counter running on across epochs; step s takes
    positions pos … pos + batch − 1 of the permutation, in that order. The uniforms are exact, so
    the batches agree with dyn's bit for bit.
    """
    perm = np.arange(n)
    out = np.empty((steps, batch), dtype=np.int64)
    counter, pos = 0, n
    for s in range(steps):
        if pos + batch > n:
            u = uniform(stream, np.arange(counter, counter + n - 1, dtype=np.uint64))
            counter += n - 1
            for c, i in enumerate(range(n - 1, 0, -1)):
                j = int(u[c] * (i + 1))
                perm[i], perm[j] = perm[j], perm[i]
            pos = 0
        out[s] = perm[pos:pos + batch]
        pos += batch
    return out


def ulps(a, b):
    """Largest difference of two arrays in units of the last place of the larger magnitude."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.spacing(np.maximum(np.abs(a), np.abs(b)))))
