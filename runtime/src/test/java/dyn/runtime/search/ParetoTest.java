package dyn.runtime.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.SearchSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {
  static Observation obs(double x, double out, double cost) {
    return new Observation(new double[] {x}, out, cost, false);
  }

  /** By hand: minimizing, cost ascending, a point joins only when it beats every cheaper one. */
  @Test
  void frontierIsTheStaircaseOfBestAtCost() {
    List<Observation> o = List.of(obs(1, 5, 10), obs(2, 3, 20), obs(3, 4, 30), obs(4, 1, 40),
        obs(5, Double.NaN, 1), obs(6, 6, 5));
    assertEquals(List.of(5, 0, 1, 3), Pareto.frontier(o, -1));
    assertEquals(List.of(5), Pareto.frontier(o, +1));
  }

  /**
   * CARBS's groups (§3.4): the 20% cost quantile of {5, 10, 20, 30, 40} is 9 (numpy linear), so
   * only the cost-5 point (output 6) is in the cheap bucket; then, minimizing, cost 10 joins
   * (5 < 6), 20 joins (3 < 5), 30 does not (4 > 3), 40 joins (1 < 3).
   */
  @Test
  void groupsBucketTheCheapestFifth() {
    BasicSpace space = new BasicSpace(List.of(new SearchSpec.Param("x", SearchSpec.Scale.LINEAR, false, 0, 10, 5)));
    List<Observation> o = List.of(obs(1, 5, 10), obs(2, 3, 20), obs(3, 4, 30), obs(4, 1, 40), obs(6, 6, 5));
    assertEquals(9.0, Pareto.quantile(new double[] {10, 20, 30, 40, 5}, 0.2), 1e-12);
    List<Pareto.Group> g = Pareto.paretoGroups(o, space, -1, true);
    assertEquals(List.of(5.0, 10.0, 20.0, 40.0), g.stream().map(Pareto.Group::cost).toList());
  }
}
