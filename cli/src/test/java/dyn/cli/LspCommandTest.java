package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code dyn lsp} on the command line: usage, and the exit code of a client that goes away. */
class LspCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommand() {
    assertEquals(ExitCodes.OK, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("  lsp "), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aScriptArgumentIsAUsageError() {
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("lsp", "examples/saddle_linear.dyn"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: `dyn lsp` takes no script"), err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8), "stdout is the protocol's alone");
  }

  @Test
  void endOfInputWithoutShutdownExitsWithOne() {
    // LSP: exit code 1 when the client leaves without `shutdown`; --stdio is what VS Code appends.
    assertEquals(1, run("lsp", "--stdio"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
