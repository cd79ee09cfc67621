package dyn.compiler.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A script's text and the path it is shown under in diagnostics.
 *
 * @param path the path as the user gave it (shown verbatim in {@code file:line:col})
 * @param text the whole text
 */
public record Source(String path, String text) {
  /**
   * Reads a file as UTF-8, skipping a byte-order mark (some Windows editors write one).
   *
   * @throws NotUtf8Exception where a byte is not UTF-8, with its offset, instead of the JDK's
   *     "Input length = 1"
   */
  public static Source read(Path file) throws IOException {
    return new Source(file.toString(), decode(Files.readAllBytes(file)));
  }

  /** The text of UTF-8 bytes, without a leading byte-order mark. */
  public static String decode(byte[] bytes) throws NotUtf8Exception {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // The buffer's position is an index into the whole array, so an error's offset counts the mark.
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start); // UTF-8 never decodes to more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') line++;
      }
      throw new NotUtf8Exception(at, at < bytes.length ? bytes[at] : 0, line);
    }
    out.flip();
    return out.toString();
  }

  /*
   * equals and hashCode by hand, the same as the record's: a source is the one record hashed on
   * every run's path (Parse keeps recent parses by source), and the record's generated methods
   * link through java.lang.runtime.ObjectMethods, whose first use in a process spins ~15
   * method-handle classes that Java 17's class-data archive cannot hold: ~35 ms of the main
   * thread before the first compile (bench/README.md, "Start-up").
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Source s && Objects.equals(path, s.path) && Objects.equals(text, s.text);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(path) + Objects.hashCode(text);
  }

  /** A source made of lines, for tests. */
  public static Source ofLines(String path, String... lines) {
    return new Source(path, String.join("\n", lines) + "\n");
  }
}
