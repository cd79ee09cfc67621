package dyn.cli.lsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** LSP base-protocol framing for tests: {@code Content-Length: N\r\n\r\n} then N bytes of JSON. */
final class Frames {
  private Frames() {}

  static byte[] frame(String... bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String body : bodies) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** The bodies of a framed stream, checking each frame's length (throws on a bad frame). */
  static List<String> bodies(byte[] stream) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < stream.length) {
      int headerEnd = indexOf(stream, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), i);
      if (headerEnd < 0) throw new IllegalArgumentException("no header end after byte " + i);
      String header = new String(stream, i, headerEnd - i, StandardCharsets.US_ASCII);
      int length = -1;
      for (String line : header.split("\r\n")) {
        if (line.startsWith("Content-Length:")) length = Integer.parseInt(line.substring(15).trim());
      }
      if (length < 0) throw new IllegalArgumentException("no Content-Length in " + header);
      int start = headerEnd + 4;
      if (start + length > stream.length) throw new IllegalArgumentException("frame at byte " + i + " is cut short");
      out.add(new String(stream, start, length, StandardCharsets.UTF_8));
      i = start + length;
    }
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
