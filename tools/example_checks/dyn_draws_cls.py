"""dyn's random draws in numpy, for the classification witnesses (classify_mixture.py).

Copied from tools/example_checks/escape_directions.py (same definitions, rewritten here so that
script stays untouched): runtime CounterRng (SplitMix64 finaliser, counter-based uniforms, the
cosine half of Box-Muller), CounterRng.derive (a model parameter's stream) and compiler
Streams.mix (a dataset body's site-th random primitive). numpy's log/cos may differ from Java's
fdlibm (StrictMath) by an ulp, so a normal here may differ from dyn's in the last bit.
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
    """CounterRng.derive(seed, index): the stream of parameter `index` of a model seeded `seed`."""
    return int(mix64(int(mix64(seed & MASK)) ^ int(mix64((index + GOLDEN) & MASK))))


def site_stream(seed, site):
    """Streams.mix(seed, site): the stream of a dataset body's site-th random primitive."""
    return int(mix64(((seed + 1) * GOLDEN + site) & MASK))


def uniform(stream, counters):
    with np.errstate(over="ignore"):
        z = mix64(stream) + (counters.astype(np.uint64) + np.uint64(1)) * np.uint64(GOLDEN)
    return ((mix64(z) >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0 ** -53


def normal(stream, count):
    """Normals k = 0 .. count-1 of a stream (CounterRng.fillNormal from 0)."""
    k = np.arange(count, dtype=np.uint64)
    u1, u2 = uniform(stream, 2 * k), uniform(stream, 2 * k + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def normal_matrix(stream, rows, cols):
    """`normal(rows, cols)` in a dataset body, or a param's draw: entry k in row-major order."""
    return normal(stream, rows * cols).reshape(rows, cols)
