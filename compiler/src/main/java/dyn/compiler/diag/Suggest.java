package dyn.compiler.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the closest candidate by case-insensitive edit distance, within min(5,
 * (len+1)/2) edits (Starlark's threshold), so short names do not get wild guesses. A swap of two
 * neighbouring letters counts as one edit (optimal string alignment), the commonest typo: `cdua` is
 * one edit from `cuda`, not two.
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

  /** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
