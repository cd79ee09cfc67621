package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden transcripts: {@code repl/NAME.repl} fed line by line as piped input must print exactly
 * {@code repl/NAME.out}. Only transcripts without training, whose output holds no timings.
 */
class ReplTranscriptTest {
  @TempDir Path out;

  @Test
  void basics() throws IOException {
    assertEquals(read("repl/basics.out"), transcript(read("repl/basics.repl")));
  }

  private String transcript(String input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReplSession session = new ReplSession(ReplSessionTest.STDLIB, out, false);
    Repl.plain(session, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = ReplTranscriptTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IOException("missing test resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
