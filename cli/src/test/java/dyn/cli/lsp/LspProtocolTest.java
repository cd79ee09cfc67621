package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed input gets JSON-RPC errors (codes from the JSON-RPC 2.0 spec) and the server keeps
 * answering the messages after it: never a crash, never a stack trace on stdout.
 */
class LspProtocolTest {
  static final String URI = "file:///study/demo.dyn";

  static List<JsonObject> serve(byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LspServer.serve(new ByteArrayInputStream(input), out, LspSessionTest.STDLIB, false);
    List<JsonObject> messages = new ArrayList<>();
    for (String body : Frames.bodies(out.toByteArray())) messages.add(JsonParser.parseString(body).getAsJsonObject());
    return messages;
  }

  static String request(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
  }

  static String open(String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
        + "\",\"languageId\":\"dyn\",\"version\":1,\"text\":" + new com.google.gson.Gson().toJson(text) + "}}}";
  }

  static String hoverAt(int id, int line, int character) {
    return request(id, "textDocument/hover", "{\"textDocument\":{\"uri\":\"" + URI + "\"},\"position\":{\"line\":" + line
        + ",\"character\":" + character + "}}");
  }

  static JsonObject response(List<JsonObject> messages, int id) {
    for (JsonObject m : messages) if (m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id) return m;
    throw new AssertionError("no response to request " + id + " in " + messages);
  }

  static int errorCode(JsonObject m) {
    return m.getAsJsonObject("error").get("code").getAsInt();
  }

  @Test
  void badJsonGetsAParseErrorAndTheNextRequestIsAnswered() {
    List<JsonObject> out = serve(Frames.frame(request(1, "initialize", "{\"capabilities\":{}}"), "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\"", "[1, 2", "42",
        request(3, "shutdown", null)));
    assertTrue(response(out, 1).has("result"));
    List<JsonObject> parseErrors = new ArrayList<>();
    for (JsonObject m : out) if (m.has("error") && m.get("id").isJsonNull()) parseErrors.add(m);
    assertEquals(3, parseErrors.size(), out.toString());
    assertEquals(-32700, errorCode(parseErrors.get(0)));
    assertTrue(response(out, 3).has("result"), "answered after the bad messages");
  }

  @Test
  void unknownMethodsAndUnopenedDocumentsGetErrors() {
    List<JsonObject> out = serve(Frames.frame(
        request(1, "dyn/noSuchThing", "{}"),
        "{\"jsonrpc\":\"2.0\",\"method\":\"dyn/noSuchNotification\",\"params\":{}}",
        hoverAt(2, 0, 0),
        request(3, "textDocument/hover", null),
        request(4, "shutdown", null)));
    assertEquals(-32601, errorCode(response(out, 1)), "method not found");
    assertEquals(-32602, errorCode(response(out, 2)), "invalid params: the document was never opened");
    JsonObject noParams = response(out, 3);
    assertEquals(-32602, errorCode(noParams), "a hover without params is invalid params, not a crash");
    assertTrue(noParams.toString().contains("textDocument/hover needs params"), noParams.toString());
    assertTrue(!noParams.toString().contains("Exception"), "no Java exception without --debug: " + noParams);
    assertTrue(response(out, 4).has("result"));
  }

  @Test
  void aHugeDocumentGetsOneDiagnosticAndTheServerCarriesOn() {
    StringBuilder huge = new StringBuilder("param a = 1\n");
    while (huge.length() <= LspServer.MAX_DOCUMENT_CHARS) huge.append("# filler filler filler filler filler filler\n");
    List<JsonObject> out = serve(Frames.frame(open(huge.toString()), hoverAt(1, 0, 7), request(2, "shutdown", null)));
    JsonObject published = out.get(0);
    assertEquals("textDocument/publishDiagnostics", published.get("method").getAsString());
    JsonObject d = published.getAsJsonObject("params").getAsJsonArray("diagnostics").get(0).getAsJsonObject();
    assertEquals("too-large", d.get("code").getAsString());
    assertTrue(d.get("message").getAsString().contains(huge.length() + " characters"), d.toString());
    assertTrue(response(out, 1).get("result").isJsonNull(), "no hover in an unanalysed document, but an answer");
    assertTrue(response(out, 2).has("result"));
  }

  @Test
  void deeplyNestedInputIsADiagnosticNotACrash() {
    String deep = "param a = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n";
    List<JsonObject> out = serve(Frames.frame(open(deep), hoverAt(1, 0, 7), request(2, "shutdown", null)));
    JsonObject d = out.get(0).getAsJsonObject("params").getAsJsonArray("diagnostics").get(0).getAsJsonObject();
    // The parser's own nesting limit answers first (the server's "too-deep" is its fallback).
    assertTrue(d.get("message").getAsString().contains("nested deeper than"), d.toString());
    assertTrue(response(out, 1).has("result"));
    assertTrue(response(out, 2).has("result"));
  }

  @Test
  void aFrameCutShortAtTheEndOfInputEndsTheSessionQuietly() {
    byte[] whole = Frames.frame(request(1, "shutdown", null));
    byte[] tail = "Content-Length: 500\r\n\r\n{\"json".getBytes(StandardCharsets.US_ASCII);
    byte[] cut = new byte[whole.length + tail.length];
    System.arraycopy(whole, 0, cut, 0, whole.length);
    System.arraycopy(tail, 0, cut, whole.length, tail.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, LspServer.serve(new ByteArrayInputStream(cut), out, LspSessionTest.STDLIB, false),
        "shut down before the input ended: exit code 0");
    assertEquals(1, Frames.bodies(out.toByteArray()).size());
  }
}
