package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.TheoryStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.syntax.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of {@code eigenframework(spectrum = …, target = …, n = …, ridge = δ,
 * noise = ε², features = k)}: spectra are a list ({@code [1, 0.5, 0.25]}) or
 * {@code power_law(modes, exponent, sum = s | norm = r)}, or both come from {@code kernel = k},
 * an ntk/nngp prediction; n &gt; 0, δ ≥ 0, ε² ≥ 0, k &gt; 0.
 */
final class EigenframeworkArgs {
  private final Diagnostics diags;
  private final Evaluator at;

  EigenframeworkArgs(Diagnostics diags, Map<String, Value> top) {
    this.diags = diags;
    this.at = Evaluator.scalars(diags, top);
  }

  /**
   * @param measured with {@code kernel = k}: k's spectrum (checked by the caller; null if it
   *     failed, or without {@code kernel})
   */
  TheoryStep.Eigenframework theory(Map<String, Expr.Arg> bound, Expr.Call call,
      TheoryStep.Spectrum.Measured measured) {
    boolean ok = true;
    if (bound.containsKey("kernel")) {
      // The kernel gives both the eigenvalues and the target's coefficients.
      for (String both : List.of("spectrum", "target")) {
        if (bound.containsKey(both)) {
          diags.error("duplicate-argument", bound.get(both).span(), "give `kernel` or `spectrum`"
              + " and `target`, not both: the kernel's data gives the " + both);
          ok = false;
        }
      }
    } else {
      ok &= ArgBinder.require(bound, "spectrum", call, diags);
      ok &= ArgBinder.require(bound, "target", call, diags);
    }
    ok &= ArgBinder.require(bound, "n", call, diags);
    if (!ok) return null;
    boolean fromKernel = bound.containsKey("kernel");
    if (fromKernel && measured == null) return null;
    TheoryStep.Spectrum spectrum = fromKernel ? measured
        : spectrum(bound.get("spectrum").value(), "spectrum", true);
    TheoryStep.Spectrum target = fromKernel
        ? new TheoryStep.Spectrum.Measured(measured.kernel(), true, measured.modes())
        : spectrum(bound.get("target").value(), "target", false);
    Double n = positive(bound.get("n").value(), "the sample count n");
    Double ridge = bound.containsKey("ridge")
        ? nonNegative(at, bound.get("ridge").value(), "the ridge δ", diags) : Double.valueOf(0);
    Double noise = bound.containsKey("noise")
        ? nonNegative(at, bound.get("noise").value(), "the noise variance ε²", diags)
        : Double.valueOf(0);
    Optional<Double> features = Optional.empty();
    if (bound.containsKey("features")) {
      Double k = positive(bound.get("features").value(), "the feature count k");
      if (k == null) return null;
      features = Optional.of(k);
    }
    if (spectrum == null || target == null || n == null || ridge == null || noise == null) {
      return null;
    }
    if (spectrum.modes() != target.modes()) {
      diags.error("dimension-mismatch", bound.get("target").value().span(), "the target has "
          + target.modes() + " coefficients but the spectrum " + spectrum.modes() + " modes",
          "give one coefficient per eigenvalue");
      return null;
    }
    return new TheoryStep.Eigenframework(spectrum, target, n, ridge, noise, features);
  }

  /** A list or a power_law(…); eigenvalues must be ≥ 0, coefficients may have any sign. */
  private TheoryStep.Spectrum spectrum(Expr e, String what, boolean eigenvalues) {
    if (e instanceof Expr.Call && Builtins.SPECTRA.containsKey(((Expr.Call) e).callee().name())) {
      Expr.Call c = (Expr.Call) e;
      Map<String, Expr.Arg> b =
          ArgBinder.bind(c, Builtins.SPECTRA.get("power_law"), "power_law", diags);
      boolean ok = ArgBinder.require(b, "modes", c, diags);
      ok &= ArgBinder.require(b, "exponent", c, diags);
      if (!ok) return null;
      Integer modes = at.count(b.get("modes").value(), "the number of modes", 1);
      Double exponent = at.number(b.get("exponent").value(), "the exponent");
      double sum = Double.NaN;
      double norm = Double.NaN;
      if (b.containsKey("sum") && b.containsKey("norm")) {
        diags.error("duplicate-argument", b.get("norm").span(),
            "give `sum` or `norm`, not both");
        return null;
      }
      if (b.containsKey("sum")) {
        Double s = positive(b.get("sum").value(), "the sum");
        if (s == null) return null;
        sum = s;
      }
      if (b.containsKey("norm")) {
        Double r = positive(b.get("norm").value(), "the norm");
        if (r == null) return null;
        norm = r;
      }
      if (modes == null || exponent == null) return null;
      return new TheoryStep.Spectrum.PowerLaw(modes, exponent, sum, norm);
    }
    Value v = at.eval(e);
    if (v instanceof Value.Bad) return null;
    if (!(v instanceof Value.Vec)) {
      diags.error("type", e.span(), "the " + what + " is a list of numbers or `power_law(modes,"
          + " exponent)`, not " + Value.describe(v), "e.g. `" + what + " = [1, 0.5, 0.25]`");
      return null;
    }
    List<Double> values = ((Value.Vec) v).values();
    for (int i = 0; i < values.size(); i++) {
      double x = values.get(i);
      if (!Double.isFinite(x) || (eigenvalues && x < 0)) {
        Expr at = e instanceof Expr.Vector && ((Expr.Vector) e).elements().size() == values.size()
            ? ((Expr.Vector) e).elements().get(i) : e;
        diags.error("negative-eigenvalue", at.span(), "eigenvalue " + (i + 1) + " of the "
            + what + " is " + dyn.compiler.check.Format.num(x) + "; a kernel's eigenvalues are"
            + " ≥ 0", "a kernel is positive semi-definite; check the sign");
        return null;
      }
    }
    if (values.isEmpty()) {
      diags.error("empty-spectrum", e.span(), "the " + what + " has no modes");
      return null;
    }
    return new TheoryStep.Spectrum.Values(values);
  }

  private Double positive(Expr e, String what) {
    Double x = at.number(e, what);
    if (x == null) return null;
    if (!(x > 0) || Double.isInfinite(x)) {
      diags.error("not-positive", e.span(), what + " must be > 0, got "
          + Format.num(x));
      return null;
    }
    return x;
  }

  /** A number ≥ 0, or null (reported). */
  static Double nonNegative(Evaluator at, Expr e, String what, Diagnostics diags) {
    Double x = at.number(e, what);
    if (x == null) return null;
    if (!(x >= 0) || Double.isInfinite(x)) {
      diags.error("negative", e.span(), what + " must be ≥ 0, got " + Format.num(x));
      return null;
    }
    return x;
  }
}
