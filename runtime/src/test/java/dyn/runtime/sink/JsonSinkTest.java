package dyn.runtime.sink;

import static dyn.runtime.sink.Fixtures.boxed;
import static dyn.runtime.sink.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSinkTest {
  /** Reads JSON back into maps, lists, doubles, strings and booleans with jackson's parser. */
  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return value(p, t);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, read(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) l.add(value(p, n));
        return l;
      }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        return p.getText();
    }
  }

  @Test
  void parsesBackWithTheDocumentedStructure() throws IOException {
    Series loss = scalar("gf", Observable.LOSS, new double[] {0, 1}, new double[] {0.5, 1e-9});
    Series sv = new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0, 1}), new double[][] {{1, 2}, {3, 4}});
    Series gd = scalar("gd", Observable.LOSS, new double[] {0, 0.5}, new double[] {0.5, 0.25});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonSink.write(bytes, "ex/s.dyn", List.of(new Plan.ParamValue("alpha", 1e-4, true)), List.of(loss, sv, gd),
        List.of(new Verdict(5, "final(gf.loss) < 1e-6", true, 1e-9, Optional.empty()),
            new Verdict(6, "final(gf.singular_values) > 3.5", false, new double[] {3, 4}, 0, 1, Optional.empty())));
    Object doc;
    try (JsonParser p = new JsonFactory().createParser(bytes.toByteArray())) {
      doc = read(p);
    }
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("script", "ex/s.dyn");
    expected.put("params", Map.of("alpha", 1e-4));
    Map<String, Object> gf = new LinkedHashMap<>();
    gf.put("t", List.of(0.0, 1.0));
    gf.put("loss", List.of(0.5, 1e-9));
    gf.put("singular_values", List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)));
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("gf", gf);
    series.put("gd", Map.of("t", List.of(0.0, 0.5), "loss", List.of(0.5, 0.25)));
    expected.put("series", series);
    // A vector check also lists every component, the worst one's index and how many failed.
    expected.put("checks", List.of(Map.of("check", "final(gf.loss) < 1e-6", "passed", true, "value", 1e-9),
        Map.of("check", "final(gf.singular_values) > 3.5", "passed", false, "value", 3.0,
            "values", List.of(3.0, 4.0), "worst", 0.0, "failing", 1.0)));
    assertEquals(expected, doc);
  }

  /**
   * Series of one train on different grids share the union of their times as {@code t}, each
   * with null where it has no record, as a table leaves the cell empty.
   */
  @Test
  void seriesOnTheirOwnGridsAreAlignedOnTheUnionWithNulls() throws IOException {
    Series loss = scalar("gf", Observable.LOSS, new double[] {0, 0.5, 1}, new double[] {4, 2, 1});
    Series sv = new Series("gf", Observable.SINGULAR_VALUES, boxed(new double[] {0, 1}),
        new double[][] {{1, 2}, {3, 4}});
    Series norm = scalar("gf", Observable.PARAM_NORM, new double[] {0, 0.25}, new double[] {7, 8});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonSink.write(bytes, "s.dyn", List.of(), List.of(loss, sv, norm), List.of());
    Object doc;
    try (JsonParser p = new JsonFactory().createParser(bytes.toByteArray())) {
      doc = read(p);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> gf = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc)
        .get("series")).get("gf");
    assertEquals(List.of(0.0, 0.25, 0.5, 1.0), gf.get("t"));
    assertEquals(java.util.Arrays.asList(4.0, null, 2.0, 1.0), gf.get("loss"));
    assertEquals(java.util.Arrays.asList(List.of(1.0, 2.0), null, null, List.of(3.0, 4.0)),
        gf.get("singular_values"));
    assertEquals(java.util.Arrays.asList(7.0, 8.0, null, null), gf.get("param_norm"));
  }
}
