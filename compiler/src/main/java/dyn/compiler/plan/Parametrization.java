package dyn.compiler.plan;

import java.util.Locale;

/**
 * How a model's width enters its init, forward pass and learning rates (Yang &amp; Hu's
 * abc-parametrizations), and its output scale γ (f = f̃/γ, Atanasov et al.).
 *
 * <p>The per-tensor consequences (init multiplier, forward multiplier, learning-rate multiplier)
 * are already worked out on each {@link ParamSpec#scaling()}, and γ is already a node of the
 * forward graph; this record says where they came from, for {@code dyn plan} and for readers.
 *
 * @param kind the abc row
 * @param width n, the hidden width the multipliers are powers of (0 when kind is STANDARD and no
 *     roles were inferred)
 * @param hiddenLayers L, the number of hidden layers (the abc table's L), 0 when unknown
 * @param gamma the output scale γ &gt; 0; 1 leaves f unchanged
 */
public record Parametrization(Kind kind, int width, int hiddenLayers, double gamma) {
  /** The declared distributions, no multipliers, γ = 1: what every model had before knobs. */
  public static final Parametrization STANDARD = new Parametrization(Kind.STANDARD, 0, 0, 1.0);

  /** The rows of the abc table. */
  public enum Kind {
    STANDARD,
    NTK,
    MUP,
    MEAN_FIELD;

    /** The script spelling: {@code standard}, {@code ntk}, {@code mup}, {@code mean_field}. */
    public String scriptName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** True when nothing differs from the declared model (standard, γ = 1). */
  public boolean isDefault() {
    return kind == Kind.STANDARD && gamma == 1.0;
  }
}
