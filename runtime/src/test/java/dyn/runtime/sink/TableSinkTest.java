package dyn.runtime.sink;

import static dyn.runtime.sink.Fixtures.boxed;
import static dyn.runtime.sink.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.Observable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSinkTest {
  @Test
  void rightAlignsEveryColumnUnderItsHeader() {
    Series loss = scalar("gf", Observable.LOSS, new double[] {0, 0.5, 10}, new double[] {12.5, 0.03125, 1e-9});
    Series sv = new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0, 0.5, 10}),
        new double[][] {{1e-4, 2e-4}, {0.5, 0.25}, {5, 3}});
    String expected =
        "  t  gf.loss  gf.singular_values[0]  gf.singular_values[1]\n"
      + "  0     12.5                 0.0001                 0.0002\n"
      + "0.5  0.03125                    0.5                   0.25\n"
      + " 10     1e-9                      5                      3\n";
    assertEquals(expected, TableSink.render(List.of(loss, sv)));
  }

  @Test
  void mergesDifferentGridsOnTheUnionOfTimesWithBlanks() {
    Series gf = scalar("gf", Observable.LOSS, new double[] {0, 1, 2}, new double[] {4, 2, 1});
    Series gd = scalar("gd", Observable.LOSS, new double[] {0, 0.5, 1, 1.5}, new double[] {4, 3, 2.5, 2});
    String expected =
        "  t  gf.loss  gd.loss\n"
      + "  0        4        4\n"
      + "0.5                 3\n"
      + "  1        2      2.5\n"
      + "1.5                 2\n"
      + "  2        1\n";
    assertEquals(expected, TableSink.render(List.of(gf, gd)));
  }

  @Test
  void aNanValueIsSaidUnderTheTable() {
    Series c = scalar("gd", Observable.COHERENCE, new double[] {0, 1, 2}, new double[] {Double.NaN, 0.5, 0.7});
    String expected =
        "t  gd.coherence\n"
      + "0           nan\n"
      + "1           0.5\n"
      + "2           0.7\n"
      + "(nan: gd.coherence is not a number at 1 of 3 times, first at t = 0: undefined there, e.g. 0/0 at a zero init)\n";
    assertEquals(expected, TableSink.render(List.of(c)));
  }
}
