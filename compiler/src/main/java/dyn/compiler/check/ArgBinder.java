package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.UnknownNames;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a call's arguments to the callee's keys: positional ones in key order, then named ones.
 * Reports positional-after-named, too many arguments, unknown keys (with did-you-mean over the
 * allowed keys the call has not given) and keys given twice. Whether a key is required is the
 * caller's business.
 */
public final class ArgBinder {
  private ArgBinder() {}

  /** The arguments by key, in key order of appearance; bad arguments are left out. */
  public static Map<String, Expr.Arg> bind(
      Expr.Call call, List<String> keys, String callee, Diagnostics diags) {
    Map<String, Expr.Arg> bound = new LinkedHashMap<>();
    boolean sawNamed = false;
    int position = 0;
    for (Expr.Arg a : call.args()) {
      String key;
      if (a.name().isPresent()) {
        sawNamed = true;
        key = a.name().get().name();
        if (!keys.contains(key)) {
          Builtins.Misplaced why = Builtins.MISPLACED_KEYS.get(callee + "." + key);
          if (why != null) {
            // Not a typo but a key of another call: say why it does not apply here.
            diags.error("unknown-name", a.name().get().span(), "`" + callee + "` has no `" + key + "`: " + why.why(),
                why.instead());
            continue;
          }
          UnknownNames.report(diags, a.name().get().span(), "argument", key, notGiven(call, keys));
          continue;
        }
      } else {
        if (sawNamed) {
          diags.error("positional-after-named", a.span(),
              "positional argument after a named one in `" + callee + "`",
              "write it as `NAME = value`");
          continue;
        }
        if (position >= keys.size()) {
          diags.error("too-many-arguments", a.span(),
              "`" + callee + "` takes at most " + keys.size() + " arguments");
          continue;
        }
        key = keys.get(position++);
      }
      if (bound.containsKey(key)) {
        int byPosition = keys.subList(0, position).indexOf(key);
        if (a.name().isPresent() && byPosition >= 0 && bound.get(key).name().isEmpty()) {
          // `descent(net, teacher, 100, lr = 0.01)`: one positional argument too many took `lr`.
          diags.error("duplicate-argument", a.span(), "argument `" + key + "` is given twice: the "
              + ordinal(byPosition + 1) + " positional argument of `" + callee + "` is `" + key + "` already",
              "by position `" + callee + "` takes " + String.join(", ", keys.subList(0, position)) + ", in that order;"
                  + " if the " + ordinal(byPosition + 1) + " is meant for another argument, give it by name");
        } else {
          diags.error("duplicate-argument", a.span(), "argument `" + key + "` is given twice");
        }
        continue;
      }
      bound.put(key, a);
    }
    return bound;
  }

  /**
   * The keys a call leaves free, which are what a misspelt argument name can have meant: in
   * `gaussian_mixture(d = 2, n = 100, classes = 3)` the `n` is nearest `d` by spelling, but `d`
   * is given, and the missing `m` is what was meant.
   */
  private static List<String> notGiven(Expr.Call call, List<String> keys) {
    Set<String> given = new HashSet<>();
    int position = 0;
    for (Expr.Arg a : call.args()) {
      if (a.name().isPresent()) {
        given.add(a.name().get().name());
      } else if (position < keys.size()) {
        given.add(keys.get(position++));
      }
    }
    List<String> free = new ArrayList<>(keys);
    free.removeAll(given);
    return free;
  }

  private static String ordinal(int k) {
    return k + (k % 100 / 10 == 1 ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th");
  }

  /** Reports a required key that was not given. */
  public static boolean require(
      Map<String, Expr.Arg> bound, String key, Expr.Call call, Diagnostics diags) {
    if (bound.containsKey(key)) return true;
    diags.error("missing-argument", call.span(),
        "missing argument `" + key + "` for `" + call.callee().name() + "`");
    return false;
  }
}
