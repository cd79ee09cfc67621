package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input to the {@code dyn} command (issue 20), generated here rather than checked in:
 * every case ends in a positioned diagnostic or a named usage error with exit 2, never an
 * internal error, a stack trace or work done before the problem is noticed.
 */
class HostileInputTest {
  static final Path EXAMPLES = Path.of(System.getProperty("dyn.root", "..")).resolve("examples");

  @TempDir Path dir;

  private Path script(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static void assertClean(CliRun r) {
    assertFalse(r.err().contains("internal error"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void aLongGeneratedSumChecksAndATooLongOneIsRefusedWithItsPosition() throws IOException {
    Path ok = script("ok.dyn", "param a = " + String.join(" + ", Collections.nCopies(2000, "1")) + "\n");
    CliRun r = CliRun.of("check", ok.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    Path tooDeep = script("deep.dyn", "param a = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n");
    r = CliRun.of("plan", tooDeep.toString());
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertClean(r);
    // Column 11 is the first `(`; level 10,001 opens at the 10,001st.
    assertTrue(r.err().startsWith(tooDeep + ":1:10011: error: expression nested deeper than 10,000 levels"), r.err());
  }

  @Test
  void aBinaryScriptIsNotUtf8Text() throws IOException {
    Path binary = dir.resolve("ls");
    Files.write(binary, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xFF});
    CliRun r = CliRun.of("check", binary.toString());
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertEquals("error: cannot read " + binary + ": not UTF-8 text: byte 0xFF at offset 8 (line 1) is not valid UTF-8\n", r.err());
  }

  @Test
  void anOutputFolderThatIsAFileIsRefusedBeforeAnythingRuns() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "not a folder");
    CliRun r = CliRun.of("run", EXAMPLES.resolve("saddle_linear.dyn").toString(), "--out", file.toString());
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertEquals("error: cannot write outputs to " + file + ": it exists and is not a folder\n"
        + "   = help: choose a folder that can be created and written with --out DIR; nothing was run\n", r.err());
    assertEquals("", r.out(), "nothing ran, not even the header");
    r = CliRun.of("run", EXAMPLES.resolve("saddle_linear.dyn").toString(), "--out", file.resolve("sub").toString());
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertTrue(r.err().startsWith("error: cannot write outputs to " + file.resolve("sub") + ": " + file
        + " is a file, not a folder\n"), r.err());
    assertEquals("not a folder", Files.readString(file), "the file is untouched");
  }

  @Test
  void commandLineMistakesAreNamedInDynsWords() {
    CliRun r = CliRun.of("run", "a.dyn", "--out");
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertTrue(r.err().startsWith("error: option --out needs a value: --out DIR\n"), r.err());
    r = CliRun.of("run", "a.dyn", "=5");
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, r.code());
    assertTrue(r.err().startsWith("error: `=5` has no parameter name: write NAME=VALUE, e.g. lr=5\n"), r.err());
    r = CliRun.of("run", "a.dyn", "lr", "=", "5");
    assertTrue(r.err().startsWith("error: a lone `=`: write NAME=VALUE without spaces"), r.err());
    r = CliRun.of("check", "a.dyn", "2lr=5");
    assertTrue(r.err().startsWith("error: `2lr=5`: `2lr` is not a parameter name"), r.err());
    r = CliRun.of("check", "a.dyn", "--jsn");
    assertTrue(r.err().startsWith("error: unknown option `--jsn` for `dyn check`"), r.err());
  }
}
