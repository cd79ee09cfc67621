package dyn.runtime.random;

/**
 * A stateless counter-based generator built on the SplitMix64 finaliser.
 *
 * <p>The exact definitions (all arithmetic on unsigned 64-bit integers modulo 2⁶⁴, {@code >>>}
 * a logical shift, γ = 0x9E3779B97F4A7C15):
 *
 * <pre>
 *   mix64(z):  z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *              z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *              return z ^ (z >>> 31)
 *   bits(stream, counter)    = mix64(mix64(stream) + (counter + 1) * γ)
 *   uniform(stream, counter) = ((bits >>> 11) + 0.5) · 2⁻⁵³            ∈ (0, 1), never 0 or 1
 *   normal(stream, k)        = sqrt(−2 ln u₁) · cos(2π u₂),
 *                              u₁ = uniform(stream, 2k), u₂ = uniform(stream, 2k + 1)
 *   derive(seed, index)      = mix64(mix64(seed) ^ mix64(index + γ))
 * </pre>
 *
 * <p>{@code bits} is therefore output number counter+1 of a SplitMix64 generator whose state
 * starts at mix64(stream). {@code bits} and {@code uniform} are reproducible bit for bit on any
 * IEEE-754 platform; {@code normal} uses {@link StrictMath} (fdlibm) for ln, sqrt and cos so the
 * CPU is deterministic across JVMs — a GPU kernel matches it to the last ulp only with
 * correctly rounded log/cos, else to ~1e-16 relative. The k-th normal uses only the cosine half
 * of Box–Muller so that normal k depends on counters 2k and 2k+1 alone.
 */
public final class CounterRng {
  /** The golden-ratio increment of SplitMix64. */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private static final double TWO_POW_M53 = 0x1.0p-53;

  private CounterRng() {}

  /** The SplitMix64 finaliser (Stafford's variant 13). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64 random bits for (stream, counter). */
  public static long bits(long stream, long counter) {
    return mix64(mix64(stream) + (counter + 1) * GAMMA);
  }

  /** A uniform double in the open interval (0, 1) with 53 random bits. */
  public static double uniform(long stream, long counter) {
    return ((bits(stream, counter) >>> 11) + 0.5) * TWO_POW_M53;
  }

  /** The k-th standard normal of a stream, from counters 2k and 2k+1. */
  public static double normal(long stream, long k) {
    double u1 = uniform(stream, 2 * k);
    double u2 = uniform(stream, 2 * k + 1);
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /** A sub-stream id for item {@code index} of the thing seeded by {@code seed}. */
  public static long derive(long seed, long index) {
    return mix64(mix64(seed) ^ mix64(index + GAMMA));
  }

  /** Fills out[0..len) with normals k = first, first+1, … of the stream. */
  public static void fillNormal(long stream, long first, double[] out, int len) {
    for (int i = 0; i < len; i++) out[i] = normal(stream, first + i);
  }
}
