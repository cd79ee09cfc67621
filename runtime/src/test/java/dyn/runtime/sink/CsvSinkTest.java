package dyn.runtime.sink;

import static dyn.runtime.sink.Fixtures.boxed;
import static dyn.runtime.sink.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.plan.Observable;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSinkTest {
  @Test
  void writesHeaderAndExactValuesWithEmptyFieldsWhereMissing() {
    Series gf = scalar("gf", Observable.LOSS, new double[] {0, 1}, new double[] {0.1 + 0.2, 0.5});
    Series norms = new Series("gd", Observable.NEURON_NORMS, boxed(new double[] {0, 0.5}),
        new double[][] {{1, 2}, {3, 4}});
    String expected =
        "t,gf.loss,gd.neuron_norms[0],gd.neuron_norms[1]\n"
      + "0,0.30000000000000004,1,2\n"
      + "0.5,,3,4\n"
      + "1,0.5,,\n";
    assertEquals(expected, CsvSink.render(List.of(gf, norms)));
  }
}
