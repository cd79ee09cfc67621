package dyn.compiler.plan;

/**
 * Settings of the {@link Observable#LAYER_SINGULAR_VALUES} observable, {@code observe
 * layer_singular_values(top = k)}: the k largest singular values of every model tensor are
 * recorded, tensor after tensor in declaration order (docs/LANGUAGE.md).
 *
 * @param top k ≥ 1
 */
public record LayerSpectra(int top) {
  /**
   * k when the script gives none. Three singular values show the first two steps of any
   * staircase (σ₁/σ₂ large: rank one; σ₂/σ₃ large: rank two) and keep a four-layer net's table
   * at twelve columns.
   */
  public static final int DEFAULT_TOP = 3;

  public LayerSpectra {
    if (top < 1) throw new IllegalArgumentException("top must be ≥ 1, got " + top);
  }
}
