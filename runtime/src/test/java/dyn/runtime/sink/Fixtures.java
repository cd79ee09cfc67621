package dyn.runtime.sink;

import dyn.compiler.plan.Observable;
import java.util.List;

/** Hand-made series for sink tests. */
final class Fixtures {
  private Fixtures() {}

  static Series scalar(String train, Observable o, double[] times, double[] values) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) rows[i] = new double[] {values[i]};
    return new Series(train, o, boxed(times), rows);
  }

  static List<Double> boxed(double[] times) {
    Double[] b = new Double[times.length];
    for (int i = 0; i < times.length; i++) b[i] = times[i];
    return List.of(b);
  }
}
