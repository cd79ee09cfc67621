package dyn.runtime.sink;

import dyn.compiler.plan.Observable;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded series: an observable of one train step, on that step's time grid, or the loss
 * staircase an AGF prediction predicts.
 *
 * @param train the train step's (or prediction's) script name ({@code gf}, {@code agf1})
 * @param observable what was recorded
 * @param times the grid times, increasing
 * @param values values[timeIndex][component]; scalars have one component
 * @param staircase true for a predicted staircase: piecewise constant, each value holding from
 *     its time until the next, so a plot draws it as a step line
 * @param monotoneEveryStep for the loss of a full-batch descent whose step loop watched it
 *     (Dynamics.lossMonotoneEveryStep): whether it never rose at any step, which `monotone`
 *     answers with instead of the records; null for every other series
 */
public record Series(String train, Observable observable, List<Double> times, double[][] values,
    boolean staircase, Boolean monotoneEveryStep) {
  /** A measured series (not a staircase). */
  public Series(String train, Observable observable, List<Double> times, double[][] values) {
    this(train, observable, times, values, false, null);
  }

  /** A measured series or a predicted staircase, known only by its records. */
  public Series(String train, Observable observable, List<Double> times, double[][] values,
      boolean staircase) {
    this(train, observable, times, values, staircase, null);
  }

  public Series {
    times = List.copyOf(times);
    if (values.length != times.size()) {
      throw new IllegalArgumentException(
          train + "." + observable.scriptName() + ": " + values.length + " rows for " + times.size() + " times");
    }
  }

  /** The script spelling, {@code gf.loss}. */
  public String label() {
    return train + "." + observable.scriptName();
  }

  /** True for observables with one value per neuron, singular value or frequency. */
  public boolean isVector() {
    return observable.isVector();
  }

  /** Number of components (columns in a table): the longest row, so it reads every row. */
  public int width() {
    int w = 0;
    for (double[] row : values) w = Math.max(w, row.length);
    return isVector() ? w : 1;
  }

  /**
   * Column headers: {@code gf.loss} for a scalar, {@code gf.neuron_norms[0]} … for a vector.
   * Components are numbered from 0, like the neuron index {@code i < width} of the language.
   */
  public List<String> columnLabels() {
    if (!isVector()) return List.of(label());
    List<String> labels = new ArrayList<>();
    int width = width();
    for (int k = 0; k < width; k++) labels.add(label() + "[" + k + "]");
    return labels;
  }

  /** Component k at time index i, NaN where a vector row is shorter. */
  public double value(int i, int k) {
    double[] row = values[i];
    return k < row.length ? row[k] : Double.NaN;
  }
}
