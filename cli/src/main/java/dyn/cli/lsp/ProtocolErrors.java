package dyn.cli.lsp;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Reads messages like LSP4J's own reader, but answers one it cannot read. LSP4J only logs a
 * message that is not JSON, or a frame without {@code Content-Length}; JSON-RPC 2.0 asks for an
 * error response with a null id ({@code -32700} parse error, {@code -32600} invalid request), so
 * a client sees why nothing happened and the server keeps reading.
 */
final class ProtocolErrors extends StreamMessageProducer {
  private final MessageConsumer outgoing;

  ProtocolErrors(InputStream input, MessageJsonHandler json, MessageIssueHandler issues, MessageConsumer outgoing) {
    super(input, json, issues);
    this.outgoing = outgoing;
  }

  /**
   * Checks that the body is one JSON object before LSP4J reads it: LSP4J's reader answers nothing
   * for a body cut short inside an object, and cannot tell the client which message was bad.
   */
  @Override
  protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
    byte[] body = input.readNBytes(headers.contentLength);
    if (body.length < headers.contentLength) return false; // the input ended inside the frame
    String text;
    try {
      text = new String(body, headers.charset);
    } catch (UnsupportedEncodingException e) {
      send(ResponseErrorCode.InvalidRequest, "unknown charset `" + headers.charset + "` in Content-Type");
      return true;
    }
    try {
      if (!JsonParser.parseString(text).isJsonObject()) {
        send(ResponseErrorCode.InvalidRequest, "a message must be a JSON object");
        return true;
      }
    } catch (JsonParseException e) {
      send(ResponseErrorCode.ParseError, "message is not valid JSON: " + detail(e));
      return true;
    }
    return super.handleMessage(new ByteArrayInputStream(body), headers);
  }

  private void send(ResponseErrorCode code, String message) {
    ResponseMessage response = new ResponseMessage();
    response.setError(new ResponseError(code, message, null));
    try {
      outgoing.consume(response);
    } catch (RuntimeException e) {
      // The client is gone; the reader will see the end of its input.
    }
  }

  @Override
  protected void fireError(Throwable error) {
    boolean json = error instanceof JsonParseException || error.getCause() instanceof JsonParseException;
    send(json ? ResponseErrorCode.ParseError : ResponseErrorCode.InvalidRequest,
        (json ? "message is not valid JSON: " : "unreadable message: ") + detail(error));
  }

  /** The innermost message (Gson wraps its reader's), without Java class names. */
  private static String detail(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause().getMessage() != null) t = t.getCause();
    String s = t.getMessage();
    if (s == null) return "(no detail)";
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
