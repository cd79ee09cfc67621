package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dyn.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code dyn lsp < editors/session/saddle.lsp}: a recorded editor session (initialize, open a
 * script with a typo, complete, hover, go to definition, shutdown, exit) piped through the same
 * entry point as the launcher. Its responses, one JSON body per line with the checkout's path
 * written {@code $DYN}, are the golden file beside it ({@code saddle.expected}); with
 * {@code DYN_UPDATE_GOLDEN=1} it is rewritten and the test still fails, as the golden tests do.
 */
class RecordedSessionTest {
  static final Path SESSION = EditorGrammarTest.EDITORS.resolve("session");

  @Test
  void theRecordedSessionGetsTheRecordedResponses() throws Exception {
    byte[] input = Files.readAllBytes(SESSION.resolve("saddle.lsp"));
    Frames.bodies(input); // every frame's Content-Length is right, or this throws
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"lsp"}, new ByteArrayInputStream(input),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    StringBuilder actual = new StringBuilder();
    String root = LspSessionTest.ROOT.toUri().toString(); // file:///…/ with a trailing slash
    for (String body : Frames.bodies(out.toByteArray())) {
      actual.append(body.replace(root, "file://$DYN/")).append('\n');
    }
    assertEquals(0, code, "shutdown then exit: " + err);
    assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr");
    Path expected = SESSION.resolve("saddle.expected");
    if (System.getenv("DYN_UPDATE_GOLDEN") != null || !Files.exists(expected)) {
      Files.writeString(expected, actual.toString());
      fail("wrote " + expected + "; check it and rerun");
    }
    assertEquals(Files.readString(expected), actual.toString());
  }
}
