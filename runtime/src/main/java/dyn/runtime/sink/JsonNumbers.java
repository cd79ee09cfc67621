package dyn.runtime.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * How every JSON file of dyn's (a run's json report, a sweep's and a search's) writes a number:
 * its shortest round-trip text ({@code 1e-5}, {@code 0.3}), not Jackson's JDK-17 spelling
 * ({@code 1.0E-5}), so a sweep's JSON and a run's agree digit for digit on the same value; and
 * NaN and infinities, which JSON lacks, as the strings {@code "nan"}, {@code "inf"},
 * {@code "-inf"}.
 *
 * <p>Not for θ dumps ({@link ParamsSink}): a matrix of 10⁵–10⁶ entries would pay the shortest
 * search per entry, and Jackson's text reads back exactly too.
 */
public final class JsonNumbers {
  private JsonNumbers() {}

  /** Writes v as a JSON value. */
  public static void write(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) g.writeNumber(Num.exact(v));
    else g.writeString(Num.exact(v));
  }

  /** Writes {@code "name": v}. */
  public static void field(JsonGenerator g, String name, double v) throws IOException {
    g.writeFieldName(name);
    write(g, v);
  }
}
