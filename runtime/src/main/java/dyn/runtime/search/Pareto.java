package dyn.runtime.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cost–performance Pareto sets of successful observations. "Better" is larger {@code sign · output}
 * (sign +1 to maximize, −1 to minimize); cheaper is better too.
 */
public final class Pareto {
  private Pareto() {}

  /**
   * The observed frontier a researcher reads: the points, cheapest first, whose output beats that
   * of every cheaper point (at equal cost the better one counts as cheaper). Failed points never
   * enter. Returns indices into {@code obs}.
   */
  public static List<Integer> frontier(List<Observation> obs, int sign) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < obs.size(); i++) if (!obs.get(i).failed()) order.add(i);
    order.sort(Comparator.<Integer>comparingDouble(i -> obs.get(i).cost())
        .thenComparingDouble(i -> -sign * obs.get(i).output()).thenComparingInt(i -> i));
    List<Integer> out = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (int i : order) {
      double v = sign * obs.get(i).output();
      if (v > best) {
        out.add(i);
        best = v;
      }
    }
    return out;
  }

  /** Observations at one point of basic space: CARBS's "group". */
  static final class Group {
    final double[] basic;
    final List<Observation> members = new ArrayList<>();

    Group(double[] basic) {
      this.basic = basic;
    }

    double cost() {
      return members.stream().mapToDouble(Observation::cost).average().orElse(Double.NaN);
    }

    double output() {
      return members.stream().mapToDouble(Observation::output).average().orElse(Double.NaN);
    }

    /** The best single output, in sign units. */
    double bestSingle(int sign) {
      return members.stream().mapToDouble(o -> sign * o.output()).max().orElse(Double.NEGATIVE_INFINITY);
    }
  }

  /** Successful observations grouped by identical basic inputs (to 1e-8, as torch.isclose). */
  static List<Group> groups(List<Observation> successes, BasicSpace space) {
    List<Group> groups = new ArrayList<>();
    for (Observation o : successes) {
      double[] b = space.toBasic(o.values());
      Group g = null;
      for (Group x : groups) {
        if (close(x.basic, b)) {
          g = x;
          break;
        }
      }
      if (g == null) {
        g = new Group(b);
        groups.add(g);
      }
      g.members.add(o);
    }
    return groups;
  }

  private static boolean close(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-8 + 1e-5 * Math.abs(b[i])) return false;
    return true;
  }

  /**
   * CARBS's Pareto groups (wave2.md §3.4): the cheapest 20% of costs are one bucket whose best
   * group starts the set; then, by increasing cost, each group that beats the last one joined.
   * The conservative variant (search origins) prefers repeated low-cost groups and makes a
   * single-sample group beat the last group's best single output, not its mean.
   */
  static List<Group> paretoGroups(List<Observation> successes, BasicSpace space, int sign,
      boolean conservative) {
    List<Group> groups = groups(successes, space);
    if (groups.isEmpty()) return List.of();
    double[] costs = successes.stream().mapToDouble(Observation::cost).toArray();
    double minCost = quantile(costs, 0.2);
    List<Group> low = new ArrayList<>();
    List<Group> rest = new ArrayList<>();
    for (Group g : groups) (g.cost() <= minCost ? low : rest).add(g);
    if (conservative && low.stream().anyMatch(g -> g.members.size() > 1)) {
      low.removeIf(g -> g.members.size() <= 1);
    }
    List<Group> out = new ArrayList<>();
    Group first = null;
    for (Group g : low) if (first == null || sign * g.output() > sign * first.output()) first = g;
    if (first != null) out.add(first);
    rest.sort(Comparator.comparingDouble(Group::cost));
    for (Group g : rest) {
      if (out.isEmpty()) {
        out.add(g);
        continue;
      }
      Group last = out.get(out.size() - 1);
      double bar = conservative && g.members.size() == 1 ? last.bestSingle(sign) : sign * last.output();
      if (sign * g.output() > bar) out.add(g);
    }
    return out;
  }

  /** numpy's default (linear interpolation) quantile. */
  static double quantile(double[] xs, double q) {
    double[] s = xs.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int i = (int) Math.floor(pos);
    if (i + 1 >= s.length) return s[s.length - 1];
    return s[i] + (pos - i) * (s[i + 1] - s[i]);
  }
}
