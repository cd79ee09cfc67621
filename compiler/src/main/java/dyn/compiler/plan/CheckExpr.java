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
   * A function of series: FINAL(s), AT(s, t), MIN(s), MAX(s), MONOTONE(s), MAX_REL_DIFF(a, b),
   * MAX_ABS_DIFF(a, b). FINAL/AT/MIN/MAX/MONOTONE of a vector series give one value per component
   * (a comparison then holds only when it holds for every component); the diffs are one number,
   * the largest over shared times and components.
   *
   * @param components per series, the component the script picked with {@code gf.singular_values[k]},
   *     or {@link #ALL} for the whole series
   */
  record SeriesFn(Fn fn, List<SeriesRef> series, List<Double> args, List<Integer> components)
      implements CheckExpr {
    /** No component picked: every component of the series. */
    public static final int ALL = -1;

    public SeriesFn {
      series = List.copyOf(series);
      args = List.copyOf(args);
      components = List.copyOf(components);
      if (components.size() != series.size()) {
        throw new IllegalArgumentException(components.size() + " components for " + series.size() + " series");
      }
    }

    /** Every series whole. */
    public SeriesFn(Fn fn, List<SeriesRef> series, List<Double> args) {
      this(fn, series, args, java.util.Collections.nCopies(series.size(), ALL));
    }

    /** The script spelling of series k: {@code gf.loss}, {@code gf.singular_values[3]}. */
    public String label(int k) {
      int c = components.get(k);
      return series.get(k).label() + (c == ALL ? "" : "[" + c + "]");
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

  /**
   * An elementwise function of a series value, {@code log(final(gf.loss))}, {@code sqrt(…)}: so a
   * check can follow a law such as t ∝ ln(1/α). (Of numbers alone it is folded when compiled.)
   */
  record Apply(Op.UnaryFn fn, CheckExpr arg) implements CheckExpr {
    public void collectTrains(List<Integer> into) {
      arg.collectTrains(into);
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
    /**
     * 1 when the series never rises (beyond rounding, 1e-9 of its first value), else 0; of a
     * full-batch descent's loss recorded across the run, at every step (Dynamics.lossMonotoneEveryStep).
     */
    MONOTONE
  }

  /**
   * Whether a series rose from {@code before} to {@code after}, for {@link Fn#MONOTONE}: by more
   * than 1e-9 of its first value, so that rounding at a converged loss is not an increase while
   * a catapult or an oscillation is. The one rule for recorded values (the runtime's check
   * evaluator) and for a descent's step loop, which applies it between consecutive steps.
   */
  static boolean rises(double before, double after, double first) {
    return after > before + 1e-9 * Math.abs(first);
  }
}
