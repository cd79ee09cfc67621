package dyn.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PointResultTest {
  private static String text(PointResult r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void numbersAreWrittenShortestAndReadBackExactly() throws IOException {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("lr", 1e-5);
    params.put("gamma", 0.1 + 0.2);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", Double.NaN);
    metrics.put("edge", Double.POSITIVE_INFINITY);
    metrics.put("diverged", 0.0);
    PointResult r = new PointResult(3, "k", PointResult.Status.OK, params, metrics, Optional.empty(), 0.5);
    String json = text(r);
    // The run's json report writes 1e-5; Jackson alone wrote 1.0E-5.
    assertTrue(json.contains("\"lr\" : 1e-5"), json);
    assertTrue(json.contains("\"gamma\" : 0.30000000000000004"), json);
    assertTrue(json.contains("\"loss\" : \"nan\"") && json.contains("\"edge\" : \"inf\""), json);
    assertFalse(json.contains("E-"), json);
    PointResult back = PointResult.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertEquals(params, back.params());
    assertTrue(Double.isNaN(back.metrics().get("loss")));
    assertEquals(Double.POSITIVE_INFINITY, back.metrics().get("edge"));
  }

  @Test
  void aStatusOtherThanOkOrFailedIsNotAResult() {
    String base = "{\"task\": 1, \"key\": \"k\", \"status\": %s, \"params\": {}, \"metrics\": {}}";
    assertEquals(PointResult.Status.OK,
        PointResult.parse(String.format(base, "\"ok\"").getBytes(StandardCharsets.UTF_8)).orElseThrow().status());
    assertEquals(PointResult.Status.FAILED,
        PointResult.parse(String.format(base, "\"failed\"").getBytes(StandardCharsets.UTF_8)).orElseThrow().status());
    // Read as "failed: no message" before: a number or another word is a foreign file.
    for (String odd : new String[] {"5", "true", "\"done\"", "null"}) {
      assertTrue(PointResult.parse(String.format(base, odd).getBytes(StandardCharsets.UTF_8)).isEmpty(), odd);
    }
  }
}
