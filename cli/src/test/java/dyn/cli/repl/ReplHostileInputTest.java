package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL survives hostile input (issue 20): a chunk nested deeper than any pass can recurse, a
 * binary file given to {@code :load}. Before, the first printed a Java stack trace and ended the
 * session; the second said "Input length = 1".
 */
class ReplHostileInputTest {
  @TempDir Path dir;

  private ReplSession session() {
    return new ReplSession(ReplSessionTest.STDLIB, dir.resolve("out"), false);
  }

  private static String rendered(ReplResult r) {
    assertInstanceOf(ReplResult.Diagnostics.class, r, () -> "expected diagnostics, got " + r);
    return ((ReplResult.Diagnostics) r).rendered();
  }

  @Test
  void aDeepChunkIsRefusedAndTheSessionGoesOn() {
    ReplSession s = session();
    assertEquals("defined param a\n", ((ReplResult.Output) s.submit("param a = 2")).text());
    String flat = "param b = " + String.join(" + ", Collections.nCopies(50_000, "1"));
    assertTrue(rendered(s.submit(flat)).contains("error: expression nested deeper than 10,000 levels"));
    // 3,000 levels are well inside the limit: they compile, and `a` from before is still there.
    ReplResult ok = s.submit("param c = a * " + "(".repeat(3000) + "1" + ")".repeat(3000));
    assertEquals("defined param c\n", ((ReplResult.Output) ok).text());
  }

  @Test
  void loadingABinarySaysItIsNotUtf8() throws IOException {
    Path binary = dir.resolve("ls");
    Files.write(binary, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xC3, 0x28});
    String text = rendered(session().submit(":load " + binary));
    // 0xC3 opens a two-byte character; 0x28 cannot continue it, so the first bad byte is 0xC3 at 8.
    assertEquals("error: cannot read " + binary + ": not UTF-8 text: byte 0xC3 at offset 8 (line 1) is not valid UTF-8\n", text);
  }
}
