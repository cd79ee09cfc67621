package dyn.compiler.plan;

import java.util.List;

/**
 * A value computed from gathered sweep results ({@code let NAME = …}). Tables are named by the
 * sweep's metric ({@code s.loss}) or by an earlier derived table.
 */
public sealed interface Derived {
  String name();

  Origin origin();

  /**
   * {@code argmin(s.loss, over = lr)}: one row per combination of the remaining keys; the value
   * is the reduction of {@code source}'s values over the removed axis (a NaN makes min, max, mean
   * and std NaN; nanmin, nanmax, argmin and argmax skip it, so a diverged point is never the best).
   *
   * @param source the table reduced: {@code s.loss} or a derived table's name
   * @param over the params removed (one axis: a zip removes all of its params)
   * @param arg for ARGMIN/ARGMAX, the removed param whose value is reported
   * @param keys the params indexing the result
   */
  record Reduce(String name, Origin origin, Reduction op, String source, List<String> over,
      String arg, List<String> keys) implements Derived {
    public Reduce {
      over = List.copyOf(over);
      keys = List.copyOf(keys);
    }
  }

  /**
   * {@code fit_power(eta, where = gamma < 1)}: least squares of log y on log x over the rows
   * whose x lies in the range; the exponent's interval is a Student-t interval at {@code level}.
   *
   * @param source a table indexed by {@code x} alone
   */
  record PowerFit(String name, Origin origin, String source, String x, Range range, double level)
      implements Derived {}

  /**
   * {@code frontier(s.lr)}: a searched param or a metric at each point of a search's observed
   * cost–performance frontier, indexed by the point's cost (key {@link #COST}), cheapest first.
   *
   * @param column a searched param or a metric of the sweep
   */
  record Frontier(String name, Origin origin, String column) implements Derived {}

  /** The key of a frontier table. */
  String COST = "cost";

  /** An interval of x; infinite ends mean unbounded. */
  record Range(double lo, boolean loClosed, double hi, boolean hiClosed) {
    public static Range all() {
      return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    public boolean contains(double x) {
      return (loClosed ? x >= lo : x > lo) && (hiClosed ? x <= hi : x < hi);
    }

    /** {@code 0.01 <= gamma < 1}, for listings and table captions. */
    public String show(String x, java.util.function.DoubleFunction<String> fmt) {
      StringBuilder sb = new StringBuilder();
      if (lo != Double.NEGATIVE_INFINITY) sb.append(fmt.apply(lo)).append(loClosed ? " <= " : " < ");
      sb.append(x);
      if (hi != Double.POSITIVE_INFINITY) sb.append(hiClosed ? " <= " : " < ").append(fmt.apply(hi));
      return sb.toString();
    }
  }

  /** Reductions over one axis. */
  enum Reduction {
    /** The least value; NaN when the group has a NaN (a diverged point), as numpy's min. */
    MIN,
    /** The largest value; NaN when the group has a NaN, as numpy's max. */
    MAX,
    /** The least value among those that are not NaN, as numpy's nanmin. */
    NANMIN,
    /** The largest value among those that are not NaN, as numpy's nanmax. */
    NANMAX,
    ARGMIN,
    ARGMAX,
    MEAN,
    /** Sample standard deviation (n − 1); NaN for one value, as numpy's with ddof = 1. */
    STD
  }

  /** What a fit exposes to checks and tables ({@code fit.exponent}). */
  List<String> FIT_FIELDS = List.of("exponent", "exponent_lo", "exponent_hi", "stderr", "prefactor", "r2", "n");
}
