package dyn.compiler.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the closest candidate by case-insensitive Levenshtein distance, within
 * min(5, (len+1)/2) edits (Starlark's threshold), so short names do not get wild guesses.
 */
public final class Suggest {
  private Suggest() {}

  /** The closest candidate to {@code name}, if any is close enough. */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    String n = name.toLowerCase(Locale.ROOT);
    int limit = Math.min(5, (n.length() + 1) / 2);
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(name)) continue;
      int d = distance(n, c.toLowerCase(Locale.ROOT));
      if (d <= limit && d < bestDist) {
        best = c;
        bestDist = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
