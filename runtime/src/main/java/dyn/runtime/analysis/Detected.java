package dyn.runtime.analysis;

/**
 * A staircase found without a prediction.
 *
 * @param levels plateau levels ℓ_0 &gt; ℓ_1 &gt; … (the median loss over each plateau)
 * @param jumpTimes jumpTimes[k−1] is the jump from plateau k−1 to plateau k, measured as in
 *     {@link Staircase#jumpTimes}; one fewer than levels
 * @param plateauStart time of the first grid point of each plateau
 * @param plateauEnd time of the last grid point of each plateau
 */
public record Detected(double[] levels, double[] jumpTimes, double[] plateauStart, double[] plateauEnd) {}
