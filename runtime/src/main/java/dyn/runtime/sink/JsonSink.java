package dyn.runtime.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dyn.compiler.plan.Plan;
import dyn.runtime.analysis.ComparisonResult;
import dyn.runtime.analysis.StaircaseComparison;
import dyn.runtime.analysis.TrajectoryComparison;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON, streamed so long logs never sit in memory twice:
 *
 * <pre>
 * {"script": "…", "params": {"alpha": 1e-4, …},
 *  "series": {"gf": {"t": […], "loss": […], "singular_values": [[…], …]}, …},
 *  "checks": [{"check": "…", "passed": true, "value": 3.2e-9}, …]}
 * </pre>
 *
 * Each train step object holds {@code t} once: the union of the times of its series written, as
 * a table's rows are. Every array of the object is aligned with it; a series observed on a grid
 * of its own has {@code null} at the times it has no record (a table's empty cell), so a reader
 * indexes every array by the row of {@code t}, and a series without nulls is on every time.
 */
public final class JsonSink {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonSink() {}

  /**
   * One {@code compare} statement's outcome for the report.
   *
   * @param expect the declared verdict, {@code pass} or {@code fail}
   * @param passed true when the comparison's verdict is the declared one
   */
  public record Comparison(String name, String verdict, ComparisonResult result, String expect,
      boolean passed) {}

  /** Writes the document to out (not closed). */
  public static void write(
      OutputStream out, String script, List<Plan.ParamValue> params, List<Series> series, List<Verdict> checks)
      throws IOException {
    write(out, script, params, series, checks, List.of());
  }

  /**
   * Writes the document with a {@code "compares"} array (when there are comparisons): per compare
   * its name, verdict line, pass flag and one object per jump with the table's columns.
   */
  public static void write(OutputStream out, String script, List<Plan.ParamValue> params,
      List<Series> series, List<Verdict> checks, List<Comparison> compares) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("script", script);
      g.writeObjectFieldStart("params");
      // Params as a person wrote them (0.0003, not Jackson's JDK-17 Double.toString).
      for (Plan.ParamValue p : params) {
        g.writeFieldName(p.name());
        JsonNumbers.write(g, p.value());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("series");
      for (Map.Entry<String, List<Series>> train : byTrain(series).entrySet()) {
        g.writeObjectFieldStart(train.getKey());
        TreeSet<Double> union = new TreeSet<>();
        for (Series s : train.getValue()) union.addAll(s.times());
        List<Double> t = new ArrayList<>(union);
        g.writeArrayFieldStart("t");
        for (double x : t) JsonNumbers.write(g, x);
        g.writeEndArray();
        for (Series s : train.getValue()) writeSeries(g, s, t);
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("checks");
      for (Verdict v : checks) {
        g.writeStartObject();
        g.writeStringField("check", v.text());
        g.writeBooleanField("passed", v.passed());
        if (v.error().isPresent()) g.writeStringField("error", v.error().get());
        else {
          g.writeFieldName("value");
          JsonNumbers.write(g, v.value());
        }
        if (v.error().isEmpty() && v.isVector()) {
          // Every component compared, with the worst one's index: "value" is that component.
          g.writeArrayFieldStart("values");
          for (double x : v.values()) JsonNumbers.write(g, x);
          g.writeEndArray();
          g.writeNumberField("worst", v.worst());
          g.writeNumberField("failing", v.failing());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!compares.isEmpty()) writeCompares(g, compares);
      g.writeEndObject();
    }
  }

  private static void writeCompares(JsonGenerator g, List<Comparison> compares) throws IOException {
    g.writeArrayFieldStart("compares");
    for (Comparison c : compares) {
      g.writeStartObject();
      g.writeStringField("compare", c.name());
      g.writeStringField("method",
          c.result() instanceof TrajectoryComparison.Result ? "trajectory" : "staircase");
      g.writeBooleanField("passed", c.passed());
      // "matched": the comparison's own verdict; with expect "fail" it is false when "passed".
      g.writeBooleanField("matched", c.result().passed());
      g.writeBooleanField("inconclusive", c.result().inconclusive());
      g.writeStringField("expect", c.expect());
      g.writeStringField("verdict", c.verdict());
      if (c.result() instanceof TrajectoryComparison.Result) {
        writePoints(g, (TrajectoryComparison.Result) c.result());
      } else {
        writeJumps(g, (StaircaseComparison.Result) c.result());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeJumps(JsonGenerator g, StaircaseComparison.Result result)
      throws IOException {
    g.writeArrayFieldStart("jumps");
    for (StaircaseComparison.Row r : result.rows()) {
      g.writeStartObject();
      g.writeNumberField("jump", r.jump());
      JsonNumbers.field(g, "predicted_time", r.predictedTime());
      JsonNumbers.field(g, "measured_time", r.measuredTime());
      JsonNumbers.field(g, "time_error", r.timeError());
      // The grid times that bracket the crossing: all the recording knows of its time.
      JsonNumbers.field(g, "measured_from", r.measuredFrom());
      JsonNumbers.field(g, "measured_to", r.measuredTo());
      JsonNumbers.field(g, "time_resolution", r.measured() ? r.resolution() : Double.NaN);
      JsonNumbers.field(g, "predicted_level", r.predictedLevel());
      JsonNumbers.field(g, "measured_level", r.measuredLevel());
      JsonNumbers.field(g, "level_error", r.levelError());
      g.writeNumberField("feature_predicted", r.predictedFeature());
      g.writeNumberField("feature_measured", r.measuredFeature());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Every shared time (not only the printed subset), with the tolerance and the worst error. */
  private static void writePoints(JsonGenerator g, TrajectoryComparison.Result result)
      throws IOException {
    JsonNumbers.field(g, "rtol", result.rtol());
    JsonNumbers.field(g, "max_relative_error", result.maxError());
    if (!result.rows().isEmpty()) JsonNumbers.field(g, "worst_time", result.rows().get(result.worst()).time());
    g.writeArrayFieldStart("points");
    for (TrajectoryComparison.Row r : result.rows()) {
      g.writeStartObject();
      JsonNumbers.field(g, "t", r.time());
      JsonNumbers.field(g, "predicted", r.predicted());
      JsonNumbers.field(g, "measured", r.measured());
      JsonNumbers.field(g, "relative_error", r.error());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** The series on the rows {@code t} (a superset of its times), null where it has no record. */
  private static void writeSeries(JsonGenerator g, Series s, List<Double> t) throws IOException {
    g.writeArrayFieldStart(s.observable().scriptName());
    int i = 0;
    for (double row : t) {
      if (i >= s.times().size() || s.times().get(i) != row) {
        g.writeNull();
        continue;
      }
      if (s.isVector()) {
        g.writeStartArray();
        for (double v : s.values()[i]) JsonNumbers.write(g, v);
        g.writeEndArray();
      } else {
        JsonNumbers.write(g, s.value(i, 0));
      }
      i++;
    }
    g.writeEndArray();
  }

  private static Map<String, List<Series>> byTrain(List<Series> series) {
    Map<String, List<Series>> map = new LinkedHashMap<>();
    for (Series s : series) map.computeIfAbsent(s.train(), k -> new ArrayList<>()).add(s);
    return map;
  }
}
