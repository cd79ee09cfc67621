package dyn.compiler.plan;

/**
 * Settings of the {@link Observable#FOURIER_POWER} observable, {@code observe
 * fourier_power(period = P)}: each neuron's parameter slices are cut into consecutive blocks of
 * length P (every slice length is a multiple of P) and the blocks' DFT power is binned by
 * frequency k = 0 … ⌊P/2⌋ (docs/LANGUAGE.md).
 *
 * @param period P ≥ 1
 */
public record FourierPower(int period) {
  public FourierPower {
    if (period < 1) throw new IllegalArgumentException("period must be ≥ 1, got " + period);
  }

  /** Number of frequency bins, ⌊P/2⌋ + 1. */
  public int bins() {
    return period / 2 + 1;
  }
}
