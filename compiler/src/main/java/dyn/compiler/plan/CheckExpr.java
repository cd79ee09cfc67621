package dyn.compiler.plan;

import java.util.List;

/** A scalar expression over recorded series, with a comparison at the top of a check. */
public sealed interface CheckExpr {
  /** Adds the ids of the train steps this expression reads (no duplicates). */
  void collectTrains(List<Integer> into);

  /** A number. */
  record Number(double value) implements CheckExpr {
    public void collectTrains(List<Integer> into) {}
  }

  /**
   * A function of series: FINAL(s), AT(s, t), MIN(s), MAX(s), MAX_REL_DIFF(a, b),
   * MAX_ABS_DIFF(a, b). Vector series use their first component for FINAL/AT/MIN/MAX and all
   * components for the diffs.
   */
  record SeriesFn(Fn fn, List<SeriesRef> series, List<Double> args) implements CheckExpr {
    public SeriesFn {
      series = List.copyOf(series);
      args = List.copyOf(args);
    }

    public void collectTrains(List<Integer> into) {
      for (SeriesRef s : series) {
        if (!into.contains(s.train())) into.add(s.train());
      }
    }
  }

  /** Arithmetic. */
  record Arith(char op, CheckExpr left, CheckExpr right) implements CheckExpr {
    public void collectTrains(List<Integer> into) {
      left.collectTrains(into);
      right.collectTrains(into);
    }
  }

  /** The comparison of a check: {@code <, <=, >, >=}. */
  record Compare(String op, CheckExpr left, CheckExpr right) implements CheckExpr {
    public void collectTrains(List<Integer> into) {
      left.collectTrains(into);
      right.collectTrains(into);
    }
  }

  /** Series functions. */
  enum Fn {
    FINAL,
    AT,
    MIN,
    MAX,
    MAX_REL_DIFF,
    MAX_ABS_DIFF,
    /** 1 when the series never rises (beyond rounding, 1e-9 of its first value), else 0. */
    MONOTONE
  }
}
