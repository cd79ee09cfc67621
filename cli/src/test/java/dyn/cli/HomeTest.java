package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the stdlib is shown from: relative to the working directory when below it. */
class HomeTest {
  @Test
  void aStdlibBelowTheWorkingDirectoryIsShownRelative() {
    Path cwd = Path.of("/work/dyn").toAbsolutePath();
    assertEquals(Path.of("stdlib"), Home.shown(Path.of("/work/dyn/stdlib"), cwd));
    assertEquals(Path.of("stdlib"), Home.shown(Path.of("/work/dyn/cli/../stdlib"), cwd));
    // Elsewhere (a checkout run from another folder, the tests' cli/ module) it stays absolute.
    assertEquals(Path.of("/opt/dyn/stdlib"), Home.shown(Path.of("/opt/dyn/stdlib"), cwd));
    assertEquals(Path.of("/work/stdlib"), Home.shown(Path.of("/work/stdlib"), cwd));
    assertEquals(Path.of("/work/dyn"), Home.shown(Path.of("/work/dyn"), cwd));
  }
}
