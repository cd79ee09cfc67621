package dyn.runtime.sweep;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one point produced, as stored in {@code points/TASK/result.json}:
 *
 * <pre>
 * {"task": 7, "key": "…", "status": "ok", "params": {"gamma": 0.1, "lr": 0.3},
 *  "metrics": {"loss": 0.0123, "diverged": 0}, "seconds": 1.2}
 * </pre>
 *
 * A failed point has {@code "status": "failed"} and a {@code "message"}. A diverged point is not a
 * failure: it is {@code "ok"} with {@code diverged = 1}, its other metrics NaN and a message.
 * Non-finite numbers are written as the strings {@code "nan"}, {@code "inf"}, {@code "-inf"}.
 */
public record PointResult(int task, String key, Status status, Map<String, Double> params,
    Map<String, Double> metrics, Optional<String> message, double seconds) {
  private static final JsonFactory FACTORY = new JsonFactory();

  public PointResult {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Whether the point ran to the end. */
  public enum Status {
    OK,
    FAILED
  }

  /** Writes the JSON document (the stream is not closed). */
  public void write(OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("task", task);
      g.writeStringField("key", key);
      g.writeStringField("status", status == Status.OK ? "ok" : "failed");
      writeMap(g, "params", params);
      writeMap(g, "metrics", metrics);
      if (message.isPresent()) g.writeStringField("message", message.get());
      g.writeNumberField("seconds", seconds);
      g.writeEndObject();
    }
  }

  private static void writeMap(JsonGenerator g, String field, Map<String, Double> m) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, Double> e : m.entrySet()) {
      double v = e.getValue();
      // The shortest text, as every dyn JSON file writes numbers (JsonNumbers); cached, since a
      // sweep's points repeat the same few parameter values.
      g.writeFieldName(e.getKey());
      if (Double.isFinite(v)) g.writeNumber(SweepText.num(v));
      else g.writeString(SweepText.num(v));
    }
    g.writeEndObject();
  }

  /** Reads a result file; empty when it is missing or unreadable (a half-written or foreign file). */
  public static Optional<PointResult> read(Path file) {
    byte[] json = bytes(file);
    return json == null ? Optional.empty() : parse(json);
  }

  /** A result file's bytes, or null when it is missing or unreadable. */
  public static byte[] bytes(Path file) {
    // java.io's stat answers a missing file with false; Files.isRegularFile builds (and drops) a
    // NoSuchFileException for it, once per task when a fresh sweep looks for finished points.
    if (!file.toFile().isFile()) return null;
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A result from a result file's bytes; empty when they are not one (half-written, foreign). */
  public static Optional<PointResult> parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
      int task = -1;
      String key = null;
      Status status = null;
      Map<String, Double> params = new LinkedHashMap<>();
      Map<String, Double> metrics = new LinkedHashMap<>();
      String message = null;
      double seconds = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.getCurrentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "task": task = p.getIntValue(); break;
          case "key": key = p.getText(); break;
          case "status": status = status(t, p.getText()); break;
          case "params": readMap(p, params); break;
          case "metrics": readMap(p, metrics); break;
          case "message": message = p.getText(); break;
          case "seconds": seconds = p.getDoubleValue(); break;
          default:
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) p.skipChildren();
        }
      }
      if (task < 0 || key == null || status == null) return Optional.empty();
      return Optional.of(new PointResult(task, key, status, params, metrics, Optional.ofNullable(message), seconds));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * "ok" or "failed"; anything else (another word, a number) makes the file not a result, so
   * the gather calls it unreadable rather than a failure "with no message".
   */
  private static Status status(JsonToken t, String text) throws IOException {
    if (t == JsonToken.VALUE_STRING && "ok".equals(text)) return Status.OK;
    if (t == JsonToken.VALUE_STRING && "failed".equals(text)) return Status.FAILED;
    throw new IOException("status is neither \"ok\" nor \"failed\"");
  }

  private static void readMap(JsonParser p, Map<String, Double> into) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw new IOException("expected an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.getCurrentName();
      JsonToken t = p.nextToken();
      into.put(k, t == JsonToken.VALUE_STRING ? SweepText.parse(p.getText()) : p.getDoubleValue());
    }
  }
}
