package dyn.compiler.check;

/**
 * Stream ids of counter-based random primitives.
 *
 * <p>{@code mix(seed, site) = splitmix64Finalizer((seed + 1) * 0x9E3779B97F4A7C15 + site)}, where the
 * finalizer is SplitMix64's: {@code z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >>> 27;
 * z *= 0x94D049BB133111EB; z ^= z >>> 31} (all arithmetic mod 2^64). The {@code + 1} keeps seed 0, site 0 away from
 * the all-zero key, a fixed point of the finalizer. A dataset's random primitive
 * gets {@code mix(seed, site)} with {@code site} its 0-based ordinal among the random primitives of
 * the unrolled body, so the same seed draws the same numbers everywhere; SGD's batch order uses
 * {@code mix(seed, SGD_SITE)}, a site no dataset body reaches.
 */
public final class Streams {
  /** The site of SGD's minibatch stream: far away from any dataset primitive's ordinal. */
  public static final long SGD_SITE = 0x5347_4400_0000_0000L; // "SGD" in ASCII, high bytes

  private Streams() {}

  /** The stream id of site {@code site} under {@code seed}. */
  public static long mix(long seed, long site) {
    long z = (seed + 1) * 0x9E3779B97F4A7C15L + site;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
