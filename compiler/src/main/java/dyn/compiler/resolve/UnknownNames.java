package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.diag.Suggest;
import dyn.compiler.source.Span;
import java.util.Collection;
import java.util.Optional;

/** The one place that words "unknown X" errors and their did-you-mean hints. */
public final class UnknownNames {
  private UnknownNames() {}

  /** Reports {@code unknown <what> `name`}, suggesting the closest candidate in scope. */
  public static void report(
      Diagnostics diags, Span span, String what, String name, Collection<String> candidates) {
    Optional<String> near = Suggest.closest(name, candidates);
    diags.error(
        "unknown-" + what.replace(' ', '-'),
        span,
        "unknown " + what + " `" + name + "`",
        near.map(s -> "did you mean `" + s + "`?").orElse(null));
  }

  /**
   * Reports a name that {@code owner} does not have: "`s.loss` has no axis `gamma`" (code
   * {@code unknown-axis}), with the closest candidate as the suggestion.
   */
  public static void reportOf(Diagnostics diags, Span span, String owner, String what, String name,
      Collection<String> candidates) {
    Optional<String> near = Suggest.closest(name, candidates);
    diags.error("unknown-" + what.replace(' ', '-'), span, "`" + owner + "` has no " + what + " `" + name + "`",
        near.map(s -> "did you mean `" + s + "`?").orElse(null));
  }

  /**
   * Reports an unknown name used as a value. A name that looks like an activation (close to one,
   * or given for a key named {@code act}) is reported as an unknown activation.
   */
  public static void value(
      Diagnostics diags, Span span, String name, String key, Collection<String> candidates) {
    if ("loss".equals(key) || "schedule".equals(key)) {
      // Keys whose values come from one fixed list: suggest from that list only.
      report(diags, span, key, name, Builtins.valuesOf(key));
      return;
    }
    Optional<String> act = Suggest.closest(name, Builtins.ACTIVATIONS.keySet());
    if (act.isPresent() || "act".equals(key)) {
      report(diags, span, "activation", name, Builtins.ACTIVATIONS.keySet());
    } else {
      report(diags, span, "name", name, candidates);
    }
  }
}
