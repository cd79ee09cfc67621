package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code dyn repl} driven through its input stream, as {@code echo … | dyn repl} would. */
class ReplMainTest {
  @Test
  void pipedSessionRunsUntilQuit() {
    String input = String.join("\n",
        "import models",
        "import datasets",
        "data teacher = linear_teacher(d = 4, out = 4, n = 100,",
        "                              singular_values = [3, 1], seed = 0)",
        "model net = two_layr(d = 4, width = 4, out = 4)",
        "model net = two_layer(d = 4, width = 4, out = 4, scale = 1e-3, seed = 1)",
        "train gf = flow(net, teacher, until = 12)",
        "check final(gf.loss) < 1e-3",
        ":quit",
        "param after_quit = 1",
        "");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"repl"}, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    String out = o.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, out);
    assertTrue(out.contains("defined data teacher\n"), "the two-line chunk was one statement: " + out);
    assertTrue(out.contains("<repl>:1:13: error: unknown model `two_layr`"), out);
    assertTrue(out.contains("defined model net\n"), "the session went on after the error: " + out);
    assertTrue(out.matches("(?s).*\ngf: loss \\S+ at t = 12 .*"), out);
    assertTrue(out.contains("check final(gf.loss) < 1e-3: PASS"), out);
    assertFalse(out.contains("after_quit"), out);
    assertEquals("", e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void replHelpAndStrayArguments() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
    ByteArrayInputStream none = new ByteArrayInputStream(new byte[0]);
    assertEquals(0, Main.run(new String[] {"repl", "--help"}, none, out, err));
    assertTrue(o.toString(StandardCharsets.UTF_8).startsWith("usage: dyn repl\n"));
    assertEquals(2, Main.run(new String[] {"repl", "a.dyn"}, none, out, err));
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("use :load FILE"));
  }

  @Test
  void diagnosticsAreThoseOfDynCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String chunk = "import models\nmodel bad = two_layr(d = 4)\nparam p = = 1\n";
    java.nio.file.Path file = dir.resolve("bad.dyn");
    java.nio.file.Files.writeString(file, chunk);
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, Main.run(new String[] {"check", file.toString()}, sink, new PrintStream(e, true, StandardCharsets.UTF_8)));
    ReplResult r = new ReplSession(ReplSessionTest.STDLIB, dir, false).submit(chunk);
    assertTrue(r instanceof ReplResult.Diagnostics, r.toString());
    String rendered = ((ReplResult.Diagnostics) r).rendered();
    assertEquals(e.toString(StandardCharsets.UTF_8), rendered.replace(ReplSession.CHUNK_FILE, file.toString()));
  }
}
