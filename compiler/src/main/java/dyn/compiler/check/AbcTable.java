package dyn.compiler.check;

import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.Parametrization;

/**
 * The abc-parametrizations of Yang &amp; Hu (TP4): W^l = n^{−a_l} w^l, w^l_ij ~ N(0, n^{−2b_l}),
 * SGD learning rate η·n^{−c} on the w's, for an L-hidden-layer network of width n.
 *
 * <p>dyn takes a model's declared distributions to be the standard parametrization (SP) at the
 * instantiated width, so another row P changes each tensor relative to SP:
 * <ul>
 *   <li>init: the declared draw times n^{b_SP − b_P} (a standard-deviation factor),
 *   <li>forward: w enters the forward pass as n^{−a_P}·w,
 *   <li>learning rate: n^{−c_P} (SP's c is taken as 0, so {@code standard} keeps the script's lr).
 * </ul>
 * Mean field is μP shifted by θ = ½ along the symmetry (a, b, c) → (a + θ, b − θ, c − 2θ); for
 * L = 1 that is exactly the table's MF row.
 */
public record AbcTable(double a1, double aHidden, double aOut, double b1, double bHidden,
    double bOut, double c) {

  /** The SP row with c = 0 (the script's lr is used as given). */
  public static final AbcTable STANDARD = new AbcTable(0, 0, 0, 0, 0.5, 0.5, 0);
  public static final AbcTable NTK = new AbcTable(0, 0.5, 0.5, 0, 0, 0, 0);
  public static final AbcTable MUP = new AbcTable(-0.5, 0, 0.5, 0.5, 0.5, 0.5, 0);
  public static final AbcTable MEAN_FIELD = MUP.shift(0.5);

  /** The row of a parametrization kind. */
  public static AbcTable of(Parametrization.Kind kind) {
    switch (kind) {
      case NTK:
        return NTK;
      case MUP:
        return MUP;
      case MEAN_FIELD:
        return MEAN_FIELD;
      case STANDARD:
      default:
        return STANDARD;
    }
  }

  /** The same row with another c (e.g. SP with its stable c = 1). */
  public AbcTable withC(double newC) {
    return new AbcTable(a1, aHidden, aOut, b1, bHidden, bOut, newC);
  }

  /** The symmetry (a, b, c) → (a + θ, b − θ, c − 2θ): same function, same SGD trajectory. */
  public AbcTable shift(double theta) {
    return new AbcTable(a1 + theta, aHidden + theta, aOut + theta, b1 - theta, bHidden - theta,
        bOut - theta, c - 2 * theta);
  }

  /** a of a role. */
  public double a(ParamSpec.Role role) {
    return role == ParamSpec.Role.INPUT ? a1 : role == ParamSpec.Role.OUTPUT ? aOut : aHidden;
  }

  /** b of a role. */
  public double b(ParamSpec.Role role) {
    return role == ParamSpec.Role.INPUT ? b1 : role == ParamSpec.Role.OUTPUT ? bOut : bHidden;
  }

  /**
   * TP4's r = min(a_{L+1} + b_{L+1}, 2a_{L+1} + c) + c − 1 + min_{1≤l≤L}(2a_l + 𝟙[l = 1]):
   * r = 0 is feature learning, r &gt; 0 the kernel regime, r &lt; 0 unstable.
   *
   * @param hiddenLayers L ≥ 1
   */
  public double r(int hiddenLayers) {
    double inner = 2 * a1 + 1;
    if (hiddenLayers >= 2) inner = Math.min(inner, 2 * aHidden);
    return Math.min(aOut + bOut, 2 * aOut + c) + c - 1 + inner;
  }

  /**
   * Stability as in TP4 (Thm 3.3, from memory): at init a_1 + b_1 = 0, a_l + b_l = ½ for hidden
   * layers, a_{L+1} + b_{L+1} ≥ ½; during training r ≥ 0, a_{L+1} + b_{L+1} + r ≥ 1 and
   * 2a_{L+1} + c ≥ 1. The last one is what rules out SP at c = 0 (its output update grows ∝ n).
   */
  public boolean stable(int hiddenLayers) {
    double eps = 1e-12;
    double r = r(hiddenLayers);
    boolean hidden = hiddenLayers < 2 || Math.abs(aHidden + bHidden - 0.5) < eps;
    return Math.abs(a1 + b1) < eps && hidden && aOut + bOut >= 0.5 - eps && r >= -eps
        && aOut + bOut + r >= 1 - eps && 2 * aOut + c >= 1 - eps;
  }

  /** "feature learning", "kernel" or "unstable", from r and stability. */
  public String regime(int hiddenLayers) {
    if (!stable(hiddenLayers)) return "unstable";
    return Math.abs(r(hiddenLayers)) < 1e-12 ? "feature learning" : "kernel";
  }

  /** The multipliers of one tensor of role {@code role} at width n. */
  public ParamSpec.Scaling scaling(ParamSpec.Role role, int n) {
    if (role == ParamSpec.Role.NONE) return ParamSpec.Scaling.NONE;
    return new ParamSpec.Scaling(role, Math.pow(n, STANDARD.b(role) - b(role)),
        Math.pow(n, -a(role)), Math.pow(n, -c));
  }
}
