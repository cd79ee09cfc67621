package dyn.runtime.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dyn.compiler.plan.Plan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Manifest}:
 *
 * <pre>
 * {"dyn": "0.1.0", "status": "ok", "exit_code": 0,
 *  "script": {"path": "…", "sha256": "…", "text": "…"},
 *  "command": ["run", "…"], "overrides": {"alpha": "1e-6"},
 *  "params": {"alpha": {"value": 1e-6, "overridden": true}, …},
 *  "seeds": [{"step": "model net", "seed": 1}, {"step": "data teacher", "streams": […]}, …],
 *  "backend": "cpu", "java": {…}, "os": "…",
 *  "started": "…Z", "finished": "…Z", "seconds": 1.25,
 *  "properties": {…}, "outputs": [{"path": "x.csv", "sha256": "…", "bytes": 812}, …],
 *  "failures": ["…"]}
 * </pre>
 *
 * and a small reader of it (a sweep that resumes reads the status of each point's manifest).
 */
public final class ManifestJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ManifestJson() {}

  /**
   * The last script text quoted as a JSON string, and that text: a sweep writes the same script
   * into every point's manifest, and escaping it there was a fifth of a point's writing time.
   */
  private static volatile String[] lastQuoted = {"", "\"\""};

  /**
   * The text as a JSON string literal, quotes included, as the generator writes a string field
   * (it escapes a surrogate pair as two {@code \\u} escapes, which Jackson's stand-alone string
   * encoder does not).
   */
  static String quoted(String text) throws IOException {
    String[] last = lastQuoted;
    if (last[0].equals(text)) return last[1];
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length() + 16);
    try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeString(text);
    }
    String q = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    lastQuoted = new String[] {text, q};
    return q;
  }

  /** Writes the manifest to out (not closed). */
  static void write(OutputStream out, Manifest m) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("dyn", Manifest.dynVersion());
      g.writeStringField("status", m.status == null ? "running" : m.status.json);
      if (m.exitCode >= 0) g.writeNumberField("exit_code", m.exitCode);
      g.writeObjectFieldStart("script");
      g.writeStringField("path", m.plan.script());
      if (m.scriptSha256 != null) g.writeStringField("sha256", m.scriptSha256);
      if (m.scriptText != null) {
        g.writeFieldName("text");
        g.writeRawValue(quoted(m.scriptText));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("command");
      for (String a : m.command) g.writeString(a);
      g.writeEndArray();
      g.writeObjectFieldStart("overrides");
      for (Map.Entry<String, String> o : m.overrides.entrySet()) g.writeStringField(o.getKey(), o.getValue());
      g.writeEndObject();
      g.writeObjectFieldStart("params");
      for (Plan.ParamValue p : m.plan.params()) {
        g.writeObjectFieldStart(p.name());
        JsonNumbers.field(g, "value", p.value());
        g.writeBooleanField("overridden", p.overridden());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("seeds");
      for (Manifest.Seed s : Manifest.seeds(m.plan)) {
        g.writeStartObject();
        g.writeStringField("step", s.step());
        if (s.values().size() == 1 && !s.kind().equals("streams")) {
          g.writeNumberField(s.kind(), s.values().get(0));
        } else {
          g.writeArrayFieldStart(s.kind());
          for (long v : s.values()) g.writeNumber(v);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("backend", m.backend);
      g.writeObjectFieldStart("java");
      g.writeStringField("version", System.getProperty("java.version"));
      g.writeStringField("vendor", System.getProperty("java.vendor"));
      g.writeStringField("vm", System.getProperty("java.vm.name"));
      g.writeEndObject();
      g.writeStringField("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      if (m.started != null) g.writeStringField("started", m.started.toString());
      if (m.finished != null) g.writeStringField("finished", m.finished.toString());
      if (!Double.isNaN(m.seconds)) g.writeNumberField("seconds", m.seconds);
      g.writeObjectFieldStart("properties");
      for (Map.Entry<String, String> p : m.properties.entrySet()) g.writeStringField(p.getKey(), p.getValue());
      g.writeEndObject();
      g.writeArrayFieldStart("outputs");
      for (Manifest.Output o : m.outputs) {
        g.writeStartObject();
        g.writeStringField("path", o.path());
        g.writeStringField("sha256", o.sha256());
        g.writeNumberField("bytes", o.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("failures");
      for (String f : m.failures) g.writeString(f);
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /**
   * Reads a manifest (or any JSON document) into plain values: objects as ordered maps, arrays as
   * lists, numbers as Long or Double, strings, booleans and null.
   */
  public static Map<String, Object> read(Path file) throws IOException {
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException(file + ": not a JSON object");
      @SuppressWarnings("unchecked")
      Map<String, Object> root = (Map<String, Object>) value(p);
      return root;
    }
  }

  private static Object value(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(value(p));
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + p.currentToken());
    }
  }
}
